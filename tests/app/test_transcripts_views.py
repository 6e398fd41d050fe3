"""The Transcripts page (issue 12): a click opens a call, views live in the URL, search said by whom with the match in
view, a call read at its matches, honest KPIs with words for labels, and customer text that stays text."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest

from salesbot.models import (
    CallAnalysis,
    CallStatus,
    Coverage,
    Evidence,
    NextStep,
    ObjectionKind,
    Outcome,
    RaisedObjection,
    Sentiment,
    Speaker,
    TopicCoverage,
)  # fmt: skip
from tests.app.transcripts_data import HOSTILE, add_call, click_row, open_customer_panel, opened, page, params, table
from tests.conftest import ROOT

A, C = Speaker.AGENT, Speaker.CUSTOMER


def seed_people(db: Path) -> dict[str, int]:
    """Two customers: Asha with two calls (price talk by the customer, then by the agent), Ravi with one."""
    return {
        "asha_1": add_call(db, "Asha Rao", [(A, "Hello Asha."), (C, "What does the price look like next quarter?")]),
        "asha_2": add_call(db, "Asha Rao", [(A, "It is priced per seat."), (C, "Fine, send it.")], hours=1),
        "ravi": add_call(db, "Ravi Kumar", [(A, "Hello Ravi."), (C, "Not now.")], phone="91234 56789", hours=2,
                         outcome=Outcome.FOLLOW_UP),
    }  # fmt: skip


# --- open by click ----------------------------------------------------------------------------------------------


def test_a_click_on_a_row_opens_that_call_and_puts_it_in_the_url(app_env: Path) -> None:
    ids = seed_people(app_env)
    at = page()
    assert opened(at) == "" and any("click a row" in c.value.lower() for c in at.caption)
    assert list(table(at)["Call"]) == [ids["ravi"], ids["asha_2"], ids["asha_1"]]
    click_row(at, 2)
    assert opened(at) == f"Call #{ids['asha_1']} · Asha Rao"
    assert params(at) == {"call": str(ids["asha_1"])}
    assert at.session_state["calls_table"]["selection"]["rows"] == [2]  # the whole row shows as selected
    at.run()  # a rerun without a new click keeps the call open
    assert opened(at) == f"Call #{ids['asha_1']} · Asha Rao"
    click_row(at, 0)
    assert opened(at) == f"Call #{ids['ravi']} · Ravi Kumar"


def test_the_customer_panels_calls_open_the_same_way(app_env: Path) -> None:
    ids = seed_people(app_env)
    at = page({"call": str(ids["asha_1"])})
    assert not [d for d in at.dataframe if d.key == "customer_calls"]  # the panel is drawn once opened
    history = table(open_customer_panel(at), "customer_calls")
    assert list(history["Call"]) == [ids["asha_2"], ids["asha_1"]]
    assert at.session_state["customer_calls"]["selection"]["rows"] == [1]  # the open call
    click_row(at, 0, key="customer_calls")
    assert opened(at) == f"Call #{ids['asha_2']} · Asha Rao"
    assert params(at)["call"] == str(ids["asha_2"])
    assert at.session_state["calls_table"]["selection"]["rows"] == [1]  # the main table follows


def test_an_unknown_call_in_the_url_opens_nothing(app_env: Path) -> None:
    seed_people(app_env)
    at = page({"call": "999"})
    assert opened(at) == "" and any("#999 is not in the archive" in c.value for c in at.caption)
    assert "call" not in params(at)


# --- shareable views ----------------------------------------------------------------------------------------------


def test_a_url_opens_the_same_filters_search_sort_page_and_call(app_env: Path) -> None:
    ids = seed_people(app_env)
    for i in range(30):
        add_call(app_env, f"Filler {i:02d}", [(A, "Hi."), (C, "Busy.")], hours=3 + i, outcome=Outcome.NOT_INTERESTED)
    query = {"outcome": "not_interested", "sort": "oldest", "page": "2", "call": str(ids["ravi"])}
    at = page(query)
    assert at.multiselect(key="outcome_filter").value == ["not_interested"]
    assert at.selectbox(key="sort").value == "oldest" and at.number_input(key="page").value == 2
    assert list(table(at)["Customer"]) == [f"Filler {i:02d}" for i in range(25, 30)]
    assert opened(at) == f"Call #{ids['ravi']} · Ravi Kumar"  # the open call, whatever page the table is on
    assert params(at) == query

    at = page({"q": '"next quarter"', "said_by": "customer", "name": "asha", "country": "IN", "next_step": "no"})
    assert at.text_input(key="search").value == '"next quarter"' and at.radio(key="said_by").value == "customer"
    assert at.text_input(key="customer_filter").value == "asha" and at.selectbox(key="country_filter").value == "IN"
    assert at.selectbox(key="next_step_filter").value == "No"


def test_changing_the_view_writes_the_url_and_a_default_leaves_it(app_env: Path) -> None:
    seed_people(app_env)
    at = page()
    assert params(at) == {}
    at.text_input(key="search").input("price").run()
    at.radio(key="said_by").set_value("customer").run()
    at.multiselect(key="status_filter").set_value(["completed", "stopped"]).run()
    at.selectbox(key="sort").set_value("longest").run()
    at.date_input(key="date_range").set_value((date(2026, 11, 1), date(2026, 11, 3))).run()
    assert params(at) == {
        "q": "price", "said_by": "customer", "status": "completed,stopped", "sort": "longest",
        "from": "2026-11-01", "to": "2026-11-03",
    }  # fmt: skip
    at.radio(key="said_by").set_value("").run()
    at.selectbox(key="sort").set_value("newest").run()
    assert "said_by" not in params(at) and "sort" not in params(at)


def test_bad_query_parameters_are_ignored(app_env: Path) -> None:
    seed_people(app_env)
    at = page({"outcome": "follow_up,bogus", "status": "'; drop table", "said_by": "boss", "sort": "random",
               "from": "2026-13-45", "page": "-3", "call": "abc", "country": "XX", "next_step": "maybe"})  # fmt: skip
    assert at.multiselect(key="outcome_filter").value == ["follow_up"]
    assert at.multiselect(key="status_filter").value == [] and at.radio(key="said_by").value == ""
    assert at.selectbox(key="sort").value == "newest" and at.number_input(key="page").value == 1
    assert at.selectbox(key="country_filter").value == "" and opened(at) == ""
    assert params(at) == {"outcome": "follow_up"}
    assert page({"page": "99"}).number_input(key="page").value == 1  # past the last page: the last page


# --- search semantics shown ----------------------------------------------------------------------------------------


def test_said_by_searches_one_speakers_lines_and_the_match_cell_shows_the_match(app_env: Path) -> None:
    ids = seed_people(app_env)
    long = "Well, " + "we talked about many other things before " * 3 + "the price came up, and then more."
    meera = add_call(app_env, "Meera Iyer", [(A, "Hi."), (C, long)], phone="99887 76655", hours=5)
    search = page().text_input(key="search")
    assert '"next quarter"' in (search.help or "") and "phrase" in (search.help or "")
    at = page({"q": "price"})
    match = dict(zip(table(at)["Call"], table(at)["Match"], strict=True))
    assert match[ids["asha_1"]] == "Customer: What does the «price» look like next quarter?"
    assert match[ids["asha_2"]] == "Agent: It is «price»d per seat."
    assert match[meera] == "Customer: …many other things before the «price» came up, and then more."  # match in view
    at.radio(key="said_by").set_value("customer").run()
    assert set(table(at)["Call"]) == {ids["asha_1"], meera}  # not the agent's "priced"
    at.radio(key="said_by").set_value("agent").run()
    assert dict(zip(table(at)["Call"], table(at)["Match"], strict=True)) == {ids["asha_2"]: match[ids["asha_2"]]}


# --- reading a call -------------------------------------------------------------------------------------------------


def test_a_call_opens_at_its_first_match_and_steps_to_the_next(app_env: Path) -> None:
    call = add_call(app_env, "Asha Rao", [(A, "Our pricing is simple."), (C, "Pricing first, then pricing again."),
                                          (A, "Sure.")])  # fmt: skip
    at = page({"q": "pricing", "call": str(call)})
    assert any(m.value == "**Match 1 of 3**" for m in at.markdown)
    lines = [m.value for m in at.markdown if "pricing" in m.value.lower()]
    assert lines[0].endswith("  \nOur :orange-background[**pricing**] is simple\\.") and "**Pricing** first" in lines[1]
    at.button(key="next_match").click().run()
    assert any(m.value == "**Match 2 of 3**" for m in at.markdown)
    assert any(":orange-background[**Pricing**] first" in m.value for m in at.markdown)
    at.button(key="next_match").click().run()
    at.button(key="next_match").click().run()  # past the last: back to the first
    assert any(m.value == "**Match 1 of 3**" for m in at.markdown)
    unsearched = page({"call": str(call)})
    assert not any(m.value.startswith("**Match") for m in unsearched.markdown)  # no search: read from the start
    assert not any("**pricing**" in m.value.lower() for m in unsearched.markdown)  # nothing marked


def test_the_script_is_text_with_its_version_and_a_missing_recording_says_why(app_env: Path) -> None:
    first = add_call(app_env, "Asha Rao", [(A, "Hello.")], script="[Opener]\nVersion one.")
    second = add_call(app_env, "Asha Rao", [(A, "Hello again.")], hours=1, script="[Opener]\nVersion two.")
    real = add_call(app_env, "Asha Rao", [(A, "Hi.")], hours=2, provider="bland", script="[Opener]\nThree.")
    at = page({"call": str(first)})
    assert not at.text_area  # not a disabled grey box
    assert any(t.value == "[Opener]\nVersion one." for t in at.text)
    assert any(m.value.startswith("**Script used** · v1 · ") for m in at.markdown)
    assert any("simulated calls are not recorded" in c.value for c in at.caption)
    at = page({"call": str(second)})
    assert any(m.value.startswith("**Script used** · v2 · ") for m in at.markdown)
    at = page({"call": str(real)})
    assert any(m.value.startswith("**Script used** · v3 · ") for m in at.markdown)
    assert any("this call was not recorded" in c.value for c in at.caption)


# --- KPIs -------------------------------------------------------------------------------------------------------------


def test_kpis_say_what_they_count_in_words_without_empty_rows(app_env: Path) -> None:
    add_call(app_env, "Asha Rao", [(A, "Hi."), (C, "Yes?")], outcome=Outcome.FOLLOW_UP, seconds=120)
    add_call(app_env, "Ravi Kumar", [(A, "Hi."), (C, "Go on.")], hours=1, outcome=Outcome.FOLLOW_UP, seconds=60,
             status=CallStatus.STOPPED)  # fmt: skip
    add_call(app_env, "Bob Smith", [(A, "Hi, leave a message.")], hours=2, outcome=Outcome.NO_ANSWER, seconds=30,
             status=CallStatus.STOPPED)  # fmt: skip
    at = page()
    metrics = {m.label: m for m in at.metric}
    assert metrics["Calls"].value == "3"
    assert metrics["Connected"].value == "67%"  # the stopped call where the customer spoke counts
    assert metrics["Average duration"].value == "1:30"  # over the two connected calls, not the no-answer
    assert metrics["Top outcome"].value == "follow up, 2"  # the count beside it (issue 23: ties said as ties)
    for m in metrics.values():
        assert m.help, m.label
    assert "customer answered" in metrics["Connected"].help and "connected" in metrics["Average duration"].help
    totals = outcome_totals(at)
    assert list(totals["Outcome"]) == ["follow up", "no answer"] and list(totals["Calls"]) == [2, 1]
    assert [round(s, 2) for s in totals["Share"]] == [0.67, 0.33]
    assert "_" not in "".join(table(at)["Outcome"])


def outcome_totals(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if list(d.value.columns) == ["Outcome", "Calls", "Share"])


def per_day_chart(at: AppTest) -> tuple[dict[str, Any], pd.DataFrame]:
    """The calls-per-day chart's Vega-Lite spec and the data it draws."""
    import pyarrow as pa

    def walk(node: Any) -> Any:
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    chart = next(e for e in walk(at.main) if getattr(e, "type", "") == "vega_lite_chart").proto
    data = pa.ipc.open_stream(chart.datasets[0].data.data).read_all().to_pandas()
    return json.loads(chart.spec), data


