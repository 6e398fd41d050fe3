"""The presenter's session state as one typed object (kept in st.session_state under one key)."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from salesbot.models import Call, Customer, CustomerForm
from salesbot.services.replay import ReplayPace
from salesbot.services.start_gate import call_live, new_attempt_key

KEY = "presenter_session"


@dataclass
class Replay:
    """A stored call being replayed into the live panel, when (time.monotonic()) the replay began, and its pace (from
    the start at 1×, until the presenter picks another speed or skips to the end)."""

    call: Call
    began: float
    finished: bool = False
    pace: ReplayPace = field(init=False)

    def __post_init__(self) -> None:
        self.pace = ReplayPace(self.began)


@dataclass(frozen=True)
class RunningCall:
    """A call left running when the presenter moved on to another customer: still reachable from the strip."""

    call_id: int
    customer_id: int
    name: str  # the callee as last read (the strip needs no customer read per tick)


@dataclass(frozen=True)
class Switch:
    """A change of customer waiting for the presenter's word while a call runs (customer None: a new customer);
    `leave`: their answer (leave the call running, or stay), None until they give it."""

    customer_id: int | None
    leave: bool | None = None


@dataclass
class PresenterSession:
    """Who is on screen, which script version, the current call; the form's text lives in its widgets."""

    customer_id: int | None = None
    customer: Customer | None = None  # the last read of that customer, shown while the store is unreachable
    saved_form: CustomerForm | None = None  # the form as it was when the customer was saved or loaded
    script_id: int | None = None
    editor_for: int | None = None  # the version whose text the editor was loaded with
    call_id: int | None = None
    attempt_key: str = field(default_factory=new_attempt_key)
    start_error: str | None = None
    busy_call_id: int | None = None  # an open call to the same number that refused a new one
    last_call: Call | None = None  # the last call shown, kept on screen when a refresh fails
    replay: Replay | None = None
    restored_from_url: bool = False
    lines_seen: dict[int, int] = field(default_factory=dict)  # call id -> lines this tab has drawn (for the metrics)
    running: list[RunningCall] = field(default_factory=list)  # calls left running, kept across customers
    switching: Switch | None = None  # asked for while a call runs: waits for the presenter's confirmation
    back_to: int | None = None  # a running call to bring back on screen (the strip's button), before any widget
    link_offered: bool = False  # another page showed a link back to a running call (its `?call=` is meant)
    reveal: str | None = None  # bring the call panel into view once for this token (a started call)

    def call_running(self) -> bool:
        """Whether the call on screen may still be running (one that could not be read counts as running)."""
        shown = self.last_call if self.last_call is not None and self.last_call.id == self.call_id else None
        return call_live(self.call_id, shown)

    def forget_customer(self) -> None:
        """Back to an empty page for the next person (a new attempt key too); a call still running stays
        reachable (in `running`), as does every call left running before."""
        running, offered = self.running_after_leaving(), self.link_offered
        self.__init__()  # type: ignore[misc]
        self.restored_from_url = True
        self.running, self.link_offered = running, offered

    def running_after_leaving(self) -> list[RunningCall]:
        """The calls left running once the customer on screen leaves it: those before, and theirs if it runs."""
        running = [r for r in self.running if r.call_id != self.call_id]
        if self.call_id is not None and self.customer_id is not None and self.call_running():
            name = self.customer.name if self.customer and self.customer.id == self.customer_id else "the customer"
            running.append(RunningCall(self.call_id, self.customer_id, name))
        return running

    def switch_to(self, customer_id: int) -> bool:
        """The customer just saved is the one on screen: someone else, nothing of the previous person stays.
        Whether another saved customer was on screen before (a new person replaces them)."""
        if customer_id == self.customer_id:
            return False
        replaced = self.customer_id is not None
        self.forget_customer()
        self.customer_id = customer_id
        return replaced

    def show_call(self, call_id: int | None) -> None:
        """Put a call of the customer on screen (None: none); it is no longer one left running elsewhere."""
        self.call_id, self.last_call = call_id, None
        self.running = [r for r in self.running if r.call_id != call_id]

    def new_attempt(self) -> None:
        """The next Start call is a new attempt (after a failed or finished call)."""
        self.attempt_key = new_attempt_key()
        self.start_error = None
        self.busy_call_id = None


def presenter_session() -> PresenterSession:
    """This browser session's presenter state, created on first use."""
    if KEY not in st.session_state:
        st.session_state[KEY] = PresenterSession()
    session: PresenterSession = st.session_state[KEY]
    return session
