"""Transcripts page: filter and search every call, see the KPIs, open a call by clicking it, share the view, export."""

from __future__ import annotations

import streamlit as st

from salesbot import ui
from salesbot.errors import SalesbotError
from salesbot.ui import call_detail, kpis
from salesbot.ui import transcripts_state as view
from salesbot.ui.calls_table import CALLS_TABLE, calls_table
from salesbot.ui.running_call import strip as running_call_strip
from salesbot.ui.transcripts_filters import filters

PAGE_SIZE = 25
app = ui.app()
state = st.session_state
running_call_strip(app, on_presenter=False)  # the presenter's running call, one click away
st.title("Transcripts")

view.restore()
for table in (CALLS_TABLE, call_detail.CUSTOMER_CALLS):
    if (picked := view.picked_call(table)) is not None:
        view.open_call(picked)

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
if shown.call_missing:
    st.caption(f"Call #{view.opened_call()} is not in the archive.")
    view.open_call(None)

kpis.show(shown.stats)
calls_table(app, shown, call_filter)
if shown.detail_problem:
    st.error(shown.detail_problem)
if (detail := shown.detail) is not None:
    st.divider()
    call_detail.show(app, detail, call_filter.search_terms(), call_filter.speaker())
    call_detail.actions(app, detail.call)
    call_detail.customer_panel(detail)
elif shown.found.rows:
    st.caption("No call open: click a row of the table to read it.")
view.sync_url()
