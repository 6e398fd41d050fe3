"""What analysts take away from a call: a one-call report, as Markdown that also reads as plain text."""

from __future__ import annotations

import re

from salesbot.exports.markdown import inert as md
from salesbot.exports.shown_lines import shown_lines
from salesbot.models import Call, CallAnalysis, Customer, SalesScript, call_shown_status
from salesbot.text import counted


def minutes(seconds: float | None) -> str:
    """Seconds into the call as m:ss."""
    if seconds is None:
        return "–"
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _quote(text: str, at: float | None) -> str:
    return f"“{md(text)}” ({minutes(at)})"


def _analysis_report(a: CallAnalysis) -> list[str]:
    lines = ["", "## Analysis", "", md(a.summary, line_start=True), ""]
    lines += [f"- Outcome: {a.outcome.label}", f"- Sentiment: {a.sentiment.label}", f"- Analyst: {md(a.analyst)}"]
    if a.recommendation:
        lines.append(f"- Recommendation: {md(a.recommendation)}")
    lines += ["", "### Topics", ""]
    for t in a.topics:
        lines.append(f"- **{md(t.topic)}**: {t.status.label}")
        lines += [f"  - {md(e.speaker.title())}: {_quote(e.text, e.at)}" for e in t.evidence]
    if not a.topics:
        lines.append("(no topics were asked for)")
    lines += ["", "### Objections", ""]
    lines += [f"- **{o.kind.label}**: {_quote(o.quote, o.at)}" for o in a.objections] or ["(none raised)"]
    lines += ["", "### Next step", ""]
    if a.next_step:
        step = a.next_step
        lines.append(f"- {md(step.action)}" + (f", {md(step.when)}" if step.when else ""))
        if step.quote:
            lines.append(f"  - Agreed: {_quote(step.quote, step.at)}")
    else:
        lines.append("(none agreed)")
    talk = a.talk
    lines += ["", "### Talk time", ""]
    if talk.agent_words + talk.customer_words == 0:  # analyses from before talk time have no counts
        lines.append("(not counted)")
    else:
        share = f"{talk.agent_share:.0%} of the words spoken"
        asked = counted(talk.agent_questions, "question")
        lines.append(f"- Agent: {counted(talk.agent_words, 'word')} ({share}), {asked}")
        lines.append(f"- Customer: {counted(talk.customer_words, 'word')}")
    return lines


def _fenced(text: str) -> str:
    """Text as a code block: shown as it is, whatever Markdown or HTML it holds (the fence outlasts any run of `)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _link(url: str) -> str:
    """A provider's http(s) URL as an autolink; anything else as inert text."""
    return f"<{url}>" if re.fullmatch(r"https?://[^\s<>`\\]+", url) else md(url)


def call_report(call: Call, customer: Customer, script: SalesScript | None, version: int | None = None) -> str:
    """A one-call Markdown report: customer, analysis, transcript and the script as version `version` (v1, v2 … per
    customer, services.scripts.version_number); what anyone said stays text, never Markdown or HTML."""
    used = f"v{version} ({md(script.writer)})" if script and version else f"({md(script.writer)})" if script else ""
    if script and script.created_by:
        used += f", by {md(script.created_by)}"
    lines = [
        f"# Call #{call.id} with {md(customer.name)}",
        "",
        f"- Phone: {md(call.phone_e164)} ({md(customer.country_code)})",
        f"- Email: {md(customer.email or '–')}",
        f"- Status: {call_shown_status(call)}",
        f"- Started: {call.started_at.isoformat() if call.started_at else '–'}",
        f"- Duration: {minutes(call.duration_seconds)}",
        f"- Provider: {md(call.provider)}",
        f"- Placed by: {md(call.created_by or '–')}",
        f"- Topics: {md(', '.join(customer.topics))}",
        f"- Script: {used or '(deleted)'}",
    ]
    if call.recording_url:
        lines.append(f"- Recording: {_link(call.recording_url)}")
    if call.analysis:
        lines += _analysis_report(call.analysis)
    lines += ["", "## Transcript", ""]
    for line in shown_lines(call):  # who said it (the voicemail apart) and when the line began
        when = minutes(line.seconds) if line.seconds is not None else f"{line.began:%H:%M:%S}"
        lines.append(f"- **{line.voice.label}** ({when}): {md(line.line.text)}")
    if not call.utterances:
        lines.append("(nothing said)")
    lines += ["", f"## Script {used}".rstrip(), ""]
    lines.append(_fenced(script.script) if script else "(the script was deleted)")
    return "\n".join(lines) + "\n"
