from __future__ import annotations

import pytest

from salesbot.errors import InvalidInput
from salesbot.models import split_topics, validate_customer
from tests.builders import ASHA


def test_valid_customer_is_normalised() -> None:
    customer = validate_customer(ASHA)
    assert customer.name == "Asha Rao"
    assert customer.phone_number == "9876543210"
    assert customer.phone_e164 == "+919876543210"
    assert customer.topics == ["Pricing", "CRM integration", "Onboarding for 20 reps"]
    assert customer.email == "asha@example.com"


def test_national_number_is_read_for_the_chosen_country() -> None:
    us = validate_customer({**ASHA, "country_code": "US", "phone_number": "(415) 555-2671"})
    assert us.phone_e164 == "+14155552671"
    assert us.phone_number == "4155552671"


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"name": "   "}, "name", "Enter the customer's name"),
        ({"phone_number": ""}, "phone_number", "Enter the customer's phone number"),
        ({"phone_number": "12345"}, "phone_number", "not a valid phone number in India (+91)"),
        ({"phone_number": "call me"}, "phone_number", "not a phone number"),
        ({"phone_number": "+1 415 555 2671"}, "phone_number", "India"),
        ({"email": "asha@"}, "email", "valid email address"),
        ({"topics": " \n , "}, "topics", "at least one topic"),
        ({"topics": "\n".join(f"t{i}" for i in range(20))}, "topics", "at most 12"),
        ({"country_code": "XX"}, "country_code", "Choose a country"),
        ({"conversation_history": "x" * 9000}, "conversation_history", "under 8000"),
        ({"name": "Asha\x00Rao"}, "name", "hidden control character"),  # NUL: PostgreSQL refuses it (22P05)
        ({"name": "Asha\x1bRao"}, "name", "hidden control character"),
        ({"name": "\u200b\u200b"}, "name", "only invisible characters"),  # zero-width spaces
        ({"name": "\u200d\ufeff \u2060"}, "name", "only invisible characters"),  # joiner, BOM, word joiner
        ({"name": "\u3164"}, "name", "only invisible characters"),  # a Hangul filler draws nothing
        ({"name": "\u0301"}, "name", "only invisible characters"),  # a combining mark on nothing
        ({"phone_number": "98765\x0043210"}, "phone_number", "hidden control character"),
        ({"email": "asha\x00@example.com"}, "email", "hidden control character"),
        ({"conversation_history": "Customer: hi\x00"}, "conversation_history", "hidden control character"),
        ({"conversation_history": "Customer: hi\x85there"}, "conversation_history", "hidden control character"),
        ({"topics": "Pricing\nCRM\x07"}, "topics", "hidden control character"),
    ],
)
def test_bad_fields_get_a_message_at_that_field(changes: dict[str, str], field: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_customer({**ASHA, **changes})
    assert fragment in caught.value.field_errors[field]
    assert set(caught.value.field_errors) == {field}


def test_every_bad_field_is_reported_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_customer({**ASHA, "name": "", "phone_number": "1", "topics": ""})
    assert set(caught.value.field_errors) == {"name", "phone_number", "topics"}


def test_optional_email_may_be_empty() -> None:
    assert validate_customer({**ASHA, "email": "  "}).email is None


def test_topics_split_on_lines_commas_and_dedupe() -> None:
    assert split_topics("Pricing, onboarding\n- pricing\n;Security ") == ["Pricing", "onboarding", "Security"]


def test_names_in_any_script_and_text_with_tabs_and_line_breaks_are_accepted() -> None:
    for name in ("प्रिया शर्मा", "Élodie Martin", "عمر حداد", "Mi\u200cna", "Ö"):  # ZWNJ inside a word is fine
        assert validate_customer({**ASHA, "name": name}).name == name
    history = "Customer: hello\r\n\tWe need pricing.\nAgent: sure"
    assert validate_customer({**ASHA, "conversation_history": history}).conversation_history == history
    assert validate_customer({**ASHA, "name": "Asha\tRao"}).name == "Asha Rao"


def test_text_from_outside_systems_loses_control_characters() -> None:
    from salesbot.text import storable

    assert storable("Hello\x00 Asha\x07,\tline\nnext\r\n") == "Hello Asha,\tline\nnext\r\n"
