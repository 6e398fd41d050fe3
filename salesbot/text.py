"""Text from outside systems made storable: control characters (NUL included, which PostgreSQL refuses) removed."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def storable(text: str) -> str:
    """The text without control characters other than tab and newlines (a model or a provider may send them)."""
    return _CONTROL.sub("", text)
