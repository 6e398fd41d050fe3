"""The offer's facts: what a presenter wrote down, read once, quoted in the language of the call."""

from __future__ import annotations

from salesbot.playbook.facts import OfferFacts, asked_fact, fact_pattern
from salesbot.settings import Settings, load_settings

WRITTEN = "Price: $49 per seat per month | 49 डॉलर प्रति सीट प्रति माह; trial: 14 days free\nbased in: Pune; colour: blue"


def test_facts_are_read_by_key_with_a_hindi_wording_and_unknown_keys_ignored() -> None:
    facts = OfferFacts.parse(WRITTEN)
    assert facts.get("price") == "$49 per seat per month" and facts.get("price", "Hindi") == "49 डॉलर प्रति सीट प्रति माह"
    assert facts.get("trial", "Hindi") == "14 days free"  # no Hindi wording: the same words
    assert facts.get("based") == "Pune" and facts.get("founded") is None
    assert [kind for kind, _, _ in facts.facts] == ["price", "trial", "based"]
    assert OfferFacts.parse("").facts == () and OfferFacts.parse("nonsense; : ;price:").facts == ()


def test_a_question_is_answered_with_the_fact_it_asks_about_and_nothing_else() -> None:
    facts = OfferFacts.parse(WRITTEN)
    assert facts.answer("What would this cost us per month, roughly?") == "It's $49 per seat per month."
    assert facts.answer("Sorry, before that, where is your company based?") == "We're based in Pune."
    assert facts.answer("Is there a free trial?") == "There's 14 days free."
    assert facts.answer("How long have you been around?") is None  # not written down: nobody guesses
    assert facts.answer("Does it sync both ways?") is None
    hindi = facts.answer("और कीमत के हिसाब से हम कितने की बात कर रहे हैं?", "Hindi")
    assert hindi is not None and "49 डॉलर प्रति सीट प्रति माह" in hindi
    assert asked_fact("How long have you been around?") == "founded"
    assert fact_pattern("price").search("It's $49 per seat per month.")


def test_the_setting_is_read_from_the_environment_with_a_default_that_answers_the_usual_questions() -> None:
    assert {kind for kind, _, _ in OfferFacts.parse(Settings().offer_facts).facts} >= {"price", "trial", "based"}
    assert load_settings({"SALESBOT_OFFER_FACTS": "price: ₹900"}).offer_facts == "price: ₹900"
    assert load_settings({"SALESBOT_OFFER_FACTS": " None "}).offer_facts == ""  # none written down
