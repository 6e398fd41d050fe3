"""Topics as they are said: labels turned to speech, the presenter's names kept, symbols said as words, kinds."""

from __future__ import annotations

import pytest

from salesbot.playbook import play_for, spoken_topic
from salesbot.playbook.speech import named_language, named_system
from salesbot.playbook.words import normalise


@pytest.mark.parametrize(
    ("topic", "english", "hindi"),
    [
        ("Contract: annual vs monthly billing", "your contract — annual versus monthly billing", "कॉन्ट्रैक्ट — सालाना बनाम मासिक बिलिंग"),
        ("Integration: Zoho CRM", "the Zoho CRM integration", "Zoho CRM इंटीग्रेशन"),
        ("Hindi language support", "Hindi language support", "हिंदी भाषा सपोर्ट"),
        ("SSO via Okta", "SSO via Okta", "Okta के ज़रिए SSO"),
        ("Pricing", "pricing", "कीमत"),
        ("Data security", "data security", "डेटा सुरक्षा"),
        ("zoho crm sync", "Zoho CRM sync", "Zoho CRM सिंक"),
        ("SAP S/4HANA integration", "SAP S/4HANA integration", "SAP S/4HANA इंटीग्रेशन"),
        ("WhatsApp & SMS reminders", "WhatsApp and SMS reminders", "WhatsApp और SMS रिमाइंडर"),
        ("iPhone app", "iPhone app", "iPhone ऐप"),
        ("Reporting by region", "reporting by region", "क्षेत्र के हिसाब से रिपोर्टिंग"),
        ("Tamil for field agents", "Tamil for field agents", "फ़ील्ड एजेंट के लिए तमिल"),
        ("Uptime during Diwali", "uptime during Diwali", "Diwali के दौरान अपटाइम"),
    ],
)  # fmt: skip
def test_topics_are_said_naturally_in_both_languages(topic: str, english: str, hindi: str) -> None:
    assert spoken_topic(topic, "English") == english
    assert spoken_topic(topic, "Hindi") == hindi


def test_an_unknown_word_in_hindi_falls_back_to_the_kind_keeping_names() -> None:
    assert spoken_topic("Widget rollout for Acme", "Hindi") == "Acme के लिए Widget रोलआउट"  # names kept
    assert spoken_topic("quarterly zebra offsite", "Hindi") == "आपकी बताई ज़रूरत"  # nothing it can say: generic


@pytest.mark.parametrize(
    ("typed", "said"),
    [("annual vs. monthly", "annual versus monthly"), ("R&D", "R and D"), ("annual/monthly", "annual or monthly"),
     ("GDPR / DPDP", "GDPR or DPDP"), ("SAP S/4HANA", "SAP S/4HANA"), ("24/7 support", "24/7 support")],
)  # fmt: skip
def test_symbols_are_said_as_words(typed: str, said: str) -> None:
    assert normalise(typed) == said


@pytest.mark.parametrize(
    ("topic", "kind"),
    [
        ("Hindi language support", "language"), ("SSO via Okta", "security"), ("Contract: annual vs monthly billing", "contract"),
        ("Integration: Zoho CRM", "integration"), ("Pricing", "pricing"), ("Renewal terms", "contract"),
        ("Support response times", "support"), ("Uptime SLA", "support"), ("2FA", "security"), ("SAML", "security"),
        ("GDPR", "compliance"), ("DPDP compliance", "compliance"), ("SOC 2 report", "compliance"), ("HIPAA", "compliance"),
        ("Data residency in India", "compliance"), ("Onboarding for 25 reps", "onboarding"), ("Weekly reporting", "reporting"),
        ("Scaling to new regions", "scale"), ("Automated follow-ups", "automation"), ("Spanish for agents", "language"),
        ("Tamil & Malayalam calls", "language"), ("Office party", "general"), ("Aim for Q1", "general"),
        ("CRM integration", "integration"), ("Data security", "security"), ("Contract length", "contract"),
    ],
)  # fmt: skip
def test_topics_are_recognised_by_kind(topic: str, kind: str) -> None:
    assert play_for(topic).kind == kind


def test_the_system_or_language_a_topic_names() -> None:
    assert named_system("Integration: Zoho CRM", "English") == "Zoho CRM"
    assert named_system("CRM integration", "English") == "your CRM"
    assert named_system("integrations", "Hindi") == "आपके मौजूदा सिस्टम"
    assert named_language("Hindi language support", "English") == "Hindi"
    assert named_language("tamil scripts", "Hindi") == "तमिल"
    assert named_language("Regional languages", "English") == "your language"
