from __future__ import annotations

from pathlib import Path

import pytest

from salesbot.errors import ConfigError
from salesbot.settings import load_settings


def test_defaults_with_an_empty_environment() -> None:
    s = load_settings(env={})
    assert s.db_path == Path("data/salesbot.db")
    assert s.sim_speed == 1.0 and s.poll_seconds == 0.4 and s.redial_guard_minutes == 10.0 and s.log_level == "INFO"
    assert not (s.uses_openai or s.uses_bland or s.uses_supabase)


def test_environment_wins_over_secrets() -> None:
    s = load_settings(
        env={"SALESBOT_SIM_SPEED": "4"}, secrets={"SALESBOT_SIM_SPEED": "2", "SALESBOT_POLL_SECONDS": 0.5}
    )
    assert s.sim_speed == 4.0
    assert s.poll_seconds == 0.5


def test_secrets_never_show_in_repr() -> None:
    s = load_settings(env={"OPENAI_API_KEY": "sk-very-secret", "BLAND_API_KEY": "bl-secret"})
    assert "secret" not in repr(s)
    assert s.uses_openai and s.uses_bland


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"SALESBOT_SIM_SPEED": "fast"}, "SALESBOT_SIM_SPEED must be a number"),
        ({"SALESBOT_SIM_SPEED": "0"}, "at least"),
        ({"SALESBOT_POLL_SECONDS": "0.01"}, "SALESBOT_POLL_SECONDS"),
        ({"SALESBOT_LOG_LEVEL": "LOUD"}, "SALESBOT_LOG_LEVEL"),
        ({"OPENAI_SCRIPT_MAX_TOKENS": "0"}, "OPENAI_SCRIPT_MAX_TOKENS must be a whole number of tokens, at least 1"),
        ({"OPENAI_ANALYSIS_MAX_TOKENS": "1.5"}, "OPENAI_ANALYSIS_MAX_TOKENS must be a whole number"),
        ({"OPENAI_MAX_SECONDS": "0.2"}, "OPENAI_MAX_SECONDS must be at least 1"),
        ({"OPENAI_TOKEN_FIELD": "n_predict"}, "OPENAI_TOKEN_FIELD must be one of max_completion_tokens, max_tokens"),
    ],
)
def test_bad_values_name_the_variable(env: dict[str, str], fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        load_settings(env=env)


def test_every_model_answer_is_bounded_by_default() -> None:
    s = load_settings(env={})
    assert (s.script_max_tokens("short"), s.script_max_tokens("standard")) == (800, 1600)
    assert s.openai_analysis_max_tokens == 3000 and s.openai_max_seconds == 90.0
    assert s.openai_token_field == "max_completion_tokens"  # OpenAI itself
    one_cap = load_settings(env={"OPENAI_SCRIPT_MAX_TOKENS": "500", "OPENAI_MAX_SECONDS": "20"})
    assert (one_cap.script_max_tokens("short"), one_cap.script_max_tokens("standard")) == (500, 500)
    assert one_cap.openai_max_seconds == 20.0


def test_frame_ancestors_are_origins_or_self_and_nothing_else() -> None:
    from salesbot.api.frames import frame_headers

    assert load_settings(env={}).frame_ancestors == ()
    assert frame_headers(()) == {"X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'"}
    both = load_settings(env={"SALESBOT_FRAME_ANCESTORS": "'self' https://intranet.example.com:8443"})
    assert frame_headers(both.frame_ancestors) == {
        "Content-Security-Policy": "frame-ancestors 'self' https://intranet.example.com:8443"
    }
    assert frame_headers(("'self'",))["X-Frame-Options"] == "SAMEORIGIN"
    for bad in ("*", "https://a.example; script-src *", "javascript:alert(1)", "'none' x", "https://a.example\r\nX: y"):
        with pytest.raises(ConfigError, match="SALESBOT_FRAME_ANCESTORS"):
            load_settings(env={"SALESBOT_FRAME_ANCESTORS": bad})