def test_calls_per_day_are_drawn_by_outcome_on_a_date_axis(app_env: Path) -> None:
    # issue 23: a bar chart with a real date axis replaces the bars drawn in each outcome's row
    add_call(app_env, "Asha Rao", [(A, "Hi."), (C, "Yes?")], outcome=Outcome.FOLLOW_UP)
    add_call(app_env, "Ravi Kumar", [(A, "Hi."), (C, "Go on.")], hours=2, outcome=Outcome.FOLLOW_UP)
    add_call(app_env, "Meera Iyer", [(A, "Hi."), (C, "Later.")], hours=72, outcome=Outcome.FOLLOW_UP)
    add_call(app_env, "Bob Smith", [(A, "Hi, leave a message.")], hours=48, outcome=Outcome.NO_ANSWER)
    add_call(app_env, "Anil Das", [(A, "Hi."), (C, "No.")], hours=49, outcome=None)
    spec, data = per_day_chart(page())
    assert spec["encoding"]["x"]["type"] == "temporal" and spec["encoding"]["x"]["field"] == "Day"
    assert spec["encoding"]["color"]["field"] == "Outcome"
    drawn = [(d.date().isoformat(), o, n) for d, o, n in zip(data["Day"], data["Outcome"], data["Calls"], strict=True)]
    assert sorted(drawn) == [("2026-11-02", "follow up", 2), ("2026-11-04", "no answer", 1),
                             ("2026-11-04", "not analysed", 1), ("2026-11-05", "follow up", 1)]  # fmt: skip
    _, narrowed = per_day_chart(page({"from": "2026-11-04", "to": "2026-11-05"}))
    assert sorted(zip(narrowed["Outcome"], narrowed["Calls"], strict=True)) == [
        ("follow up", 1), ("no answer", 1), ("not analysed", 1)]  # fmt: skip


