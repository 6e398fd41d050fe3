"""One call on the Transcripts page: heading, outcome, recording, transcript, analysis and script, the customer."""

from __future__ import annotations

import streamlit as st

from salesbot.bootstrap import App
from salesbot.models import Call, CallStatus, version_number
from salesbot.search.matches import Term
from salesbot.services.archive import CallDetail
from salesbot.telephony.simulated import simulated_by
from salesbot.text import counted
from salesbot.text import markdown_literal as md
from salesbot.ui import reading, widgets
from salesbot.ui.calls_table import COLUMNS, table_rows
from salesbot.ui.transcripts_state import select_open_call

CUSTOMER_CALLS = "customer_calls"  # the customer panel's table of calls, opened by click like the main table
PANEL = "customer_panel"  # the customer panel's expander (its open state)


def script_label(detail: CallDetail) -> str:
    """The script version the call used as the presenter saw it: "Script v2", or why there is no number."""
    if detail.script is None:
        return "Script deleted"
    return f"Script v{detail.script_version}" if detail.script_version else "Script (version unknown)"


def heading(detail: CallDetail) -> None:
    """Who was called, when, by whom, how and with which script version: customer text as text."""
    call, customer = detail.call, detail.customer
    st.subheader(f"Call #{call.id} · {md(customer.name)}", anchor=False)
    placed_by = f" · placed by {md(call.created_by)}" if call.created_by else ""
    played = f" ({simulated_by(call)})" if simulated_by(call) else ""  # simulated by the rules or a model
    st.caption(
        f"{call.phone_e164} · {call.provider}{played} · {call.created_at:%Y-%m-%d %H:%M} UTC"
        f" · {script_label(detail)}{placed_by}"
    )


def outcome_line(call: Call) -> str:
    """The analysis in one line above the tabs (the card with the summary and quotes is under Analysis)."""
    result = call.analysis
    if result is None:
        return ""
    step = f"next step: {md(result.next_step.action)}" if result.next_step else "no next step"
    return f"**Outcome: {result.outcome.label}** · customer sentiment {result.sentiment.label} · {step}"


def show(app: App, detail: CallDetail, terms: list[Term], said_by: str) -> None:
    """A finished call: status, outcome, recording or why there is none, then what was said (at the search's first
    match), the analysis and the script used in tabs, so the transcript's first lines are on the first screen."""
    call = detail.call
    st.markdown(widgets.status_line(call, call.ended_at or call.created_at))
    if line := outcome_line(call):
        st.markdown(line)
    if call.error_message and call.status is not CallStatus.FAILED:  # a failed call says why in its outcome card
        st.error(md(call.error_message))
    widgets.recording(app.calls, call)
    said, analysed, script = st.tabs(["What was said", "Analysis", script_label(detail)])
    with said:
        reading.transcript(call, terms, said_by, height=480)
    with analysed:
        if call.status.is_final:
            widgets.outcome_card(call)
        widgets.analysis(app.analysis, call, key="transcripts")
    with script:
        reading.script_used(detail.script, detail.script_version, height=480)


def actions(app: App, call: Call) -> None:
    """Replay a finished call on the presenter page, and download the call's report."""
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


def customer_panel(detail: CallDetail) -> None:
    """The call's customer as text, and their calls: a click on one opens it."""
    customer, history = detail.customer, detail.history
    panel = st.expander(f"Customer: {md(customer.name)}", icon=":material/person:", key=PANEL, on_change="rerun")
    if not panel.open:  # drawn only once opened: the page loads without it
        return
    with panel:
        st.text(
            "\n".join(
                [
                    f"Name: {customer.name}",
                    f"Phone: {customer.phone_e164} ({customer.country_code})",
                    f"Email: {customer.email or '–'}",
                    f"Topics: {', '.join(customer.topics) or '–'}",
                ]
            )
        )
        if customer.conversation_history:
            st.markdown("**Conversation history**")
            st.text(customer.conversation_history)
        total = history.total if history.total is not None else len(history.rows)
        shown = f" (the newest {len(history.rows)})" if total > len(history.rows) else ""
        st.markdown(f"**{counted(total, 'call')}**{shown} · click one to open it")
        ids = [r.summary.id for r in history.rows]
        select_open_call(CUSTOMER_CALLS, ids)
        st.dataframe(
            [{k: v for k, v in row.items() if k != "Customer"} for row in table_rows(history.rows)],
            hide_index=True,
            width="stretch",
            key=CUSTOMER_CALLS,
            on_select="rerun",
            selection_mode=["single-row", "single-cell"],
            column_config=COLUMNS,
        )
        st.markdown(f"**{counted(len(detail.scripts), 'script version')}**")
        versions = [
            f"v{version_number(detail.scripts, s.id)} · {s.writer} · {s.created_at:%Y-%m-%d %H:%M}"
            for s in detail.scripts
        ]
        st.text("\n".join(versions))
