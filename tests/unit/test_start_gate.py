"""The presenter's Start call gate: every reason it is disabled, the button's words, and the attempt key of a press."""

from __future__ import annotations

from typing import Any

import pytest

from salesbot.models import Call, CallStatus, CustomerForm
from salesbot.services.start_gate import (
    Blocked,
    StartGate,
    attempt_key,
    call_live,
    form_changed,
    new_attempt_key,
    start_gate,
)
from tests.builders import ASHA, a_call

OPEN = {  # a simulated call for the customer the script was written for, nothing running: enabled
    "form_changed": False,
    "call_live": False,
    "replaying": False,
    "real_phones": False,
    "consent": False,
    "do_not_call": False,
    "despite_do_not_call": False,
}


def gate(**changes: bool) -> StartGate:
    return start_gate(**{**OPEN, **changes})


def call(status: CallStatus, call_id: int = 7) -> Call:
    return a_call(id=call_id, status=status)


def test_a_simulated_call_with_nothing_against_it_may_start() -> None:
    assert gate() == StartGate(reasons=(), retry=False)
    assert gate().enabled


def test_a_real_call_with_consent_may_start() -> None:
    assert gate(real_phones=True, consent=True).enabled


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"form_changed": True}, Blocked.FORM_CHANGED),
        ({"call_live": True}, Blocked.CALL_LIVE),
        ({"replaying": True}, Blocked.REPLAYING),
        ({"real_phones": True}, Blocked.NO_CONSENT),
        ({"real_phones": True, "consent": True, "do_not_call": True}, Blocked.DO_NOT_CALL),
    ],
)
def test_each_reason_alone_disables_start_call_and_says_so(changes: dict[str, Any], reason: Blocked) -> None:
    blocked = gate(**changes)
    assert not blocked.enabled
    assert blocked.reasons == (reason,)


def test_a_simulated_call_needs_neither_consent_nor_a_do_not_call_confirmation() -> None:
    assert gate(consent=False, do_not_call=True, despite_do_not_call=False).enabled


def test_a_real_call_to_a_number_that_refused_may_start_once_they_have_agreed_again() -> None:
    assert gate(real_phones=True, consent=True, do_not_call=True, despite_do_not_call=True).enabled
    assert gate(real_phones=True, consent=False, do_not_call=True, despite_do_not_call=True).reasons == (
        Blocked.NO_CONSENT,
    )


def test_every_reason_that_holds_is_listed_in_order() -> None:
    everything = gate(form_changed=True, call_live=True, replaying=True, real_phones=True, do_not_call=True)
    assert everything.reasons == (
        Blocked.FORM_CHANGED,
        Blocked.CALL_LIVE,
        Blocked.REPLAYING,
        Blocked.NO_CONSENT,
        Blocked.DO_NOT_CALL,
    )


def test_the_button_offers_a_retry_after_a_failed_start_whether_or_not_it_is_enabled() -> None:
    assert gate().label("Asha") == "Start call to Asha"
    assert gate(start_failed=True).label("Asha") == "Retry call to Asha"
    assert gate(start_failed=True).enabled
    assert gate(start_failed=True, call_live=True).label("Asha") == "Retry call to Asha"


def test_the_form_counts_as_changed_until_saved_and_when_it_describes_someone_else() -> None:
    typed = CustomerForm(**ASHA)
    assert form_changed(typed, None)
    assert not form_changed(typed, CustomerForm(**ASHA))
    assert not form_changed(typed, CustomerForm(**{**ASHA, "phone_number": "9876543210"}))  # the same number
    assert form_changed(typed, CustomerForm(**{**ASHA, "name": "Ravi Kumar"}))


def test_a_call_is_live_until_it_is_known_to_be_over() -> None:
    assert not call_live(None, None)
    assert call_live(7, None)  # could not be read: counts as live
    assert call_live(7, call(CallStatus.IN_PROGRESS))
    assert call_live(7, call(CallStatus.UNKNOWN))
    assert not call_live(7, call(CallStatus.COMPLETED))
    assert not call_live(7, call(CallStatus.FAILED))


def test_a_press_after_a_finished_call_is_a_new_attempt() -> None:
    assert attempt_key("old", 7, call(CallStatus.STOPPED), fresh=lambda: "new") == "new"


def test_a_press_repeats_the_attempt_while_the_call_on_screen_is_not_over_or_is_another() -> None:
    fresh = lambda: "new"  # noqa: E731
    assert attempt_key("old", None, None, fresh=fresh) == "old"
    assert attempt_key("old", 7, call(CallStatus.DIALLING), fresh=fresh) == "old"
    assert attempt_key("old", 8, call(CallStatus.COMPLETED, call_id=7), fresh=fresh) == "old"  # not the one shown


def test_fresh_attempt_keys_differ() -> None:
    assert new_attempt_key() != new_attempt_key()
    assert len(new_attempt_key()) == 32
