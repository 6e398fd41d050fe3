"""A script version as an agent speaks it: its sentences in order, its objection answers, and what each is about."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from salesbot.analysis.lexicon import OBJECTIONS as OBJECTION_CUES
from salesbot.analysis.lexicon import topic_matcher
from salesbot.models import ObjectionKind
from salesbot.playbook.script_format import OBJECTION_LINE, SECTIONS
from salesbot.playbook.speech import spoken_topic

# Script markup, not speech: a section header, the legacy "On pricing:" / "For pricing:" label, a list bullet.
_HEADER = re.compile(r"^\s*\[(?P<name>[A-Za-z ]+)\]\s*$")
_LABEL = re.compile(r"^(?i:on|for)\s+[^:?!\n]{1,60}:\s+(?=[A-Z\u0900-\u097F\"'])")
_BULLET = re.compile(r"^(?:[-*•]\s+|\d{1,2}[.)]\s+)")
_SENTENCE_END = re.compile(r"(?<=[.!?।])\s+(?=\S)")
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_LATIN = re.compile(r"[A-Za-z]")
# Words of price: the customer may object to a price only after the agent named one (`names_a_price`).
PRICE_MENTION = re.compile(
    r"\bpric(e|ed|es|ing)\b|\bcosts?\b|\bper (seat|user|month|licen[cs]e|rep|agent)\b|[₹$€£]\s?\d|\d\s?(rupees|dollars|"
    r"euros|pounds)\b|\bfees?\b|\bsubscription\b|कीमत|दाम|रुपये|शुल्क|प्रति (सीट|यूज़र|महीने)",
    re.I,
)


def names_a_price(text: str) -> bool:
    """Does the agent name a price here: a statement with price words and an amount ("₹1,499 per seat per month"),
    not a question about budgets ("How do you budget for pricing?") nor "priced per seat" with no figure."""
    return any(
        PRICE_MENTION.search(sentence) and re.search(r"\d", sentence) and not sentence.endswith("?")
        for sentence in split_sentences(text)
    )


@dataclass(frozen=True)
class Sentence:
    """One sentence of the script as the agent says it, with where it stands and which topic it speaks of."""

    text: str
    section: str  # the script section it is under ("Opener" for text before any header)
    topic: str | None = None

    @property
    def is_question(self) -> bool:
        return self.text.rstrip().endswith("?")


@dataclass(frozen=True)
class ScriptReading:
    """What the agent can say: the spoken sentences in the version's order and the answers it holds."""

    sentences: tuple[Sentence, ...]
    objections: tuple[tuple[str, str], ...]  # (what the customer says, the agent's answer), as the script has them
    language: str  # "Hindi" when the spoken text is mostly Devanagari, else "English"

    def objection_answer(self, kind: ObjectionKind) -> str | None:
        """The script's answer to this kind of objection, recognised by what the customer says in it."""
        cue = OBJECTION_CUES.get(kind)
        return next((answer for says, answer in self.objections if cue and cue.search(says)), None)

    def answer_matching(self, pattern: re.Pattern[str], topic: str | None = None) -> str | None:
        """The script's own sentence that answers what a pattern asks for: the topic's value sentences first,
        then any value sentence, then the objection answers (a version without sections: any statement)."""
        values = [s for s in self.sentences if s.section == "Value"] or [s for s in self.sentences if not s.is_question]
        ordered = [s.text for s in values if s.topic == topic] + [s.text for s in values]
        ordered += [answer for _, answer in self.objections]
        return next((text for text in ordered if pattern.search(text)), None)


def spoken(line: str, topics: Sequence[str] = ()) -> str:
    """A script line as it is said: without a list bullet or a legacy "On pricing:" label (a topic's label may
    hold a colon of its own: "On Contract: annual vs monthly billing:")."""
    text = _BULLET.sub("", line.strip())
    for topic in sorted(topics, key=len, reverse=True):
        label = re.match(rf"(?:On|For)\s+{re.escape(topic)}\s*:\s+(?=\S)", text, re.I)
        if label:
            return text[label.end() :].strip()
    return _LABEL.sub("", text).strip()


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def language_of(text: str) -> str:
    """Hindi when most letters are Devanagari."""
    devanagari, latin = len(_DEVANAGARI.findall(text)), len(_LATIN.findall(text))
    return "Hindi" if devanagari > latin else "English"


def read_script(script: str, topics: Sequence[str]) -> ScriptReading:
    """Read a version: every line that is not markup or an objection line is spoken, sentence by sentence."""
    section = SECTIONS[0]
    raw: list[tuple[str, str]] = []
    objections: list[tuple[str, str]] = []
    for line in script.splitlines():
        header = _HEADER.match(line)
        if header:
            name = header.group("name").strip().title()
            section = name if name in SECTIONS else section
            continue
        text = spoken(line, topics)
        if not text:
            continue
        objection = OBJECTION_LINE.match(text)
        if objection:
            objections.append((objection.group("says").strip(), objection.group("answer").strip()))
        elif section != "Objections":  # other notes under [Objections] are for the agent, not to be read out
            raw += [(section, sentence) for sentence in split_sentences(text)]
    return ScriptReading(_with_topics(raw, topics), tuple(objections), language_of(script))


def _with_topics(raw: list[tuple[str, str]], topics: Sequence[str]) -> tuple[Sentence, ...]:
    """Each sentence with the topic it speaks of; a discovery question naming none takes the next topic not yet
    asked about (a Hindi script names "Okta" but may translate "single sign-on")."""
    said = {topic: {spoken_topic(topic, language) for language in ("English", "Hindi")} for topic in topics}
    matchers = [(topic, topic_matcher(topic)) for topic in topics]
    found = [
        next((t for t in topics if any(p in text for p in said[t])), None)
        or next((t for t, m in matchers if m(text)), None)
        for _, text in raw
    ]
    asked = {t for (section, _), t in zip(raw, found, strict=True) if section == "Discovery" and t}
    unasked = [t for t in topics if t not in asked]
    sentences = []
    for (section, text), topic in zip(raw, found, strict=True):
        if topic is None and section == "Discovery" and text.endswith("?") and unasked and _names_no_one(text):
            topic = unasked.pop(0)
        sentences.append(Sentence(text, section, topic))
    return tuple(sentences)


_DECISION = re.compile(r"\b(who else|decision|decide|sign off|approve)|कौन|फ़ैसल|फैसल|निर्णय", re.I)


def _names_no_one(text: str) -> bool:
    return not _DECISION.search(text)


def script_problem(reading: ScriptReading) -> str | None:
    """Why a version cannot be followed on a call, or None when it can."""
    if not reading.sentences:
        return (
            "This script version has nothing for the agent to say (only headers or objection answers)."
            " Write or regenerate a script before calling."
        )
    return None
