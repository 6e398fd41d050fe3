"""Transcripts page: filter and search every call, see the KPIs, open a call beside the table, share the view, export."""

from __future__ import annotations

import streamlit as st

from salesbot import ui
from salesbot.errors import SalesbotError
from salesbot.ui import call_detail, kpis, workbench
from salesbot.ui import transcripts_state as view
from salesbot.ui.calls_table import CALLS_TABLE, calls_table, wide_columns
from salesbot.ui.transcripts_filters import filters

PAGE_SIZE = 25
app = ui.app()
state = st.session_state
st.title("Transcripts")

view.restore()
for table in (CALLS_TABLE, call_detail.CUSTOMER_CALLS):
    if (picked := view.picked_call(table)) is not None:
        view.open_call(picked)

call_filter = view.chosen_filter()
try:
    view.catch_up(app)
    shown = app.archive.view(call_filter, state["page"], PAGE_SIZE, view.opened_call())
except SalesbotError as e:
    filters()
    view.sync_url()
    st.error(e.user_message)
    st.stop()
state["page"] = shown.page
call_open = shown.detail is not None or shown.call_missing or shown.detail_problem is not None
table_side, call_side = workbench.sides(call_open, wide_table=wide_columns(shown, call_filter))

with table_side:  # the overview has the figures first; while a call is open, the table comes first
    filters()
    figures = st.container() if call_side is None else None
    calls_table(app, shown, call_filter)
    if call_side is None and shown.found.rows:
        st.caption("No call open: click a row of the table to read it.")
    with figures or st.container():
        kpis.show(shown.stats)
if call_side is not None:
    with call_side:
        workbench.call_side(app, shown, call_filter, PAGE_SIZE)
view.sync_url()
