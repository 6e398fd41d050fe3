"""How things are said on a call: the voice agent's pace, and topics as they are said mid-sentence, in English or
Hindi, keeping the presenter's names and brands."""

from __future__ import annotations

import re
from functools import lru_cache

from salesbot.models.timing import WORDS_PER_SECOND as WORDS_PER_SECOND  # the pace, kept with the line times
from salesbot.playbook.glossary import LANGUAGE_NAMES
from salesbot.playbook.hindi_topics import hindi_topic
from salesbot.playbook.plays import play_for
from salesbot.playbook.words import cased, is_name, names_in, normalise, split_label

_GENERIC_SYSTEMS = {"crm", "erp", "api", "hrms", "crms"}
_INTEGRATION_WORDS = re.compile(r"^(integrat\w*|sync\w*|connect\w*|with|to|and|the|our|your|of)$", re.IGNORECASE)


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
        return hindi_topic(topic)
    label, detail = split_label(normalise(topic))
    if label is None:
        return _words(detail)
    if play_for(label).kind == "integration" and not is_name(label.split()[0]):
        said = _words(detail)
        return f"the {said}" if re.search(r"(integration|sync|connector)s?$", said, re.I) else f"the {said} integration"
    first = label.split()[0]
    return f"{_words(label)} — {_words(detail)}" if is_name(first) else f"your {_words(label)} — {_words(detail)}"


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
    words: list[str] = re.findall(r"[A-Za-z]+", topic)
    for word in words:
        if word.lower() in LANGUAGE_NAMES:
            return LANGUAGE_NAMES[word.lower()] if language == "Hindi" else word[0].upper() + word[1:].lower()
    return "आपकी भाषा" if language == "Hindi" else "your language"


def join_spoken(items: list[str], language: str) -> str:
    """ "a, b and c" (or "a, b और c")."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" और " if language == "Hindi" else " and ") + items[-1]
