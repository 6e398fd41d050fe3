"""The presenter's call column: who will be called and how, Start call (its gate), the call or replay, calls before."""

from __future__ import annotations

import streamlit as st

from salesbot.bootstrap import App
from salesbot.errors import NumberBusy, SalesbotError
from salesbot.models import Customer, readable_phone
from salesbot.playbook.personas import PERSONA_LABELS
from salesbot.services.place_call import CallRequest
from salesbot.services.start_gate import FORM_CHANGED_NOTICE, Blocked, attempt_key, call_live, start_gate
from salesbot.text import counted
from salesbot.ui import speech, widgets
from salesbot.ui.call_panel import live_panel
from salesbot.ui.earlier_calls import earlier_calls
from salesbot.ui.replay_panel import replay_panel
from salesbot.ui.reveal import CALL_PANEL, reveal
from salesbot.ui.session import PresenterSession


def call_panel(app: App, session: PresenterSession, customer: Customer | None, form_changed: bool, by: str) -> None:
    """The call column; `form_changed`: the form no longer describes the customer the script was written for.
    While a call runs its controls and transcript come first, the next call's settings below them."""
    heading, switch = st.columns([3, 2], vertical_alignment="center")  # the switch costs the panel no height
    heading.subheader("Call")
    if not app.capabilities.dials_real_phones:
        with switch:
            speech.switch()
    if customer is None or session.script_id is None:
        st.caption("Generate a script to start a call.")
        return
    target = f"**{widgets.md(customer.name)}** · {readable_phone(customer.phone_e164)}"
    current = session.last_call if session.last_call and session.last_call.id == session.call_id else None
    if current is None and session.call_id is not None:
        try:
            current = session.last_call = app.calls.get_call(session.call_id)
        except SalesbotError as e:
            st.warning(e.user_message)
    live = call_live(session.call_id, current)
    callee = widgets.md(customer.name)
    if live and session.call_id is not None and session.replay is None:
        st.markdown("Calling " + target)
        live_panel(app, session, session.call_id, polling=True, callee=callee)
        if session.reveal is not None:
            reveal(CALL_PANEL, session.reveal)
        call_setup(app, session, customer, call_is_live=True, form_changed=form_changed, by=by)
    else:
        st.markdown(("Calling " if live else "Will call ") + target)
        call_setup(app, session, customer, call_is_live=live, form_changed=form_changed, by=by)
        if session.replay is not None:
            replay_panel(app, session, session.replay)
        elif session.call_id is not None:
            live_panel(app, session, session.call_id, polling=live, callee=callee)
    earlier_calls(app, session, customer)


def call_setup(
    app: App, session: PresenterSession, customer: Customer, *, call_is_live: bool, form_changed: bool, by: str
) -> None:
    """How the next call is placed (the simulation's choices, or a real call's warning and consent), then Start."""
    caps = app.capabilities
    if not caps.dials_real_phones:
        simulation_controls(app)
    else:
        limit = f"; at most {counted(caps.max_minutes, 'minute')}" if caps.max_minutes else ""
        st.warning(f"Real call: {caps.telephony.title()} AI dials this number{limit}.")
        st.checkbox("I have permission to call this number", key="consent")
    start_controls(app, session, customer, call_is_live=call_is_live, form_changed=form_changed, by=by)


def start_controls(
    app: App, session: PresenterSession, customer: Customer, *, call_is_live: bool, form_changed: bool, by: str
) -> None:
    """The do-not-call warning, Start call (or Retry) as the gate allows, and why the last start failed."""
    caps, state = app.capabilities, st.session_state
    refused = do_not_call(app, customer)
    gate = start_gate(form_changed=form_changed, call_live=call_is_live, replaying=session.replay is not None,
                      real_phones=caps.dials_real_phones, consent=bool(state.get("consent")), do_not_call=refused,
                      despite_do_not_call=bool(state.get("despite_do_not_call")),
                      start_failed=bool(session.start_error))  # fmt: skip
    if Blocked.FORM_CHANGED in gate.reasons:
        st.info(FORM_CHANGED_NOTICE)
    label = gate.label(widgets.md(customer.name))
    if st.button(label, key="start_call", type="primary", disabled=not gate.enabled, icon=":material/call:"):
        start_call(app, session, customer, by)
    if session.start_error:
        st.error(session.start_error)
        if session.busy_call_id and st.button(f"Open call #{session.busy_call_id}", key="open_busy"):
            session.show_call(session.busy_call_id)
            session.start_error = session.busy_call_id = None
            st.rerun()


def simulation_controls(app: App) -> None:
    """Who plays the simulated customer, and how fast the call unfolds."""
    caps, state = app.capabilities, st.session_state
    by_model = caps.rehearsal_model and state.get("simulated_by") != "rules"
    players = f"the language model ({caps.rehearsal_model}) plays" if by_model else "a rule-based persona plays"
    st.caption(f"Simulated: no phone will be dialled; {players} the customer.")
    if caps.rehearsal_model:
        st.segmented_control("Simulated by", ["rules", "model"], default="model", key="simulated_by",
                             persist_state="session", help="Model: the language model plays both sides, the"
                             " script on screen as the agent's guide; it falls back to the rules if it fails.")  # fmt: skip
    pace, who = st.columns([2, 3])
    with pace:
        st.segmented_control("Pace", sorted({1.0, 2.0, 4.0, caps.sim_speed}), default=caps.sim_speed, key="pace",
                             format_func=lambda p: f"{p:g}×", persist_state="session")  # fmt: skip
    who.selectbox("Simulated customer", ["", *PERSONA_LABELS], key="persona", persist_state="session",
                  format_func=lambda p: PERSONA_LABELS.get(p, "Anyone (a realistic mix)"),
                  help="Who answers the simulated call; the analysis never sees this choice.")  # fmt: skip


def start_call(app: App, session: PresenterSession, customer: Customer, by: str) -> None:
    """Place the call with the version on screen (its unsaved edits stored first); a failure is kept to show."""
    assert session.script_id is not None
    state, caps = st.session_state, app.capabilities
    session.attempt_key = attempt_key(session.attempt_key, session.call_id, session.last_call)  # over: a new one
    request = CallRequest(customer.id, session.script_id, session.attempt_key, bool(state.get("consent")),
                          state.get("pace"), bool(state.get("despite_do_not_call")),
                          state.get("persona") or None, created_by=by,
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
        session.reveal = f"call-{call.id}"  # on a phone the panel moves to the top: bring it into view
    st.rerun()  # redraw: the button says Retry after a failure, and is disabled while the call runs


def do_not_call(app: App, customer: Customer) -> bool:
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
    if app.capabilities.dials_real_phones:
        st.checkbox("They have since agreed to be called again", key="despite_do_not_call")
    return True
