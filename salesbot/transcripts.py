"""What analysts take away from calls: the matching line, a CSV of a filtered history, a one-call report."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from salesbot.models import Call, Customer, SalesScript
from salesbot.storage import CallRow
from salesbot.text import markdown_literal


def matching_line(transcript: str, words: list[str], bold: bool = True) -> str:
    """The first transcript line holding the most search words, with the words marked in **bold**."""
    if not words:
        return ""
    best, best_hits = "", 0
    for line in transcript.splitlines():
        hits = sum(1 for w in words if w.lower() in line.lower())
        if hits > best_hits:
            best, best_hits = line, hits
    if not best or not bold:
        return best
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    marked, last = [], 0
    for m in pattern.finditer(best):  # what was said stays text: only the matches are bold
        marked += [markdown_literal(best[last : m.start()], collapse=False), f"**{markdown_literal(m.group(0))}**"]
        last = m.end()
    return "".join([*marked, markdown_literal(best[last:], collapse=False)])


CSV_COLUMNS = (
    "call_id", "created_at", "customer", "phone", "country", "status", "outcome", "sentiment",
    "duration_seconds", "provider", "transcript",
)  # fmt: skip


def write_csv(pages: Iterable[list[CallRow]]) -> str:
    """Every row of every page as CSV (one call a row, the transcript in one cell)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for page in pages:
        for r in page:
            s = r.summary
            writer.writerow(
                [s.id, s.created_at.isoformat(), s.customer_name, s.phone_e164, r.country_code, s.status.value,
                 r.outcome or "", r.sentiment or "", s.duration_seconds if s.duration_seconds is not None else "",
                 s.provider, r.transcript]
            )  # fmt: skip
    return out.getvalue()


def call_report(call: Call, customer: Customer, script: SalesScript | None) -> str:
    """A one-call Markdown report: customer, script, transcript and analysis."""
    lines = [
        f"# Call #{call.id} with {customer.name}",
        "",
        f"- Phone: {call.phone_e164} ({customer.country_code})",
        f"- Email: {customer.email or '–'}",
        f"- Status: {call.status.label}",
        f"- Started: {call.started_at.isoformat() if call.started_at else '–'}",
        f"- Duration: {call.duration_seconds if call.duration_seconds is not None else '–'} s",
        f"- Provider: {call.provider}",
        f"- Topics: {', '.join(customer.topics)}",
    ]
    if call.recording_url:
        lines.append(f"- Recording: {call.recording_url}")
    if call.analysis:
        a = call.analysis
        lines += [
            "",
            "## Analysis",
            "",
            a.summary,
            "",
            f"- Outcome: {a.outcome.label}",
            f"- Sentiment: {a.sentiment.value}",
        ]
        lines += [f"- {t.topic}: " + (f"covered — “{t.quote}”" if t.covered else "not covered") for t in a.topics]
    lines += ["", "## Transcript", ""]
    lines += [f"- **{u.speaker.value.title()}** ({u.at:%H:%M:%S}): {u.text}" for u in call.utterances] or [
        "(nothing said)"
    ]
    lines += ["", f"## Script ({script.writer}, version {script.id})" if script else "## Script", ""]
    lines.append(script.script if script else "(the script was deleted)")
    return "\n".join(lines) + "\n"
