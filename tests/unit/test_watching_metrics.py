"""What the server measures of watching tabs (issue 26): sessions following a live call, and each line's delay from
being said to being drawn in a tab for the first time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from salesbot import metrics
from salesbot.models import CallStatus
from salesbot.ui.call_panel import measure_delivery
from salesbot.ui.session import PresenterSession
from tests.builders import AGENT as A
from tests.builders import CUSTOMER as C
from tests.builders import a_call


def _delays() -> tuple[float, float]:
    """(count, sum) of the polled delay histogram so far."""
    samples = {s.name: s.value for m in metrics.REGISTRY.collect() for s in m.samples
               if m.name == "salesbot_live_transcript_delay_seconds" and s.labels.get("via") == "poll"}  # fmt: skip
    return samples.get("salesbot_live_transcript_delay_seconds_count", 0.0), samples.get(
        "salesbot_live_transcript_delay_seconds_sum", 0.0
    )


def test_new_lines_are_measured_once_and_the_first_draw_only_counts_what_is_there() -> None:
    session = PresenterSession()
    started = datetime.now(UTC) - timedelta(seconds=30)
    call = a_call([(A, "Hello Asha."), (C, "Hi.")], status=CallStatus.IN_PROGRESS, started_at=started, every=10)
    before = _delays()
    measure_delivery(session, call)  # the first draw: lines already there are not "delivered late"
    assert _delays() == before
    said = [*call.utterances, call.utterances[-1].model_copy(update={"id": "9", "at": datetime.now(UTC)})]
    measure_delivery(session, call.model_copy(update={"utterances": said}))
    count, total = _delays()
    assert count == before[0] + 1 and 0 <= total - before[1] < 5
    measure_delivery(session, call.model_copy(update={"utterances": said}))  # drawn again: not counted again
    assert _delays()[0] == count


def test_a_tab_on_a_live_call_counts_as_watching_and_a_finished_one_does_not() -> None:
    session = PresenterSession()
    live = a_call([(A, "Hello.")], status=CallStatus.IN_PROGRESS, started_at=datetime.now(UTC))
    measure_delivery(session, live)
    watching = next(s.value for m in metrics.REGISTRY.collect() for s in m.samples
                    if s.name == "salesbot_watching_sessions")  # fmt: skip
    assert watching >= 1
    measure_delivery(session, live.model_copy(update={"status": CallStatus.COMPLETED}))
    assert live.id not in session.lines_seen
