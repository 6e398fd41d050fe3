"""The deterministic analyser: outcome, sentiment and topic coverage read from the transcript by rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from salesbot.analysis import CallAnalysis, Outcome, Sentiment, TopicCoverage
from salesbot.models import Call, Customer, Speaker
from salesbot.playbook import play_for

_ACCEPT = re.compile(
    r"\b(let's do it|works for me|sounds good|send the invite|book it|yes, please|count me in)\b", re.I
)
_FOLLOW_UP = re.compile(
    r"\b(send me (some )?information|next quarter|check back|call me later|think about it|check with)\b", re.I
)
_DECLINE = re.compile(r"\b(not interested|not ready|no thanks|don't call|not this month|remove me)\b", re.I)
_VOICEMAIL = re.compile(r"\b(leave a message|after the (tone|beep)|voicemail|not available)\b", re.I)
_POSITIVE = re.compile(r"\b(great|good|love|perfect|interested|works for me|let's do it|sounds good|happy|yes)\b", re.I)
_NEGATIVE = re.compile(
    r"\b(expensive|tight|busy|not ready|not interested|worried|problem|days to answer|strict|no)\b", re.I
)
_STOP = {"and", "the", "for", "with", "our", "your", "of", "to", "a", "on", "in"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in _STOP}


class OfflineCallAnalyst:
    name = "offline"

    def analyse(self, call: Call, customer: Customer) -> CallAnalysis:
        lines = [u for u in call.utterances if u.speaker is not Speaker.SYSTEM]
        said = [u.text for u in lines if u.speaker is Speaker.CUSTOMER]
        last = " ".join(said[-2:])
        if not lines:
            outcome = Outcome.NO_ANSWER
        elif any(_VOICEMAIL.search(u.text) for u in call.utterances) and not said:
            outcome = Outcome.VOICEMAIL
        elif not said:
            outcome = Outcome.NO_ANSWER
        elif _ACCEPT.search(last):
            outcome = Outcome.INTERESTED
        elif _DECLINE.search(last) and not _FOLLOW_UP.search(last):
            outcome = Outcome.NOT_INTERESTED
        else:
            outcome = Outcome.FOLLOW_UP
        score = sum(len(_POSITIVE.findall(t)) for t in said) - sum(len(_NEGATIVE.findall(t)) for t in said)
        score += {Outcome.INTERESTED: 2, Outcome.NOT_INTERESTED: -2}.get(outcome, 0)
        sentiment = Sentiment.POSITIVE if score > 1 else Sentiment.NEGATIVE if score < -1 else Sentiment.NEUTRAL
        said_lines = [u.text for u in lines]
        topics = [self._coverage(topic, said_lines, customer.topics) for topic in customer.topics]
        covered = [t.topic for t in topics if t.covered]
        summary = (
            f"{customer.name} was called; {len(said)} customer replies over {len(lines)} lines. "
            f"Topics covered: {', '.join(covered) or 'none'}. Outcome: {outcome.label}."
        )
        if not lines:
            summary = f"Nobody spoke on the call to {customer.name}."
        return CallAnalysis(
            summary=summary,
            outcome=outcome,
            sentiment=sentiment,
            topics=topics,
            next_step=_next_step(outcome, customer),
            analyst=self.name,
        )

    @staticmethod
    def _coverage(topic: str, lines: list[str], all_topics: list[str]) -> TopicCoverage:
        """The first line that discussed the topic; a line that only lists every topic (the opener) is a last resort."""
        matchers = {subject: _matcher(subject) for subject in all_topics}
        found = [text for text in lines if matchers[topic](text)]
        focused = [text for text in found if sum(1 for m in matchers.values() if m(text)) == 1]
        quotes = focused or found
        return TopicCoverage(topic=topic, covered=bool(quotes), quote=quotes[0] if quotes else None)


def _next_step(outcome: Outcome, customer: Customer) -> str:
    """What the team should do next, given how the call ended."""
    first = customer.name.split()[0]
    where = f" to {customer.email}" if customer.email else ""
    return {
        Outcome.INTERESTED: f"Send {first} the invite{where} for the walkthrough agreed on the call.",
        Outcome.FOLLOW_UP: f"Email {first} the summary{where} and check back when they asked.",
        Outcome.NOT_INTERESTED: f"Do not push further; note why {first} declined and close the opportunity.",
        Outcome.VOICEMAIL: f"Try {first} again at another time, or follow up by email.",
        Outcome.NO_ANSWER: f"Try {first} again at another time.",
    }[outcome]


@lru_cache(maxsize=512)
def _matcher(topic: str) -> Callable[[str], bool]:
    """Does a line speak of this topic: one of its words, or a keyword of its kind of topic."""
    words = sorted(_words(topic))
    keywords = play_for(topic).keywords
    parts = [rf"\b{re.escape(w)}\b" for w in words] + [rf"\b{re.escape(k)}" for k in keywords]
    if not parts:
        return lambda _text: False
    pattern = re.compile("|".join(parts), re.IGNORECASE)
    return lambda text: pattern.search(text) is not None
