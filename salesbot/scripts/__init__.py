"""Script writing: the ScriptWriter interface and the options a script is written with (its sections, which the
writers and the callers share, are in playbook/script_format.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from salesbot.models import Customer, ScriptOptions

TONES = ("friendly", "consultative", "formal")
LENGTHS = ("short", "standard")
LANGUAGES = ("English", "Hindi")


class ScriptWriter(Protocol):
    """Writes a spoken sales script for one customer, yielding text as it is produced."""

    name: str

    def stream_script(self, customer: Customer, options: ScriptOptions) -> Iterator[str]: ...
