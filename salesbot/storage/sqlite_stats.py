"""The KPIs on SQLite for a filter the per-day totals cannot answer (a search, a name, objections, a next step):
plain sums per group and connected or not, so each call costs a few column reads, not a dozen CASE expressions."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from salesbot.models import CallStats, ObjectionKind
from salesbot.storage import sqlite_daily, stats_build

_RAW = (  # summed over each group of calls, connected or not; stats_build's measures follow from them
    "count(*)", "sum(t.duration_seconds)", "count(t.duration_seconds)", "sum(coalesce(t.next_step_agreed, 0))",
    "sum(t.agent_words)", "sum(t.customer_words)", "sum(t.agent_questions)", "sum(t.longest_monologue)",
    "count(t.longest_monologue)", "sum(t.first_objection)", "count(t.first_objection)",
    *(f"sum(instr(coalesce(t.objections, ''), '\"{k.value}\"') > 0)" for k in ObjectionKind),
)  # fmt: skip


def measured(row: Any) -> tuple[Any, ...]:
    """A row of (the group's keys, connected 0 or 1, the _RAW sums) as stats_build reads groups: what only connected
    calls count is 0 for the calls that did not connect."""
    keys, connected, raw = tuple(row[:5]), int(row[5]), [v or 0 for v in row[6:]]
    n, seconds, timed, steps, agent, customer, questions, mono, monos, first, firsts, *kinds = raw
    only = [seconds, timed, steps, agent, customer, questions, mono, monos, first, firsts]
    return (*keys, n, n * connected, *(v * connected for v in only), *kinds)


def stats(conn: sqlite3.Connection, index: str, condition: str, params: list[Any]) -> CallStats:
    """Groups and topics of the calls matching `condition` (sqlite_search.where), read on `index`."""
    key = sqlite_daily.keys("t")
    group = ", ".join(key[c] for c in stats_build.GROUP_COLUMNS)
    connected = sqlite_daily.connected_sql("t")
    found = conn.execute(
        f"SELECT {group}, {connected} AS c, {', '.join(_RAW)} FROM call_transcripts t INDEXED BY {index}{condition}"
        f" GROUP BY {group}, c",
        params,
    ).fetchall()
    also = f"{connected} AND t.topic_coverage IS NOT NULL"
    coverages = conn.execute(  # calls share a few topic lists: read each distinct list once
        "SELECT t.topic_coverage, count(*) FROM call_transcripts t INDEXED BY call_transcripts_facts"
        f"{condition + ' AND ' if condition else ' WHERE '}{also} GROUP BY t.topic_coverage",
        params,
    ).fetchall()
    topics = [(topic, coverage, n) for text, n in coverages for topic, coverage in json.loads(text)]
    return stats_build.build([measured(r) for r in found], topics)
