"""Defects a listener would hear in a script: labels read aloud, lower-cased names, broken retelling, English in Hindi."""

from __future__ import annotations

import re
from collections.abc import Iterable

from salesbot.models import Customer, ScriptOptions
from salesbot.playbook.glossary import BRANDS, LANGUAGE_NAMES, MONTHS
from salesbot.playbook.script_format import OBJECTION_LINE, parse_sections
from salesbot.playbook.words import COMMON_WORDS, is_name

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9'’/&.-]*[A-Za-z0-9]|[A-Za-z]")
_EMAIL = re.compile(r"\S+@\S+")
_SENTENCES = re.compile(r"(?<=[.!?।])\s+")
_ON_LABEL = re.compile(r"(?:^|[.!?]\s+)(?:On|For)\s[^:.!?]{1,80}:")
_COLON = re.compile(r"(?<!\d):\s")  # "Next step: send pricing" read aloud (a clock time "10:30" is fine)
_TOLD = re.compile(r"\b(?:told me|and that|said that)\s+(?P<word>[A-Z][a-z]+)\b")
_FRAGMENT = re.compile(r"\byou (?:also )?(?:mentioned|said) that (?!(?:you|your|we|our|I|the|a|an|it)\b)[a-z]")
_THIRD = re.compile(r"\b(she|he|her|his|him|hers|herself|himself)\b", re.IGNORECASE)
_MON = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_RAW_DATE = re.compile(
    rf"\b\d{{1,2}} {_MON}(?![a-z])|\b{_MON} \d{{1,2}}\b|\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|\b\d{{1,2}}/\d{{1,2}}(/\d{{2,4}})?\b"
    rf"|(?<!we )(?<!I )\b(?:spoke|called|met) on \d|\d (?:{'|'.join(MONTHS)}):",
)
# Names that are also everyday words: seeing them in lower case is not a defect.
_WORDLIKE_NAMES = {"will", "may", "mark", "bill", "hope", "grace", "joy", "rose", "faith", "summer", "dawn", "sunny"}


def _spoken_lines(script: str) -> list[tuple[str, str]]:
    """(section, text) for every line a listener hears: objection markup removed, headers skipped."""
    out: list[tuple[str, str]] = []
    for section, lines in parse_sections(script).items():
        for line in lines:
            match = OBJECTION_LINE.match(line)
            out += [(section, match.group("says")), (section, match.group("answer"))] if match else [(section, line)]
    return out


def _name_words(text: str, loose: bool) -> set[str]:
    """Words written as names: capitalised mid-sentence, inner capitals, acronyms, known brands and languages
    (loose: also an unknown capitalised word that starts a sentence, such as a city heading a topic)."""
    names: set[str] = set()
    for sentence in re.split(r"(?<=[.!?:;\n])\s*|\s[-–—]\s", text):
        for i, word in enumerate(_LATIN.findall(sentence)):
            low = word.lower()
            inner = any(ch.isupper() for ch in word[1:]) or any(ch.isdigit() for ch in word)
            if low in BRANDS:
                names.add(BRANDS[low] if word == low else word)
            elif low in LANGUAGE_NAMES:
                names.add(word[0].upper() + word[1:])
            elif (
                inner
                or (word[0].isupper() and i > 0 and (loose or low not in COMMON_WORDS))
                or (loose and word[0].isupper() and low not in COMMON_WORDS)
            ):
                names.add(word)
    return names


