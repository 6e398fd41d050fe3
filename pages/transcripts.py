"""Transcripts page: every past call, newest first, and the full transcript of a chosen call."""

from __future__ import annotations

import streamlit as st

from salesbot import ui
from salesbot.errors import SalesbotError

desk = ui.desk()
ui.sidebar(desk)
st.title("Transcripts")

try:
    calls = desk.list_calls()
except SalesbotError as e:
    st.error(e.user_message)
    st.stop()

if not calls:
    st.info("No calls yet. Place one from the presenter page.")
    st.stop()

st.dataframe(
    [
        {
            "Call": c.id,
            "Customer": c.customer_name,
            "Phone": c.phone_e164,
            "Status": c.status.label,
            "Started (UTC)": c.started_at.strftime("%Y-%m-%d %H:%M") if c.started_at else "",
            "Duration": ui.clock(c.duration_seconds),
            "First words": c.first_words,
        }
        for c in calls
    ],
    hide_index=True,
    width="stretch",
)

by_id = {c.id: c for c in calls}
chosen = st.selectbox(
    "Call",
    list(by_id),
    key="chosen_call",
    format_func=lambda i: (
        f"#{i} · {by_id[i].customer_name} · {by_id[i].status.label}"
        + (f" · {by_id[i].started_at:%Y-%m-%d %H:%M}" if by_id[i].started_at else "")
    ),
)
try:
    call = desk.get_call(chosen)
except SalesbotError as e:
    st.error(e.user_message)
    st.stop()
st.markdown(f"**{by_id[chosen].customer_name}** · {call.phone_e164} · {call.provider}")
st.markdown(ui.status_line(call, call.ended_at or call.created_at))
if call.error_message:
    st.error(call.error_message)
ui.recording(call)
ui.analysis(desk, call, key="transcripts")
ui.transcript(call, height=520)
