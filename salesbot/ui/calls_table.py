"""The Transcripts page's calls: the table of one page (a click opens a call), the pager and the CSV export."""

from __future__ import annotations

import streamlit as st

from salesbot.bootstrap import App
from salesbot.models import CallFilter
from salesbot.search.matches import snippet
from salesbot.services.archive import ArchiveView
from salesbot.ui import call_detail, kpis, signin
from salesbot.ui.transcripts_state import select_open_call

CALLS_TABLE = "calls_table"


def calls_table(app: App, shown: ArchiveView, call_filter: CallFilter) -> None:
    """The page of calls with the search's match in each row, or why there is none; the pager and the export."""
    stats, found = shown.stats, shown.found
    if not found.rows:
        filtered = call_filter != CallFilter(sort=call_filter.sort)
        st.info("No calls match these filters." if filtered else "No calls yet. Place one from the presenter page.")
        return
    terms, said_by = call_filter.search_terms(), call_filter.speaker()
    select_open_call(CALLS_TABLE, [r.summary.id for r in found.rows])
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
    p1.number_input("Page", min_value=1, max_value=shown.pages, key="page", step=1)
    count = kpis.calls_count(stats.calls, stats.approximate)
    verb = "call matches" if stats.calls == 1 and not stats.approximate else "calls match"
    p2.caption(f"Page {st.session_state['page']} of {shown.pages} · {count} {verb}")

    def csv() -> bytes:  # built on click, in Streamlit's download thread
        return b"".join(app.exports.csv_chunks(call_filter))

    p3.download_button(
        "Export CSV",
        csv,
        file_name="salesbot-calls.csv",
        mime="text/csv",
        key="export_csv",
        on_click="ignore",
        icon=":material/download:",
        help="Every call matching the filters and search, not only this page",
    )
