"""Sales knowledge shared by the offline writer, the analyser and the simulated customer."""

from __future__ import annotations

from salesbot.playbook.plays import GENERIC, OBJECTIONS, PLAYS, PRICE_TOPIC_WORDS, play_for
from salesbot.playbook.say import CustomerAsk, Objection, Say, TopicPlay, pick
from salesbot.playbook.speech import spoken_topic

__all__ = [
    "GENERIC",
    "OBJECTIONS",
    "PLAYS",
    "PRICE_TOPIC_WORDS",
    "CustomerAsk",
    "Objection",
    "Say",
    "TopicPlay",
    "pick",
    "play_for",
    "spoken_topic",
]
