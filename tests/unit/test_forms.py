"""The customer form: whether it still describes the saved customer."""

from __future__ import annotations

from salesbot.models import CustomerForm
from tests.builders import ASHA, a_customer


def test_the_same_customer_typed_differently_is_equivalent() -> None:
    saved = CustomerForm(**ASHA)
    retyped = CustomerForm(**{**ASHA, "phone_number": "9876543210", "email": "ASHA@example.com", "name": " Asha  Rao"})
    assert saved.equivalent(retyped)


def test_another_person_or_other_topics_are_changes() -> None:
    saved = CustomerForm(**ASHA)
    assert not saved.equivalent(CustomerForm(**{**ASHA, "name": "Ravi Kumar"}))
    assert not saved.equivalent(CustomerForm(**{**ASHA, "phone_number": "91234 56789"}))
    assert not saved.equivalent(CustomerForm(**{**ASHA, "topics": "Security"}))
    assert not saved.equivalent(CustomerForm(**{**ASHA, "phone_number": "12"}))  # invalid is never the same


def test_a_stored_customer_fills_the_form_back() -> None:
    typed = CustomerForm(**ASHA).validate()
    customer = a_customer(id=1, **typed.model_dump())
    assert CustomerForm.of(customer).equivalent(CustomerForm(**ASHA))
