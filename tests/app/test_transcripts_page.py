"""The Transcripts page under AppTest: KPIs, filters, search, paging, a call in detail, exports."""

from __future__ import annotations

import csv
import io
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from streamlit.testing.v1 import AppTest

from salesbot.bootstrap import build_app
from salesbot.models import CallFilter, CustomerForm, ObjectionKind, Outcome, ScriptOptions, Sentiment
from salesbot.settings import load_settings
from salesbot.storage.sqlite import SQLiteStore
from tests.app.transcripts_data import click_row
from tests.builders import ASHA, a_finished_call, a_full_analysis
from tests.conftest import ROOT, FakeClock, start


def page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "views" / "transcripts.py"), default_timeout=30)
    at.run()
    assert not at.exception
    return at


def table(at: AppTest):  # type: ignore[no-untyped-def]
    return next(d.value for d in at.dataframe if "Customer" in d.value.columns)


def page_export(at: AppTest, db: Path) -> str:
    """What Export CSV downloads for the page's filter (a download runs in the browser; AppTest sees the button and
    the filter the page passes it)."""
    assert [b for b in at.get("download_button") if b.proto.label == "Export CSV"]
    app = build_app(load_settings(env={"SALESBOT_DB_PATH": str(db)}))
    return b"".join(app.exports.csv_chunks(at.session_state["transcripts_filter"])).decode("utf-8-sig")


def test_empty_history_says_so(app_env: Path) -> None:
    assert any("No calls yet" in i.value for i in page().info)


def test_calls_left_running_are_caught_up_and_shown_newest_first(app_env: Path, clock: FakeClock) -> None:
    desk = build_app(
        load_settings(
            env={"SALESBOT_DB_PATH": str(app_env), "SALESBOT_SIM_SPEED": "1000", "SALESBOT_SIM_PERSONA": "ready",
                 "SALESBOT_SCRIPT_LINE_SECONDS": "0"}
        ),
        clock=clock,  # the calls start at its time, long before the page's
    )  # fmt: skip
    for name in ("Asha Rao", "Ravi Kumar"):
        customer = desk.presenter.save_customer(CustomerForm(**{**ASHA, "name": name}))
        draft = desk.presenter.write_script(customer.id, ScriptOptions())
        list(draft)
        assert draft.script is not None
        start(desk, draft.script, f"attempt-{name}")
    clock.advance(0.5)  # both calls are over at this speed, though nobody refreshed them
    at = page()  # shows what is stored at once; the catch-up runs beside the page's run, not inside it
    rows, waited = table(at), 0.0
    while list(rows["Outcome"]) != [Outcome.MEETING_BOOKED.label] * 2 and waited < 10:
        time.sleep(0.1)
        waited += 0.1
        rows = table(at.run())
    assert list(rows["Customer"]) == ["Ravi Kumar", "Asha Rao"]
    assert list(rows["Outcome"]) == [Outcome.MEETING_BOOKED.label] * 2  # caught up: finished and analysed
    assert "First words" not in rows.columns and "Phone" not in rows.columns  # the same greeting on every row
    click_row(at, 1)
    assert any("Asha Rao" in s.value for s in at.subheader)
    assert sum(m.value.startswith("**Customer**") for m in at.markdown) > 4
    assert any(t.value.startswith("[Opener]") for t in at.text)  # the script used, beside what was said
    assert any(m.value.startswith("**Outcome: ") for m in at.markdown)


def seed(db: Path, count: int) -> None:
    store = SQLiteStore(db)
    start = datetime(2026, 11, 1, 9, tzinfo=UTC)
    for i in range(count):
        words = "The pricing works, let's book Thursday." if i % 3 == 0 else "Not now, thanks."
        a_finished_call(store, f"Customer {i:02d}", words, country="IN" if i % 2 else "US",
                        phone="98765 43210" if i % 2 else "(415) 555-2671", when=start + timedelta(hours=i),
                        seconds=60 + i, outcome=Outcome.INTERESTED if i % 3 == 0 else Outcome.NOT_INTERESTED,
                        sentiment=Sentiment.POSITIVE if i % 3 == 0 else Sentiment.NEGATIVE)  # fmt: skip


def test_kpis_filters_search_and_paging(app_env: Path) -> None:
    seed(app_env, 30)
    at = page()
    metrics = {m.label: m.value for m in at.metric}
    assert (
        metrics["Calls"] == "30" and metrics["Connected"] == "100%" and metrics["Top outcome"] == "not interested, 20"
    )
    assert len(table(at)) == 25 and table(at)["Customer"][0] == "Customer 29"
    at.number_input(key="page").set_value(2).run()
    assert list(table(at)["Customer"]) == [f"Customer {i:02d}" for i in range(4, -1, -1)]

    at.text_input(key="search").input("pricing").run()
    assert not at.exception
    assert at.metric[0].value == "10" and len(table(at)) == 10
    assert all(m.startswith("Customer: The «pricing» works") for m in table(at)["Match"])

    at.selectbox(key="country_filter").set_value("US").run()
    assert at.metric[0].value == "5"
    at.multiselect(key="outcome_filter").set_value(["not_interested"]).run()
    assert any("No calls match" in i.value for i in at.info)


