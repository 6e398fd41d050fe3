"""A sales script: the options it was written with and each stored version."""

from __future__ import annotations

from datetime import datetime

from salesbot.models.base import FrozenModel


class ScriptOptions(FrozenModel):
    tone: str = "consultative"
    language: str = "English"
    length: str = "standard"
    offer: str = ""


class SalesScript(FrozenModel):
    id: int
    customer_id: int
    script: str
    writer: str  # e.g. "offline", "edited", "openai:gpt-4o-mini"
    created_at: datetime
    created_by: str = ""  # who wrote or edited this version (signed-in email; "" without sign-in)


def version_numbers(scripts: list[SalesScript]) -> dict[int, int]:
    """Each version's number among its customer's versions, oldest first (v1, v2 …): script id -> number."""
    return {s.id: n for n, s in enumerate(sorted(scripts, key=lambda s: (s.created_at, s.id)), 1)}


def version_number(scripts: list[SalesScript], script_id: int | None) -> int | None:
    """The script's number among its customer's versions, oldest first (v1, v2 …), as the presenter saw it."""
    return version_numbers(scripts).get(script_id) if script_id is not None else None
