"""rpc/call_stats's answer (migration 20261208120200) as CallStats: the same figures stats_build gives on SQLite."""

from __future__ import annotations

from datetime import date
from typing import Any

from salesbot.models import CallStats, ObjectionKind
from salesbot.storage import stats_build

_PRESENTER = ("created_by", "calls", "connected", "meetings", "agent_words", "customer_words", "agent_questions",
              "monologue_seconds", "monologue_calls", "objection_seconds", "objection_calls")  # fmt: skip


def stats(data: Any) -> CallStats | None:
    """call_stats's answer as CallStats, or None when it has another shape."""
    if not isinstance(data, dict):
        return None
    try:
        per_day = [(date.fromisoformat(d), str(o), int(n)) for d, o, n in data.get("per_day") or []]
        outcomes: dict[str, int] = {}
        for _, outcome, n in per_day:
            outcomes[outcome] = outcomes.get(outcome, 0) + n
        average = data.get("average_seconds")
        objections = data.get("objections") or {}
        people = [dict(zip(_PRESENTER, p, strict=True)) for p in data.get("presenters") or []]
        return CallStats(
            calls=int(data.get("calls") or 0),
            connected=int(data.get("connected") or 0),
            average_seconds=float(average) if average is not None else None,
            outcomes=outcomes,
            per_day=per_day,
            approximate=bool(data.get("approximate")),
            finished=int(data.get("finished") or 0),
            meetings=int(data.get("meetings") or 0),
            next_steps=int(data.get("next_steps") or 0),
            sentiments={str(k): int(v) for k, v in (data.get("sentiments") or {}).items()},
            objections={k.value: n for k in ObjectionKind if (n := int(objections.get(k.value) or 0))},
            topics=stats_build.topic_counts(data.get("topics") or []),
            presenters=[
                stats_build.presenter(
                    str(p["created_by"]), {k: float(p[k] or 0) for k in _PRESENTER[1:]}, int(p["meetings"] or 0)
                )
                for p in people
            ],
        )
    except (TypeError, ValueError, KeyError):
        return None
