"""The API's settings: the token, Bland's webhook secret and the public URL the webhook is built from."""

from __future__ import annotations

import pytest

from salesbot.errors import ConfigError
from salesbot.settings import load_settings


def test_the_api_and_the_webhook_are_off_by_default() -> None:
    s = load_settings(env={})
    assert s.api_token == "" and s.bland_webhook_secret == "" and s.bland_webhook_url == ""


def test_the_webhook_url_is_built_from_the_public_url_and_secrets_stay_out_of_repr() -> None:
    s = load_settings(
        env={
            "SALESBOT_API_TOKEN": "tok-very-secret",
            "BLAND_API_KEY": "bl-key",
            "BLAND_WEBHOOK_SECRET": "whsec-very-secret",
            "SALESBOT_PUBLIC_URL": "https://salesbot.example.com/demo/",
        }
    )
    assert s.bland_webhook_url == "https://salesbot.example.com/demo/api/webhooks/bland"
    assert "secret" not in repr(s) and s.api_token == "tok-very-secret"


@pytest.mark.parametrize("url", ["http://salesbot.example.com", "salesbot.example.com", "https://", "https://a.b/?x=1"])
def test_a_public_url_bland_cannot_post_to_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="SALESBOT_PUBLIC_URL must be the https address"):
        load_settings(env={"SALESBOT_PUBLIC_URL": url})


def test_a_public_url_for_bland_needs_the_signing_secret() -> None:
    with pytest.raises(ConfigError, match="BLAND_WEBHOOK_SECRET"):
        load_settings(env={"BLAND_API_KEY": "bl-key", "SALESBOT_PUBLIC_URL": "https://salesbot.example.com"})
