"""The domain and query types every layer shares: customers, scripts, calls, analyses, and what a search asks for.

Import them from here (`from salesbot.models import Call, CallFilter`); the modules below only split the file."""

from salesbot.models.analysis import (
    CallAnalysis,
    Coverage,
    Evidence,
    NextStep,
    ObjectionKind,
    Outcome,
    RaisedObjection,
    Sentiment,
    TalkTime,
    TopicCoverage,
)
from salesbot.models.call import (
    ENDED_BY_PRESENTER,
    LINE_BUSY,
    NOBODY_ANSWERED,
    Call,
    CallStatus,
    CallSummary,
    Shown,
    Speaker,
    Utterance,
    call_shown_status,
    shown_status,
)
from salesbot.models.customer import Customer, CustomerInput, split_topics, validate_customer
from salesbot.models.customer_form import CustomerForm
from salesbot.models.phone import DEFAULT_REGION, Country, all_countries, country, readable_phone
from salesbot.models.queries import (
    NEXT_STEP,
    SAID_BY,
    SORTS,
    CallFilter,
    CallPage,
    CallRow,
    CallStats,
    PresenterFigures,
)
from salesbot.models.script import SalesScript, ScriptOptions, version_number, version_numbers
from salesbot.models.timing import WORDS_PER_SECOND, line_starts, seconds_into, speaking_start, with_starts

__all__ = [
    "DEFAULT_REGION", "ENDED_BY_PRESENTER", "LINE_BUSY", "NEXT_STEP", "NOBODY_ANSWERED", "SAID_BY", "SORTS",
    "WORDS_PER_SECOND", "Call", "CallAnalysis", "CallFilter", "CallPage", "CallRow", "CallStats", "CallStatus",
    "CallSummary", "Country", "Coverage", "Customer",
    "CustomerForm", "CustomerInput", "Evidence", "NextStep", "ObjectionKind", "Outcome", "PresenterFigures",
    "RaisedObjection",
    "SalesScript", "ScriptOptions", "Sentiment", "Shown", "Speaker", "TalkTime", "TopicCoverage", "Utterance",
    "all_countries", "call_shown_status", "country", "line_starts", "readable_phone", "seconds_into", "shown_status",
    "speaking_start", "split_topics", "validate_customer", "version_number", "version_numbers", "with_starts",
]  # fmt: skip
