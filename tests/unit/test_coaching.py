"""Coaching figures of one call (salesbot.analysis.coaching): talk, the longest monologue, questions, first objection."""

from __future__ import annotations

import pytest

from salesbot.analysis import coaching
from salesbot.models import ObjectionKind, Outcome, RaisedObjection, Speaker
from tests.builders import AGENT, CUSTOMER, an_analysis, utterances


def test_words_questions_and_the_longest_run_of_agent_lines() -> None:
    said = utterances([
        (AGENT, "Hello Asha, this is Maya from Acme.", 3.0),  # 7 words: began at 0.2 s
        (CUSTOMER, "Hi.", 4.0),
        (AGENT, "Is now a good time? I will be quick.", 8.0),  # 9 words take 3.6 s: began at 4.4
        (AGENT, "We help teams like yours. Do you use a CRM today?", 14.0),
        (CUSTOMER, "We do, yes.", 16.0),
        (AGENT, "Great.", 17.0),
    ])  # fmt: skip
    found = coaching.line_figures(said)
    assert (found.agent_words, found.customer_words, found.agent_questions) == (7 + 9 + 11 + 1, 1 + 3, 2)
    assert found.longest_monologue == 9.6  # 4.4 to 14.0: two agent lines with no customer word between
    assert found.agent_share == pytest.approx(28 / 32)


def test_a_pause_before_a_line_is_not_talk() -> None:
    said = utterances([(CUSTOMER, "Hello?", 1.0), (AGENT, "Sorry, one second please.", 30.0)])  # 4 words: 1.6 s
    assert coaching.line_figures(said).longest_monologue == 1.6
    quick = utterances([(CUSTOMER, "Hello?", 1.0), (AGENT, "Sorry, one second please.", 2.0)])  # began at 1.0
    assert coaching.line_figures(quick).longest_monologue == 1.0


def test_system_lines_and_empty_lines_count_for_nobody() -> None:
    said = utterances([(Speaker.SYSTEM, "Call connected", 0.0), (CUSTOMER, "  ", 2.0), (AGENT, "Hi there?", 3.0)])
    found = coaching.line_figures(said)
    assert (found.agent_words, found.customer_words, found.agent_questions, found.longest_monologue) == (2, 0, 1, 0.8)


def test_a_call_without_lines_has_no_figures() -> None:
    found = coaching.figures([], None)
    assert found == coaching.Coaching() and found.agent_share is None and found.longest_monologue is None


def test_the_first_objection_is_the_earliest_with_a_time() -> None:
    objections = [
        RaisedObjection(kind=ObjectionKind.PRICE, quote="Too dear", at=42.5),
        RaisedObjection(kind=ObjectionKind.TIMING, quote="Not now", at=12.0),
        RaisedObjection(kind=ObjectionKind.COMPETITOR, quote="We use X"),  # no time: not placed
    ]
    analysis = an_analysis(Outcome.NOT_INTERESTED, objections=objections)
    assert coaching.figures(utterances([(AGENT, "Hi", 1.0)]), analysis).first_objection == 12.0
    assert coaching.first_objection(an_analysis(Outcome.INTERESTED)) is None
    assert coaching.first_objection(None) is None
