"""The presenter's session state as one typed object (kept in st.session_state under one key)."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from salesbot.models import Call, Customer, CustomerForm
from salesbot.services.replay import ReplayPace
from salesbot.services.start_gate import new_attempt_key

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

    def forget_customer(self) -> None:
        """Back to an empty page for the next person (a new attempt key too)."""
        self.__init__()  # type: ignore[misc]
        self.restored_from_url = True

    def switch_to(self, customer_id: int) -> None:
        """The customer just saved is the one on screen: someone else, nothing of the previous person stays."""
        if customer_id != self.customer_id:
            self.forget_customer()
            self.customer_id = customer_id

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