def test_csv_holds_every_matching_call_and_the_report_one_call(app_env: Path) -> None:
    seed(app_env, 30)
    at = page()
    at.multiselect(key="sentiment_filter").set_value(["negative"]).run()
    exported = list(csv.DictReader(io.StringIO(page_export(at, app_env))))
    assert len(exported) == 20 and {r["sentiment"] for r in exported} == {"negative"}
    report = build_app(load_settings(env={"SALESBOT_DB_PATH": str(app_env)})).archive.call_report(
        int(exported[0]["call_id"])
    )
    assert report.startswith("# Call #") and "## Transcript" in report and "## Script" in report
    assert "\n- Script: v1 (" in report and "\n## Script v1 (" in report  # the version, as on the page and in the CSV


def test_navigation_reaches_the_transcripts_page(app_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)
    at.run()
    assert at.title[0].value == "Live sales-call demo"
    at.switch_page("views/transcripts.py").run()
    assert not at.exception
    assert at.title[0].value == "Transcripts"


def test_a_call_is_replayed_on_the_presenter_page_without_a_new_call(app_env: Path, clock: FakeClock) -> None:
    app = build_app(
        load_settings(
            env={"SALESBOT_DB_PATH": str(app_env), "SALESBOT_SIM_SPEED": "1000", "SALESBOT_SIM_PERSONA": "ready",
                 "SALESBOT_SCRIPT_LINE_SECONDS": "0"}
        ),
        clock=clock,
    )  # fmt: skip
    customer = app.presenter.save_customer(CustomerForm(**ASHA))
    draft = app.presenter.write_script(customer.id, ScriptOptions())
    list(draft)
    assert draft.script is not None
    call = start(app, draft.script, "attempt-1")
    clock.advance(0.3)
    app.calls.refresh_call(call.id)
    at = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)
    at.run()
    at.switch_page("views/transcripts.py").run()
    click_row(at, 0)
    at.button(key="replay_call").click().run()
    assert not at.exception
    assert any(m.value.startswith(":violet-badge[:material/replay: REPLAY] of call #1") for m in at.markdown)
    assert at.text_input(key="name").value == "Asha Rao"  # the call's customer is on screen
    assert len(app.archive.find_calls(CallFilter()).rows) == 1


def seed_objections(db: Path) -> None:
    store = SQLiteStore(db)
    start = datetime(2026, 11, 1, 9, tzinfo=UTC)
    for i, (name, outcome, objections, next_step) in enumerate([
        ("Price No", Outcome.NOT_INTERESTED, (ObjectionKind.PRICE,), ""),
        ("Price Later", Outcome.FOLLOW_UP, (ObjectionKind.TIMING, ObjectionKind.PRICE), "Call back"),
        ("Rival Meeting", Outcome.MEETING_BOOKED, (ObjectionKind.COMPETITOR,), "Walkthrough"),
        ("Keen", Outcome.INTERESTED, (), ""),
        ("Voicemail", Outcome.VOICEMAIL, (), ""),
        ("Hung Up", Outcome.INCOMPLETE, (), ""),
    ]):  # fmt: skip
        a_finished_call(store, name, "Hello?", when=start + timedelta(hours=i), outcome=outcome,
                        analysis=a_full_analysis(outcome, objections, next_step))  # fmt: skip


def customers(at: AppTest) -> list[str]:
    if any("No calls match" in i.value for i in at.info):
        return []
    return list(table(at)["Customer"])


def test_objection_and_next_step_filters(app_env: Path) -> None:
    seed_objections(app_env)
    at = page()
    assert at.multiselect(key="outcome_filter").options == [o.label for o in Outcome]  # every one, readable
    assert at.multiselect(key="objection_filter").options == [k.label for k in ObjectionKind]
    assert at.selectbox(key="next_step_filter").options == ["Any", "Yes", "No"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Calls"] == "6" and metrics["Connected"] == "67%"  # not the voicemail, not the hang-up

    at.multiselect(key="objection_filter").set_value(["price", "competitor"]).run()
    assert not at.exception
    assert customers(at) == ["Rival Meeting", "Price Later", "Price No"] and at.metric[0].value == "3"
    at.selectbox(key="next_step_filter").set_value("Yes").run()
    assert customers(at) == ["Rival Meeting", "Price Later"]
    at.selectbox(key="next_step_filter").set_value("No").run()
    assert customers(at) == ["Price No"]
    at.multiselect(key="objection_filter").set_value([]).run()
    assert customers(at) == ["Hung Up", "Voicemail", "Keen", "Price No"]
    at.multiselect(key="outcome_filter").set_value(["not_interested", "follow_up"]).run()
    at.selectbox(key="next_step_filter").set_value("Any").run()
    at.multiselect(key="objection_filter").set_value(["price"]).run()
    assert customers(at) == ["Price Later", "Price No"]
    at.multiselect(key="objection_filter").set_value(["authority"]).run()
    assert not at.exception and customers(at) == [] and at.metric[0].value == "0"


def test_the_csv_has_the_analysis_columns(app_env: Path) -> None:
    seed_objections(app_env)
    at = page()
    at.multiselect(key="objection_filter").set_value(["price"]).run()
    exported = {r["customer"]: r for r in csv.DictReader(io.StringIO(page_export(at, app_env)))}
    assert set(exported) == {"Price Later", "Price No"}
    later = exported["Price Later"]
    assert later["objections"] == "price; timing" and later["next_step_agreed"] == "yes"
    assert later["next_step"] == "Call back (Thursday at 3 pm)"
    assert (later["topics_covered"], later["topics_raised_not_discussed"], later["topics_not_covered"]) == (
        "Pricing", "", "Onboarding",
    )  # fmt: skip
    assert (later["agent_talk_share"], later["agent_questions"]) == ("0.75", "2")
    assert (exported["Price No"]["next_step"], exported["Price No"]["next_step_agreed"]) == ("", "no")
