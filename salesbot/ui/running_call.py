"""Nothing running is lost from view: a strip at the top of the page back to a call left running (and on Transcripts)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import streamlit as st

from salesbot.bootstrap import App
from salesbot.errors import SalesbotError
from salesbot.models import Call, call_shown_status
from salesbot.ui import widgets
from salesbot.ui.customer import show_customer
from salesbot.ui.reveal import RUNNING_STRIPS, reveal
from salesbot.ui.session import PresenterSession, RunningCall, presenter_session

PRESENTER = "views/presenter.py"
_tokens = itertools.count()


def running_elsewhere(session: PresenterSession, *, on_presenter: bool) -> list[RunningCall]:
    """The calls to offer a way back to: those left running, and on another page the presenter's own live call;
    never the call the presenter page is showing."""
    calls = list(session.running) if on_presenter else session.running_after_leaving()
    shown = session.call_id if on_presenter and session.replay is None else None
    return [r for r in calls if r.call_id != shown]


def strip(app: App, *, on_presenter: bool) -> None:
    """A strip at the top of the page for each call running elsewhere: its state, how long it runs, and the way
    back to it; a call that ended says so until the presenter opens or dismisses it."""
    session = presenter_session()
    if not running_elsewhere(session, on_presenter=on_presenter):
        return

    @st.fragment(run_every=max(app.capabilities.poll_seconds, 1.0))  # its clock shows whole seconds
    def strips() -> None:
        with st.container(key="running_strips"):
            for running in running_elsewhere(session, on_presenter=on_presenter):
                one_strip(app, session, running, on_presenter=on_presenter)

    strips()
    reveal(RUNNING_STRIPS, "-".join(str(r.call_id) for r in running_elsewhere(session, on_presenter=on_presenter)))


def one_strip(app: App, session: PresenterSession, running: RunningCall, *, on_presenter: bool) -> None:
    """One call's strip; reading it also keeps the call up to date (nobody else follows it now)."""
    try:
        call: Call | None = app.calls.refresh_call(running.call_id).call
    except SalesbotError:
        call = None  # the store failed: the way back stays, the state is unknown for now
    with st.container(border=True, horizontal=True, vertical_alignment="center", key=f"running_{running.call_id}"):
        st.markdown(strip_text(running, call, datetime.now(UTC)), width="content")
        label = "Back to the call" if call is None or not call.status.is_final else "Open the call"
        if not on_presenter:  # a link to the presenter page, which brings the call back (see bring_back)
            session.link_offered = True
            params = {"customer": str(running.customer_id), "call": str(running.call_id)}
            st.page_link(PRESENTER, label=label, icon=":material/call:", query_params=params)
        elif st.button(label, key=f"back_to_call_{running.call_id}", type="primary", icon=":material/call:"):
            session.back_to = running.call_id
            st.rerun()
        ended = call is not None and call.status.is_final and running in session.running
        if ended and st.button("Dismiss", key=f"dismiss_call_{running.call_id}", icon=":material/close:"):
            session.running.remove(running)
            st.rerun(scope="fragment")


def strip_text(running: RunningCall, call: Call | None, now: datetime) -> str:
    """What the strip says: `● Call with Asha Rao running · 0:42`, or that it ended and how."""
    who = f"Call with **{widgets.md(running.name)}**"
    if call is None:
        return f":material/call: {who} · its state cannot be read just now"
    end = call.ended_at or (None if call.status.is_final else now)
    elapsed = widgets.clock((end - call.started_at).total_seconds() if call.started_at and end else None)
    if call.status.is_final:
        return f"{widgets.status_icon(call)} {who} ended · {call_shown_status(call)} · {elapsed}"
    return f":red[●] {who} running · {elapsed}"


def bring_back(app: App, session: PresenterSession) -> None:
    """The strip's button was pressed, or its link on another page followed (`?call=ID` naming a call left running):
    put that call and its customer on screen (before any widget is drawn)."""
    linked = linked_call(session)
    call_id, session.back_to = session.back_to or linked, None
    if call_id is None:
        return
    try:
        call = app.calls.get_call(call_id)
        if call.customer_id != session.customer_id:
            show_customer(app, session, app.presenter.get_customer(call.customer_id))
    except SalesbotError as e:
        session.start_error = e.user_message
        return
    session.show_call(call.id)
    session.replay = None
    session.reveal = f"call-{call.id}-{next(_tokens)}"


def linked_call(session: PresenterSession) -> int | None:
    """The call left running that the address bar names, when it is not the one on screen and the page was reached
    by a strip's link (any other `?call=` is the page's own, written by the run before)."""
    offered, session.link_offered = session.link_offered, False
    named = st.query_params.get("call", "") if offered else ""
    running = {r.call_id for r in session.running}
    return int(named) if named.isdigit() and int(named) in running and int(named) != session.call_id else None
