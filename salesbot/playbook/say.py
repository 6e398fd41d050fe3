"""The shapes of sales knowledge: lines in two languages, topic plays, customer asks, objections, stable choice."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Say:
    """One line in the two languages the offline parts speak."""

    en: str
    hi: str

    def in_language(self, language: str) -> str:
        """The Hindi line for "Hindi", the English one for anything else."""
        return self.hi if language == "Hindi" else self.en


@dataclass(frozen=True)
class CustomerAsk:
    """A question a simulated customer asks back about a kind of topic, and how to tell that a reply answers it."""

    say: Say
    subject: Say  # what was asked, as a short noun phrase for an honest deferral
    answered_by: re.Pattern[str]  # matches a sentence (English or Hindi) that answers it


@dataclass(frozen=True)
class TopicPlay:
    """How a kind of topic is discussed: the agent's questions and value lines, the customer's answers and asks.

    In questions and values "{topic}" stands for the topic as spoken in the line's language.
    """

    kind: str
    keywords: tuple[str, ...]
    questions: tuple[Say, ...]
    values: tuple[Say, ...]  # each one answers every ask below, with facts
    answers: tuple[Say, ...]  # a customer's answer to a discovery question: no objection, no other kind of topic
    asks: tuple[CustomerAsk, ...]

    # The single-line view the planned simulated call (telephony/dialogue.py, talk.py) still reads.
    @property
    def question(self) -> str:
        return self.questions[0].en

    @property
    def value(self) -> str:
        return self.values[0].en.replace("{system}", "your current systems").replace("{language}", "your language")

    @property
    def customer_answers(self) -> tuple[str, ...]:
        return tuple(a.en for a in self.answers)

    @property
    def customer_worry(self) -> str:
        return self.asks[0].say.en


@dataclass(frozen=True)
class Objection:
    """A kind of objection (an ObjectionKind value), how customers put it and how the agent answers."""

    kind: str
    says: tuple[Say, ...]  # the first is the one scripts are written against
    answers: tuple[Say, ...]

    @property
    def customer_says(self) -> str:
        return self.says[0].en

    @property
    def agent_answers(self) -> str:
        return self.answers[0].en


def rx(*parts: str) -> re.Pattern[str]:
    """A case-insensitive pattern matching any of the parts."""
    return re.compile("|".join(parts), re.IGNORECASE)


def pick(options: Sequence[T], *key: str) -> T:
    """A choice from options that depends only on the key parts (stable across runs, unlike hash())."""
    if not options:
        raise ValueError("nothing to pick from")
    digest = hashlib.sha256("\x1f".join(key).encode("utf-8")).digest()
    return options[int.from_bytes(digest[:8], "big") % len(options)]
