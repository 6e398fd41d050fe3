"""The customer on the presenter page: put one on screen, find one, and bring one back from the address bar."""

from __future__ import annotations

import time

import streamlit as st

from salesbot.bootstrap import App
from salesbot.errors import NotFound, SalesbotError
from salesbot.models import Customer, CustomerForm, SalesScript
from salesbot.ui.session import PresenterSession, Replay, Switch

WIDGETS = {  # CustomerForm field -> widget key
    "name": "name",
    "country_code": "country",
    "phone_number": "phone",
    "email": "email",
    "conversation_history": "history",
    "topics": "topics",
}
# The next call's choices, made for one customer: the simulation's persona and pace, and a real call's consent.
CALL_CHOICES = ("persona", "pace", "consent", "despite_do_not_call")


def show_customer(app: App, session: PresenterSession, customer: Customer | None) -> None:
    """Put a stored customer (or nobody) on screen: form, latest script version and any call still open."""
    form = CustomerForm.of(customer) if customer else CustomerForm()
    for field, key in WIDGETS.items():
        st.session_state[key] = getattr(form, field)
    if customer is None or customer.id != session.customer_id:
        fresh_choices()
    session.forget_customer()
    st.query_params.pop("call", None)  # the call named there is no longer on screen (a link back names it again)
    if customer is not None:
        session.customer_id, session.saved_form, session.customer = customer.id, form, customer
        scripts = app.presenter.list_scripts(customer.id)
        session.script_id = scripts[0].id if scripts else None
        open_call = app.presenter.open_call_of(customer.id)
        session.show_call(open_call.id if open_call else None)


def fresh_choices() -> None:
    """Another customer: the next call's choices go back to their defaults (drawn again, they show them)."""
    for key in CALL_CHOICES:
        st.session_state.pop(key, None)


def show_customer_asking(app: App, session: PresenterSession, customer_id: int | None) -> None:
    """Put another customer (None: a new one) on screen, or, while a call runs, ask first (see running_call)."""
    if session.call_running() and customer_id != session.customer_id:
        session.switching = Switch(customer_id)
        return
    try:
        show_customer(app, session, app.presenter.get_customer(customer_id) if customer_id else None)
    except SalesbotError as e:
        session.start_error = e.user_message


def load_picked(app: App, session: PresenterSession) -> None:
    """The finder's choice (an on_change callback): load that customer."""
    show_customer_asking(app, session, st.session_state.get("find_pick") or None)


def restore_from_url(app: App, session: PresenterSession) -> None:
    """A fresh browser session (a reload): bring back the customer and call named in the address bar."""
    session.restored_from_url = True
    params = st.query_params
    call_id = params.get("call", "")  # read first: putting the customer on screen clears it
    try:
        if (customer_id := params.get("customer", "")).isdigit():
            show_customer(app, session, app.presenter.get_customer(int(customer_id)))
        if call_id.isdigit() and session.customer_id is not None:
            call = app.calls.get_call(int(call_id))
            if call.customer_id == session.customer_id:
                session.show_call(call.id)
    except NotFound as e:  # gone: say so, and the address follows what is on screen
        session.start_error = e.user_message
    except SalesbotError as e:  # the store failed: say what, keep the address as it is, try again on the next run
        session.restored_from_url = False
        st.error(e.user_message)


def replay_from_url(app: App, session: PresenterSession) -> None:
    """`?replay=ID` (the Transcripts page's Replay button): play that call back with its customer on screen."""
    replay_id = st.query_params.get("replay", "")
    if not replay_id.isdigit():
        return
    try:
        call = app.calls.get_call(int(replay_id))
        if session.customer_id != call.customer_id:
            show_customer(app, session, app.presenter.get_customer(call.customer_id))
    except SalesbotError as e:
        session.start_error = e.user_message
        return
    session.replay = Replay(call, time.monotonic())


def sync_url(session: PresenterSession) -> None:
    """Keep `?customer=ID&call=ID` in the address bar, so a reload brings both back (written on every run: the
    browser may have lost them in an interrupted page switch); left as it is while it could not be read back."""
    if not session.restored_from_url:
        return
    for name, value in {"customer": session.customer_id, "call": session.call_id}.items():
        if value is None:
            st.query_params.pop(name, None)
        else:
            st.query_params[name] = str(value)
    st.query_params.pop("replay", None)


def on_screen(app: App, session: PresenterSession) -> tuple[Customer | None, dict[int, SalesScript]]:
    """The session's customer and their script versions by id, newest first; when the store fails, its message and
    the customer as last read (the page, and a running call, stay on screen with what is known)."""
    try:
        customer = app.presenter.get_customer(session.customer_id) if session.customer_id else None
        versions = {v.id: v for v in app.presenter.list_scripts(customer.id)} if customer else {}
        session.customer = customer
    except SalesbotError as e:
        st.error(e.user_message)
        known = session.customer if session.customer and session.customer.id == session.customer_id else None
        return known, {}
    return customer, versions


def typed_form() -> CustomerForm:
    """The form as typed (its widgets' values)."""
    return CustomerForm(**{field: str(st.session_state.get(key) or "") for field, key in WIDGETS.items()})
