"""The Transcripts page's KPIs (issue 23): each tooltip says what it counts, ties are said as ties, and the coaching
table has a row per presenter."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from salesbot.models import CallStatus, NextStep, ObjectionKind, Outcome, RaisedObjection, Sentiment, Speaker
from tests.app.transcripts_data import START, page, store
from tests.builders import a_finished_call, an_analysis

A, C = Speaker.AGENT, Speaker.CUSTOMER
ANA, BO = "ana@team.example", "bo@team.example"


def call(db: Path, n: int, outcome: Outcome | None, **changes: object) -> int:
    kinds = changes.pop("objections", ())
    analysis = None if outcome is None else an_analysis(
        outcome, changes.pop("sentiment", Sentiment.NEUTRAL),  # type: ignore[arg-type]
        objections=[RaisedObjection(kind=k, quote=k.label, at=20.0) for k in kinds],  # type: ignore[attr-defined]
        next_step=NextStep(action="a demo") if outcome is Outcome.MEETING_BOOKED else None,
    )  # fmt: skip
    lines = changes.pop("lines", [(A, "Hello, is now a good time?"), (C, "Yes, go on.")])
    return a_finished_call(store(db), f"Customer {n}", lines=lines, when=START + timedelta(hours=n),  # type: ignore[arg-type]
                           phone=f"98765 432{n:02d}", analysis=analysis, **changes)  # type: ignore[arg-type]  # fmt: skip


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.help or "") for m in at.metric}


def test_ties_are_said_as_ties_and_each_tooltip_says_what_it_counts(app_env: Path) -> None:
    call(app_env, 1, Outcome.FOLLOW_UP, objections=(ObjectionKind.PRICE,), sentiment=Sentiment.POSITIVE)
    call(app_env, 2, Outcome.FOLLOW_UP, objections=(ObjectionKind.TIMING,))
    call(app_env, 3, Outcome.MEETING_BOOKED, objections=(ObjectionKind.PRICE, ObjectionKind.TIMING))
    call(app_env, 4, Outcome.MEETING_BOOKED, sentiment=Sentiment.NEGATIVE)
    call(app_env, 5, None, status=CallStatus.FAILED, seconds=None, lines=[])  # finished, not connected
    shown = metrics(page())
    assert shown["Top outcome"][0] == "follow up and meeting booked, 2 each"
    assert shown["Top objection"][0] == "price and timing, 2 each"
    assert "price 2, timing 2" in shown["Top objection"][1]
    assert shown["Calls"][0] == "5"
    # (a call still in progress is left out of both counts: the store contract tests pin that; here the page's
    # catch-up would settle it)
    assert shown["Connected"][0] == "80%" and "4 of 5 finished calls" in shown["Connected"][1]
    assert "left out of both counts" in shown["Connected"][1]
    assert shown["Meeting booked"][0] == "50%" and "2 of 4 connected calls" in shown["Meeting booked"][1]
    assert shown["Next step agreed"][0] == "50%"
    assert (
        shown["Positive sentiment"][0] == "25%"
        and "neutral 2, negative 1, positive 1" in shown["Positive sentiment"][1]
    )
    assert shown["Agent talk share"][0] == "67%"  # 6 words of the agent's, 3 of the customer's, on each call
    assert all(help_text for _, help_text in shown.values())


def coaching_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Placed by" in d.value.columns)


def test_the_coaching_table_has_a_row_per_presenter_for_the_filter(app_env: Path) -> None:
    talkative = [(A, "Hello there, I have a lot to say today.", 5.0), (A, "And some more, do you see?", 15.0),
                 (C, "Yes.", 16.0)]  # fmt: skip
    call(app_env, 1, Outcome.MEETING_BOOKED, created_by=ANA, lines=talkative, objections=(ObjectionKind.PRICE,))
    call(app_env, 2, Outcome.NOT_INTERESTED, created_by=ANA)
    call(app_env, 3, Outcome.VOICEMAIL, created_by=BO)
    call(app_env, 4, Outcome.FOLLOW_UP)
    at = page()
    rows = {r["Placed by"]: r for r in coaching_table(at).to_dict("records")}
    assert set(rows) == {ANA, BO, "not signed in"}
    assert (rows[ANA]["Calls"], rows[ANA]["Connected"], rows[ANA]["Meeting booked"]) == (2, 2, 0.5)
    assert rows[ANA]["Questions per call"] == 1.0 and rows[ANA]["First objection"] == "0:20"  # one call objected
    assert rows[ANA]["Longest monologue"] == "0:08"  # (13.6 s + 2.4 s) / 2, as m:ss
    assert rows[BO]["Connected"] == 0 and rows[BO]["Longest monologue"] == "–"
    assert any("Interruptions are not counted" in c.value for c in at.caption)
    filtered = coaching_table(page({"by": BO}))
    assert list(filtered["Placed by"]) == [BO]
