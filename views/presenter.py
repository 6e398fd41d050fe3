"""Presenter page: customer in, script out, then a live or simulated call (or a replay) with its transcript."""

from __future__ import annotations

import time

import streamlit as st

from salesbot import ui
from salesbot.countries import all_countries
from salesbot.errors import InvalidInput, NumberBusy, SalesbotError
from salesbot.forms import CustomerForm
from salesbot.models import Call, Customer, ScriptOptions
from salesbot.playbook.personas import PERSONA_LABELS
from salesbot.scripts import LANGUAGES, LENGTHS, TONES
from salesbot.services.place_call import CallRequest
from salesbot.services.scripts import version_numbers
from salesbot.ui import speech, widgets
from salesbot.ui.call_panel import live_panel, replay_panel
from salesbot.ui.customer import (
    load_picked,
    phone_label,
    replay_from_url,
    restore_from_url,
    show_customer,
    sync_url,
    typed_form,
)
from salesbot.ui.session import PresenterSession, Replay, presenter_session
from salesbot.ui.signin import signed_in_email

app = ui.app()
user = signed_in_email()  # recorded on the customers, script versions and calls created here ("" without sign-in)
caps = app.capabilities
session = presenter_session()
state = st.session_state
PACES = sorted({1.0, 2.0, 4.0, caps.sim_speed})


if not session.restored_from_url:
    restore_from_url(app, session)
replay_from_url(app, session)
if session.call_id is not None or session.replay is not None:  # on a phone, the call comes first once there is one
    st.html("<style>@media (max-width: 640px) {[data-testid='stColumn']:has(.st-key-call_panel) {order: -1;}}</style>")
head, new = st.columns([4, 1], vertical_alignment="bottom")
head.title("Live sales-call demo")
new.button(
    "New customer", key="new_customer", icon=":material/person_add:", on_click=show_customer, args=(app, session, None)
)

customer, versions = None, {}
try:
    customer = app.presenter.get_customer(session.customer_id) if session.customer_id else None
    versions = {v.id: v for v in app.presenter.list_scripts(customer.id)} if customer else {}
    session.customer = customer
except SalesbotError as e:  # keep the page (and a running call) on screen with what is known
    st.error(e.user_message)
    customer = session.customer if session.customer and session.customer.id == session.customer_id else None
left, right = st.columns([1, 1], gap="large")


def stream_script(customer: Customer, form: CustomerForm, options: ScriptOptions, offline: bool = False) -> None:
    """Stream a new script version into the page; on success it is the version on screen for this form."""
    state.pop("script_failure", None)
    try:
        draft = app.presenter.write_script(customer.id, options, offline=offline, by=user)
        with left.container(border=True):
            st.write_stream(draft)
    except SalesbotError as e:
        state["script_failure"] = e.user_message
        st.rerun()
    if draft.script is not None:
        session.script_id, session.saved_form = draft.script.id, form
        st.rerun()


