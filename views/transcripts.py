"""Transcripts page: filter and search every call, see the KPIs, open a call beside the table, share the view, export."""

from __future__ import annotations

import streamlit as st

from salesbot import ui
from salesbot.errors import SalesbotError
from salesbot.ui import call_detail, kpis, workbench
from salesbot.ui import transcripts_state as view
from salesbot.ui.calls_table import CALLS_TABLE, calls_table
from salesbot.ui.transcripts_filters import filters

PAGE_SIZE = 25
app = ui.app()
state = st.session_state
st.title("Transcripts")

view.restore()
for table in (CALLS_TABLE, call_detail.CUSTOMER_CALLS):
    if (picked := view.picked_call(table)) is not None:
        view.open_call(picked)

table_side, call_side = workbench.sides(view.opened_call() is not None)
with table_side:
    filters()
call_filter = view.chosen_filter()
try:
    view.catch_up(app)
    shown = app.archive.view(call_filter, state["page"], PAGE_SIZE, view.opened_call())
except SalesbotError as e:
    view.sync_url()
    st.error(e.user_message)
    st.stop()
state["page"] = shown.page

with table_side:
    kpis.show(shown.stats)
    calls_table(app, shown, call_filter)
    if call_side is None and shown.found.rows:
        st.caption("No call open: click a row of the table to read it.")
if call_side is not None:
    with call_side:
        workbench.call_side(app, shown, call_filter, PAGE_SIZE)
view.sync_url()
