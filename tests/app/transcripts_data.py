"""Stored calls for the Transcripts page's tests: any lines, status, outcome and customer, straight into SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from streamlit.testing.v1 import AppTest

from salesbot.models import CallAnalysis, CallStatus, Outcome, Speaker
from salesbot.storage.sqlite import SQLiteStore
from tests.builders import a_finished_call
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
    """A finished call to the customer of that name and number (the same pair is the same customer), `hours` after
    START, its lines five seconds apart: builders.a_finished_call on the page's SQLite file."""
    return a_finished_call(store(db), name, lines=lines, when=START + timedelta(hours=hours), status=status,
                           outcome=outcome, seconds=seconds, phone=phone, email=email, topics=topics, script=script,
                           provider=provider, analysis=analysis, first=5)  # fmt: skip


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
