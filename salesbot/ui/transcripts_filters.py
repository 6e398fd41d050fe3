"""The Transcripts page's filters: search (and who said it), customer, country, sort, status, outcome and the rest."""

from __future__ import annotations

import streamlit as st

from salesbot.models import NEXT_STEP, SAID_BY, SORTS, CallStatus, ObjectionKind, Outcome, Sentiment, all_countries

SEARCH_HELP = (
    'Every word must appear, as a word or the start of one (price finds "priced"). Put words in quotes to find '
    "them together as a phrase: \"next quarter\". Said by limits the search to the customer's or the agent's lines."
)


def filters() -> None:
    """The filter widgets in their expander; their values are read back by transcripts_state.chosen_filter."""
    with st.expander("Filters and search", expanded=True, icon=":material/filter_list:"):
        c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
        c1.text_input("Search transcripts", key="search", placeholder='Words that must all appear, or "a phrase"',
                      help=SEARCH_HELP)  # fmt: skip
        c2.radio("Said by", list(SAID_BY), key="said_by", format_func=SAID_BY.__getitem__, horizontal=True,
                 help="Search only what the customer said, or only what the agent said")  # fmt: skip
        c3, c4, c5 = st.columns([2, 1, 1])
        c3.text_input("Customer name", key="customer_filter")
        countries = all_countries()
        c4.selectbox(
            "Country", ["", *countries], key="country_filter", format_func=lambda r: countries[r].label if r else "Any"
        )
        c5.selectbox("Sort by", list(SORTS), key="sort", format_func=SORTS.__getitem__)
        c6, c7, c8, c9 = st.columns(4)
        c6.multiselect(
            "Status", [s.value for s in CallStatus], key="status_filter", format_func=lambda v: CallStatus(v).label
        )
        c7.multiselect(
            "Outcome", [o.value for o in Outcome], key="outcome_filter", format_func=lambda v: Outcome(v).label
        )
        c8.multiselect(
            "Sentiment", [s.value for s in Sentiment], key="sentiment_filter", format_func=lambda v: Sentiment(v).label
        )
        c9.multiselect(
            "Objection raised",
            [k.value for k in ObjectionKind],
            key="objection_filter",
            format_func=lambda v: ObjectionKind(v).label,
            help="Calls where the customer raised any of these",
        )
        c10, c11, c12 = st.columns([1, 2, 3])
        c10.selectbox(
            "Next step agreed",
            list(NEXT_STEP),
            key="next_step_filter",
            help="Yes or No: analysed calls with or without one",
        )
        c11.text_input("Placed by", key="placed_by_filter", placeholder="name@company.com",
                       help="Calls placed by this signed-in user (the whole address)")  # fmt: skip
        c12.date_input("Date range", key="date_range", format="YYYY-MM-DD")
