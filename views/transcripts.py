"""Transcripts page: filter and search every call, see the KPIs, open a call by clicking it, share the view, export."""

from __future__ import annotations

import streamlit as st

from salesbot import ui
from salesbot.errors import SalesbotError
from salesbot.models import SAID_BY, SORTS, CallFilter, CallStatus, ObjectionKind, Outcome, Sentiment, all_countries
from salesbot.search.matches import snippet
from salesbot.ui import call_detail, kpis, signin
from salesbot.ui import transcripts_state as view

PAGE_SIZE = 25
CALLS_TABLE = "calls_table"
SEARCH_HELP = (
    'Every word must appear, as a word or the start of one (price finds "priced"). Put words in quotes to find '
    "them together as a phrase: \"next quarter\". Said by limits the search to the customer's or the agent's lines."
)
app = ui.app()
state = st.session_state
st.title("Transcripts")

view.restore()
for table in (CALLS_TABLE, call_detail.CUSTOMER_CALLS):
    if (picked := view.picked_call(table)) is not None:
        view.open_call(picked)

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
    c7.multiselect("Outcome", [o.value for o in Outcome], key="outcome_filter", format_func=lambda v: Outcome(v).label)
    c8.multiselect("Sentiment", [s.value for s in Sentiment], key="sentiment_filter")
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
        list(view.NEXT_STEP),
        key="next_step_filter",
        help="Yes or No: analysed calls with or without one",
    )
    c11.text_input("Placed by", key="placed_by_filter", placeholder="name@company.com",
                   help="Calls placed by this signed-in user (the whole address)")  # fmt: skip
    c12.date_input("Date range", key="date_range", format="YYYY-MM-DD")

call_filter = view.chosen_filter()
try:
    view.catch_up(app)
    shown = app.archive.view(call_filter, state["page"], PAGE_SIZE, view.opened_call())
except SalesbotError as e:
    view.sync_url()
    st.error(e.user_message)
    st.stop()
stats, found, pages = shown.stats, shown.found, shown.pages
state["page"] = shown.page
if shown.call_missing:
    st.caption(f"Call #{view.opened_call()} is not in the archive.")
    view.open_call(None)

kpis.show(stats)
terms, said_by = call_filter.search_terms(), call_filter.speaker()
if not found.rows:
    filtered = call_filter != CallFilter(sort=call_filter.sort)
    st.info("No calls match these filters." if filtered else "No calls yet. Place one from the presenter page.")
else:
    view.select_open_call(CALLS_TABLE, [r.summary.id for r in found.rows])
    who_column = signin.sign_in_required() or any(r.summary.created_by for r in found.rows)
    matches = {r.summary.id: snippet(r.transcript, terms, said_by) for r in found.rows} if terms else None
    st.caption("Click a row to open the call.")
    st.dataframe(
        call_detail.table_rows(found.rows, matches, placed_by=who_column),
        hide_index=True,
        width="stretch",
        key=CALLS_TABLE,
        on_select="rerun",
        selection_mode=["single-row", "single-cell"],
        column_config=call_detail.COLUMNS,
    )
    p1, p2, p3 = st.columns([1, 2, 2], vertical_alignment="bottom")
    p1.number_input("Page", min_value=1, max_value=pages, key="page", step=1)
    p2.caption(f"Page {state['page']} of {pages} · {kpis.calls_count(stats.calls, stats.approximate)} calls match")
    p3.download_button(
        "Export CSV",
        lambda f=call_filter: b"".join(app.exports.csv_chunks(f)),  # built on click, in Streamlit's download thread
        file_name="salesbot-calls.csv",
        mime="text/csv",
        key="export_csv",
        on_click="ignore",
        icon=":material/download:",
        help="Every call matching the filters and search, not only this page",
    )

if shown.detail_problem:
    st.error(shown.detail_problem)
if (detail := shown.detail) is not None:
    st.divider()
    call_detail.show(app, detail, terms, said_by)
    call = detail.call
    b1, b2 = st.columns(2)
    if (
        call.status.is_final
        and call.utterances
        and b1.button(
            "Replay on the presenter page",
            key="replay_call",
            icon=":material/replay:",
            help="Plays the call back; nothing is dialled",
        )
    ):
        st.switch_page("views/presenter.py", query_params={"replay": str(call.id)})
    b2.download_button(
        "Download report (Markdown)",
        lambda: app.archive.call_report(call.id),
        file_name=f"call-{call.id}.md",
        mime="text/markdown",
        key="report",
        on_click="ignore",
    )
    call_detail.customer_panel(detail)
elif found.rows:
    st.caption("No call open: click a row of the table to read it.")
view.sync_url()
