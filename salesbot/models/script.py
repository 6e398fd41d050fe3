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
