"""The Hindi stock lines (playbook/hindi.py) twin the English ones: same names, shapes and placeholders, in Devanagari."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from salesbot.playbook import endings, hindi, listening, voices
from salesbot.playbook.personas import PERSONAS

MOVING_ELSEWHERE = {"ANSWERS", "WORRIES", "WORRY_ANSWERS"}  # not twinned here (issue 20)
BRANDS: set[str] = set()  # Latin words a Hindi line may keep; none needed so far
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
# First-person verbs that say the speaker's gender ("बोल रहा हूँ", "करूँगी"): the persona's gender is not known.
_GENDERED = re.compile(r"(रहा|रही|ता|ती|था|थी) (हूँ|हूं)|ूँगा|ूँगी|ूंगा|ूंगी|(सकता|सकती) (हूँ|हूं)")


def english_constants() -> dict[str, Any]:
    """Every public constant of the English modules the Hindi twins."""
    found: dict[str, Any] = {}
    for module in (voices, endings, listening):
        for name, value in vars(module).items():
            if name.isupper() and len(name) > 1 and name not in MOVING_ELSEWHERE and not isinstance(value, ModuleType):
                found[name] = value
    return found


ENGLISH = english_constants()


def shape(value: Any) -> Any:
    """The structure of a constant with each string replaced by its placeholders."""
    if isinstance(value, str):
        return sorted({field for _, field, _, _ in string.Formatter().parse(value) if field is not None})
    if isinstance(value, tuple):
        return ("tuple", [shape(v) for v in value])
    if isinstance(value, dict):
        return ("dict", {k: shape(v) for k, v in value.items()})
    return type(value).__name__


def hindi_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for v in value:
            yield from hindi_strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from hindi_strings(v)


def all_hindi_lines() -> list[str]:
    lines = [s for name in ENGLISH for s in hindi_strings(getattr(hindi, name))]
    return lines + list(hindi.MANNERS.values())


def test_the_english_modules_are_what_this_test_expects() -> None:
    expected = {"GREETINGS", "OBJECTION_LINES", "MEETINGS", "FOLLOW_UPS", "VOICEMAIL_MESSAGES", "ACKNOWLEDGE"}
    assert expected <= set(ENGLISH)
    assert not MOVING_ELSEWHERE & set(ENGLISH)


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_every_english_constant_has_a_hindi_twin_of_the_same_shape(name: str) -> None:
    assert hasattr(hindi, name), f"hindi.{name} is missing"
    assert shape(getattr(hindi, name)) == shape(ENGLISH[name])


def test_objection_lines_are_keyed_by_the_same_kinds() -> None:
    assert list(hindi.OBJECTION_LINES) == list(voices.OBJECTION_LINES)


def test_hindi_twins_say_something_different_from_the_english() -> None:
    for name in ENGLISH:
        english, twin = set(hindi_strings(ENGLISH[name])), set(hindi_strings(getattr(hindi, name)))
        assert not english & twin, name


@pytest.mark.parametrize("line", all_hindi_lines())
def test_every_hindi_line_is_devanagari_but_for_placeholders_and_brands(line: str) -> None:
    spoken = re.sub(r"\{\w+\}", "", line)
    latin = [w for w in _LATIN_WORD.findall(spoken) if w not in BRANDS]
    assert not latin, f"Latin words {latin} in {line!r}"
    assert _DEVANAGARI.search(spoken), line
    assert unicodedata.normalize("NFC", line) == line, "the analyser's Hindi patterns are NFC"  # ज़ as ज + ़


@pytest.mark.parametrize("line", all_hindi_lines())
def test_no_line_says_which_gender_the_speaker_is(line: str) -> None:
    assert not _GENDERED.search(line), line


def test_in_manner_starts_a_hindi_answer_the_persona_s_way() -> None:
    manners = {m for p in PERSONAS for m in p.manner if m}
    assert manners <= set(hindi.MANNERS), manners - set(hindi.MANNERS)
    assert hindi.in_manner("Well, ", "हम Zoho इस्तेमाल करते हैं।") == "देखिए, हम Zoho इस्तेमाल करते हैं।"
    assert hindi.in_manner("", "हम Zoho इस्तेमाल करते हैं।") == "हम Zoho इस्तेमाल करते हैं।"
    assert hindi.in_manner("वैसे, ", "हाँ।") == "वैसे, हाँ।"  # already Hindi: kept as it is
