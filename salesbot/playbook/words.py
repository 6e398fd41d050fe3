"""Words of a topic or a note: which are names to keep as typed, which are ordinary, how symbols are said."""

from __future__ import annotations

import re

from salesbot.playbook.glossary import (
    BRANDS,
    HINDI_DROPPED,
    HINDI_LINKS,
    HINDI_MONTHS,
    HINDI_WORDS,
    LANGUAGE_NAMES,
    MONTHS,
)

HINDI_MONTH = {m.lower(): h for m, h in zip(MONTHS, HINDI_MONTHS, strict=True)}
# Ordinary words: typed with a capital only because they came first ("Pricing"), so said in lower case.
COMMON_WORDS = frozenset(HINDI_WORDS) | frozenset(HINDI_LINKS) | HINDI_DROPPED | {
    "how", "what", "when", "where", "which", "who", "why", "does", "do", "is", "are", "it", "we", "they", "can",
    "need", "needs", "better", "faster", "more", "less", "first", "next", "quarter", "year", "month", "week", "day",
    "days", "weeks", "months", "years", "process", "approach", "question", "questions", "issue", "issues", "general",
    "other", "misc", "notes", "timeline", "timelines", "budgeting", "options", "option", "costs", "spend",
    "procurement", "implementation", "implementing", "hosting", "sign", "single", "based", "use", "using", "usage",
    "mobile", "desktop", "web", "online", "cover", "hours", "office", "holiday", "holidays", "weekends", "response",
    "responses", "sla", "uptime", "data", "team", "sales", "after", "before", "between", "about", "versus", "vs",
    "i", "you", "she", "he", "her", "his", "him", "them", "their", "us", "our", "its", "this", "that", "these",
    "those", "there", "here", "also", "then", "yes", "no", "not", "if", "but", "so", "and", "or", "as", "all", "any",
}  # fmt: skip

_LABEL = re.compile(r"^\s*(?P<label>[^:]{1,40}?)\s*(?::|\s[-–—]\s)\s*(?P<detail>.+)$")
_EDGE = re.compile(r"^[^\w/+]+|[^\w/+]+$")


def bare(word: str) -> str:
    """A word without the punctuation around it ("(Zoho," -> "Zoho")."""
    return _EDGE.sub("", word)


def normalise(text: str) -> str:
    """Symbols said as words: "vs." is "versus", "&" is "and", "annual/monthly" is "annual or monthly"."""
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"\bvs\b\.?", "versus", text, flags=re.IGNORECASE)
    text = re.sub(r"(?<=[A-Za-z]{2})\s*/\s*(?=[A-Za-z]{2})", " or ", text)
    text = re.sub(r"\s+\+\s+", " and ", text)
    return " ".join(text.split()).strip(" .;,!?")


def is_name(word: str) -> bool:
    """A name, brand or code the speaker keeps as written: Zoho, CRM, iPhone, S/4HANA, Kochi."""
    core = _EDGE.sub("", word)
    if not core:
        return False
    low = core.lower()
    if low in BRANDS or any(ch.isdigit() for ch in core) or any(ch.isupper() for ch in core[1:]):
        return True
    return core[0].isupper() and low not in COMMON_WORDS and low not in LANGUAGE_NAMES


def cased(word: str) -> str:
    """A word with the case it is said in: brands spelt right, a capitalised ordinary word in lower case."""
    core = _EDGE.sub("", word)
    low = core.lower()
    if not core:
        return word
    if core == low and low in BRANDS:
        better = BRANDS[low]
    elif low in LANGUAGE_NAMES:
        better = core[0].upper() + core[1:]
    elif core[0].isupper() and core[1:] == core[1:].lower() and low in COMMON_WORDS:
        better = low
    else:
        return word
    return word.replace(core, better, 1)


def split_label(topic: str) -> tuple[str | None, str]:
    """("Contract", "annual vs monthly billing") from "Contract: annual vs monthly billing"; (None, topic) if none."""
    match = _LABEL.match(topic)
    if not match or not match.group("detail").strip():
        return None, topic
    return match.group("label").strip(), match.group("detail").replace(":", ",").strip()


def names_in(text: str) -> list[str]:
    """Runs of names in a text ("Zoho CRM", "SAP S/4HANA"), kept as written (brands typed in lower case spelt right)."""
    runs: list[str] = []
    current: list[str] = []
    for word in [*normalise(text).split(), ""]:
        core = _EDGE.sub("", word)
        continues = bool(current) and core[:1].isupper()  # "Kochi Logistics": a capitalised word after a name
        known = core.lower() in LANGUAGE_NAMES or core.lower() in HINDI_MONTH or core.isdigit()
        if core and (is_name(core) or continues) and not known:
            current.append(cased(core))
            continue
        if current:
            runs.append(" ".join(current))
        current = []
    return runs