def script_defects(
    customer: Customer, options: ScriptOptions, script: str, *, own_names: Iterable[str] = ()
) -> list[str]:
    """What a listener would hear wrong in this script; [] for a clean one. own_names: agent, company, offer."""
    spoken = _spoken_lines(script)
    fields = "\n".join([*customer.topics, customer.conversation_history])
    own = {w for w in customer.name.split() if w[:1].isupper()}
    presenter = _name_words(fields, loose=False) | own
    defects: list[str] = []
    for section, text in spoken:
        defects += _casing(section, _EMAIL.sub(" ", text), presenter)
        defects += _labels(section, text, customer.topics)
    defects += _retelling(customer, [t for s, t in spoken if s == "Recap"])
    if options.language == "Hindi":
        allowed = (
            _name_words(fields, loose=True)
            | own
            | set(_LATIN.findall(" ".join([customer.name, customer.email or "", options.offer])))
        )
        allowed |= {w for name in own_names for w in _LATIN.findall(name)}
        defects += _english_in_hindi(spoken, allowed, customer.email or "")
    return defects


def _casing(section: str, text: str, presenter: set[str]) -> list[str]:
    defects: list[str] = []
    wanted = {w.lower(): w for w in presenter if w.lower() not in _WORDLIKE_NAMES}
    for word in _LATIN.findall(text):
        right = wanted.get(word.lower())
        if right and word != right and sum(c.isupper() for c in word) < sum(c.isupper() for c in right):
            defects.append(f"[{section}] lower-cased name: {word!r} (typed {right!r})")
    for sentence in _SENTENCES.split(text):
        if sentence[:1].isascii() and sentence[:1].islower():
            defects.append(f"[{section}] sentence starts in lower case: {sentence[:40]!r}")
    return defects


def _labels(section: str, text: str, topics: list[str]) -> list[str]:
    defects = [f"[{section}] label read aloud: {text[:50]!r}"] if _ON_LABEL.search(text) or _COLON.search(text) else []
    for sentence in _SENTENCES.split(text):
        if sentence.count(":") >= 2:
            defects.append(f"[{section}] labels read aloud: {sentence[:50]!r}")
    for topic in topics:
        label = topic.split(":")[0].strip() if ":" in topic else ""
        if label and re.search(rf"\b{re.escape(label)}\s*:", text, re.IGNORECASE):
            defects.append(f"[{section}] topic label read aloud: {label + ':'!r}")
    return defects


def _retelling(customer: Customer, recap: list[str]) -> list[str]:
    defects: list[str] = []
    first = customer.name.split()[0] if customer.name.split() else ""
    for line in recap:
        if _FRAGMENT.search(line):
            defects.append(f"[Recap] fragment pasted after 'you mentioned that': {line[:60]!r}")
        told = _TOLD.search(line)
        if told and not is_name(told.group("word")):
            defects.append(f"[Recap] a note pasted after 'told me': {line[:60]!r}")
        if _RAW_DATE.search(line):
            defects.append(f"[Recap] date pasted as written: {line[:60]!r}")
        for sentence in _SENTENCES.split(line):
            if first and re.search(rf"\b{re.escape(first)}\b(?!,)", sentence) and not sentence.startswith(f"{first},"):
                defects.append(f"[Recap] the customer named in the third person: {sentence[:60]!r}")
            if _THIRD.search(sentence) and not _someone_else(sentence, customer.name):
                defects.append(f"[Recap] third person about the customer: {sentence[:60]!r}")
    return defects


def _someone_else(sentence: str, customer_name: str) -> bool:
    """Does the sentence name another person, whom he/she could be about ("Ravi wants a quote before he signs")?"""
    mine = {w.lower() for w in customer_name.split()}
    words = _LATIN.findall(sentence)
    return any(
        w[0].isupper() and w.lower() not in mine and w.lower() not in COMMON_WORDS and w.lower() not in BRANDS
        and w not in MONTHS and not any(c.isupper() for c in w[1:]) and i > 0
        for i, w in enumerate(words)
    )  # fmt: skip


def _english_in_hindi(spoken: list[tuple[str, str]], allowed: set[str], email: str) -> list[str]:
    defects: list[str] = []
    ok = {w.lower() for w in allowed}
    for section, text in spoken:
        for word in _LATIN.findall(text.replace(email, " ") if email else text):
            if word.lower() not in ok and word not in allowed:
                defects.append(f"[{section}] English word in a Hindi script: {word!r}")
    return defects
