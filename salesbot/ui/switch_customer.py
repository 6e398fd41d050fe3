"""Another customer while a call runs: the presenter is asked first, and the call is left running only on their word."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from salesbot.bootstrap import App
from salesbot.errors import SalesbotError
from salesbot.ui import widgets
from salesbot.ui.customer import show_customer
from salesbot.ui.session import PresenterSession, presenter_session


def settle_switch(app: App, session: PresenterSession) -> None:
    """Act on the presenter's answer: the other customer (the call left running, see running_call), or back to the
    call as it was. Called before any widget is drawn, so the form shows the answer whatever the browser resends."""
    switching = session.switching
    if switching is None or switching.leave is None:
        return
    session.switching = None
    if not switching.leave:
        st.session_state["find_pick"] = None  # the finder's choice was not loaded
        return
    try:
        show_customer(
            app, session, app.presenter.get_customer(switching.customer_id) if switching.customer_id else None
        )
    except SalesbotError as e:
        session.start_error = e.user_message


def confirm_switch(app: App, session: PresenterSession) -> None:
    """While a call runs, a change of customer waits for the presenter's word (a dialog)."""
    if session.switching is None or session.switching.leave is not None:
        return
    if not session.call_running():
        session.switching = None  # the call ended meanwhile: nothing to ask about, the presenter may ask again
        return
    _ask(app, session)


def _dismissed() -> None:
    session = presenter_session()
    if session.switching is not None:
        session.switching = replace(session.switching, leave=False)


@st.dialog("A call is running", on_dismiss=_dismissed)
def _ask(app: App, session: PresenterSession) -> None:
    switching = session.switching
    if switching is None:
        return
    name = widgets.md(session.customer.name) if session.customer else "the customer"
    try:
        other = app.presenter.get_customer(switching.customer_id) if switching.customer_id else None
    except SalesbotError as e:
        st.warning(e.user_message)
        other = None
    what = f"open **{widgets.md(other.name)}**" if other else "start a new customer"
    st.markdown(f"The call with **{name}** is running. Leave it running and {what}?")
    st.caption("It stays reachable from the strip at the top of the page until it ends.")
    label = f"Open {widgets.md(other.name)}" if other else "Start a new customer"
    with st.container(horizontal=True):
        leave = st.button(label, key="leave_call_running", type="primary")
        stay = st.button("Stay on the call", key="stay_on_call")
    if leave or stay:
        session.switching = replace(switching, leave=leave)
        st.rerun()  # the whole page, which acts on the answer first (settle_switch) and closes the dialog
