"""Where a search is found: matches as the stores match them, the match cell's snippet, inert highlights."""

from __future__ import annotations

from datetime import UTC, datetime

from salesbot.models import Speaker, Utterance
from salesbot.search.matches import call_matches, find_spans, highlighted, search_terms, snippet


def marked(text: str, search: str) -> list[str]:
    return [text[s:e] for s, e in find_spans(text, search_terms(search))]


def test_words_match_where_a_word_begins_and_phrases_as_whole_words() -> None:
    said = "Priced per seat; the price, next quarter, not next quarterly or reprice."
    assert marked(said, "price") == ["Price", "price"]  # a word's beginning, any case; not inside "reprice"
    assert marked(said, '"next quarter"') == ["next quarter"]  # not "next quarterly"
    assert marked(said, 'seat "the price"') == ["seat", "the price"]
    assert marked("e-mail or e mail or email", '"e-mail"') == ["e-mail", "e mail"]  # as the tokenizers split it
    assert marked("नमस्ते जी, नमस्ते!", "नमस्ते") == ["नमस्ते", "नमस्ते"]
    assert marked("anything", "") == []


def test_overlapping_terms_mark_each_place_once() -> None:
    assert find_spans("pricing plan", search_terms('pric "pricing plan"')) == [(0, 12)]


TRANSCRIPT = (
    "Agent: Our price is per seat, and it is priced the same way for every team we work with.\n"
    "Customer: Well, we talked about many other things before the price came up, and then a lot more about "
    "our offices, our people, our plans for the year ahead and the one after that, and the one after that too."
)


def test_the_snippet_shows_the_words_around_the_first_match_of_that_speaker() -> None:
    terms = search_terms("price")
    assert snippet(TRANSCRIPT, terms) == (
        "Agent: Our «price» is per seat, and it is «price»d the same way for every team we work with."
    )
    customer = snippet(TRANSCRIPT, terms, said_by="customer")
    assert customer.startswith("Customer: …many other things before the «price» came up")
    assert customer.endswith("…") and len(customer) < 160  # cut after the match, never before it
    assert snippet(TRANSCRIPT, search_terms("budget")) == ""


def test_matches_in_a_call_follow_the_speaker_and_stay_inert_when_highlighted() -> None:
    now = datetime(2026, 11, 2, tzinfo=UTC)
    lines = [
        Utterance(id="0", speaker=Speaker.AGENT, text="The price is fair.", at=now),
        Utterance(id="1", speaker=Speaker.CUSTOMER, text="[price](http://evil.example) <b>price</b>", at=now),
    ]
    assert call_matches(lines, search_terms("price")) == [(0, (4, 9)), (1, (1, 6)), (1, (32, 37))]
    assert call_matches(lines, search_terms("price"), said_by="agent") == [(0, (4, 9))]
    assert call_matches(lines, []) == []
    text = lines[1].text
    md = highlighted(text, find_spans(text, search_terms("price")), current=(32, 37))
    assert md == (  # the URL's colon set apart in a plain span, so Streamlit does not link it
        "\\[**price**\\]\\(http:color[\\:]\\/\\/evil\\.example\\) \\<b\\>:orange-background[**price**]\\<\\/b\\>"
    )
