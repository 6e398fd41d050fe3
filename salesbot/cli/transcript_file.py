"""A transcript read from a JSON file (`python -m salesbot analyse`), checked and turned into a Call to analyse."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from salesbot.errors import InvalidInput
from salesbot.models import Call, CallAnalysis, CallStatus, Customer, Speaker, Utterance

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # a transcript's times are seconds after the call started


class _Line(BaseModel):
    model_config = ConfigDict(extra="ignore")

    speaker: Literal["agent", "customer", "system"]
    text: str
    at: float = Field(ge=0)


class TranscriptFile(BaseModel):
    model_config = ConfigDict(extra="ignore")  # a labelled transcript carries its labels beside the call

    topics: list[str]
    status: CallStatus
    utterances: list[_Line]

    def call(self) -> Call:
        said = [
            Utterance(id=str(i), speaker=Speaker(u.speaker), text=u.text, at=EPOCH + timedelta(seconds=u.at))
            for i, u in enumerate(self.utterances)
        ]
        return Call(id=0, customer_id=0, script_id=None, phone_e164="", provider="file", attempt_key="file",
                    status=self.status, utterances=said, started_at=EPOCH, created_at=EPOCH)  # fmt: skip

    def customer(self) -> Customer:
        return Customer(id=0, name="", country_code="", phone_number="", phone_e164="", topics=self.topics,
                        created_at=EPOCH)  # fmt: skip


def read_transcript(path: Path) -> TranscriptFile:
    """The transcript in `path`; InvalidInput with a one-line reason when it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InvalidInput({"file": e.strerror or "unreadable"}, f"{path}: cannot read the file ({e.strerror}).") from e
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InvalidInput({"file": "not JSON"}, f"{path}: not JSON ({e}).") from e
    try:
        return TranscriptFile.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the file"
        raise InvalidInput({where: first["msg"]}, f"{path}: {where}: {_reason(first)}") from e


def _reason(error: Any) -> str:
    if error["type"] == "missing":
        return "missing"
    if error["type"] == "literal_error":
        return f"must be agent, customer or system, not {error['input']!r}"
    return str(error["msg"])


def analysis_json(analysis: CallAnalysis) -> dict[str, Any]:
    """The analysis as the command prints it: the stored shape plus flat fields analysts script against."""
    data = analysis.model_dump(mode="json")
    for topic in data["topics"]:
        topic["covered"] = topic["status"] == "covered"
    data["next_step_agreed"] = analysis.next_step is not None
    data["talk_ratio"] = data.pop("talk")
    return data
