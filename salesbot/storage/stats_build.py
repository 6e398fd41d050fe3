"""The KPIs (CallStats) from a filter's groups: the sums per day, status, outcome, sentiment and presenter that the
SQLite store (and the in-memory test store) read from their totals or their calls; PostgreSQL sums the same in SQL."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from salesbot.models import CallStats, CallStatus, ObjectionKind, Outcome, PresenterFigures

GROUP_COLUMNS = ("day", "call_status", "outcome", "sentiment", "created_by")
MEASURES = (
    "calls", "connected", "connected_seconds", "connected_timed", "next_steps", "agent_words", "customer_words",
    "agent_questions", "monologue_seconds", "monologue_calls", "objection_seconds", "objection_calls",
    *(f"objection_{k.value}" for k in ObjectionKind),
)  # fmt: skip
_FINAL = {s.value for s in CallStatus if s.is_final}
_PRESENTER_SUMS = ("calls", "connected", "agent_words", "customer_words", "agent_questions", "monologue_seconds",
                   "monologue_calls", "objection_seconds", "objection_calls")  # fmt: skip


def _add(into: dict[Any, int], key: Any, n: int) -> None:
    into[key] = into.get(key, 0) + n


def build(groups: Iterable[Sequence[Any]], topics: Iterable[Sequence[Any]]) -> CallStats:
    """CallStats from rows of GROUP_COLUMNS then MEASURES, and rows of (topic, coverage, calls)."""
    totals = dict.fromkeys(MEASURES, 0.0)
    outcomes: dict[str, int] = {}
    sentiments: dict[str, int] = {}
    days: dict[tuple[date, str], int] = {}
    people: dict[str, dict[str, float]] = {}
    finished = meetings = 0
    person_meetings: dict[str, int] = {}
    for row in groups:
        day, status, outcome, sentiment, created_by = row[:5]
        sums = dict(zip(MEASURES, row[5:], strict=True))
        calls, connected = int(sums["calls"]), int(sums["connected"])
        for m in MEASURES:
            totals[m] += sums[m] or 0
        _add(outcomes, outcome, calls)
        if sentiment:
            _add(sentiments, sentiment, calls)
        _add(days, (date.fromisoformat(str(day)[:10]), outcome), calls)
        finished += calls if status in _FINAL else 0
        booked = connected if outcome == Outcome.MEETING_BOOKED.value else 0
        meetings += booked
        _add(person_meetings, created_by, booked)
        mine = people.setdefault(created_by, dict.fromkeys(_PRESENTER_SUMS, 0.0))
        for m in _PRESENTER_SUMS:
            mine[m] += sums[m] or 0
    return CallStats(
        calls=int(totals["calls"]),
        connected=int(totals["connected"]),
        average_seconds=totals["connected_seconds"] / totals["connected_timed"] if totals["connected_timed"] else None,
        outcomes=outcomes,
        per_day=[(d, o, n) for (d, o), n in sorted(days.items()) if n],
        finished=finished,
        meetings=meetings,
        next_steps=int(totals["next_steps"]),
        sentiments=sentiments,
        objections={k.value: n for k in ObjectionKind if (n := int(totals[f"objection_{k.value}"]))},
        topics=topic_counts(topics),
        presenters=[presenter(who, sums, person_meetings.get(who, 0)) for who, sums in sorted(people.items())],
    )


def presenter(created_by: str, sums: dict[str, float], meetings: int) -> PresenterFigures:
    return PresenterFigures(
        created_by=created_by,
        calls=int(sums["calls"]),
        connected=int(sums["connected"]),
        meetings=meetings,
        agent_words=int(sums["agent_words"]),
        customer_words=int(sums["customer_words"]),
        agent_questions=int(sums["agent_questions"]),
        monologue_seconds=round(float(sums["monologue_seconds"]), 1),
        monologue_calls=int(sums["monologue_calls"]),
        objection_seconds=round(float(sums["objection_seconds"]), 1),
        objection_calls=int(sums["objection_calls"]),
    )


def topic_counts(rows: Iterable[Sequence[Any]]) -> dict[str, dict[str, int]]:
    """topic -> coverage -> calls, topics in name order."""
    found: dict[str, dict[str, int]] = {}
    for topic, coverage, n in rows:
        if int(n):
            _add(found.setdefault(str(topic), {}), str(coverage), int(n))
    return dict(sorted(found.items()))
