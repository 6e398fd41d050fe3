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
from salesbot.models.call import Call, CallStatus, CallSummary, Speaker, Utterance
from salesbot.models.customer import Customer, CustomerInput, split_topics, validate_customer
from salesbot.models.customer_form import CustomerForm
from salesbot.models.phone import DEFAULT_REGION, Country, all_countries, country, readable_phone
from salesbot.models.queries import NEXT_STEP, SAID_BY, SORTS, CallFilter, CallPage, CallRow, CallStats
from salesbot.models.script import SalesScript, ScriptOptions, version_number, version_numbers

__all__ = [
    "DEFAULT_REGION", "NEXT_STEP", "SAID_BY", "SORTS", "Call", "CallAnalysis", "CallFilter", "CallPage", "CallRow",
    "CallStats", "CallStatus", "CallSummary", "Country", "Coverage", "Customer", "CustomerForm", "CustomerInput",
    "Evidence", "NextStep", "ObjectionKind", "Outcome", "RaisedObjection", "SalesScript", "ScriptOptions", "Sentiment",
    "Speaker", "TalkTime", "TopicCoverage", "Utterance", "all_countries", "country", "readable_phone", "split_topics",
    "validate_customer", "version_number", "version_numbers",
]  # fmt: skip
