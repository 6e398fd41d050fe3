from __future__ import annotations

import pytest

from salesbot.models import ScriptOptions
from salesbot.playbook import play_for
from salesbot.playbook.script_format import SECTIONS, parse_sections
from salesbot.scripts.offline import OfflineScriptWriter
from tests.builders import a_customer

WRITER = OfflineScriptWriter("Maya", "Acme Cloud", "Salesbot", chunk_delay_s=0)


def test_script_has_every_section_in_order() -> None:
    script = WRITER.compose(a_customer(), ScriptOptions())
    positions = [script.index(f"[{name}]") for name in SECTIONS]
    assert positions == sorted(positions)
    sections = parse_sections(script)
    assert all(sections[name] for name in SECTIONS)


def test_script_uses_name_history_topics_and_email() -> None:
    script = WRITER.compose(a_customer(), ScriptOptions())
    sections = parse_sections(script)
    assert "Asha" in sections["Opener"][0]
    recap = " ".join(sections["Recap"])
    assert "you are looking for a way to follow up leads faster" in recap
    assert "your budget is limited this quarter" in recap.lower()
    assert "We can help with that" not in recap  # our own lines are not recapped to the customer
    for topic in ("pricing", "CRM integration", "data security"):
        assert sum(topic in q for q in sections["Discovery"]) == 1, topic  # named mid-sentence, once
    assert not any(line.startswith(("On ", "For ")) for line in sections["Discovery"] + sections["Value"])
    assert len(sections["Value"]) == 3  # one per kind: pricing, integration, security
    assert "encrypted" in " ".join(sections["Value"])  # the security play, matched from "Data security"
    assert "asha@example.com" in " ".join(sections["Close"])
    assert "Thursday or Friday" in " ".join(sections["Close"])


def test_script_is_speakable_plain_text() -> None:
    script = WRITER.compose(a_customer(), ScriptOptions())
    for marker in ("**", "##", "* ", "`", "{", "}"):
        assert marker not in script


def test_without_history_the_recap_says_it_is_a_first_conversation() -> None:
    script = WRITER.compose(a_customer(conversation_history=""), ScriptOptions())
    assert "first conversation" in " ".join(parse_sections(script)["Recap"])
    assert "India" in script


def test_without_email_the_close_asks_for_one() -> None:
    script = WRITER.compose(a_customer(email=None), ScriptOptions())
    assert "best email address" in script


@pytest.mark.parametrize("tone", ["friendly", "consultative", "formal"])
def test_tone_changes_the_words(tone: str) -> None:
    scripts = {t: WRITER.compose(a_customer(), ScriptOptions(tone=t)) for t in ("friendly", "consultative", "formal")}
    others = [s for t, s in scripts.items() if t != tone]
    assert all(parse_sections(scripts[tone])["Opener"][0] != parse_sections(o)["Opener"][0] for o in others)


def test_short_length_is_shorter_and_keeps_the_price_objection_first_for_pricing_topics() -> None:
    standard = WRITER.compose(a_customer(), ScriptOptions(length="standard"))
    short = WRITER.compose(a_customer(), ScriptOptions(length="short"))
    assert len(short) < len(standard)
    assert "expensive" in parse_sections(short)["Objections"][0]
    assert len(parse_sections(short)["Objections"]) == 2 < len(parse_sections(standard)["Objections"])
    assert "Who else" not in short and "Who else" in standard


def test_offer_option_overrides_the_default() -> None:
    script = WRITER.compose(a_customer(), ScriptOptions(offer="the Premium Support plan"))
    assert "the Premium Support plan" in script and "Salesbot" not in script


def test_streaming_yields_the_same_text_in_several_chunks() -> None:
    chunks = list(WRITER.stream_script(a_customer(), ScriptOptions()))
    assert len(chunks) > 10
    assert "".join(chunks) == WRITER.compose(a_customer(), ScriptOptions())


def test_topics_map_to_plays() -> None:
    assert play_for("Zoho CRM sync").kind == "integration"
    assert play_for("Annual pricing").kind == "pricing"
    assert play_for("Office party").kind == "general"


def test_parse_sections_without_headers_treats_text_as_opener() -> None:
    assert parse_sections("Hello there.\nBye.")["Opener"] == ["Hello there.", "Bye."]
