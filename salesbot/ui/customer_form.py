"""The presenter's customer column: find a saved customer, the form with a slot under each field for its error."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from salesbot.bootstrap import App
from salesbot.errors import InvalidInput, SalesbotError
from salesbot.models import CustomerForm, ScriptOptions, all_countries, readable_phone
from salesbot.scripts import LANGUAGES, LENGTHS, TONES
from salesbot.ui.customer import load_picked, typed_form
from salesbot.ui.session import PresenterSession

Slots = dict[str, DeltaGenerator]  # CustomerForm field -> the place under its widget for its error


def finder(app: App, session: PresenterSession) -> None:
    """Find a saved customer by name or number; picking one loads it."""
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
            format_func=lambda cid: f"{matches[cid].name} · {readable_phone(matches[cid].phone_e164)}",
            on_change=load_picked,
            args=(app, session),
        )


def customer_form(offer: str) -> tuple[CustomerForm, ScriptOptions, Slots]:
    """The customer's fields and the script's options; returns the form as typed, the options and the error slots."""
    state = st.session_state
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
    st.text_input("What we're selling", key="offer", value=offer, persist_state="session")
    options = ScriptOptions(
        tone=state["tone"], language=state["language"], length=state["length"], offer=state["offer"]
    )
    return typed_form(), options, slots


def field_errors(slots: Slots, error: InvalidInput) -> None:
    """Each bad field's message under its widget, then why nothing was saved."""
    for field, message in error.field_errors.items():
        slots.get(field, slots["name"]).error(message)
    st.error("Nothing was saved: please correct the fields marked above.")
