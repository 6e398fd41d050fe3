"""When the presenter's Start call button may be pressed, why not, and the attempt key a press places the call with."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from salesbot.models import Call, CustomerForm

FORM_CHANGED_NOTICE = "The form has changes. Press Generate script to call the person it describes."


class Blocked(enum.StrEnum):
    """A reason Start call is disabled, in words."""

    FORM_CHANGED = "the form no longer describes the customer the script was written for"
    CALL_LIVE = "a call is already running"
    REPLAYING = "a replay is playing"
    NO_CONSENT = "a real call needs the presenter's permission to call this number"
    DO_NOT_CALL = "the number asked not to be called again and nobody confirmed they have since agreed"


@dataclass(frozen=True)
class StartGate:
    """Whether Start call is enabled (no reason against it), the reasons against, and what the button says."""

    reasons: tuple[Blocked, ...] = ()
    retry: bool = False  # the last press failed: the button offers a retry

    @property
    def enabled(self) -> bool:
        return not self.reasons

    def label(self, name: str) -> str:
        """The button's text for a customer's name (already made safe for Markdown)."""
        return ("Retry call to " if self.retry else "Start call to ") + name


def start_gate(
    *,
    form_changed: bool,
    call_live: bool,
    replaying: bool,
    real_phones: bool,
    consent: bool,
    do_not_call: bool,
    despite_do_not_call: bool,
    start_failed: bool = False,
) -> StartGate:
    """Start call is enabled only for the form the script was written for, with no call running and no replay
    playing; a real call also needs consent and, for a number that asked not to be called, the confirmation that
    they have since agreed (a simulated call dials nobody, so it needs neither)."""
    checks = {
        Blocked.FORM_CHANGED: form_changed,
        Blocked.CALL_LIVE: call_live,
        Blocked.REPLAYING: replaying,
        Blocked.NO_CONSENT: real_phones and not consent,
        Blocked.DO_NOT_CALL: do_not_call and real_phones and not despite_do_not_call,
    }
    return StartGate(reasons=tuple(reason for reason, holds in checks.items() if holds), retry=start_failed)


def form_changed(typed: CustomerForm, saved: CustomerForm | None) -> bool:
    """Whether the form as typed would store someone other than the customer saved (or loaded) last, or none was."""
    return saved is None or not typed.equivalent(saved)


def call_live(call_id: int | None, shown: Call | None) -> bool:
    """Whether the session's call may still be running: not known to be over (a call that could not be read counts
    as live, so nobody places a second one over it)."""
    return call_id is not None and (shown is None or not shown.status.is_final)


def new_attempt_key() -> str:
    return uuid.uuid4().hex


def attempt_key(
    current: str, call_id: int | None, shown: Call | None, fresh: Callable[[], str] = new_attempt_key
) -> str:
    """The key a press of Start call places with: the session's own, or a fresh one when the call on screen is over
    (the press is then a new attempt, not a repeat of that one)."""
    if shown is not None and shown.id == call_id and shown.status.is_final:
        return fresh()
    return current
