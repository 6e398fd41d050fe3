"""Presenter page (the app's start page): customer in, script out, then a live or simulated call with its transcript."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import streamlit as st

from salesbot import ui
from salesbot.countries import DEFAULT_REGION, all_countries
from salesbot.errors import InvalidInput, SalesbotError
from salesbot.models import CallStatus, ScriptOptions
from salesbot.scripts import LANGUAGES, LENGTHS, TONES

st.set_page_config(page_title="salesbot · Presenter", page_icon=":material/call:", layout="wide")
desk = ui.desk()
settings = ui.settings()
ui.sidebar(desk)
state = st.session_state
state.setdefault("attempt_key", uuid.uuid4().hex)

st.title("Live sales-call demo")
left, right = st.columns([1, 1], gap="large")


def stream_script(customer_id: int, options: ScriptOptions, offline: bool = False) -> None:
    """Stream a new script version into the page, then show it in the editor; a failure offers a way on."""
    state.pop("script_failure", None)
    try:
        draft = desk.write_script(customer_id, options, offline=offline)
        with left.container(border=True):
            st.write_stream(draft)
    except SalesbotError as e:
        state["script_failure"] = e.user_message
        st.rerun()
    if draft.script is not None:
        state["script_id"] = draft.script.id
        st.rerun()


def script_failure(options: ScriptOptions) -> None:
    """The last script attempt failed: say why, and offer a retry or the offline writer in one click."""
    st.error(state["script_failure"])
    c1, c2 = st.columns(2)
    if c1.button("Retry", key="retry_script"):
        stream_script(state["customer_id"], options)
    if desk.has_offline_fallback and c2.button("Use the offline writer", key="offline_script"):
        stream_script(state["customer_id"], options, offline=True)


with left:
    st.subheader("Customer")
    countries = all_countries()
    regions = list(countries)
    with st.form("customer_form", enter_to_submit=False):
        st.text_input("Name", key="name", placeholder="Asha Rao")
        slots = {"name": st.empty()}
        st.selectbox(
            "Country",
            regions,
            index=regions.index(DEFAULT_REGION),
            key="country",
            format_func=lambda r: countries[r].label,
        )
        slots["country_code"] = st.empty()
        st.text_input("Phone number", key="phone", placeholder="98765 43210")
        slots["phone_number"] = st.empty()
        st.text_input("Email", key="email", placeholder="asha@example.com (optional)")
        slots["email"] = st.empty()
        st.text_area("Conversation history", key="history", height=110, placeholder="What was said so far (optional)")
        slots["conversation_history"] = st.empty()
        st.text_area("Topics to discuss", key="topics", height=90, placeholder="One per line, e.g. Pricing")
        slots["topics"] = st.empty()
        c1, c2, c3 = st.columns(3)
        c1.selectbox("Tone", TONES, index=TONES.index("consultative"), key="tone")
        c2.selectbox("Language", LANGUAGES, key="language")
        c3.selectbox("Length", LENGTHS, index=LENGTHS.index("standard"), key="length")
        st.text_input("What we're selling", key="offer", value=settings.offer)
        generate = st.form_submit_button("Generate script", type="primary", key="generate")

    options = ScriptOptions(
        tone=state["tone"], language=state["language"], length=state["length"], offer=state["offer"]
    )
    if generate:
        form = {
            "name": state["name"],
            "country_code": state["country"],
            "phone_number": state["phone"],
            "email": state["email"],
            "conversation_history": state["history"],
            "topics": state["topics"],
        }
        try:
            customer = desk.save_customer(form)
        except InvalidInput as e:
            for field, message in e.field_errors.items():
                slots.get(field, slots["name"]).error(message)
            st.error("Nothing was saved: please correct the fields marked above.")
        except SalesbotError as e:
            st.error(e.user_message)
        else:
            state["customer_id"] = customer.id
            stream_script(customer.id, options)

    if "customer_id" in state and "script_failure" in state:
        script_failure(options)
    if "customer_id" in state:
        st.subheader("Script")
        versions = {v.id: v for v in desk.list_scripts(state["customer_id"])}
        if versions:
            if state.get("script_id") not in versions:
                state["script_id"] = next(iter(versions))
            # Sync the widgets to the chosen version before they are drawn (a version chosen in code).
            state["script_version"] = state["script_id"]
            if state.get("editor_for") != state["script_id"]:
                state["script_editor"] = versions[state["script_id"]].script
                state["editor_for"] = state["script_id"]
            numbers = {vid: len(versions) - i for i, vid in enumerate(versions)}
            st.selectbox(
                "Script version",
                list(versions),
                key="script_version",
                on_change=lambda: state.update(script_id=state["script_version"]),
                format_func=lambda vid: (
                    f"v{numbers[vid]} · {versions[vid].writer} · {versions[vid].created_at:%H:%M:%S}"
                ),
            )
            st.text_area("Script", key="script_editor", height=420)
            b1, b2 = st.columns(2)
            if b1.button("Save edits", key="save_edits"):
                try:
                    saved = desk.save_script_edit(versions[state["script_id"]], state["script_editor"])
                    state["script_id"] = state["editor_for"] = saved.id
                    st.rerun()
                except SalesbotError as e:
                    st.error(e.user_message)
            if b2.button("Regenerate script", key="regenerate"):
                stream_script(state["customer_id"], options)

with right:
    st.subheader("Call")
    if not desk.telephony.dials_real_phones:
        st.info("Simulated call: no phone will be dialled. The customer's side is played by a rule-based persona.")
    else:
        st.warning(
            f"Real call: {desk.telephony.name.title()} AI will dial the customer's phone. "
            f"A call lasts at most {desk.telephony.max_minutes} minutes."
        )
        st.checkbox("I have permission to call this number", key="consent")
    script_id = state.get("script_id")
    call_id = state.get("call_id")
    current = desk.get_call(call_id) if call_id else None
    live = current is not None and not current.status.is_final
    if script_id is None:
        st.caption("Generate a script to start a call.")
    elif st.button(
        "Start call",
        key="start_call",
        type="primary",
        disabled=live or (desk.telephony.dials_real_phones and not state.get("consent")),
    ):
        try:
            chosen = desk.get_script(script_id)
            script = desk.save_script_edit(chosen, state.get("script_editor", chosen.script))
            state["script_id"] = state["editor_for"] = script.id
            current = desk.start_call(script, state["attempt_key"], consent=bool(state.get("consent")))
            state["call_id"] = current.id
            st.rerun()  # redraw with the button disabled and the live panel polling
        except SalesbotError as e:
            st.error(e.user_message)

    if current is not None:
        state["call_live"] = live

        @st.fragment(run_every=settings.poll_seconds if live else None)
        def live_panel() -> None:
            call_id = state["call_id"]
            try:
                call = desk.refresh_call(call_id)
            except SalesbotError as e:
                st.error(e.user_message)
                return
            st.markdown(ui.status_line(call, datetime.now(UTC)))
            if call.status is CallStatus.UNKNOWN and call.error_message:
                st.warning(call.error_message)
            ui.transcript(call)
            r1, r2 = st.columns(2)
            r1.button("Refresh transcript", key="refresh_transcript")
            if r2.button("Stop call", key="stop_call", disabled=call.status.is_final):
                try:
                    call = desk.stop_call(call_id)
                except SalesbotError as e:
                    st.error(e.user_message)
            if call.status.is_final:
                if state.get("call_live"):  # the call just ended: show the outcome, stop polling, new attempt
                    state["call_live"] = False
                    state["attempt_key"] = uuid.uuid4().hex
                    st.rerun()
                if call.error_message:
                    st.error(call.error_message)
                else:
                    st.success(f"Call {call.status.label} after {ui.clock(call.duration_seconds)}.")
                ui.recording(call)
                ui.analysis(desk, call, key="presenter")

        live_panel()