with left:
    with st.expander("Find a saved customer", icon=":material/search:"):
        query = st.text_input("Name or number", key="find_query", placeholder="e.g. Asha or 98765")
        try:
            matches = {c.id: c for c in app.presenter.find_customers(query)}
        except SalesbotError as e:
            matches = {}
            st.warning(e.user_message)
        st.selectbox(
            "Customer",
            list(matches),
            index=None,
            key="find_pick",
            placeholder="Choose a customer to load" if matches else "No customer matches",
            format_func=lambda cid: f"{matches[cid].name} · {phone_label(matches[cid].phone_e164)}",
            on_change=load_picked,
            args=(app, session),
        )

    st.subheader("Customer")
    countries = all_countries()
    state.setdefault("country", "IN")
    st.text_input("Name", key="name", placeholder="Asha Rao", persist_state="session")
    slots = {"name": st.empty()}
    st.selectbox(
        "Country", list(countries), key="country", format_func=lambda r: countries[r].label, persist_state="session"
    )
    slots["country_code"] = st.empty()
    st.text_input("Phone number", key="phone", placeholder="98765 43210", persist_state="session")
    slots["phone_number"] = st.empty()
    st.text_input("Email", key="email", placeholder="asha@example.com (optional)", persist_state="session")
    slots["email"] = st.empty()
    st.text_area(
        "Conversation history", key="history", height=110, placeholder="What was said so far (optional)",
        persist_state="session",
    )  # fmt: skip
    slots["conversation_history"] = st.empty()
    st.text_area("Topics to discuss", key="topics", height=90, placeholder="One per line, e.g. Pricing",
                 persist_state="session")  # fmt: skip
    slots["topics"] = st.empty()
    c1, c2, c3 = st.columns(3)
    c1.selectbox("Tone", TONES, index=TONES.index("consultative"), key="tone", persist_state="session")
    c2.selectbox("Language", LANGUAGES, key="language", persist_state="session")
    c3.selectbox("Length", LENGTHS, index=LENGTHS.index("standard"), key="length", persist_state="session")
    st.text_input("What we're selling", key="offer", value=ui.settings().offer, persist_state="session")
    form = typed_form()
    dirty = session.saved_form is None or not form.equivalent(session.saved_form)
    options = ScriptOptions(
        tone=state["tone"], language=state["language"], length=state["length"], offer=state["offer"]
    )
    if st.button("Generate script", type="primary", key="generate", icon=":material/edit_note:"):
        try:
            saved = app.presenter.save_customer(form, by=user)
        except InvalidInput as e:
            for field, message in e.field_errors.items():
                slots.get(field, slots["name"]).error(message)
            st.error("Nothing was saved: please correct the fields marked above.")
        except SalesbotError as e:
            st.error(e.user_message)
        else:
            if saved.id != session.customer_id:  # someone else: nothing of the previous person stays on screen
                session.forget_customer()
                session.customer_id = saved.id
            stream_script(saved, form, options)

    if customer is not None and "script_failure" in state:
        st.error(state["script_failure"])
        f1, f2 = st.columns(2)
        if f1.button("Retry", key="retry_script"):
            stream_script(customer, form, options)
        if app.presenter.has_offline_fallback and f2.button("Use the offline writer", key="offline_script"):
            stream_script(customer, form, options, offline=True)
    if customer is not None and versions:
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
        st.text_area("Script", key="script_editor", height=420, persist_state="session")
        b1, b2 = st.columns(2)
        if b1.button("Save edits", key="save_edits"):
            try:
                saved_script = app.presenter.save_script_edit(session.script_id, state["script_editor"], by=user)
                session.script_id = session.editor_for = saved_script.id
                st.rerun()
            except SalesbotError as e:
                st.error(e.user_message)
        if b2.button("Regenerate script", key="regenerate", disabled=dirty):
            stream_script(customer, form, options)


def start_call(customer: Customer) -> None:
    """Place the call with the version on screen (its unsaved edits stored first); a failure is kept to show."""
    assert session.script_id is not None
    last = session.last_call
    if last is not None and last.id == session.call_id and last.status.is_final:
        session.new_attempt()  # the previous call is over: this is a new attempt
    request = CallRequest(customer.id, session.script_id, session.attempt_key, bool(state.get("consent")),
                          state.get("pace"), bool(state.get("despite_do_not_call")),
                          state.get("persona") or None, created_by=user,
                          simulated_by=state.get("simulated_by") if caps.rehearsal_model else None)  # fmt: skip
    try:
        call = app.presenter.start_call(request, script_text=state.get("script_editor"))
    except NumberBusy as e:
        session.start_error, session.busy_call_id = e.user_message, e.open_call_id
    except SalesbotError as e:
        session.new_attempt()  # nothing is ringing: the retry is a new attempt, and the only new request
        session.start_error = e.user_message
    else:
        session.start_error = session.busy_call_id = None
        if call.status.is_final:  # this attempt key had already placed a call that is over
            session.new_attempt()
        session.call_id, session.last_call, session.replay = call.id, call, None
        session.script_id = session.editor_for = call.script_id
    st.rerun()  # redraw: the button says Retry after a failure, and is disabled while the call runs


