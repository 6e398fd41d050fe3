"""The Transcripts page as a workbench (issue 23): the open call beside the table, Previous/Next call in the table's
order, columns that tell calls apart, and a running call followed until it ends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Node

from salesbot import bootstrap
from salesbot.models import CallFilter, CustomerForm, Outcome, ScriptOptions, Speaker
from salesbot.settings import load_settings
from salesbot.ui.call_order import Step, steps
from tests.app.transcripts_data import add_call, click_row, opened, page, params, table
from tests.builders import ASHA
from tests.conftest import FakeClock, start

A, C = Speaker.AGENT, Speaker.CUSTOMER


def nodes(node: Node) -> Iterator[Node]:
    """Every element and block under a node, depth first."""
    for child in getattr(node, "children", {}).values():
        yield child
        yield from nodes(child)


def keyed(at: AppTest, key: str) -> Block:
    return next(n for n in nodes(at.main) if isinstance(n, Block) and getattr(n, "key", None) == key)


def headings(node: Node) -> list[str]:
    return [n.value for n in nodes(node) if type(n).__name__ == "Subheader"]


# --- the call beside the table -------------------------------------------------------------------------------------


def test_an_open_call_sits_in_the_column_beside_the_table(app_env: Path) -> None:
    first = add_call(app_env, "Asha Rao", [(A, "Hello Asha."), (C, "Tell me more.")])
    at = page()
    sides = [n for n in nodes(keyed(at, "workbench")) if type(n).__name__ == "Column"]
    assert not [c for c in sides if "calls_table" in [getattr(n, "key", None) for n in nodes(c)]]  # the full width
    click_row(at, 0)
    row = next(iter(keyed(at, "workbench").children.values()))  # the workbench's one row: two columns
    call_side, table_side = row.children.values()  # the call first in the page (a phone stacks it on top)
    assert any(getattr(n, "key", None) == "calls_table" for n in nodes(table_side))
    assert headings(call_side) == [f"Call #{first} · Asha Rao"] and not headings(table_side)
    assert "calls_table" not in [getattr(n, "key", None) for n in nodes(call_side)]
    caption = next(c.value for c in at.caption if c.value.startswith("+91"))
    assert caption.endswith(" · Script v1")  # the script version with the call's heading
    assert any("simulated calls are not recorded" in c.value for c in at.caption)  # the recording, or why not
    assert any(m.value.startswith("**Outcome: interested** · customer sentiment neutral") for m in at.markdown)
    css = next(h.proto.body for h in at.get("html") if "st-key-call_view" in h.proto.body)
    assert "min-width: 1200px" in css and "calls_side) {order: -1;}" in css  # the table drawn left from 1200 px


def test_the_table_shows_what_tells_calls_apart_and_the_match_only_when_searching(app_env: Path) -> None:
    add_call(app_env, "Asha Rao", [(A, "Hello Asha."), (C, "What about the price?")], outcome=Outcome.FOLLOW_UP,
             seconds=75)  # fmt: skip
    at = page()
    shown = table(at)
    assert list(shown.columns) == ["Call", "Date (UTC)", "Customer", "Outcome", "Sentiment", "Length"]
    assert shown.iloc[0].to_dict() | {"Call": 0} == {
        "Call": 0, "Date (UTC)": "2026-11-02 09:00", "Customer": "Asha Rao", "Outcome": "follow up",
        "Sentiment": "neutral", "Length": "1:15",
    }  # fmt: skip
    config = next(d for d in at.dataframe if d.key == "calls_table").proto.columns
    assert '"Call": {"hidden": true}' in config  # the number is in the heading of the open call, not a column
    at.text_input(key="search").input("price").run()
    assert list(table(at).columns)[-1] == "Match" and table(at)["Match"][0] == "Customer: What about the «price»?"


# --- Previous and Next ------------------------------------------------------------------------------------------------


def test_steps_follow_the_page_and_cross_its_edges() -> None:
    ids = [7, 5, 3]
    assert steps(ids, 5, page=1, pages=1) == (Step(7), Step(3))
    assert steps(ids, 7, page=1, pages=2) == (None, Step(5))
    assert steps(ids, 3, page=1, pages=2) == (Step(5), Step(page=2))
    assert steps(ids, 7, page=2, pages=2) == (Step(page=1, end="last"), Step(5))
    assert steps(ids, 3, page=2, pages=2) == (Step(5), None)
    assert steps(ids, 99, page=1, pages=1) == (None, Step(7))  # not on the page: Next opens its first call
    assert steps([], None, page=1, pages=1) == (None, None)


def test_previous_and_next_follow_the_tables_filter_sort_and_pages(app_env: Path) -> None:
    ids = [add_call(app_env, f"Customer {i:02d}", [(A, "Hi."), (C, "Go on.")], hours=i,
                    outcome=Outcome.FOLLOW_UP if i % 2 else Outcome.NOT_INTERESTED) for i in range(60)]  # fmt: skip
    follow_ups = ids[1::2]  # 30 calls: 25 on page 1, 5 on page 2
    at = page({"outcome": "follow_up", "sort": "oldest"})
    click_row(at, 23)
    assert opened(at) == f"Call #{follow_ups[23]} · Customer 47"
    assert any(c.value == "24 of 25 on page 1" for c in at.caption)
    at.button(key="next_call").click().run()
    assert opened(at) == f"Call #{follow_ups[24]} · Customer 49"  # the next follow-up, not the next call stored
    at.button(key="next_call").click().run()  # past the page's last row: the next page's first
    assert not at.exception
    assert opened(at) == f"Call #{follow_ups[25]} · Customer 51" and at.number_input(key="page").value == 2
    assert params(at) == {"outcome": "follow_up", "sort": "oldest", "page": "2", "call": str(follow_ups[25])}
    assert at.session_state["calls_table"]["selection"]["rows"] == [0]  # the table shows it selected
    at.button(key="previous_call").click().run()  # and back: the previous page's last
    assert opened(at) == f"Call #{follow_ups[24]} · Customer 49" and at.number_input(key="page").value == 1
    at.selectbox(key="sort").set_value("newest").run()  # a new order: the call keeps its place in it
    assert at.number_input(key="page").value == 1 and any(c.value == "6 of 25 on page 1" for c in at.caption)
    at.button(key="previous_call").click().run()
    assert opened(at) == f"Call #{follow_ups[25]} · Customer 51"


def test_the_ends_of_the_order_have_nothing_beyond_them(app_env: Path) -> None:
    ids = [add_call(app_env, f"Customer {i}", [(A, "Hi.")], hours=i) for i in range(3)]
    at = page({"call": str(ids[2])})  # newest first: the first row
    assert at.button(key="previous_call").disabled and not at.button(key="next_call").disabled
    at = page({"call": str(ids[0])})
    assert not at.button(key="previous_call").disabled and at.button(key="next_call").disabled
    assert at.button(key="next_call").proto.shortcut.upper() == "J"
    assert at.button(key="previous_call").proto.shortcut.upper() == "K"


# --- a call in progress is followed -------------------------------------------------------------------------------


@pytest.fixture
def live_app(app_env: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> bootstrap.App:
    """The page's App on the test's hand clock: the test places a call, the page follows it as time moves."""
    monkeypatch.setenv("SALESBOT_SIM_SPEED", "1")
    settings = load_settings(secrets={})
    app = bootstrap.build_app(settings, clock=clock)
    monkeypatch.setitem(bootstrap._shared, settings, app)
    return app


def test_a_call_in_progress_is_followed_until_it_ends_then_shows_its_analysis(
    live_app: bootstrap.App, clock: FakeClock
) -> None:
    customer = live_app.presenter.save_customer(CustomerForm(**ASHA))
    draft = live_app.presenter.write_script(customer.id, ScriptOptions())
    list(draft)
    assert draft.script is not None
    call = start(live_app, draft.script, "attempt-live")
    at = page({"call": str(call.id)})
    assert opened(at) == f"Call #{call.id} · Asha Rao"
    assert any("still going" in c.value for c in at.caption) and table(at)["Outcome"][0] in {"dialling", "in progress"}
    assert not [
        b for b in at.button if b.key in {"stop_call", "start_call", "replay_call"}
    ]  # nothing placed or stopped
    seen: list[str] = []
    for _ in range(40):  # what the fragment's timer does: a run every tick, the clock moved on
        clock.advance(5)
        at.run()
        assert not at.exception, at.exception
        status = next((m.value for m in at.markdown if m.value.endswith(("line", "lines"))), "")
        seen.append(status)
        if any(m.value.startswith("**Outcome: ") for m in at.markdown):
            break
    live = [s for s in seen if "**In progress**" in s]
    assert len(live) >= 3 and live[0] != live[-1], seen  # the time and the lines moved on
    assert any(m.value.startswith("**Outcome: ") for m in at.markdown), seen  # ended: its analysis
    assert not any("still going" in c.value for c in at.caption)
    assert table(at)["Outcome"][0] != "in progress"
    assert len(live_app.archive.find_calls(CallFilter()).rows) == 1  # following placed nothing


# --- compact filters ------------------------------------------------------------------------------------------------


def more_filters(at: AppTest):  # type: ignore[no-untyped-def]
    return next(e for e in at.expander if e.label.startswith("More filters"))


def test_the_rarer_filters_wait_under_more_filters_and_say_how_many_are_set(app_env: Path) -> None:
    add_call(app_env, "Asha Rao", [(A, "Hi.")])
    at = page()
    assert more_filters(at).label == "More filters" and not more_filters(at).proto.expanded
    at.multiselect(key="outcome_filter").set_value(["follow_up"]).run()
    at.text_input(key="customer_filter").input("asha").run()
    assert more_filters(at).label == "More filters (2 set)"
    shared = page({"outcome": "follow_up"})  # a link with one of them set opens them
    assert more_filters(shared).label == "More filters (1 set)" and more_filters(shared).proto.expanded
