"""The offer's facts (price per seat, trial, setup time, where the company is based) that an agent may quote."""

from __future__ import annotations

import re
from dataclasses import dataclass

# What each fact is, how a customer asks about it, and how a sentence that states it reads.
_ASKED = {
    "price": re.compile(r"\b(cost|price|pricing|how much|per month|per seat|fee|pay)\b|कीमत|दाम|कितना|खर्च", re.I),
    "trial": re.compile(r"\b(trial|try it|test it|pilot|free)\b|ट्रायल|आज़मा", re.I),
    "founded": re.compile(
        r"\b(how long you'?ve been|been around|founded|years|since when)\b|कब से|कितने साल|कितनी पुरानी", re.I
    ),
    "customers": re.compile(
        r"\b(who else do you work|customers|clients|teams like ours|work with around)\b|किन.{0,6}के साथ काम|ग्राहक कौन",
        re.I,
    ),
    "based": re.compile(
        r"\b(based|located|headquarter|where are you|office|from where)\b|कहाँ से|कहां से|कहाँ है|कहाँ की", re.I
    ),
    "setup": re.compile(
        r"\b(setup|set up|set-up|how long (does|would|will|to)|get started|go live|up and running)\b|सेटअप|कितना समय",
        re.I,
    ),
}
_KEYS = {
    "price": ("price", "pricing", "cost", "per seat"),
    "trial": ("trial", "free trial", "pilot"),
    "setup": ("setup", "set up", "setup time", "onboarding", "go live"),
    "based": ("based in", "based", "location", "headquarters", "hq", "office"),
    "founded": ("founded", "since", "years"),
    "customers": ("customers", "clients", "references"),
}
_SUBJECTS = {
    "price": ("the price", "कीमत"),
    "trial": ("a trial", "ट्रायल"),
    "setup": ("the setup time", "सेटअप का समय"),
    "based": ("where we're based", "हमारा ऑफ़िस"),
    "founded": ("how long we've been around", "कंपनी कितनी पुरानी है"),
    "customers": ("who we work with", "हमारे ग्राहक"),
}
_SAY = {
    "price": ("It's {value}.", "इसकी कीमत {value} है।"),
    "trial": ("There's {value}.", "इसमें {value} मिलता है।"),
    "setup": ("Setup takes {value}.", "सेटअप में {value} लगता है।"),
    "based": ("We're based in {value}.", "हमारा ऑफ़िस {value} में है।"),
    "founded": ("We started in {value}.", "हमने {value} में शुरुआत की थी।"),
    "customers": ("We work with {value}.", "हम {value} के साथ काम करते हैं।"),
}


@dataclass(frozen=True)
class OfferFacts:
    """Facts a presenter wrote down about the offer: `price: ₹1,200 per seat per month; trial: 14 days free`."""

    facts: tuple[tuple[str, str, str], ...] = ()  # (kind, English value, Hindi value), in the order written

    @classmethod
    def parse(cls, text: str) -> OfferFacts:
        """Read `key: value` items separated by `;` or new lines, a Hindi wording after ` | ` (else the same);
        unknown keys are ignored."""
        found: dict[str, tuple[str, str]] = {}
        for item in re.split(r"[;\n]", text or ""):
            key, _, value = item.partition(":")
            english, _, hindi = value.partition("|")
            key, english, hindi = key.strip().lower(), english.strip().rstrip("."), hindi.strip().rstrip(".।")
            kind = next((k for k, names in _KEYS.items() if key in names), None)
            if kind and english and kind not in found:
                found[kind] = (english, hindi or english)
        return cls(tuple((kind, en, hi) for kind, (en, hi) in found.items()))

    def describe(self) -> str:
        """The facts as written (English), for a model's prompt."""
        return "; ".join(f"{kind}: {en}" for kind, en, _ in self.facts)

    def get(self, kind: str, language: str = "English") -> str | None:
        return next((hi if language == "Hindi" else en for k, en, hi in self.facts if k == kind), None)

    def answer(self, question: str, language: str = "English") -> str | None:
        """A sentence stating the fact the question asks about, when it was written down."""
        kind = asked_fact(question)
        value = self.get(kind, language) if kind else None
        if kind is None or value is None:
            return None
        return _SAY[kind][language == "Hindi"].format(value=value)


def asked_fact(question: str) -> str | None:
    """Which kind of offer fact a question asks about (price, trial, setup, based, founded, customers), if any."""
    return next((kind for kind, cue in _ASKED.items() if cue.search(question)), None)


def fact_subject(kind: str, language: str = "English") -> str:
    """The fact as a short phrase for an honest deferral ("I'll confirm the price in my email")."""
    return _SUBJECTS[kind][language == "Hindi"]


def fact_pattern(kind: str) -> re.Pattern[str]:
    """What a sentence that answers a question about this fact looks like (the benchmark's rubric uses it too)."""
    return _ANSWERS[kind]


_ANSWERS = {
    "price": re.compile(r"\bpric|\bcost|per (seat|user|month)|[₹$€£]\s?\d|\bfee|कीमत|दाम|रुपये|₹", re.I),
    "trial": re.compile(r"\btrial|\bpilot|\bfree\b|ट्रायल|पायलट", re.I),
    "setup": re.compile(
        r"\b(setup|set up|live|running) (takes|in|within)\b|\b(two|three|four|\d+) (weeks|days)\b|सेटअप|हफ़्ते", re.I
    ),
    "based": re.compile(r"\bbased|\boffice|\bheadquarter|ऑफ़िस|दफ़्तर", re.I),
    "founded": re.compile(
        r"\b(\d+|\w+teen|twenty|thirty|ten|eight|five) years\b|\b(since|started in|founded in) (19|20)\d\d|\bfounded|साल से|शुरुआत",
        re.I,
    ),
    "customers": re.compile(r"\b(customers|clients) (like|such as|include|in)\b|\bwe work with\b|ग्राहकों में", re.I),
}
