"""Sales knowledge shared by the offline writer, the analyser and the simulated customer."""

from __future__ import annotations

from salesbot.playbook.plays import (
    GENERIC,
    OBJECTIONS,
    PLAYS,
    PRICE_TOPIC_WORDS,
    CustomerAsk,
    Objection,
    Say,
    TopicPlay,
    play_for,
)

__all__ = [
    "GENERIC",
    "OBJECTIONS",
    "PLAYS",
    "PRICE_TOPIC_WORDS",
    "CustomerAsk",
    "Objection",
    "Say",
    "TopicPlay",
    "play_for",
]
