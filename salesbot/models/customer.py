"""A customer: the input validated once, at the edge (pydantic v2 plus phonenumbers), and the customer as stored."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any

import phonenumbers
from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator, model_validator

from salesbot.errors import InvalidInput
from salesbot.models.base import FrozenModel
from salesbot.models.phone import all_countries

MAX_NAME = 120
MAX_HISTORY = 8000
MAX_TOPICS = 12
MAX_TOPIC_LEN = 120
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
# Letters that draw nothing (Hangul fillers) and the blank braille pattern: a name of these alone is invisible.
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
_PASTED = "often left by copying and pasting."


# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder how the text around
# them is drawn, so "Asha<RLO>cod.exe" reads as something else on the page; no customer field needs them.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def _hidden_character(text: str, allowed: str = "") -> bool:
    """True when text holds a control character (NUL included, which PostgreSQL cannot store in text), a lone
    surrogate or a bidirectional override; tab and line breaks only where `allowed` lists them."""
    return any((unicodedata.category(c) in {"Cc", "Cs"} or c in _BIDI_CONTROLS) and c not in allowed for c in text)


def _visible(text: str) -> bool:
    """True when text shows something: a letter, digit, punctuation or symbol, not only spaces, marks or
    invisible format characters (zero-width space, joiners, the BOM)."""
    return any(unicodedata.category(c)[0] in "LNPS" and c not in _BLANK_LETTERS for c in text)  # Co (private use): no


class Customer(FrozenModel):
    id: int
    name: str
    country_code: str
    phone_number: str  # national significant number, digits only
    phone_e164: str
    email: str | None = None
    conversation_history: str = ""
    topics: list[str]
    created_at: datetime
    created_by: str = ""  # the signed-in user's email who first saved them ("" without sign-in)


def split_topics(raw: str) -> list[str]:
    """Topics typed one per line or separated by commas/semicolons, de-duplicated in order."""
    seen: dict[str, str] = {}
    for part in re.split(r"[\n,;]+", raw):
        topic = " ".join(part.split()).strip(" -•*")
        if topic and topic.lower() not in seen:
            seen[topic.lower()] = topic
    return list(seen.values())


class CustomerInput(BaseModel):
    """A validated customer, ready to store. Build it with `validate_customer`."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    name: str
    country_code: str = "IN"
    phone_number: str  # as typed; validated into the national significant number, digits only
    phone_e164: str = ""  # filled in from phone_number and country_code
    email: str | None = None
    conversation_history: str = ""
    topics: list[str]

    @field_validator("name", "phone_number", "email", mode="before")
    @classmethod
    def _one_line(cls, v: Any, info: ValidationInfo) -> Any:
        label = {"name": "The name", "phone_number": "The phone number", "email": "The email address"}
        if isinstance(v, str) and _hidden_character(v, allowed="\t\n\r"):
            raise ValueError(f"{label[str(info.field_name)]} contains a hidden control character, {_PASTED} Retype it.")
        return v

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        v = " ".join(v.split())
        if not v:
            raise ValueError("Enter the customer's name.")
        if not _visible(v):
            raise ValueError(
                "The name has only invisible characters (such as zero-width spaces). Type the customer's name."
            )
        if len(v) > MAX_NAME:
            raise ValueError(f"Keep the name under {MAX_NAME} characters.")
        return v

    @field_validator("country_code")
    @classmethod
    def _country(cls, v: str) -> str:
        v = v.upper()
        if v not in all_countries():
            raise ValueError("Choose a country from the list.")
        return v

    @field_validator("email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        if not v:
            return None
        if not _EMAIL.match(v):
            raise ValueError("Enter a valid email address such as asha@example.com, or leave it empty.")
        return v.lower()

    @field_validator("conversation_history")
    @classmethod
    def _history(cls, v: str) -> str:
        if _hidden_character(v, allowed="\t\n\r"):
            raise ValueError(
                f"The conversation history contains a hidden control character, {_PASTED} Paste it as plain text."
            )
        if len(v) > MAX_HISTORY:
            raise ValueError(f"Keep the conversation history under {MAX_HISTORY} characters.")
        return v

    @field_validator("topics", mode="before")
    @classmethod
    def _topics(cls, v: Any) -> list[str]:
        if any(_hidden_character(str(t), allowed="\t\n\r") for t in ([v] if isinstance(v, str) else v or [])):
            raise ValueError(f"A topic contains a hidden control character, {_PASTED} Retype it.")
        topics = split_topics(v) if isinstance(v, str) else [str(t).strip() for t in v or [] if str(t).strip()]
        if not topics:
            raise ValueError("Enter at least one topic to discuss, one per line.")
        if len(topics) > MAX_TOPICS:
            raise ValueError(f"List at most {MAX_TOPICS} topics.")
        if any(len(t) > MAX_TOPIC_LEN for t in topics):
            raise ValueError(f"Keep each topic under {MAX_TOPIC_LEN} characters.")
        if not all(_visible(t) for t in topics):
            raise ValueError(
                "A topic has only invisible or private-use characters (such as zero-width spaces). Type it again."
            )
        return topics

    @field_validator("phone_number")
    @classmethod
    def _phone(cls, v: str, info: ValidationInfo) -> str:
        region = info.data.get("country_code")
        if not v:
            raise ValueError("Enter the customer's phone number.")
        if region is None:  # the country itself was invalid and says so
            return v
        country = all_countries()[region]
        try:
            parsed = phonenumbers.parse(v, region)
        except phonenumbers.NumberParseException as e:
            raise ValueError(f"“{v}” is not a phone number.") from e
        if parsed.country_code != country.dialling_code or not phonenumbers.is_valid_number_for_region(parsed, region):
            raise ValueError(f"“{v}” is not a valid phone number in {country.label}.")
        return phonenumbers.national_significant_number(parsed)

    @model_validator(mode="after")
    def _phone_e164(self) -> CustomerInput:
        parsed = phonenumbers.parse(self.phone_number, self.country_code)
        phone_e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        object.__setattr__(self, "phone_e164", phone_e164)
        return self


def validate_customer(raw: dict[str, Any]) -> CustomerInput:
    """Validate the form; raise InvalidInput mapping each bad field to a presenter-friendly message."""
    try:
        return CustomerInput.model_validate(raw)
    except ValidationError as e:
        errors: dict[str, str] = {}
        for err in e.errors():
            field = str(err["loc"][0]) if err["loc"] else "form"
            ctx_error = (err.get("ctx") or {}).get("error")
            errors.setdefault(field, str(ctx_error) if ctx_error else _plain(err["msg"]))
        raise InvalidInput(errors) from None


def _plain(msg: str) -> str:
    return msg.removeprefix("Value error, ")
