"""The Transcripts page's calls: the table of one page (a click opens a call), the pager and the CSV export."""

from __future__ import annotations

import streamlit as st

from salesbot.bootstrap import App
from salesbot.models import CallFilter, CallRow, Sentiment, shown_status
from salesbot.search.matches import snippet
from salesbot.services.archive import ArchiveView
from salesbot.ui import kpis, signin, widgets
from salesbot.ui.transcripts_state import select_open_call

CALLS_TABLE = "calls_table"
# What tells calls apart, in widths that fit beside an open call at 1440 px. The call's number stays in the data
# (tests, the selection) but is not drawn: the open call's heading names it. The phone is in the call's heading.
COLUMNS = {  # minimum widths (a table stretches them to its width): all of them fit beside an open call at 1440 px
    "Call": None,
    "Date (UTC)": st.column_config.TextColumn(width=108),
    "Customer": st.column_config.TextColumn(width=110),
    "Outcome": st.column_config.TextColumn(width=100, help="The analysed outcome, or the call's status"),
    "Sentiment": st.column_config.TextColumn(width=70, help="The customer's sentiment, from the analysis"),
    "Length": st.column_config.TextColumn(width=48),
    "Placed by": st.column_config.TextColumn(width=110),
    "Match": st.column_config.TextColumn(width=100, help="The words around the first match, the match «marked»"),
}


def _sentiment(value: str | None) -> str:
    try:
        return Sentiment(value).label if value else ""
    except ValueError:  # a value this version does not know: still words, not a code
        return value.replace("_", " ") if value else ""


def table_rows(
    rows: list[CallRow], match: dict[int, str] | None = None, placed_by: bool = False
) -> list[dict[str, object]]:
    """Rows for a calls table as plain text cells (a table never reads Markdown): when, who, how it went, how long;
    who placed each call when sign-in records it, and the words a search found when there is one."""
    return [
        {
            "Call": r.summary.id,
            "Date (UTC)": r.summary.started_at.strftime("%Y-%m-%d %H:%M") if r.summary.started_at else "",
            "Customer": r.summary.customer_name,
            "Outcome": kpis.outcome_label(r.outcome) if r.outcome else shown_status(r.summary.status, r.outcome),
            "Sentiment": _sentiment(r.sentiment),
            "Length": widgets.clock(r.summary.duration_seconds),
            **({"Placed by": r.summary.created_by} if placed_by else {}),
            **({"Match": match.get(r.summary.id, "")} if match is not None else {}),
        }
        for r in rows
    ]


def placed_by_column(shown: ArchiveView) -> bool:
    """Whether the table names who placed each call: with sign-in on, or once a call on this page records it."""
    return signin.sign_in_required() or any(r.summary.created_by for r in shown.found.rows)


def wide_columns(shown: ArchiveView, call_filter: CallFilter) -> bool:
    """Whether the table shows both a search's Match and Placed by (it needs more of the row)."""
    return bool(call_filter.search_terms()) and placed_by_column(shown)


def calls_table(app: App, shown: ArchiveView, call_filter: CallFilter) -> None:
    """The page of calls with the search's match in each row, or why there is none; the pager and the export."""
    stats, found = shown.stats, shown.found
    if not found.rows:
        filtered = call_filter != CallFilter(sort=call_filter.sort)
        st.info("No calls match these filters." if filtered else "No calls yet. Place one from the presenter page.")
        return
    terms, said_by = call_filter.search_terms(), call_filter.speaker()
    select_open_call(CALLS_TABLE, [r.summary.id for r in found.rows])
    matches = {r.summary.id: snippet(r.transcript, terms, said_by) for r in found.rows} if terms else None
    st.dataframe(
        table_rows(found.rows, matches, placed_by=placed_by_column(shown)),
        hide_index=True,
        width="stretch",
        key=CALLS_TABLE,
        on_select="rerun",
        selection_mode=["single-row", "single-cell"],
        column_config=COLUMNS,
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
