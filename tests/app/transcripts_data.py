"""Stored calls for the Transcripts page's tests: any lines, status, outcome and customer, straight into SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from streamlit.testing.v1 import AppTest

from salesbot.models import CallAnalysis, CallStatus, Outcome, Sentiment, Speaker, Utterance
from salesbot.storage import CallChanges, NewCall
from salesbot.storage.sqlite import SQLiteStore
from tests.builders import customer_input
from tests.conftest import ROOT

START = datetime(2026, 11, 2, 9, tzinfo=UTC)
HOSTILE = "![p](http://host/pixel.png) [click](http://evil.example) <b>x</b>"


def store(db: Path) -> SQLiteStore:
    return SQLiteStore(db)


def add_call(
    db: Path,
    name: str,
    lines: list[tuple[Speaker, str]],
    *,
    hours: float = 0,
    status: CallStatus = CallStatus.COMPLETED,
    outcome: Outcome | None = Outcome.INTERESTED,
    seconds: float | None = 60,
    phone: str = "98765 43210",
    email: str = "asha@example.com",
    topics: str = "Pricing\nOnboarding",
    script: str = "[Opener]\nHello, this is Maya.",
    provider: str = "simulated",
    analysis: CallAnalysis | None = None,
) -> int:
    """A finished call to the customer of that name and number (the same pair is the same customer)."""
    s = store(db)
    customer = s.save_customer(customer_input(name=name, phone_number=phone, email=email, topics=topics))
    version = s.add_script(customer.id, script, "offline")
    when = START + timedelta(hours=hours)
    call, _ = s.create_call(
        NewCall(customer.id, version.id, customer.phone_e164, provider, f"{name}-{when.isoformat()}", "IN", when)
    )
    said = [
        Utterance(id=str(i), speaker=speaker, text=text, at=when + timedelta(seconds=5 * (i + 1)))
        for i, (speaker, text) in enumerate(lines)
    ]
    if analysis is None and outcome is not None:
        analysis = CallAnalysis(summary="s", outcome=outcome, sentiment=Sentiment.NEUTRAL, topics=[])
    s.update_call(
        call.id,
        CallChanges(
            status=status,
            utterances=said,
            started_at=when,
            ended_at=when + timedelta(seconds=seconds or 0),
            duration_seconds=seconds,
            analysis=analysis,
        ),
    )
    return call.id


def page(query: dict[str, str] | None = None) -> AppTest:
    """The Transcripts page in a new session, opened at a URL with these query parameters."""
    at = AppTest.from_file(str(ROOT / "views" / "transcripts.py"), default_timeout=30)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest, key: str = "calls_table"):  # type: ignore[no-untyped-def]
    return next(d.value for d in at.dataframe if d.key == key)


def click_row(at: AppTest, row: int, key: str = "calls_table") -> AppTest:
    """What a click on a row does: the table's selection (AppTest cannot click a canvas), then a rerun."""
    at.session_state[key] = {"selection": {"rows": [], "columns": [], "cells": [[row, "Customer"]]}}
    at.run()
    assert not at.exception, at.exception
    return at


def open_customer_panel(at: AppTest) -> AppTest:
    """What a click on the customer panel's header does (it is drawn once opened)."""
    at.session_state["customer_panel"] = True
    at.run()
    assert not at.exception, at.exception
    return at


def opened(at: AppTest) -> str:
    """The open call's heading, or ""."""
    return next((s.value for s in at.subheader if s.value.startswith("Call #")), "")


def params(at: AppTest) -> dict[str, str]:
    return {name: at.query_params[name] for name in at.query_params}
