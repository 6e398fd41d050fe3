"""The hand-labelled transcripts in tests/data/transcripts/ are well-formed (docs/analysis.md, "The labelled set").

These tests check the data, not the analyser: every file parses, the labels use the taxonomy, every quote that is
marked as never-evidence really is in an agent line, and dev/ holds every outcome and objection kind often enough
for the benchmark's figures to mean something.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from salesbot.models import Coverage, ObjectionKind, Outcome, Sentiment

ROOT = Path(__file__).resolve().parents[1] / "data" / "transcripts"
FILES = sorted(ROOT.rglob("*.json"))
DEV = sorted((ROOT / "dev").glob("*.json"))
SPEAKERS = {"agent", "customer", "system"}
LABEL_KEYS = {"outcome", "sentiment", "topics", "objections", "next_step_agreed", "not_evidence", "language", "notes"}


def load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a JSON object"
    return data


def test_the_set_is_there() -> None:
    assert len(DEV) >= 40, f"dev/ has {len(DEV)} transcripts"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_transcript_is_well_formed(path: Path) -> None:
    data = load(path)
    topics = data["topics"]
    assert isinstance(topics, list) and topics and all(isinstance(t, str) and t.strip() for t in topics)
    assert len(set(topics)) == len(topics), "a topic is listed twice"
    assert isinstance(data["status"], str) and data["status"]
    last = -1.0
    for i, line in enumerate(data["utterances"]):
        assert line["speaker"] in SPEAKERS, f"utterance {i}: speaker {line['speaker']!r}"
        assert isinstance(line["text"], str) and line["text"].strip(), f"utterance {i}: empty text"
        at = line["at"]
        assert isinstance(at, int | float) and not isinstance(at, bool), f"utterance {i}: at {at!r}"
        assert at > last, f"utterance {i}: at {at} is not after {last}"
        last = float(at)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_labels_use_the_taxonomy(path: Path) -> None:
    data = load(path)
    labels = data["labels"]
    assert set(labels) >= LABEL_KEYS, f"missing labels: {sorted(LABEL_KEYS - set(labels))}"
    assert labels["outcome"] in {o.value for o in Outcome}
    assert labels["sentiment"] in {s.value for s in Sentiment}
    assert set(labels["topics"]) == set(data["topics"]), "labels.topics must give a status for every topic, no more"
    assert all(status in {c.value for c in Coverage} for status in labels["topics"].values())
    assert all(kind in {k.value for k in ObjectionKind} for kind in labels["objections"])
    assert isinstance(labels["next_step_agreed"], bool)
    assert labels["language"] in {"en", "hi"}
    assert isinstance(labels["notes"], str) and labels["notes"].strip()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_not_evidence_is_quoted_from_an_agent_line(path: Path) -> None:
    data = load(path)
    agent_lines = [u["text"] for u in data["utterances"] if u["speaker"] == "agent"]
    for sentence in data["labels"]["not_evidence"]:
        assert isinstance(sentence, str) and sentence.strip()
        assert any(sentence in line for line in agent_lines), f"not in any agent line: {sentence!r}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_labels_agree_with_who_spoke(path: Path) -> None:
    """No customer line means nobody engaged: no covered topic, no objection, no next step."""
    data = load(path)
    labels = data["labels"]
    if labels["outcome"] == Outcome.NO_ANSWER:
        assert not [u for u in data["utterances"] if u["speaker"] == "customer"]
    if labels["outcome"] in {Outcome.NO_ANSWER, Outcome.VOICEMAIL, Outcome.INCOMPLETE}:
        assert Coverage.COVERED not in labels["topics"].values()
        assert not labels["objections"]
        assert not labels["next_step_agreed"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_sentiment_is_given_exactly_when_a_person_engaged(path: Path) -> None:
    labels = load(path)["labels"]
    unconnected = labels["outcome"] in {Outcome.NO_ANSWER, Outcome.VOICEMAIL, Outcome.INCOMPLETE}
    assert (labels["sentiment"] == Sentiment.NOT_GIVEN) == unconnected


def test_dev_holds_every_outcome_and_objection_kind_at_least_three_times() -> None:
    outcomes: Counter[str] = Counter()
    objections: Counter[str] = Counter()
    for path in DEV:
        labels = load(path)["labels"]
        outcomes[labels["outcome"]] += 1
        objections.update(labels["objections"])
    read = [o for o in Outcome if o is not Outcome.BUSY]  # a busy line is what the provider says, not a transcript
    assert {o.value: outcomes[o.value] for o in read if outcomes[o.value] < 3} == {}
    assert {k.value: objections[k.value] for k in ObjectionKind if objections[k.value] < 3} == {}


def test_dev_has_hindi_in_both_scripts() -> None:
    hindi = [load(p)["utterances"] for p in DEV if load(p)["labels"]["language"] == "hi"]
    devanagari = [u for u in hindi if any("\u0900" <= ch <= "\u097f" for line in u for ch in line["text"])]
    assert len(devanagari) >= 2 and len(hindi) - len(devanagari) >= 2
