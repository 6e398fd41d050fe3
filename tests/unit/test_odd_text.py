"""Odd text in customer fields (issue 25): bidirectional overrides are refused in every field, and a topic must show
something (not only invisible or private-use characters); real names in any script still pass."""

from __future__ import annotations

import pytest

from salesbot.errors import InvalidInput
from tests.builders import customer_input

RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", f"Asha{RLO}exe.doc"),
        ("name", f"{LRI}Asha Rao{PDI}"),
        ("email", f"asha{RLO}@example.com"),
        ("phone_number", f"98765{RLO}43210"),
        ("conversation_history", f"Spoke last week.{RLO} Wants pricing."),
        ("topics", ["Pricing", f"CRM{RLO} integration"]),
    ],
)
def test_bidirectional_overrides_are_refused_in_every_field(field: str, value: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        customer_input(**{field: value})
    assert "hidden control character" in refused.value.field_errors[field]


@pytest.mark.parametrize("topic", ["\u200b\u200b", "\ue000\ue001", "\u2060", "\u3164"])
def test_a_topic_of_only_invisible_or_private_use_characters_is_refused(topic: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        customer_input(topics=["Pricing", topic])
    assert "invisible" in refused.value.field_errors["topics"]


@pytest.mark.parametrize("name", ["अमित शर्मा", "محمد علي", "李小龙", "José Ñúñez"])
def test_names_in_any_script_pass(name: str) -> None:
    assert customer_input(name=name).name == name
