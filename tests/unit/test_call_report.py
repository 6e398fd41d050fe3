"""The one-call Markdown report, without a store: its contents, and customer text kept inert when rendered."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from salesbot.exports.report import call_report
from salesbot.models import (
    Call,
    CallAnalysis,
    Coverage,
    Evidence,
    NextStep,
    ObjectionKind,
    Outcome,
    RaisedObjection,
    Sentiment,
    Speaker,
    TalkTime,
    TopicCoverage,
    Utterance,
)
from tests.builders import a_call, a_customer, a_script
from tests.integration.test_search_contract import FIRST_RELEASE

START = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
TRAP = "[click](http://evil.example) <img src=x onerror=alert(1)> **loud** www.example.com"

ANALYSIS = CallAnalysis(
    summary=f"Asha asked about pricing. {TRAP}",
    outcome=Outcome.MEETING_BOOKED,
    sentiment=Sentiment.POSITIVE,
    topics=[
        TopicCoverage(
            topic="Pricing",
            status=Coverage.COVERED,
            evidence=[
                Evidence(speaker="agent", text="Shall I walk you through pricing?", at=12.4),
                Evidence(speaker="customer", text=f"Yes, what does it cost? {TRAP}", at=65.0),
            ],
        ),
        TopicCoverage(topic="<b>CRM</b> integration", status=Coverage.RAISED),
        TopicCoverage(topic="Onboarding", status=Coverage.NOT_COVERED),
    ],
    objections=[
        RaisedObjection(kind=ObjectionKind.PRICE, quote="It's too expensive for us.", at=70.2),
        RaisedObjection(kind=ObjectionKind.NO_NEED, quote=f"We are fine as we are. {TRAP}", at=125.0),
    ],
    next_step=NextStep(action="Walkthrough", when="Thursday at 3 pm", quote="Thursday at 3 works.", at=130.0),
    recommendation="Prepare the pricing sheet.",
    talk=TalkTime(agent_words=120, customer_words=80, agent_questions=4),
)


def call(analysis: CallAnalysis | None) -> Call:
    """Call 7, to Asha (customer 1): the agent's hello and the customer's trap, analysed or not."""
    lines = [(Speaker.AGENT, "Hello Asha.", 2), (Speaker.CUSTOMER, TRAP, 65)]
    return a_call(lines, id=7, customer_id=1, attempt_key="a", started_at=START, duration_seconds=140,
                  analysis=analysis)  # fmt: skip


CUSTOMER = a_customer(id=1, name="Asha *Rao*", conversation_history="", created_at=START,
                      topics=["Pricing", "<b>CRM</b> integration", "Onboarding"])  # fmt: skip
SCRIPT = a_script(id=3, customer_id=1, script="[Opener]\nHello ``` <b>Asha</b>")


def plain(markdown: str) -> str:
    """What a reader sees: the escapes that keep Markdown and links inert removed."""
    return markdown.replace("\\", "")


def test_the_report_lists_topics_with_evidence_objections_next_step_and_talk_time() -> None:
    report = call_report(call(ANALYSIS), CUSTOMER, SCRIPT)
    shown = plain(report)
    assert "- **Pricing**: covered\n  - Agent: “Shall I walk you through pricing?” (0:12)\n" in shown
    assert "  - Customer: “Yes, what does it cost? " in shown and "” (1:05)" in shown
    assert "- **<b>CRM</b> integration**: raised, not discussed\n- **Onboarding**: not covered" in shown
    assert "- **price**: “It's too expensive for us.” (1:10)" in shown
    assert "- **no need**: “We are fine as we are." in shown and "” (2:05)" in shown
    assert "- Walkthrough, Thursday at 3 pm\n  - Agreed: “Thursday at 3 works.” (2:10)" in shown
    assert "- Agent: 120 words (60% of the words spoken), 4 questions\n- Customer: 80 words" in shown
    assert "- Outcome: meeting booked" in shown and "- Recommendation: Prepare the pricing sheet." in shown
    # transcript lines at the time into the call they began: this one ended at 1:05, and its six words take 2 s
    assert "- **Customer** (1:03): [click]" in shown


def test_what_anyone_said_stays_text_in_the_report() -> None:
    report = call_report(call(ANALYSIS), CUSTOMER, SCRIPT, version=2)
    body = report.split("## Script")[0]
    for trap in ("](http://", "**loud**", "http://", "www.example"):
        assert trap not in body, trap  # no link, no bold, no bare URL outside the script
    assert re.findall(r"(?<!\\)<[a-z/]", body) == []  # no HTML: every tag's angle bracket escaped
    assert report.startswith("# Call #7 with Asha \\*Rao\\*\n")
    assert plain(body).count(TRAP) == 4  # summary, evidence, objection and transcript, each shown as said
    assert "- Script: v2 (offline)\n" in report
    script = report.split("## Script v2 (offline)\n\n")[1]
    assert script == "````text\n[Opener]\nHello ``` <b>Asha</b>\n````\n"  # a code block its backticks cannot end


def test_a_first_release_analysis_and_no_analysis_still_make_a_report() -> None:
    old = call_report(call(CallAnalysis.model_validate(FIRST_RELEASE)), CUSTOMER, None)
    assert "- **Pricing**: covered\n- **Onboarding**: not covered" in old
    assert "### Objections\n\n(none raised)" in old and "### Next step\n\n(none agreed)" in old
    assert "### Talk time\n\n(not counted)" in old and "## Script\n\n(the script was deleted)" in old
    assert "- Script: (deleted)" in old and "## Script (offline)\n" in call_report(call(None), CUSTOMER, SCRIPT)
    assert "## Analysis" not in call_report(call(None), CUSTOMER, SCRIPT)


HOSTILE = (
    "![p](http://host/pixel.png) [click](http://evil.example)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script> *x* __y__ `z` ~~s~~ <http://evil.example> evil@example.com www.evil.example",
    "# heading\n- item\n> quote\n| a | b |\n|---|---|\n[ref]: http://evil.example",
    ":material/star: :red[x] $x^2$ :smile: &amp; a -> b ana@team.example",  # Streamlit's shortcodes, an entity
)


def rendered(markdown: str) -> list[Token]:
    """Every token a GFM-like renderer (raw HTML on, bare URLs linked) makes of the report, nested ones too."""
    tokens, todo = [], MarkdownIt("gfm-like", {"html": True, "linkify": True}).parse(markdown)
    while todo:
        token = todo.pop(0)
        tokens.append(token)
        todo += token.children or []
    return tokens


@pytest.mark.parametrize("text", HOSTILE)
def test_customer_text_renders_as_text_not_markdown_or_html(text: str) -> None:
    customer = CUSTOMER.model_copy(update={"name": text, "email": text, "topics": [text]})
    analysis = ANALYSIS.model_copy(update={"summary": text, "recommendation": text})
    said = call(analysis).model_copy(update={"created_by": text, "utterances": [
        Utterance(id="0", speaker=Speaker.CUSTOMER, text=text, at=START + timedelta(seconds=3))
    ]})  # fmt: skip
    tokens = rendered(call_report(said, customer, SCRIPT.model_copy(update={"writer": text}), version=1))
    made = {t.type for t in tokens}
    forbidden = {
        "link_open",
        "image",
        "html_inline",
        "html_block",
        "table_open",
        "s_open",
        "em_open",
        "blockquote_open",
    }
    assert not made & forbidden, made
    assert {"heading_open", "bullet_list_open", "strong_open", "fence"} <= made  # the report's own Markdown is kept
    heading = next(t for t in tokens if t.type == "inline" and t.content.startswith("Call #7"))
    shown = "".join(c.content for c in heading.children or [])
    assert "\u2060" not in shown  # nothing invisible: a copy is the text
    assert shown == "Call #7 with " + " ".join(text.split())  # exactly as typed (runs of white space as one)


def test_a_recording_url_is_a_link_and_nothing_else_is() -> None:
    for url, links in (("https://recordings.example/c/7.mp3", 1), ("javascript:alert(1)", 0), ("http://a b)", 0)):
        report = call_report(call(None).model_copy(update={"recording_url": url}), CUSTOMER, SCRIPT, version=1)
        hrefs = [t.attrs.get("href") for t in rendered(report) if t.type == "link_open"]
        assert hrefs == [url] * links, url


def test_the_report_says_who_placed_the_call_and_wrote_its_script() -> None:
    signed_in = call(ANALYSIS).model_copy(update={"created_by": "ana@team.example"})
    report = call_report(signed_in, CUSTOMER, SCRIPT.model_copy(update={"created_by": "bo@team.example"}), version=2)
    assert "- Placed by: ana\\@team.example\n" in report  # its @ escaped, not linked; a copy is the address itself
    assert "- Script: v2 (offline), by bo\\@team.example\n" in report
    assert "- Placed by: –\n" in call_report(call(ANALYSIS), CUSTOMER, SCRIPT, version=2)  # open mode: nobody


def test_the_report_reads_as_plain_text() -> None:
    said = (
        "Fine (for now) - we pay $40 a seat. 1. Price; 2. setup! Call me at 3:30, e.g. Monday #2 + a snake_case word."
    )
    analysis = ANALYSIS.model_copy(update={"summary": "1. " + said})
    report = call_report(call(analysis).model_copy(update={"utterances": [
        Utterance(id="0", speaker=Speaker.CUSTOMER, text=said, at=START + timedelta(seconds=3))
    ]}), CUSTOMER, SCRIPT, version=2)  # fmt: skip
    assert re.search(r"\n- \*\*Customer\*\* \(\d:\d\d\): " + re.escape(said) + "\n", report)  # nothing escaped
    # that Markdown leaves as it is
    assert f"\n1\\. {said}\n" in report  # a line of its own that would start a numbered list
    assert [t for t in rendered(report) if t.type == "ordered_list_open"] == []
