"""Keyset paging in a filter's sort order: where the next batch starts, as conditions both stores render."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Op = Literal["lt", "gt", "eq", "is_null"]
Condition = tuple[str, Op, Any]  # column, operator, value (None for is_null)


@dataclass(frozen=True)
class Position:
    """The last row of a batch: the sort columns and the id that breaks ties."""

    id: int
    created_at: Any  # as the store holds it (ISO text), compared as the store compares it
    duration_seconds: float | None


def after(sort: str, last: Position) -> list[list[Condition]]:
    """Rows that come after `last` in the sort order, as alternatives (OR) of conjunctions (AND).

    The orders are the stores' own: newest and oldest by (created_at, id); longest and shortest by duration, calls
    without a duration last either way, ties by id descending.
    """
    if sort == "oldest":
        return [[("created_at", "gt", last.created_at)], [("created_at", "eq", last.created_at), ("id", "gt", last.id)]]
    if sort in {"longest", "shortest"}:
        if last.duration_seconds is None:  # only calls without a duration remain, by id descending
            return [[("duration_seconds", "is_null", None), ("id", "lt", last.id)]]
        beyond: Op = "lt" if sort == "longest" else "gt"
        d = last.duration_seconds
        return [
            [("duration_seconds", beyond, d)],
            [("duration_seconds", "eq", d), ("id", "lt", last.id)],
            [("duration_seconds", "is_null", None)],
        ]
    return [[("created_at", "lt", last.created_at)], [("created_at", "eq", last.created_at), ("id", "lt", last.id)]]


_SQL = {"lt": "<", "gt": ">", "eq": "="}


def sql(alternatives: list[list[Condition]], alias: str = "t") -> tuple[str, list[Any]]:
    """The alternatives as one SQL condition with ? parameters."""
    parts: list[str] = []
    params: list[Any] = []
    for conjunction in alternatives:
        terms = []
        for column, op, value in conjunction:
            if op == "is_null":
                terms.append(f"{alias}.{column} IS NULL")
            else:
                terms.append(f"{alias}.{column} {_SQL[op]} ?")
                params.append(value)
        parts.append("(" + " AND ".join(terms) + ")")
    return "(" + " OR ".join(parts) + ")", params


def postgrest_or(alternatives: list[list[Condition]]) -> str:
    """The alternatives for supabase-py's or_() (which adds the parentheses of or=(...)), every value quoted."""

    def term(column: str, op: Op, value: Any) -> str:
        if op == "is_null":
            return f"{column}.is.null"
        text = str(value).replace("\\", "\\\\").replace('"', '\\"')
        return f'{column}.{op}."{text}"'

    parts = []
    for conjunction in alternatives:
        terms = [term(*c) for c in conjunction]
        parts.append(terms[0] if len(terms) == 1 else f"and({','.join(terms)})")
    return ",".join(parts)
