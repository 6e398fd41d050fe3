"""The Transcripts page's filters: search (and who said it) and sort on top, the rest (customer, country, status,
outcome and more) in an expander that stays open while any of them is set."""

from __future__ import annotations

import streamlit as st

from salesbot.models import NEXT_STEP, SAID_BY, SORTS, CallStatus, ObjectionKind, Outcome, Sentiment, all_countries

SEARCH_HELP = (
    'Every word must appear, as a word or the start of one (price finds "priced"). Put words in quotes to find '
    "them together as a phrase: \"next quarter\". Said by limits the search to the customer's or the agent's lines."
)
MORE_OPEN = "more_filters_open"  # whether the expander starts open (once per session)
MORE: tuple[tuple[str, object], ...] = (  # the filters in the expander, and the value each has when it is not set
    ("customer_filter", ""), ("country_filter", ""), ("placed_by_filter", ""), ("status_filter", []),
    ("outcome_filter", []), ("sentiment_filter", []), ("objection_filter", []), ("next_step_filter", "Any"),
    ("date_range", ()),
)  # fmt: skip


def more_set() -> int:
    """How many of the expander's filters are set (it opens by itself while any is)."""
    state = st.session_state
    return sum(1 for key, unset in MORE if state.get(key, unset) not in (unset, None, "", [], ()))


def filters() -> None:
    """The filter widgets; their values are read back by transcripts_state.chosen_filter."""
    c1, c3 = st.columns([3, 1], vertical_alignment="bottom")
    c1.text_input("Search transcripts", key="search", placeholder='Words that must all appear, or "a phrase"',
                  help=SEARCH_HELP)  # fmt: skip
    c3.selectbox("Sort by", list(SORTS), key="sort", format_func=SORTS.__getitem__)
    st.radio("Said by", list(SAID_BY), key="said_by", format_func=SAID_BY.__getitem__, horizontal=True,
             help="Search only what the customer said, or only what the agent said")  # fmt: skip
    chosen = more_set()
    # open at first when a link sets any of them; after that it stays as the analyst left it
    opened = st.session_state.setdefault(MORE_OPEN, bool(chosen))
    label = f"More filters ({chosen} set)" if chosen else "More filters"
    with st.expander(label, expanded=bool(opened), icon=":material/filter_list:"):
        _more()


def _more() -> None:
    c4, c5, c6 = st.columns([2, 1, 2])
    c4.text_input("Customer name", key="customer_filter")
    countries = all_countries()
    c5.selectbox(
        "Country", ["", *countries], key="country_filter", format_func=lambda r: countries[r].label if r else "Any"
    )
    c6.text_input("Placed by", key="placed_by_filter", placeholder="name@company.com",
                  help="Calls placed by this signed-in user (the whole address)")  # fmt: skip
    c7, c8 = st.columns(2)
    c7.multiselect(
        "Status", [s.value for s in CallStatus], key="status_filter", format_func=lambda v: CallStatus(v).label
    )
    c8.multiselect("Outcome", [o.value for o in Outcome], key="outcome_filter", format_func=lambda v: Outcome(v).label)
    c9, c10 = st.columns(2)
    c9.multiselect(
        "Sentiment", [s.value for s in Sentiment], key="sentiment_filter", format_func=lambda v: Sentiment(v).label
    )
    c10.multiselect(
        "Objection raised",
        [k.value for k in ObjectionKind],
        key="objection_filter",
        format_func=lambda v: ObjectionKind(v).label,
        help="Calls where the customer raised any of these",
    )
    c11, c12 = st.columns(2)
    c11.selectbox(
        "Next step agreed",
        list(NEXT_STEP),
        key="next_step_filter",
        help="Yes or No: analysed calls with or without one",
    )
    c12.date_input("Date range", key="date_range", format="YYYY-MM-DD")
