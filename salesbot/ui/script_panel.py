"""The presenter's script: a new version streamed in, a failed one retried, the versions picked, edited and saved."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from salesbot.bootstrap import App
from salesbot.errors import SalesbotError
from salesbot.models import Customer, CustomerForm, SalesScript, ScriptOptions, version_numbers
from salesbot.ui.session import PresenterSession

EDITOR_HEIGHT = 420
FAILURE = "script_failure"  # session key of the last writer's failure, shown with Retry until a version is written


@dataclass(frozen=True)
class ScriptDesk:
    """Where scripts are written for the form on screen: the App, the session, the column and who writes."""

    app: App
    session: PresenterSession
    column: DeltaGenerator
    form: CustomerForm
    options: ScriptOptions
    by: str = ""

    def stream(self, customer_id: int, offline: bool = False, place: DeltaGenerator | None = None) -> None:
        """Stream a new script version as text into `place` (the editor's, on Regenerate; else the column's end);
        on success it is the version on screen for this form."""
        st.session_state.pop(FAILURE, None)
        try:
            draft = self.app.presenter.write_script(customer_id, self.options, offline=offline, by=self.by)
            box = (place or self.column).container(height=EDITOR_HEIGHT, border=True, autoscroll=True)
            box.caption("Writing a new version…")
            streamed_text(draft, box.empty())
        except SalesbotError as e:
            st.session_state[FAILURE] = e.user_message
            st.rerun()
        if draft.script is not None:
            self.session.script_id, self.session.saved_form = draft.script.id, self.form
            st.rerun()


def streamed_text(chunks: Iterable[str], slot: DeltaGenerator, every: float = 0.05) -> str:
    """Show the text as it arrives, as text (no Markdown or HTML from a model), its line breaks kept; at most one
    redraw per `every` seconds, and the whole text at the end."""
    text, drawn = "", 0.0
    for chunk in chunks:
        text += chunk
        if time.monotonic() - drawn >= every:
            slot.text(text)
            drawn = time.monotonic()
    slot.text(text)
    return text


def script_panel(desk: ScriptDesk, customer: Customer, versions: dict[int, SalesScript], changed: bool) -> None:
    """The writer's failure with Retry, then the version picker, the editor, Save edits and Regenerate (disabled
    while the form describes someone else)."""
    state, session = st.session_state, desk.session
    if FAILURE in state:
        st.error(state[FAILURE])
        f1, f2 = st.columns(2)
        if f1.button("Retry", key="retry_script"):
            desk.stream(customer.id)
        if desk.app.presenter.has_offline_fallback and f2.button("Use the offline writer", key="offline_script"):
            desk.stream(customer.id, offline=True)
    if not versions:
        return
    st.subheader("Script")
    if session.script_id not in versions:
        session.script_id = next(iter(versions))
    state["script_version"] = session.script_id  # a version chosen in code shows in the picker
    if session.editor_for != session.script_id or "script_editor" not in state:
        state["script_editor"] = versions[session.script_id].script
        session.editor_for = session.script_id
    numbers = version_numbers(list(versions.values()))  # as the Transcripts page, CSV and report number them
    st.selectbox(
        "Script version",
        list(versions),
        key="script_version",
        on_change=lambda: setattr(session, "script_id", state["script_version"]),
        format_func=lambda vid: f"v{numbers[vid]} · {versions[vid].writer} · {versions[vid].created_at:%H:%M:%S}",
    )
    editor = st.empty()  # Regenerate streams the new version here, in the editor's place
    editor.text_area("Script", key="script_editor", height=EDITOR_HEIGHT, persist_state="session")
    b1, b2 = st.columns(2)
    if b1.button("Save edits", key="save_edits"):
        try:
            saved = desk.app.presenter.save_script_edit(session.script_id, state["script_editor"], by=desk.by)
            session.script_id = session.editor_for = saved.id
            st.rerun()
        except SalesbotError as e:
            st.error(e.user_message)
    if b2.button("Regenerate script", key="regenerate", disabled=changed):
        desk.stream(customer.id, place=editor)
