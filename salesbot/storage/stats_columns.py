"""The coaching figures kept beside each call (analysis.coaching), so the KPIs and the per-presenter table sum
columns instead of reading every transcript: written with the lines and with the analysis, backfilled once."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from typing import Any

from salesbot.analysis import coaching
from salesbot.models import CallAnalysis, Utterance

log = logging.getLogger(__name__)

LINE_COLUMNS = ("agent_words", "customer_words", "agent_questions", "longest_monologue")
COLUMNS = (*LINE_COLUMNS, "first_objection", "topic_coverage")
INDEXED = COLUMNS[:-1]  # in the covering index lists scan by date; topic_coverage (longer) only in the one by id
SQLITE_KINDS = {"agent_words": "INTEGER", "customer_words": "INTEGER", "agent_questions": "INTEGER",
                "longest_monologue": "REAL", "first_objection": "REAL", "topic_coverage": "TEXT"}  # fmt: skip


def line_columns(utterances: Sequence[Utterance]) -> dict[str, Any]:
    """What the lines say (coaching.line_figures), as columns: written whenever the lines are."""
    found = coaching.line_figures(utterances)
    return {column: getattr(found, column) for column in LINE_COLUMNS}


def analysis_column(analysis: CallAnalysis) -> dict[str, Any]:
    """What the analysis adds: when the customer first objected, and each topic with its coverage as JSON text
    ([["Pricing", "covered"], ...]: short, so the KPIs read it from an index, not from the whole analysis)."""
    topics = [[t.topic, t.status.value] for t in analysis.topics]
    return {
        "first_objection": coaching.first_objection(analysis),
        "topic_coverage": json.dumps(topics, ensure_ascii=False, separators=(",", ":")),
    }


def backfill_sqlite(conn: sqlite3.Connection) -> None:
    """Calls stored before the figures were kept: each call's figures from its stored lines and analysis (a file
    opened by this release for the first time does this once)."""
    found = conn.execute("SELECT id, utterances, analysis FROM call_transcripts WHERE utterances <> '[]'")
    for r in found.fetchall():
        try:
            said = [Utterance.model_validate(u) for u in json.loads(r["utterances"])]
            analysis = CallAnalysis.model_validate_json(r["analysis"]) if r["analysis"] else None
        except ValueError as e:  # left without figures rather than refusing to open the file
            log.warning("call %s: its lines or analysis cannot be read (%s)", r["id"], e)
            continue
        values = {**line_columns(said), **(analysis_column(analysis) if analysis else {})}
        sets = ", ".join(f"{column} = ?" for column in values)
        conn.execute(f"UPDATE call_transcripts SET {sets} WHERE id = ?", (*values.values(), r["id"]))
