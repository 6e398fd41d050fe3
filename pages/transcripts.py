"""Transcripts page: filter and search every call, see the KPIs, open a call or a customer, export."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import streamlit as st

from salesbot import ui
from salesbot.countries import all_countries
from salesbot.errors import SalesbotError
from salesbot.models import CallStatus, ObjectionKind, Outcome, Sentiment
from salesbot.storage import SORTS, CallFilter
from salesbot.transcripts import matching_line
from salesbot.ui import widgets

PAGE_SIZE = 25
NEXT_STEP = {"Any": None, "Yes": True, "No": False}
app = ui.app()
state = st.session_state
st.title("Transcripts")

with st.expander("Filters and search", expanded=True, icon=":material/filter_list:"):
    c1, c2, c3 = st.columns([2, 1, 1])
    c1.text_input("Search transcripts", key="search", placeholder="Words that must all appear, e.g. pricing Thursday")
    c2.text_input("Customer name", key="customer_filter")
    countries = all_countries()
    c3.selectbox(
        "Country", ["", *countries], key="country_filter", format_func=lambda r: countries[r].label if r else "Any"
    )
    c4, c5, c6, c7 = st.columns(4)
    c4.multiselect(
        "Status", [s.value for s in CallStatus], key="status_filter", format_func=lambda v: CallStatus(v).label
    )
    c5.multiselect("Outcome", [o.value for o in Outcome], key="outcome_filter", format_func=lambda v: Outcome(v).label)
    c6.multiselect("Sentiment", [s.value for s in Sentiment], key="sentiment_filter")
    c7.multiselect(
        "Objection raised",
        [k.value for k in ObjectionKind],
        key="objection_filter",
        format_func=lambda v: ObjectionKind(v).label,
        help="Calls where the customer raised any of these",
    )
    c8, c9, c10 = st.columns([1, 1, 2])
    c8.selectbox(
        "Next step agreed",
        list(NEXT_STEP),
        key="next_step_filter",
        help="Yes or No: analysed calls with or without one",
    )
    c9.selectbox("Sort by", list(SORTS), key="sort", format_func=SORTS.__getitem__)
    dates = c10.date_input("Date range", value=(), key="date_range", format="YYYY-MM-DD")

picked = dates if isinstance(dates, tuple) else (dates,)
date_from: date | None = picked[0] if len(picked) > 0 else None
call_filter = CallFilter(
    date_from=date_from,
    date_to=picked[1] if len(picked) > 1 else date_from,
    statuses=tuple(state["status_filter"]),
    outcomes=tuple(state["outcome_filter"]),
    sentiments=tuple(state["sentiment_filter"]),
    objections=tuple(state["objection_filter"]),
    next_step_agreed=NEXT_STEP[state["next_step_filter"]],
    customer_name=state["customer_filter"],
    country_code=state["country_filter"],
    search=state["search"],
    sort=state["sort"],
)
if state.get("filter_seen") != call_filter:  # a new filter starts on its first page
    state["filter_seen"] = call_filter
    state["page"] = 1
    state.pop("csv_export", None)

try:
    app.calls.catch_up()
    stats = app.archive.call_stats(call_filter)
    pages = max(1, math.ceil(stats.calls / PAGE_SIZE))
    state["page"] = min(state.get("page", 1), pages)
    found = app.archive.find_calls(call_filter, page=state["page"], page_size=PAGE_SIZE, with_total=False)
except SalesbotError as e:
    st.error(e.user_message)
    st.stop()

m1, m2, m3, m4 = st.columns(4)
m1.metric("Calls", f"{stats.calls:,}")
m2.metric("Connected", f"{stats.connected / stats.calls:.0%}" if stats.calls else "–")
m3.metric("Average duration", widgets.clock(stats.average_seconds))
top = max(stats.outcomes.items(), key=lambda kv: kv[1], default=("", 0))
m4.metric("Top outcome", (Outcome(top[0]).label if top[0] else "not analysed") if top[1] else "–")
if stats.per_day:
    chart = pd.DataFrame(stats.per_day, columns=["day", "outcome", "calls"])
    chart["outcome"] = chart["outcome"].replace("", "not analysed")
    left, right = st.columns([3, 1])
    left.bar_chart(chart, x="day", y="calls", color="outcome", height=220)
    right.dataframe(chart.groupby("outcome")["calls"].sum().sort_values(ascending=False), height=220)

if not found.rows:
    filtered = call_filter != CallFilter(sort=call_filter.sort)
    st.info("No calls match these filters." if filtered else "No calls yet. Place one from the presenter page.")
    st.stop()

words = call_filter.search_words()
st.dataframe(
    [
        {
            "Call": r.summary.id,
            "Customer": r.summary.customer_name,
            "Phone": r.summary.phone_e164,
            "Status": r.summary.status.label,
            "Outcome": Outcome(r.outcome).label if r.outcome else "",
            "Started (UTC)": r.summary.started_at.strftime("%Y-%m-%d %H:%M") if r.summary.started_at else "",
            "Duration": widgets.clock(r.summary.duration_seconds),
            "Match" if words else "First words": matching_line(r.transcript, words, bold=False)
            if words
            else r.summary.first_words,
        }
        for r in found.rows
    ],
    hide_index=True,
    width="stretch",
)
p1, p2, p3 = st.columns([1, 2, 2])
p1.number_input("Page", min_value=1, max_value=pages, key="page", step=1)
p2.caption(f"Page {state['page']} of {pages} · {stats.calls:,} calls match")
if p3.button("Export CSV", key="export_csv", help="Every call matching the filter, not only this page"):
    try:
        state["csv_export"] = app.archive.export_csv(call_filter)
    except SalesbotError as e:
        p3.error(e.user_message)
if "csv_export" in state:
    p3.download_button(
        "Download CSV", state["csv_export"], file_name="salesbot-calls.csv", mime="text/csv", key="download_csv"
    )

by_id = {r.summary.id: r for r in found.rows}
chosen = st.selectbox(
    "Call",
    list(by_id),
    key="chosen_call",
    format_func=lambda i: (
        f"#{i} · {by_id[i].summary.customer_name} · {by_id[i].summary.status.label}"
        + (f" · {by_id[i].summary.started_at:%Y-%m-%d %H:%M}" if by_id[i].summary.started_at else "")
    ),
)
try:
    call = app.archive.get_call(chosen)
    customer = app.archive.get_customer(call.customer_id)
    scripts = app.archive.list_scripts(customer.id)
    report = app.archive.call_report(call.id)
    history = app.archive.find_calls(CallFilter(customer_id=customer.id), page=1, page_size=50)
except SalesbotError as e:
    st.error(e.user_message)
    st.stop()

st.subheader(f"{widgets.md(customer.name)} · {call.phone_e164} · {call.provider}")
st.markdown(widgets.status_line(call, call.ended_at or call.created_at))
if words and (line := matching_line(by_id[chosen].transcript, words)):
    st.markdown(f"Match: {line}")
if call.error_message and call.status is not CallStatus.FAILED:  # a failed call says why in its outcome card
    st.error(call.error_message)
widgets.recording(app.calls, call)
if call.status.is_final:
    widgets.outcome_card(call)
widgets.analysis(app.analysis, call, key="transcripts")
said, script_col = st.columns(2)
with said:
    st.markdown("**What was said**")
    widgets.transcript(call, height=520)
with script_col:
    used = next((s for s in scripts if s.id == call.script_id), None)
    st.markdown(
        f"**Script used** · {used.writer} · v{len(scripts) - scripts.index(used)}" if used else "**Script used**"
    )
    st.text_area(
        "Script used", used.script if used else "(deleted)", height=520, disabled=True, label_visibility="collapsed"
    )
if (
    call.status.is_final
    and call.utterances
    and st.button(
        "Replay on the presenter page",
        key="replay_call",
        icon=":material/replay:",
        help="Plays the call back; nothing is dialled",
    )
):
    st.switch_page("pages/presenter.py", query_params={"replay": str(call.id)})
st.download_button(
    "Download report (Markdown)",
    report,
    file_name=f"call-{call.id}.md",
    mime="text/markdown",
    key="report",
)

with st.expander(f"Customer: {widgets.md(customer.name)}", icon=":material/person:"):
    st.markdown(
        f"{customer.phone_e164} · {widgets.md(customer.email or 'no email')} · {customer.country_code} · "
        f"topics: {widgets.md(', '.join(customer.topics))}"
    )
    if customer.conversation_history:
        st.text(customer.conversation_history)
    st.markdown(f"**{history.total} calls**")
    for r in history.rows:
        st.markdown(
            f"- #{r.summary.id} · {r.summary.created_at:%Y-%m-%d %H:%M} · {r.summary.status.label}"
            + (f" · {Outcome(r.outcome).label}" if r.outcome else "")
        )
    st.markdown(f"**{len(scripts)} script versions**")
    for i, s in enumerate(scripts):
        st.markdown(f"- v{len(scripts) - i} · {s.writer} · {s.created_at:%Y-%m-%d %H:%M}")
