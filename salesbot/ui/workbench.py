"""The Transcripts page as a workbench: the table, and the open call beside it from 1200 px (kept in view while the
table scrolls), above it on narrower screens and phones."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from salesbot.bootstrap import App
from salesbot.models import CallFilter
from salesbot.services.archive import ArchiveView
from salesbot.ui import call_detail, call_live, call_order
from salesbot.ui import transcripts_state as view

WIDE_PX = 1200  # from here the call sits beside the table; below, the two stack with the call first
_SIDE = ".st-key-workbench [data-testid='stColumn']:has(.st-key-call_view)"
_TABLE = ".st-key-workbench [data-testid='stColumn']:has(.st-key-calls_side)"
_ROW = ".st-key-workbench [data-testid='stHorizontalBlock']:has(.st-key-call_view)"
# The call's column comes first in the page (a phone stacks it first without any style, and Tab reaches Previous and
# Next before the table); from 1200 px the table is drawn on the left and the call stays in view while the page
# scrolls; in between, the two stack.
CSS = f"""<style>
[data-testid='stMainBlockContainer'] {{padding-left: 1.5rem; padding-right: 1.5rem; padding-bottom: 2rem;}}
@media (min-width: {WIDE_PX}px) {{
  {_TABLE} {{order: -1;}}
  {_SIDE} {{position: sticky; top: 3.75rem; align-self: flex-start; max-height: calc(100vh - 6rem);
           overflow-y: auto; overflow-x: hidden;}}
}}
@media (max-width: {WIDE_PX - 0.02}px) {{
  {_ROW} {{flex-direction: column;}}
  {_ROW} > [data-testid='stColumn'] {{width: 100% !important; flex: 1 1 auto !important;}}
}}
</style>"""


def sides(call_open: bool, wide_table: bool) -> tuple[DeltaGenerator, DeltaGenerator | None]:
    """Where the table goes and where the open call goes (None when no call is open: the table has the width). A
    wide table (a search's Match column beside Placed by) gets more of the row, so it never scrolls sideways."""
    st.html(CSS)
    box = st.container(key="workbench")
    if not call_open:
        return box, None
    call_side, table_side = box.columns([7, 13] if wide_table else [2, 3], gap="medium")
    return table_side.container(key="calls_side"), call_side.container(key="call_view")


def call_side(app: App, shown: ArchiveView, call_filter: CallFilter, page_size: int) -> None:
    """The open call: heading, Previous/Next in the table's order, then the finished call or the call as it goes on,
    its actions and its customer; or why it cannot be shown."""
    if shown.call_missing:
        st.caption(f"Call #{view.opened_call()} is not in the archive.")
        view.open_call(None)
    if shown.detail_problem:
        st.error(shown.detail_problem)
    if (detail := shown.detail) is None:
        return
    call_detail.heading(detail)
    ids = [r.summary.id for r in shown.found.rows]
    call_order.buttons(app, ids, shown.page, shown.pages, call_filter, page_size)
    if detail.call.status.is_final:
        call_detail.show(app, detail, call_filter.search_terms(), call_filter.speaker())
    else:
        call_live.live_call(app, detail.call)
    call_detail.actions(app, detail.call)
    call_detail.customer_panel(detail)
