"""The Transcripts page's view as URL query parameters: every field there and back, defaults left out, bad values
ignored."""

from __future__ import annotations

from datetime import date

from salesbot.models import CallFilter
from salesbot.ui.transcripts_view import PARAMS, TranscriptsView


def url(**params: str) -> dict[str, list[str]]:
    return {name.rstrip("_"): [value] for name, value in params.items()}


def test_every_field_goes_into_the_url_and_comes_back() -> None:
    view = TranscriptsView(
        CallFilter(
            date_from=date(2026, 11, 1), date_to=date(2026, 11, 3), statuses=("completed", "stopped"),
            outcomes=("follow_up",), sentiments=("negative",), customer_name="Rao", country_code="IN",
            search='"next quarter" price', said_by="customer", sort="longest", objections=("price", "timing"),
            next_step_agreed=False, created_by="ana@team.example",
        ),
        page=3,
        call_id=42,
    )  # fmt: skip
    params = view.to_params()
    assert list(params) == list(PARAMS)  # all fifteen, in a stable order
    assert params["status"] == "completed,stopped" and params["from"] == "2026-11-01" and params["next_step"] == "no"
    assert params["by"] == "ana@team.example"
    assert TranscriptsView.from_params({k: [v] for k, v in params.items()}) == view


def test_defaults_leave_a_bare_url() -> None:
    assert TranscriptsView().to_params() == {}
    one_day = TranscriptsView(CallFilter(date_from=date(2026, 11, 1), date_to=date(2026, 11, 1)))
    assert one_day.to_params() == {"from": "2026-11-01"}
    assert TranscriptsView.from_params(url(from_="2026-11-01")) == one_day


def test_values_that_are_not_understood_are_ignored() -> None:
    view = TranscriptsView.from_params(
        url(
            outcome="follow_up,bogus",
            status="'; drop table calls",
            said_by="boss",
            sort="random",
            from_="2026-13-45",
            page="-3",
            call="12abc",
            country="XX",
            next_step="maybe",
            sentiment="",
        )
    )
    assert view == TranscriptsView(CallFilter(outcomes=("follow_up",)))
    assert TranscriptsView.from_params(url(page="99999999999999999999", call="0")).page == 1
    assert TranscriptsView.from_params(url(q="x" * 5000)).call_filter.search == "x" * 200
    assert TranscriptsView.from_params({"outcome": ["no_answer", "follow_up"]}).call_filter.outcomes == (
        "follow_up", "no_answer",
    )  # fmt: skip  # repeated parameters count too, in the outcomes' own order
    swapped = TranscriptsView.from_params(url(from_="2026-11-05", to="2026-11-01")).call_filter
    assert (swapped.date_from, swapped.date_to) == (date(2026, 11, 1), date(2026, 11, 5))
    assert TranscriptsView.from_params(url(to="2026-11-05")).call_filter.date_to is None  # no open start


def test_kpi_labels_are_words_and_estimates_say_about() -> None:
    from salesbot.ui.kpis import calls_count, outcome_label

    assert calls_count(100_000, estimated=True) == "about 100,000" and calls_count(1234, estimated=False) == "1,234"
    assert [outcome_label(v) for v in ("follow_up", "no_answer", "", None, "new_kind")] == [
        "follow up", "no answer", "not analysed", "not analysed", "new kind",
    ]  # fmt: skip
