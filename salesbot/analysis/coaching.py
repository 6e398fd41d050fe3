"""Coaching figures of one call, from its lines: who talked how much, the agent's longest monologue, the questions the
agent asked, and how far into the call the customer first objected.

Interruptions are not counted: no provider this app speaks to says who cut in (Bland's transcript lines carry a
speaker, a text and when the line was written, nothing about overlap), and guessing from gaps would flatter nobody.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from salesbot.analysis.evidence import sentences
from salesbot.models import CallAnalysis, Speaker, Utterance

WORDS_PER_SECOND = 2.5  # 150 words a minute: how long a line took to say, when only its end is known


@dataclass(frozen=True)
class Coaching:
    """One call's coaching figures; seconds are None where the call holds no such moment."""

    agent_words: int = 0
    customer_words: int = 0
    agent_questions: int = 0
    longest_monologue: float | None = None  # seconds the agent spoke without the customer saying a word
    first_objection: float | None = None  # seconds after the call started that the customer first objected

    @property
    def agent_share(self) -> float | None:
        """The agent's share of the words spoken, or None when nobody spoke."""
        spoken = self.agent_words + self.customer_words
        return self.agent_words / spoken if spoken else None


def line_figures(utterances: Sequence[Utterance]) -> Coaching:
    """What the lines alone say: words by each side, the agent's questions (sentences ending in "?"), and the longest
    run of agent lines with no customer line between, from the moment its first line began to the end of its last.
    A line ends at its time; it began when the line before it ended, or, if that leaves more time than its words
    take to say (a pause, the ringing), its words at WORDS_PER_SECOND before its end."""
    agent_words = customer_words = questions = 0
    longest: float | None = None
    run_start: float | None = None
    previous_end: float | None = None
    origin = next((u.at for u in utterances), None)
    for u in utterances:
        words = len(u.text.split())
        if u.speaker is Speaker.SYSTEM or not words or origin is None:
            continue
        end = (u.at - origin).total_seconds()
        began = end - words / WORDS_PER_SECOND
        if previous_end is not None:
            began = max(began, previous_end)
        if u.speaker is Speaker.AGENT:
            agent_words += words
            questions += sum(1 for s in sentences(u.text) if s.rstrip().endswith("?"))
            run_start = began if run_start is None else run_start
            longest = max(longest or 0.0, round(end - run_start, 1))
        else:
            customer_words += words
            run_start = None
        previous_end = end
    return Coaching(agent_words, customer_words, questions, longest)


def first_objection(analysis: CallAnalysis | None) -> float | None:
    """Seconds into the call of the first objection the analysis found with its time, or None."""
    times = [o.at for o in analysis.objections if o.at is not None] if analysis else []
    return min(times) if times else None


def figures(utterances: Sequence[Utterance], analysis: CallAnalysis | None) -> Coaching:
    """Every coaching figure of a call: its lines' figures and, once analysed, its first objection."""
    found = line_figures(utterances)
    return Coaching(
        found.agent_words, found.customer_words, found.agent_questions, found.longest_monologue,
        first_objection(analysis),
    )  # fmt: skip
