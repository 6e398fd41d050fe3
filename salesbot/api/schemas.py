"""The REST API's request and response bodies: the same domain types, shaped for JSON clients."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from salesbot.models import CallAnalysis, CallStatus, Customer, Speaker
from salesbot.models.customer import MAX_HISTORY, MAX_NAME, MAX_TOPIC_LEN, MAX_TOPICS
from salesbot.playbook.personas import PERSONA_LABELS
from salesbot.scripts import LANGUAGES, LENGTHS, TONES
from salesbot.text import storable

MAX_SCRIPT_CHARS = 20_000  # about ten times a standard script: room for a long rewrite, not for a document
# Ids up to 2^53 - 1: the largest integer every JSON client reads exactly (a double), well inside the stores' 2^63
# - 1; a larger bound would be rounded by the clients that check it, so schema and server would disagree.
MAX_ID = 2**53 - 1
MAX_PHONE = 40  # longer than any number as typed, with spaces, dashes and a country prefix
MAX_EMAIL = 254  # RFC 5321's longest address
_ADDRESS_PART = r"[^@\s\x00-\x1f\x7f-\x9f]+"  # no @, space or control character
EMAIL_PATTERN = rf"^$|^{_ADDRESS_PART}@{_ADDRESS_PART}\.[A-Za-z]{{2,}}$"  # the form's rule; "" is no address
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# A character that shows: not a space (str.strip's) and not a control character (which storable() drops).
SHOWS = r"[^\x00-\x20\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
EMPTY_SCRIPT = "The script is empty: send the text the agent should speak."
# What a request that breaks a pattern of the description is told, by field.
PATTERN_MESSAGES = {
    "email": "Enter a valid email address such as asha@example.com, or leave it empty.",
    "country_code": "Choose a country by its two-letter code, such as IN.",
    "topics": "Each topic must show a word, not only spaces, commas or dashes.",
    "script": EMPTY_SCRIPT,
}
WRITER_OPTIONS = ("tone", "language", "length", "offer", "offline")
# what a topic must hold to survive being read as topics (separators, bullets and spaces are dropped)
TOPIC_PATTERN = r"[^\s,;*\-\u2022]"
Topic = Annotated[str, Field(min_length=1, max_length=MAX_TOPIC_LEN, pattern=TOPIC_PATTERN)]


class _Body(BaseModel):
    # a misspelt field is an error, not silently ignored; numbers and booleans only as JSON numbers and booleans
    # (no `true` for 1, no "1" or 1.0 for an id): what the schema says is what is accepted
    model_config = ConfigDict(extra="forbid", strict=True)


def _one_of(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"Choose one of {', '.join(allowed)}.")
    return value


class CustomerIn(_Body):
    """A customer, checked as the presenter's form checks it. Past these limits, the number must be valid for its
    country, the name and every topic must show something, and no field may hold a control character (422)."""

    name: str = Field(min_length=1, max_length=MAX_NAME, examples=["Asha Rao"])
    country_code: str = Field(
        "IN", pattern=r"^[A-Za-z]{2}$", description="ISO 3166 region of the number", examples=["IN"]
    )
    phone_number: str = Field(min_length=1, max_length=MAX_PHONE, examples=["98765 43210"])
    email: str | None = Field(None, max_length=MAX_EMAIL, pattern=EMAIL_PATTERN, examples=["asha@example.com"])
    conversation_history: str = Field("", max_length=MAX_HISTORY)
    topics: list[Topic] = Field(
        min_length=1, max_length=MAX_TOPICS, examples=[["Pricing", "CRM integration"]],
        description="what to discuss; each may also list several, separated by commas or semicolons",
    )  # fmt: skip


def _script_goes_alone(schema: dict[str, Any]) -> None:
    """In the schema as on the server: `script` is a string (never null), and with it no writer option is sent."""
    script = schema["properties"]["script"]
    script.pop("anyOf", None)
    script.update({"type": "string", "maxLength": MAX_SCRIPT_CHARS, "pattern": SHOWS})
    schema["dependentSchemas"] = {"script": {"not": {"anyOf": [{"required": [o]} for o in WRITER_OPTIONS]}}}


class ScriptIn(_Body):
    model_config = ConfigDict(json_schema_extra=_script_goes_alone)

    customer_id: Id
    tone: str = Field("consultative", json_schema_extra={"enum": list(TONES)})
    language: str = Field("English", json_schema_extra={"enum": list(LANGUAGES)})
    length: str = Field("standard", json_schema_extra={"enum": list(LENGTHS)})
    offer: str = Field("", max_length=500, description="what is being sold; empty: SALESBOT_OFFER")
    offline: bool = Field(False, description="use the offline writer (the page's fallback when the LLM fails)")
    script: str | None = Field(
        None,
        max_length=MAX_SCRIPT_CHARS,
        pattern=SHOWS,
        description="your own text, stored as it is as the customer's newest version (writer `edited`, as the page's"
        " Save edits does); no writer runs, so it goes without tone, language, length, offer and offline",
    )

    @field_validator("script")
    @classmethod
    def _script(cls, value: str | None) -> str | None:
        if value is None:  # sent as null (left out, it is not validated)
            raise ValueError("Send your text as a string, or leave `script` out for a written script.")
        if not storable(value).strip():
            raise ValueError(EMPTY_SCRIPT)
        return value

    @property
    def writer_options(self) -> list[str]:
        """The writer options the client sent (a `script` goes without them)."""
        return sorted(self.model_fields_set & set(WRITER_OPTIONS))

    @field_validator("tone")
    @classmethod
    def _tone(cls, value: str) -> str:
        return _one_of(value, TONES)

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        return _one_of(value, LANGUAGES)

    @field_validator("length")
    @classmethod
    def _length(cls, value: str) -> str:
        return _one_of(value, LENGTHS)


class CallIn(_Body):
    customer_id: Id
    script_id: Id | None = Field(None, description="the script version to follow; default: the newest")
    consent: bool = Field(False, description="you have permission to call this number (real calls)")
    despite_do_not_call: bool = Field(
        False, description="the number asked not to be called, and has since agreed to be called (real calls)"
    )
    persona: str | None = Field(
        None,
        description="simulated calls: who answers (default: drawn per call)",
        json_schema_extra={"enum": list(PERSONA_LABELS)},
    )

    simulated_by: Literal["rules", "model"] | None = Field(
        None,
        description="simulated calls: played by the rules or by the language model on both sides (an AI rehearsal);"
        " default: the model when one is configured, else the rules",
    )

    @field_validator("persona")
    @classmethod
    def _persona(cls, value: str | None) -> str | None:
        return None if value is None else _one_of(value, tuple(PERSONA_LABELS))


class CustomerOut(BaseModel):
    id: int
    name: str
    country_code: str
    phone_number: str
    phone_e164: str
    email: str | None
    conversation_history: str
    topics: list[str]
    created_at: datetime

    @classmethod
    def of(cls, customer: Customer) -> CustomerOut:
        return cls.model_validate(customer.model_dump())


class ScriptOut(BaseModel):
    id: int
    customer_id: int
    version: int | None = Field(description="v1, v2 … among the customer's script versions")
    writer: str
    script: str
    created_at: datetime


class CallOut(BaseModel):
    id: int
    customer_id: int
    script_id: int | None
    status: CallStatus
    provider: str
    simulated_by: Literal["rules", "model"] | None = Field(None, description="who played a simulated call")
    error_message: str | None = None


class UtteranceOut(BaseModel):
    index: int = Field(description="1 for the first line; pass the last one seen as `after`")
    speaker: Speaker
    text: str
    at: datetime


class TranscriptOut(BaseModel):
    call_id: int
    status: CallStatus
    final: bool = Field(description="the call is over and settled: nothing more will change")
    utterances: list[UtteranceOut]
    total: int = Field(description="how many lines the call has so far")
    speaking: str | None = Field(None, description="the line being said right now (not yet stored)")
    problem: str | None = Field(None, description="what failed on this refresh; the next one tries again")
    error_message: str | None = None
    duration_seconds: float | None = None
    analysis: CallAnalysis | None = None
    analysis_error: str | None = None


class WebhookOut(BaseModel):
    call_id: int
    status: CallStatus
    changed: bool = Field(description="false for a repeated delivery or a call already settled")


class ErrorDetail(BaseModel):
    code: str
    message: str
    fields: dict[str, str] | None = None
    open_call_id: int | None = None


class ErrorOut(BaseModel):
    error: ErrorDetail
