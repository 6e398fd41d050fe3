"""A voicemail greeting is said by the voicemail, not the customer: its own label and avatar on the presenter page and
on Transcripts (the analysis's rule for which lines an answering machine said)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from salesbot.models import Outcome, Speaker
from tests.app.conftest import refresh_until
from tests.app.transcripts_data import add_call, page

A, C = Speaker.AGENT, Speaker.CUSTOMER


def speakers(at: AppTest) -> list[tuple[str, str, str]]:
    """Each chat line on the page: its name, its avatar and the heading it opens with (who said it and when)."""
    return [(m.name, str(m.avatar), m.children[0].value.split("  \n")[0]) for m in at.get("chat_message")]


def test_transcripts_shows_the_voicemail_greeting_as_the_voicemail(app_env: Path) -> None:
    greeting = "Hi, you've reached Asha. Please leave a message after the tone."
    call = add_call(app_env, "Asha Rao", [(C, greeting), (A, "Hi Asha, this is Maya. I'll email you.")],
                    outcome=Outcome.VOICEMAIL)  # fmt: skip
    shown = speakers(page({"call": str(call)}))
    assert shown[0][:2] == ("voicemail", ":material/voicemail:") and shown[0][2].startswith("**Voicemail** · 0:")
    assert shown[1][:2] == ("agent", ":material/support_agent:") and shown[1][2].startswith("**Agent** · 0:")


def test_a_person_who_answers_is_the_customer_on_transcripts(app_env: Path) -> None:
    call = add_call(app_env, "Asha Rao", [(C, "Hello, Asha speaking."), (A, "Hi Asha, this is Maya.")])
    shown = speakers(page({"call": str(call)}))
    assert [(name, heading.split(" · ")[0]) for name, _, heading in shown] == [
        ("customer", "**Customer**"),
        ("agent", "**Agent**"),
    ]


def test_the_presenter_page_shows_the_voicemail_greeting_as_the_voicemail(
    presenter: AppTest, fill_form: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESBOT_SIM_PERSONA", "voicemail")
    fill_form(presenter).button(key="generate").click().run()
    presenter.button(key="start_call").click().run()
    refresh_until(presenter, lambda at: any(name == "agent" for name, _, _ in speakers(at)), seconds=30, every=0.2)
    shown = speakers(presenter)
    assert shown[0][0] == "voicemail" and shown[0][2].startswith("**Voicemail** · ")
    assert "customer" not in [name for name, _, _ in shown]
