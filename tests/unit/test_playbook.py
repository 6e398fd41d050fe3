"""The topic plays and objections: complete in both languages, value lines that answer what customers ask."""

from __future__ import annotations

import re

import pytest

from salesbot.models import ObjectionKind
from salesbot.playbook import GENERIC, OBJECTIONS, PLAYS, TopicPlay, pick
from salesbot.playbook.script_format import OBJECTION_LINE, objection_line

ALL_PLAYS = (*PLAYS, GENERIC)
KINDS = {"pricing", "contract", "integration", "security", "language", "support", "onboarding", "reporting",
         "compliance", "scale", "automation", "general"}  # fmt: skip
TOPIC = {"English": "your contract — annual versus monthly billing", "Hindi": "कॉन्ट्रैक्ट — सालाना बनाम मासिक बिलिंग"}
SYSTEM = {"English": "Zoho CRM", "Hindi": "Zoho CRM"}
LANGUAGE = {"English": "Tamil", "Hindi": "तमिल"}
LATIN = re.compile(r"[A-Za-z]")


def fill(text: str, language: str) -> str:
    return text.format(topic=TOPIC[language], system=SYSTEM[language], language=LANGUAGE[language])


def test_every_kind_has_a_play_and_the_old_kind_names_remain() -> None:
    assert {p.kind for p in ALL_PLAYS} == KINDS
    assert len({p.kind for p in ALL_PLAYS}) == len(ALL_PLAYS)


@pytest.mark.parametrize("play", ALL_PLAYS, ids=lambda p: p.kind)
def test_each_play_has_several_lines_in_english_and_hindi(play: TopicPlay) -> None:
    assert len(play.questions) >= 3 and len(play.values) >= 3 and len(play.answers) >= 3 and len(play.asks) >= 2
    for say in (
        *play.questions,
        *play.values,
        *play.answers,
        *(a.say for a in play.asks),
        *(a.subject for a in play.asks),
    ):
        assert say.en.strip() and say.hi.strip()
        assert not LATIN.search(re.sub(r"\{\w+\}", "", say.hi)), say.hi  # Hindi lines are Devanagari
        assert say.in_language("Hindi") == say.hi and say.in_language("English") == say.en == say.in_language("x")


@pytest.mark.parametrize("play", ALL_PLAYS, ids=lambda p: p.kind)
def test_questions_name_the_topic_and_are_short_spoken_questions(play: TopicPlay) -> None:
    for question in play.questions:
        for language in ("English", "Hindi"):
            said = fill(question.in_language(language), language)
            assert TOPIC[language] in said and said.endswith("?")
            assert len(said.split()) <= 20, said
        assert not question.en.startswith("{topic}")  # an English sentence never starts with a topic's lower case


@pytest.mark.parametrize("play", ALL_PLAYS, ids=lambda p: p.kind)
def test_every_value_line_answers_every_ask_of_its_kind_in_both_languages(play: TopicPlay) -> None:
    for value in play.values:
        for language in ("English", "Hindi"):
            said = fill(value.in_language(language), language)
            assert "?" not in said and len(said.split()) <= 28, said
            for ask in play.asks:
                assert ask.answered_by.search(said), (play.kind, ask.say.en, said)


@pytest.mark.parametrize("play", ALL_PLAYS, ids=lambda p: p.kind)
def test_customer_answers_are_statements_that_do_not_object(play: TopicPlay) -> None:
    for answer in play.answers:
        assert "?" not in answer.en + answer.hi
        assert not re.search(r"expensive|too much|not interested|ask my manager|check with", answer.en, re.I)


def test_objections_cover_every_kind_with_several_answers() -> None:
    kinds = {o.kind for o in OBJECTIONS}
    assert kinds == {"price", "timing", "competitor", "authority", "no_need"}
    assert kinds <= {k.value for k in ObjectionKind}
    for objection in OBJECTIONS:
        assert len(objection.answers) >= 3 and objection.says
        for say in (*objection.says, *objection.answers):
            assert say.en and say.hi and not LATIN.search(say.hi) and '"' not in say.en + say.hi


@pytest.mark.parametrize("language", ["English", "Hindi"])
def test_objection_lines_round_trip_in_both_languages(language: str) -> None:
    for objection in OBJECTIONS:
        says, answer = objection.says[0].in_language(language), objection.answers[1].in_language(language)
        line = objection_line(says, answer, language)
        match = OBJECTION_LINE.match(line)
        assert match and match.group("says") == says and match.group("answer") == answer
    assert objection_line("x", "y", "Hindi").startswith("अगर वे कहें ")
    assert objection_line("x", "y", "English") == 'If they say "x" answer: y'
    assert not OBJECTION_LINE.match("Who else on your side would be part of a decision like this?")


def test_pick_is_stable_for_a_key_and_varies_across_keys() -> None:
    options = tuple("abcdefgh")
    assert pick(options, "Meera Nair", "Pricing") == "h"  # the same on every run and machine (not hash())
    assert pick(options, "Asha Rao", "Pricing") == "f"
    assert len({pick(options, f"Customer {i}", "Pricing") for i in range(40)}) >= 6
    with pytest.raises(ValueError):
        pick((), "x")
