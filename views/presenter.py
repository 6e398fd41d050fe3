"""Presenter page: customer in, script out, then a live or simulated call (or a replay) with its transcript."""

from __future__ import annotations

import streamlit as st

from salesbot import ui
from salesbot.errors import InvalidInput, SalesbotError
from salesbot.services.start_gate import form_changed
from salesbot.ui.customer import (
    fresh_choices,
    on_screen,
    replay_from_url,
    restore_from_url,
    show_customer_asking,
    sync_url,
)
from salesbot.ui.customer_form import customer_form, field_errors, finder
from salesbot.ui.presenter_call import call_panel
from salesbot.ui.running_call import bring_back, strip
from salesbot.ui.script_panel import ScriptDesk, script_panel
from salesbot.ui.session import presenter_session
from salesbot.ui.signin import signed_in_email
from salesbot.ui.switch_customer import confirm_switch, settle_switch

app = ui.app()
user = signed_in_email()  # recorded on the customers, script versions and calls created here ("" without sign-in)
session = presenter_session()

if not session.restored_from_url:
    restore_from_url(app, session)
replay_from_url(app, session)
settle_switch(app, session)  # New customer or Find during a call: the presenter's answer
bring_back(app, session)
if session.call_id is not None or session.replay is not None:  # on a phone, the call comes first once there is one
    st.html("<style>@media (max-width: 640px) {[data-testid='stColumn']:has(.st-key-call_panel) {order: -1;}}</style>")
strip(app, on_presenter=True)  # a call left running, one click away
head, new = st.columns([4, 1], vertical_alignment="bottom")
head.title("Live sales-call demo")
new.button(  # while a call runs, asks first
    "New customer", key="new_customer", icon=":material/person_add:", on_click=show_customer_asking,
    args=(app, session, None),
)  # fmt: skip
confirm_switch(app, session)
customer, versions = on_screen(app, session)
left, right = st.columns([1, 1], gap="large")

with left:
    finder(app, session)
    form, options, slots = customer_form(offer=ui.settings().offer)
    changed = form_changed(form, session.saved_form)
    desk = ScriptDesk(app, session, left, form, options, by=user)
    if st.button("Generate script", type="primary", key="generate", icon=":material/edit_note:"):
        try:
            saved = app.presenter.save_customer(form, by=user)
        except InvalidInput as e:
            field_errors(slots, e)
        except SalesbotError as e:
            st.error(e.user_message)
        else:
            if session.switch_to(saved.id):  # a new person replaced the saved customer on screen
                fresh_choices()
            desk.stream(saved.id)
    if customer is not None:
        script_panel(desk, customer, versions, changed)

with right, st.container(key="call_panel"):
    call_panel(app, session, customer, changed, by=user)
sync_url(session)
