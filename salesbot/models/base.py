"""The base of every stored model: frozen, so a value read from a store or a provider is never changed in place."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class FrozenModel(BaseModel):
    model_config = ConfigDict(frozen=True)
