"""The sections every sales script shares and its objection lines: written by the script writers, read by the
telephony adapters and the script checks."""

from __future__ import annotations

import re

SECTIONS = ("Opener", "Recap", "Discovery", "Value", "Objections", "Close")

_HEADER = re.compile(r"^\s*\[(?P<name>[A-Za-z ]+)\]\s*$")


def parse_sections(script: str) -> dict[str, list[str]]:
    """Split a script into its sections' non-empty lines.

    Scripts edited by hand may lose their headers: text before any header counts as the opener.
    """
    sections: dict[str, list[str]] = {name: [] for name in SECTIONS}
    current = SECTIONS[0]
    for line in script.splitlines():
        match = _HEADER.match(line)
        if match:
            name = match.group("name").strip().title()
            current = name if name in sections else current
            continue
        text = line.strip()
        if text:
            sections[current].append(text)
    return sections


# One objection line, in either language: If they say "<customer words>" answer: <agent answer>
OBJECTION_LINE = re.compile(
    r'^\s*(?:If they say|अगर वे कहें)\s+"(?P<says>[^"]+)"\s*(?:answer|तो जवाब)\s*:\s*(?P<answer>.+?)\s*$'
)


def objection_line(says: str, answer: str, language: str) -> str:
    """An [Objections] line: what the customer may say and the agent's answer, in the script's language."""
    says = says.replace('"', "'").strip()
    if language == "Hindi":
        return f'अगर वे कहें "{says}" तो जवाब: {answer.strip()}'
    return f'If they say "{says}" answer: {answer.strip()}'