def call_panel(session: PresenterSession, customer: Customer | None) -> None:
    heading, switch = st.columns([3, 2], vertical_alignment="center")  # the switch costs the panel no height
    heading.subheader("Call")
    if not caps.dials_real_phones:
        with switch:
            speech.switch()
    if customer is None or session.script_id is None:
        st.caption("Generate a script to start a call.")
        return
    target = f"**{widgets.md(customer.name)}** · {phone_label(customer.phone_e164)}"
    current = session.last_call if session.last_call and session.last_call.id == session.call_id else None
    if current is None and session.call_id is not None:
        try:
            current = session.last_call = app.calls.get_call(session.call_id)
        except SalesbotError as e:
            st.warning(e.user_message)
    live = session.call_id is not None and (current is None or not current.status.is_final)  # unknown counts as live
    st.markdown(("Calling " if live else "Will call ") + target)
    if not caps.dials_real_phones:
        by_model = caps.rehearsal_model and state.get("simulated_by") != "rules"
        players = f"the language model ({caps.rehearsal_model}) plays" if by_model else "a rule-based persona plays"
        st.caption(f"Simulated: no phone will be dialled; {players} the customer.")
        if caps.rehearsal_model:
            st.segmented_control("Simulated by", ["rules", "model"], default="model", key="simulated_by",
                                 persist_state="session", help="Model: the language model plays both sides, the"
                                 " script on screen as the agent's guide; it falls back to the rules if it fails.")  # fmt: skip
        pace, who = st.columns([2, 3])
        with pace:
            st.segmented_control("Pace", PACES, default=caps.sim_speed, key="pace", format_func=lambda p: f"{p:g}×",
                                 persist_state="session")  # fmt: skip
        who.selectbox("Simulated customer", ["", *PERSONA_LABELS], key="persona", persist_state="session",
                      format_func=lambda p: PERSONA_LABELS.get(p, "Anyone (a realistic mix)"),
                      help="Who answers the simulated call; the analysis never sees this choice.")  # fmt: skip
    else:
        st.warning(f"Real call: {caps.telephony.title()} AI dials this number; at most {caps.max_minutes} minutes.")
        st.checkbox("I have permission to call this number", key="consent")
    refused = do_not_call(customer)
    if dirty:
        st.info("The form has changes. Press Generate script to call the person it describes.")
    label = ("Retry call to " if session.start_error else "Start call to ") + widgets.md(customer.name)
    blocked = dirty or live or session.replay is not None or (caps.dials_real_phones and not state.get("consent"))
    blocked = blocked or (refused and caps.dials_real_phones and not state.get("despite_do_not_call"))
    if st.button(label, key="start_call", type="primary", disabled=blocked, icon=":material/call:"):
        start_call(customer)
    if session.start_error:
        st.error(session.start_error)
        if session.busy_call_id and st.button(f"Open call #{session.busy_call_id}", key="open_busy"):
            session.call_id, session.last_call = session.busy_call_id, None
            session.start_error = session.busy_call_id = None
            st.rerun()
    if session.replay is not None:
        replay_panel(app, session, session.replay)
    elif session.call_id is not None:
        live_panel(app, session, session.call_id, polling=live)
    earlier_calls(customer)


def do_not_call(customer: Customer) -> bool:
    """Warn when this number asked not to be called again; a real call then needs the presenter's confirmation."""
    try:
        refused = app.presenter.do_not_call_request(customer)
    except SalesbotError as e:
        st.warning(e.user_message)
        return False
    if refused is None:
        return False
    st.warning(
        f"{widgets.md(customer.name)} asked not to be called again on call #{refused.id}"
        f" ({refused.created_at:%d %b %Y}).",
        icon=":material/phone_disabled:",
    )
    if caps.dials_real_phones:
        st.checkbox("They have since agreed to be called again", key="despite_do_not_call")
    return True


def earlier_calls(customer: Customer) -> None:
    try:
        calls = [c for c in app.presenter.customer_calls(customer.id) if c.status.is_final]
    except SalesbotError:
        return
    if not calls:
        return
    with st.expander(f"Earlier calls with {widgets.md(customer.name)} ({len(calls)})", icon=":material/history:"):
        by_id = {c.id: c for c in calls}
        chosen = st.selectbox(
            "Call",
            list(by_id),
            key="earlier_call",
            format_func=lambda i: f"#{i} · {by_id[i].created_at:%Y-%m-%d %H:%M} · {by_id[i].status.label}",
        )
        e1, e2 = st.columns(2)
        if e1.button("Replay", key="replay_earlier", icon=":material/replay:", disabled=session.replay is not None):
            replay(chosen)
        if e2.button("Show", key="show_earlier", icon=":material/visibility:"):
            session.call_id, session.last_call, session.replay = chosen, None, None
            st.rerun()


def replay(call_id: int) -> None:
    try:
        call: Call = app.calls.get_call(call_id)
    except SalesbotError as e:
        st.error(e.user_message)
        return
    session.replay = Replay(call, time.monotonic())
    st.rerun()


with right, st.container(key="call_panel"):
    call_panel(session, customer)
sync_url(session)
