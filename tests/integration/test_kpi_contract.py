"""The KPIs and coaching figures of a filter (call_stats): the same numbers on SQLite, Supabase and the in-memory
store, from the per-day totals (a filter they answer) and from the calls (any other filter, a search included)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from salesbot.models import (
    CallFilter,
    CallStats,
    CallStatus,
    Coverage,
    NextStep,
    ObjectionKind,
    Outcome,
    PresenterFigures,
    RaisedObjection,
    Sentiment,
    TopicCoverage,
)
from salesbot.storage import CallChanges, CallStore
from salesbot.storage.sqlite import SQLiteStore
from tests.builders import AGENT, CUSTOMER, a_finished_call, an_analysis
from tests.fakes.postgres import MIGRATIONS

ANA, BO = "ana@team.example", "bo@team.example"
MIGRATION = MIGRATIONS / "20261208120200_kpis_coaching.sql"
DAY1, DAY2 = datetime(2026, 11, 2, 9, tzinfo=UTC), datetime(2026, 11, 3, 15, tzinfo=UTC)


def topics(pricing: Coverage, onboarding: Coverage) -> list[TopicCoverage]:
    return [TopicCoverage(topic="Pricing", status=pricing), TopicCoverage(topic="Onboarding", status=onboarding)]


def objection(kind: ObjectionKind, at: float) -> RaisedObjection:
    return RaisedObjection(kind=kind, quote=kind.label, at=at)


def five_calls(store: CallStore) -> dict[str, int]:
    """Two connected calls by Ana, a voicemail and a call in progress by Bo, a failed call without sign-in."""
    booked = an_analysis(
        Outcome.MEETING_BOOKED, Sentiment.POSITIVE, topics=topics(Coverage.COVERED, Coverage.RAISED),
        objections=[objection(ObjectionKind.TIMING, 30.0), objection(ObjectionKind.PRICE, 12.0)],
        next_step=NextStep(action="a walkthrough"),
    )  # fmt: skip
    declined = an_analysis(
        Outcome.NOT_INTERESTED, Sentiment.NEGATIVE, topics=topics(Coverage.RAISED, Coverage.NOT_COVERED),
        objections=[objection(ObjectionKind.COMPETITOR, 7.5)],
    )  # fmt: skip
    voicemail = an_analysis(
        Outcome.VOICEMAIL, Sentiment.NOT_GIVEN, topics=topics(Coverage.NOT_COVERED, Coverage.NOT_COVERED)
    )
    return {
        "booked": a_finished_call(store, "Asha Rao", when=DAY1, created_by=ANA, analysis=booked, seconds=90, lines=[
            (AGENT, "Hello Asha, do you have a minute?", 3.0), (CUSTOMER, "Yes, go on.", 5.0),
            (AGENT, "We cut onboarding time in half. Shall I show you?", 10.0),
            (CUSTOMER, "It sounds expensive.", 12.0)]),
        "declined": a_finished_call(store, "Ravi Iyer", when=DAY2, created_by=ANA, analysis=declined, seconds=30,
                                    phone="98765 43211", lines=[
            (AGENT, "Hi Ravi, quick question about your CRM?", 2.0),
            (CUSTOMER, "We already use another vendor.", 6.0)]),
        "voicemail": a_finished_call(store, "Meera Nair", when=DAY2, created_by=BO, analysis=voicemail, seconds=20,
                                     phone="98765 43212", lines=[
            (AGENT, "Hello?", 1.0), (CUSTOMER, "Hi, you've reached Meera, leave a message after the beep.", 4.0)]),
        "live": a_finished_call(store, "Kiran Das", when=DAY2, created_by=BO, status=CallStatus.IN_PROGRESS,
                                seconds=None, phone="98765 43213", lines=[(AGENT, "Hello", 1.0), (CUSTOMER, "Hi", 2.0)]),
        "failed": a_finished_call(store, "Omar Ali", when=DAY2, status=CallStatus.FAILED, seconds=None,
                                  phone="98765 43214", lines=[]),
    }  # fmt: skip


def both_ways(store: CallStore, **kwargs: object) -> CallStats:
    """The KPIs from the totals and from the calls (customer_name="*" matches every name but the totals cannot
    answer it): they must agree."""
    from_totals = store.call_stats(CallFilter(**kwargs))  # type: ignore[arg-type]
    from_calls = store.call_stats(CallFilter(customer_name="*", **kwargs))  # type: ignore[arg-type]
    assert from_totals == from_calls
    return from_totals


ANAS = PresenterFigures(ANA, calls=2, connected=2, meetings=1, agent_words=7 + 10 + 7, customer_words=3 + 3 + 5,
                        agent_questions=3, monologue_seconds=4.0 + 2.8, monologue_calls=2, objection_seconds=12.0 + 7.5,
                        objection_calls=2)  # fmt: skip


def test_every_figure_of_the_filter(any_store: CallStore) -> None:
    five_calls(any_store)
    stats = both_ways(any_store)
    assert (stats.calls, stats.finished, stats.connected, stats.meetings, stats.next_steps) == (5, 4, 2, 1, 1)
    assert stats.average_seconds == 60.0  # the connected calls only: 90 and 30
    assert stats.sentiments == {"positive": 1, "negative": 1, "not_given": 1}
    assert stats.objections == {"price": 1, "timing": 1, "competitor": 1}
    assert stats.topics == {  # connected calls only: the voicemail's topics are not counted
        "Onboarding": {"raised_not_discussed": 1, "not_covered": 1},
        "Pricing": {"covered": 1, "raised_not_discussed": 1},
    }
    assert stats.presenters == [
        PresenterFigures("", calls=1),
        ANAS,
        PresenterFigures(BO, calls=2),  # a voicemail and a live call: nothing to coach on
    ]
    assert [(d.isoformat(), o, n) for d, o, n in stats.per_day] == [
        ("2026-11-02", "meeting_booked", 1), ("2026-11-03", "", 2), ("2026-11-03", "not_interested", 1),
        ("2026-11-03", "voicemail", 1)]  # fmt: skip


def test_a_presenter_a_day_and_a_search(any_store: CallStore) -> None:
    five_calls(any_store)
    assert both_ways(any_store, created_by=ANA).presenters == [ANAS]
    later = both_ways(any_store, date_from=DAY2.date(), statuses=("completed", "in_progress"))
    assert (later.calls, later.finished, later.connected, later.meetings) == (3, 2, 1, 0)
    assert later.topics == {"Onboarding": {"not_covered": 1}, "Pricing": {"raised_not_discussed": 1}}
    searched = any_store.call_stats(CallFilter(search="expensive"))
    assert (searched.calls, searched.connected, searched.meetings, searched.next_steps) == (1, 1, 1, 1)
    assert searched.objections == {"price": 1, "timing": 1}
    assert searched.presenters == [PresenterFigures(ANA, calls=1, connected=1, meetings=1, agent_words=17,
                                                    customer_words=6, agent_questions=2, monologue_seconds=4.0,
                                                    monologue_calls=1, objection_seconds=12.0, objection_calls=1)]  # fmt: skip
    agent_only = any_store.call_stats(CallFilter(search="expensive", said_by="agent"))
    assert agent_only.calls == 0 and agent_only.presenters == [] and agent_only.topics == {}


@pytest.mark.parametrize("way", ["re-analysed", "lines added"])
def test_the_figures_follow_each_change_of_a_call(any_store: CallStore, way: str) -> None:
    ids = five_calls(any_store)
    if way == "re-analysed":  # the declined call booked after all
        booked = an_analysis(Outcome.MEETING_BOOKED, Sentiment.POSITIVE, next_step=NextStep(action="a demo"),
                             topics=topics(Coverage.COVERED, Coverage.COVERED))  # fmt: skip
        any_store.update_call(ids["declined"], CallChanges(analysis=booked))
        stats = both_ways(any_store)
        assert (stats.meetings, stats.next_steps, stats.objections) == (2, 2, {"price": 1, "timing": 1})
        assert stats.topics == {"Onboarding": {"covered": 1, "raised_not_discussed": 1}, "Pricing": {"covered": 2}}
        assert stats.presenters[1].objection_calls == 1 and stats.sentiments["positive"] == 2
    else:  # the live call ends
        live = any_store.get_call(ids["live"])
        any_store.update_call(ids["live"], CallChanges(status=CallStatus.COMPLETED, duration_seconds=40))
        stats = both_ways(any_store)
        assert (stats.finished, stats.connected) == (5, 3) and len(live.utterances) == 2
        assert stats.presenters[2] == PresenterFigures(BO, calls=2, connected=1, agent_words=1, customer_words=1,
                                                       monologue_seconds=0.4, monologue_calls=1)  # fmt: skip


def counted(rows: list[Any]) -> list[tuple[Any, ...]]:
    """Rows of figures, a call without lines having no counts or zeros alike (both sum to nothing)."""
    return [(r[0], *(n or 0 for n in r[1:4]), *r[4:6], json.loads(r[6]) if r[6] else None) for r in rows]


def test_calls_stored_before_the_migration_get_the_same_figures(supabase_store: CallStore, postgres: Any) -> None:
    """The migration's SQL backfill gives calls stored before it the figures the app writes (coaching.py), and a
    second run of it changes nothing."""
    import psycopg

    five_calls(supabase_store)
    before = supabase_store.call_stats(CallFilter())
    columns = "id, agent_words, customer_words, agent_questions, longest_monologue, first_objection, topic_coverage"
    with psycopg.connect(postgres.dsn, autocommit=True) as conn:
        written = conn.execute(f"select {columns} from public.call_transcripts order by id").fetchall()
        conn.execute(
            f"update public.call_transcripts set ({columns.removeprefix('id, ')}) = (null, null, null, null, null, null)"
        )
        conn.execute(MIGRATION.read_text())
        conn.execute(MIGRATION.read_text())
        backfilled = conn.execute(f"select {columns} from public.call_transcripts order by id").fetchall()

    assert counted(backfilled) == counted(written)
    assert [w[1:6] for w in written][:2] == [(17, 6, 2, 4.0, 12.0), (7, 5, 1, 2.8, 7.5)]
    assert json.loads(written[0][6]) == [["Pricing", "covered"], ["Onboarding", "raised_not_discussed"]]
    assert supabase_store.call_stats(CallFilter()) == before == supabase_store.call_stats(CallFilter(customer_name="*"))


def test_a_sqlite_file_from_before_gets_the_figures_on_opening(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "old.db")
    five_calls(store)
    before = store.call_stats(CallFilter())
    columns = "id, agent_words, customer_words, agent_questions, longest_monologue, first_objection, topic_coverage"
    with sqlite3.connect(store.path) as conn:  # as the release before wrote it: no figures, no totals of them
        written = conn.execute(f"SELECT {columns} FROM call_transcripts ORDER BY id").fetchall()
        for trigger in ("insert", "delete", "update"):
            conn.execute(f"DROP TRIGGER call_daily_{trigger}")
        conn.execute("DROP TABLE call_daily_stats")
        conn.execute("DROP TABLE call_daily_topics")
        conn.execute("DROP INDEX call_transcripts_browse")
        conn.execute("DROP INDEX call_transcripts_facts")
        for column in columns.split(", ")[1:]:
            conn.execute(f"ALTER TABLE call_transcripts DROP COLUMN {column}")
    reopened = SQLiteStore(store.path)
    with sqlite3.connect(store.path) as conn:
        backfilled = conn.execute(f"SELECT {columns} FROM call_transcripts ORDER BY id").fetchall()
    assert counted(backfilled) == counted(written)
    assert reopened.call_stats(CallFilter()) == before == reopened.call_stats(CallFilter(customer_name="*"))
