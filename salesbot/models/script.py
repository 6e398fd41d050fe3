"""A sales script: the options it was written with and each stored version."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class ScriptOptions(_Model):
    tone: str = "consultative"
    language: str = "English"
    length: str = "standard"
    offer: str = ""


class SalesScript(_Model):
    id: int
    customer_id: int
    script: str
    writer: str  # e.g. "offline", "edited", "openai:gpt-4o-mini"
    created_at: datetime
    created_by: str = ""  # who wrote or edited this version (signed-in email; "" without sign-in)
