"""Topics as they are said mid-sentence, in English or Hindi, keeping the presenter's names and brands."""

from __future__ import annotations

import re
from functools import lru_cache

from salesbot.playbook.glossary import (
    BRANDS,
    HINDI_DROPPED,
    HINDI_LINKS,
    HINDI_MONTHS,
    HINDI_WORDS,
    LANGUAGE_NAMES,
    MONTHS,
)
from salesbot.playbook.plays import play_for

_HINDI_MONTH = {m.lower(): h for m, h in zip(MONTHS, HINDI_MONTHS, strict=True)}

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

_KIND_HINDI = {
    "pricing": "कीमत", "contract": "कॉन्ट्रैक्ट और बिलिंग", "compliance": "कंप्लायंस", "security": "सुरक्षा",
    "language": "भाषा सपोर्ट", "integration": "इंटीग्रेशन", "support": "सपोर्ट", "onboarding": "ऑनबोर्डिंग",
    "reporting": "रिपोर्टिंग", "scale": "विस्तार", "automation": "ऑटोमेशन", "general": "आपकी बताई ज़रूरत",
}  # fmt: skip
_GENERIC_SYSTEMS = {"crm", "erp", "api", "hrms", "crms"}
_INTEGRATION_WORDS = re.compile(r"^(integrat\w*|sync\w*|connect\w*|with|to|and|the|our|your|of)$", re.IGNORECASE)
_LABEL = re.compile(r"^\s*(?P<label>[^:]{1,40}?)\s*(?::|\s[-–—]\s)\s*(?P<detail>.+)$")
_EDGE = re.compile(r"^[^\w/+]+|[^\w/+]+$")


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


def _words(text: str) -> str:
    """Each word in its spoken case; a capitalised word right after a name is part of it ("Microsoft Teams")."""
    out: list[str] = []
    for word in text.split():
        keep = bool(out) and is_name(out[-1]) and word[:1].isupper() and word[1:] == word[1:].lower()
        out.append(word if keep else cased(word))
    return " ".join(out)


@lru_cache(maxsize=2048)
def spoken_topic(topic: str, language: str) -> str:
    """The topic as said mid-sentence: "your contract — annual versus monthly billing", "the Zoho CRM integration"."""
    if language == "Hindi":
        return _hindi_topic(topic)
    label, detail = split_label(normalise(topic))
    if label is None:
        return _words(detail)
    if play_for(label).kind == "integration" and not is_name(label.split()[0]):
        said = _words(detail)
        return f"the {said}" if re.search(r"(integration|sync|connector)s?$", said, re.I) else f"the {said} integration"
    first = label.split()[0]
    return f"{_words(label)} — {_words(detail)}" if is_name(first) else f"your {_words(label)} — {_words(detail)}"


def _hindi_words(words: list[str]) -> list[str] | None:
    out: list[str] = []
    for word in words:
        core = _EDGE.sub("", word)
        low = core.lower()
        if not core or low in HINDI_DROPPED:
            continue
        if low in LANGUAGE_NAMES:
            out.append(LANGUAGE_NAMES[low])
        elif low in _HINDI_MONTH:
            out.append(_HINDI_MONTH[low])
        elif is_name(core):
            out.append(BRANDS.get(low, core) if core == low else core)
        elif low in HINDI_WORDS:
            out.append(HINDI_WORDS[low])
        else:
            return None
    return out


def hindi_phrase(text: str) -> str | None:
    """English words said in Hindi, names kept ("SSO via Okta" is "Okta के ज़रिए SSO"); None for an unknown word."""
    words = normalise(text).split()
    for i, word in enumerate(words[1:-1], start=1):
        link = HINDI_LINKS.get(word.lower())
        if link:
            left, right = hindi_phrase(" ".join(words[:i])), hindi_phrase(" ".join(words[i + 1 :]))
            return " ".join(p for p in (right, link, left) if p) if left and right else None
    said = _hindi_words(words)
    return " ".join(said) if said else None


def names_in(text: str) -> list[str]:
    """Runs of names in a text ("Zoho CRM", "SAP S/4HANA"), kept as written (brands typed in lower case spelt right)."""
    runs: list[str] = []
    current: list[str] = []
    for word in [*normalise(text).split(), ""]:
        core = _EDGE.sub("", word)
        continues = bool(current) and core[:1].isupper()  # "Kochi Logistics": a capitalised word after a name
        known = core.lower() in LANGUAGE_NAMES or core.lower() in _HINDI_MONTH or core.isdigit()
        if core and (is_name(core) or continues) and not known:
            current.append(cased(core))
            continue
        if current:
            runs.append(" ".join(current))
        current = []
    return runs


def _hindi_topic(topic: str) -> str:
    label, detail = split_label(normalise(topic))
    kind = play_for(topic).kind
    if label is not None and play_for(label).kind == "integration":
        said = hindi_phrase(detail)
        return f"{said} इंटीग्रेशन" if said and "इंटीग्रेशन" not in said else said or _KIND_HINDI[kind]
    if label is not None:
        head, tail = hindi_phrase(label), hindi_phrase(detail)
        if head and tail:
            return f"{head} — {tail}"
    said = hindi_phrase(topic if label is None else f"{label} {detail}")
    if said:
        return said
    names = " ".join(names_in(topic))
    if kind == "general":
        return f"{names} से जुड़ी ज़रूरत" if names else _KIND_HINDI["general"]
    return f"{names} {_KIND_HINDI[kind]}".strip()


def named_system(topic: str, language: str) -> str:
    """The system an integration topic names ("Zoho CRM", "your CRM"), or a general phrase."""
    systems = [n for n in names_in(topic) if not all(_INTEGRATION_WORDS.match(w) for w in n.split())]
    hindi = language == "Hindi"
    if not systems:
        return "आपके मौजूदा सिस्टम" if hindi else "your current systems"
    said = (" और " if hindi else " and ").join(systems)
    if said.lower() in _GENERIC_SYSTEMS:
        return f"आपके {said}" if hindi else f"your {said}"
    return said


def named_language(topic: str, language: str) -> str:
    """The language a topic names ("Hindi", "हिंदी"), or "your language"."""
    for word in re.findall(r"[A-Za-z]+", topic):
        if word.lower() in LANGUAGE_NAMES:
            return LANGUAGE_NAMES[word.lower()] if language == "Hindi" else word[0].upper() + word[1:].lower()
    return "आपकी भाषा" if language == "Hindi" else "your language"


def join_spoken(items: list[str], language: str) -> str:
    """ "a, b and c" (or "a, b और c")."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" और " if language == "Hindi" else " and ") + items[-1]
