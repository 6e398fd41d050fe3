"""Sign-in as the pages show it without a browser: open mode (no [auth]) and its warning when real calls are on, the
sign-in screen that is all an anonymous visitor gets, and a half-done [auth] section said plainly. The provider round
trip itself is tested in Chromium against a real OpenID Connect provider (tests/browser/test_sign_in.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from salesbot.storage.sqlite import SQLiteStore
from tests.builders import customer_input
from tests.conftest import ROOT
from tests.fakes.bland_server import BlandServer

OPEN_WARNING = "Sign-in is off: anyone who can open this page can place real calls"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-string-for-the-tests",
    "client_id": "salesbot",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


def pages(auth: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)
    if auth is not None:
        at.secrets["auth"] = auth
    return at.run()


def sidebar_text(at: AppTest) -> str:
    return " ".join(str(getattr(e, "value", "")) for e in at.sidebar)


@pytest.fixture
def real_calls(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with BlandServer() as server:
        monkeypatch.setenv("BLAND_API_KEY", server.state.api_key)
        monkeypatch.setenv("BLAND_BASE_URL", server.url)
        yield


def test_open_mode_is_the_app_as_before_with_no_warning_for_simulated_calls(app_env: Path) -> None:
    at = pages()
    assert not at.exception and at.text_input(key="name") is not None  # the customer form, no sign-in
    assert not [b for b in at.button if b.key in ("sign_in", "sign_out")]
    assert OPEN_WARNING not in sidebar_text(at)  # nobody can be rung: nothing to warn about


def test_open_mode_with_real_calls_says_anyone_can_call(real_calls: None) -> None:
    at = pages()
    assert not at.exception
    warnings = [w.value for w in at.sidebar.warning if OPEN_WARNING in w.value]
    assert len(warnings) == 1, sidebar_text(at)


def test_with_sign_in_on_real_calls_carry_no_open_warning(real_calls: None) -> None:
    at = pages(AUTH)
    assert OPEN_WARNING not in sidebar_text(at) and OPEN_WARNING not in " ".join(str(e.value) for e in at.warning)


def test_an_anonymous_visitor_sees_only_the_sign_in_screen(app_env: Path) -> None:
    store = SQLiteStore(app_env)
    store.save_customer(customer_input())  # a customer the page must not show
    for target in ("views/presenter.py", "views/transcripts.py"):
        at = pages(AUTH)
        if target != "views/presenter.py":
            at.switch_page(target).run()
        assert not at.exception
        assert [b.label for b in at.button] == ["Sign in"]
        assert not at.text_input and not at.dataframe and not at.text_area
        shown = " ".join(str(getattr(e, "value", "")) for e in (*at.main, *at.sidebar))
        assert "Asha" not in shown and "Transcripts" not in [t.value for t in at.title]


@pytest.mark.parametrize(
    ("drop", "said"),
    [("cookie_secret", "lacks cookie_secret"), ("client_secret", "lacks client_secret")],
)
def test_a_half_done_auth_section_says_what_is_missing(app_env: Path, drop: str, said: str) -> None:
    at = pages({k: v for k, v in AUTH.items() if k != drop})
    assert not at.exception
    assert any(said in e.value for e in at.error) and not at.button and not at.text_input


def test_a_redirect_uri_that_is_not_the_callback_is_refused(app_env: Path) -> None:
    at = pages({**AUTH, "redirect_uri": "http://localhost:8501/"})
    assert any("must end with /oauth2callback" in e.value for e in at.error) and not at.button


def test_a_deployment_that_requires_sign_in_stays_closed_without_auth(
    app_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESBOT_REQUIRE_SIGN_IN", "1")
    at = pages()
    assert not at.exception
    assert any("SALESBOT_REQUIRE_SIGN_IN is set but no [auth] section" in e.value for e in at.error)
    assert not at.text_input and not at.button and not at.dataframe
    assert [b.label for b in pages(AUTH).button] == ["Sign in"]  # with [auth]: the sign-in screen as usual