# --- text is text -------------------------------------------------------------------------------------------------


LINK_OR_IMAGE = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(|<b>|<img", re.IGNORECASE)


def test_a_transcript_line_that_looks_like_markdown_blocks_stays_a_line_of_text(app_env: Path) -> None:
    """Speaker, time and text share one Markdown element: a line such as "---" must not turn the speaker's line
    into a heading, nor "# Big" or "> quote" into blocks."""
    call = add_call(app_env, "Asha Rao", [(C, "---"), (A, "# Big"), (C, "> quote"), (A, "===")])
    said = [m.value for m in page({"call": str(call)}).markdown if m.value.startswith(("**Customer**", "**Agent**"))]
    assert [line.split("  \n", 1)[1] for line in said] == ["\\-\\-\\-", "\\# Big", "\\> quote", "\\=\\=\\="]
    assert [line.split(" · ")[0] for line in said] == ["**Customer**", "**Agent**", "**Customer**", "**Agent**"]


def test_customer_text_never_becomes_markdown_or_html_on_this_page(app_env: Path) -> None:
    said = f"price {HOSTILE}"
    analysis = CallAnalysis(
        summary=f"Summary {HOSTILE}", outcome=Outcome.MEETING_BOOKED, sentiment=Sentiment.POSITIVE,
        topics=[TopicCoverage(topic=HOSTILE, status=Coverage.COVERED,
                              evidence=[Evidence(speaker="customer", text=said, at=5.0)])],
        objections=[RaisedObjection(kind=ObjectionKind.PRICE, quote=said, at=5.0)],
        next_step=NextStep(action=HOSTILE, when=HOSTILE, quote=said, at=5.0), recommendation=HOSTILE, analyst=HOSTILE,
    )  # fmt: skip
    call = add_call(app_env, HOSTILE, [(A, f"Hello {HOSTILE}"), (C, said)], email="a_b*c@example.com",
                    topics=f"{HOSTILE}\n<b>bold</b>", analysis=analysis)  # fmt: skip
    at = open_customer_panel(page({"q": "price", "call": str(call)}))
    shown = [e.value for kind in ("markdown", "subheader", "caption", "expander") for e in at.get(kind)
             if isinstance(getattr(e, "value", None), str)]  # fmt: skip
    shown += [e.label for e in at.get("expander")]
    assert sum("pixel" in text for text in shown) >= 8  # heading, panel, summary, topic, quotes, next step …
    for text in shown:
        assert not LINK_OR_IMAGE.search(text), text
        assert "http://" not in text and "](" not in text, text
    assert opened(at).startswith(f"Call #{call} · ")
    assert HOSTILE in "\n".join(t.value for t in at.text)  # shown as typed, as text
    assert HOSTILE in table(at)["Customer"][0]


def test_a_visit_to_the_presenter_page_keeps_the_view(app_env: Path) -> None:
    ids = seed_people(app_env)
    at = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)
    at.run()
    at.switch_page("views/transcripts.py").run()
    at.text_input(key="search").input("price").run()
    at.radio(key="said_by").set_value("customer").run()
    click_row(at, 0)
    assert opened(at) == f"Call #{ids['asha_1']} · Asha Rao"
    at.switch_page("views/presenter.py").run()
    at.switch_page("views/transcripts.py").run()
    assert not at.exception
    assert at.text_input(key="search").value == "price" and at.radio(key="said_by").value == "customer"
    assert opened(at) == f"Call #{ids['asha_1']} · Asha Rao"
