"""One call on the Transcripts page: heading, outcome, recording, transcript beside the script, actions, the customer."""

from __future__ import annotations

import streamlit as st

from salesbot.bootstrap import App
from salesbot.models import Call, CallRow, CallStatus, shown_status, version_number
from salesbot.search.matches import Term
from salesbot.services.archive import CallDetail
from salesbot.telephony.simulated import simulated_by
from salesbot.text import counted
from salesbot.text import markdown_literal as md
from salesbot.ui import reading, widgets
from salesbot.ui.kpis import outcome_label
from salesbot.ui.transcripts_state import select_open_call

CUSTOMER_CALLS = "customer_calls"  # the customer panel's table of calls, opened by click like the main table
PANEL = "customer_panel"  # the customer panel's expander (its open state)
COLUMNS = {  # the text a search found gets the room; ids and times stay narrow
    "Call": st.column_config.NumberColumn(width="small", format="%d"),
    "Match": st.column_config.TextColumn(width="large", help="The words around the first match, the match «marked»"),
    "First words": st.column_config.TextColumn(width="large"),
}


def table_rows(
    rows: list[CallRow], match: dict[int, str] | None = None, placed_by: bool = False
) -> list[dict[str, object]]:
    """Rows for a calls table: plain text cells (a table never reads Markdown), the match cell when searching, who
    placed each call when sign-in records it."""
    return [
        {
            "Call": r.summary.id,
            "Customer": r.summary.customer_name,
            **({"Match": match.get(r.summary.id, "")} if match is not None else {"First words": r.summary.first_words}),
            "Status": shown_status(r.summary.status, r.outcome),
            "Outcome": outcome_label(r.outcome) if r.outcome else "",
            "Started (UTC)": r.summary.started_at.strftime("%Y-%m-%d %H:%M") if r.summary.started_at else "",
            "Duration": widgets.clock(r.summary.duration_seconds),
            "Phone": r.summary.phone_e164,
            **({"Placed by": r.summary.created_by} if placed_by else {}),
        }
        for r in rows
    ]


def show(app: App, detail: CallDetail, terms: list[Term], said_by: str) -> None:
    """Everything about one call; customer text is shown as text (escaped where Markdown is drawn)."""
    call, customer = detail.call, detail.customer
    st.subheader(f"Call #{call.id} · {md(customer.name)}", anchor=False)
    placed_by = f" · placed by {md(call.created_by)}" if call.created_by else ""
    played = f" ({simulated_by(call)})" if simulated_by(call) else ""  # simulated by the rules or a model
    st.caption(f"{call.phone_e164} · {call.provider}{played} · {call.created_at:%Y-%m-%d %H:%M} UTC{placed_by}")
    st.markdown(widgets.status_line(call, call.ended_at or call.created_at))
    if call.error_message and call.status is not CallStatus.FAILED:  # a failed call says why in its outcome card
        st.error(md(call.error_message))
    widgets.recording(app.calls, call)
    if call.status.is_final:
        widgets.outcome_card(call)
    widgets.analysis(app.analysis, call, key="transcripts")
    said, script_col = st.columns(2)
    with said:
        st.markdown("**What was said**")
        reading.transcript(call, terms, said_by)
    with script_col:
        reading.script_used(detail.script, detail.script_version)


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
            [{k: v for k, v in row.items() if k not in {"Customer", "Phone"}} for row in table_rows(history.rows)],
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
