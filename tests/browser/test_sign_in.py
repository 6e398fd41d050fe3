"""Sign-in in a real browser against a real OpenID Connect provider: only the sign-in screen until signed in, the
allow-list, Sign out, a hostile provider's claims shown as text, and what stays outside the sign-in (the API)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.harness import RunningApp, free_port, start_app, stop_app
from tests.fakes.oidc import OidcProvider, running_provider, write_auth_secrets

pytestmark = pytest.mark.browser
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
QUIET = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}  # no watching the checkout: these apps only serve
API_TOKEN = "sign-in-tests-api-token-0123456789"
HOSTILE = "![x](http://evil.example/p.png) <b>bold</b>"
USERS: dict[str, dict[str, object]] = {
    "ana": {"email": "ana@example.com", "name": "Ana Admin", "email_verified": True},
    "tom": {"email": "tom@team.example", "name": "Tom Team"},
    "eve": {"email": "eve@elsewhere.example", "name": "Eve Outsider"},
    "unverified": {"email": "uma@team.example", "name": "Uma", "email_verified": False},
    "said-false": {"email": "sam@team.example", "name": "Sam", "email_verified": "false"},  # a string, not false
    "zero-width": {"email": "zoe\u200b@team.example", "name": "Zoe"},  # reads as zoe@team.example
    "nomail": {"name": "No Mail"},
    "mallory": {"email": "mallory@team.example", "name": HOSTILE},
    "hostile-mail": {"email": "![x](http://evil.example/q.png)<b>bold</b>@elsewhere.example", "name": "H"},
}


@dataclass(frozen=True)
class Seeded:
    """What the database holds before anyone signs in: none of it may reach a stranger's page."""

    name: str
    phone: str
    said: str  # a line the customer said


@dataclass(frozen=True)
class SignInApp:
    app: RunningApp
    idp: OidcProvider
    seeded: Seeded

    @property
    def url(self) -> str:
        return self.app.url


@pytest.fixture(scope="module")
def idp() -> Iterator[OidcProvider]:
    with running_provider(USERS) as provider:
        yield provider


def _seed(db: Path) -> Seeded:
    from salesbot.cli.seed import seed
    from salesbot.storage.sqlite import SQLiteStore

    seed(SQLiteStore(db), 1, seed=4)
    with sqlite3.connect(db) as conn:
        name, phone = conn.execute("SELECT name, phone_e164 FROM customers").fetchone()
        said = conn.execute("SELECT customer_text FROM call_transcripts WHERE id = 1").fetchone()[0].splitlines()[-1]
    return Seeded(name, phone, said)


@pytest.fixture(scope="module")
def signin_app(idp: OidcProvider, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SignInApp]:
    """One app for the module: [auth] pointing at the provider, the allow-list, an API token, one seeded call."""
    tmp = tmp_path_factory.mktemp("signin")
    seeded = _seed(tmp / "browser.db")
    port = free_port()
    secrets = write_auth_secrets(tmp / "secrets" / "secrets.toml", idp, f"http://127.0.0.1:{port}")
    env = {
        "SALESBOT_ALLOWED_EMAILS": "ana@example.com,@team.example",
        "SALESBOT_API_TOKEN": API_TOKEN,
        "SALESBOT_SIM_SPEED": "40",  # the one call placed here is over in a couple of seconds
        **QUIET,
    }
    app = start_app(tmp, env, port=port, secrets_file=secrets)
    yield SignInApp(app, idp, seeded)
    stop_app(app)


def sign_in(page: Page, at: SignInApp, sub: str) -> None:
    """From the sign-in screen through the provider's authorize page, as `sub`, back to the app."""
    page.goto(at.url)
    page.get_by_role("button", name="Sign in").click()
    page.locator('input[name="sub"]').fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{at.url}/**")


def sign_out(page: Page, at: SignInApp) -> None:
    """Sign out in the sidebar; the provider (it has an end_session endpoint) asks to end its session too."""
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{at.url}/**")


def expect_nothing_of_the_app(page: Page, at: SignInApp) -> None:
    """After the run ends: no navigation or sidebar, no form, no table, nothing from the database in the HTML."""
    page.locator(IDLE).wait_for()
    assert page.locator('[data-testid="stSidebar"]').count() == 0
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    assert page.get_by_label("Name", exact=True).count() == 0
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    assert page.locator('[data-testid="stTextInput"], [data-testid="stTextArea"]').count() == 0
    assert page.locator('[data-testid="stButton"]').count() == 1  # Sign in, or Sign out on the refusal
    html = page.content()
    for secret in (at.seeded.name, at.seeded.phone, at.seeded.said):
        assert secret not in html


def as_shown(text: str) -> re.Pattern[str]:
    """`text` as the page shows it: exactly as typed (no invisible character before the @ of an address)."""
    return re.compile(re.escape(text))


def expect_sign_in_screen(page: Page, at: SignInApp) -> None:
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("button", name="Sign in")).to_be_visible()
    expect(main.get_by_role("heading", name="salesbot")).to_be_visible()
    expect_nothing_of_the_app(page, at)


@pytest.mark.parametrize(
    "path", ["/", "/transcripts?call=1", "/presenter", "/?page=transcripts", "/transcripts?embed=true"]
)
def test_a_stranger_sees_only_the_sign_in_screen(page: Page, signin_app: SignInApp, path: str) -> None:
    page.goto(signin_app.url + path)
    expect_sign_in_screen(page, signin_app)


def test_an_allowed_user_signs_in_and_out_and_the_api_keeps_its_token(page: Page, signin_app: SignInApp) -> None:
    api = f"{signin_app.url}/api/call-transcript?call_id=1"
    assert page.request.get(api).status == 401
    sign_in(page, signin_app, "ana")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text("Ana Admin")
    expect(sidebar.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_label("Name", exact=True)).to_be_visible()  # the presenter page
    expect(sidebar.get_by_role("link", name="Transcripts")).to_be_visible()

    # What the stranger could not see is there once signed in (so the checks on a stranger's page can fail).
    page.goto(f"{signin_app.url}/transcripts?call=1")
    expect(page.get_by_role("heading", name=f"Call #1 · {signin_app.seeded.name}")).to_be_visible()
    expect(page.get_by_text(signin_app.seeded.said).first).to_be_visible()

    # The REST API keeps its bearer token: the sign-in cookie is no API credential.
    assert "_streamlit_user" in {c["name"] for c in page.context.cookies()}
    with_cookie = page.request.get(api)
    assert with_cookie.status == 401, with_cookie.text()
    with_token = page.request.get(api, headers={"Authorization": f"Bearer {API_TOKEN}"})
    assert with_token.status == 200, with_token.text()
    assert signin_app.seeded.said in with_token.text()

    # Sign out in another tab of the same browser; this tab's session ends at its next load (Streamlit reads the
    # identity cookie when a session connects), and a reload stays signed out.
    other = page.context.new_page()
    other.goto(signin_app.url)
    expect(other.locator('[data-testid="stSidebar"]')).to_contain_text("Ana Admin")
    sign_out(other, signin_app)
    expect_sign_in_screen(other, signin_app)
    page.reload()
    expect_sign_in_screen(page, signin_app)
    page.reload()
    expect_sign_in_screen(page, signin_app)


def test_a_team_domain_user_is_let_in_and_a_hostile_name_is_shown_as_text(page: Page, signin_app: SignInApp) -> None:
    sign_in(page, signin_app, "mallory")  # mallory@team.example, named HOSTILE
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text(HOSTILE)
    expect(page.get_by_label("Name", exact=True)).to_be_visible()
    page.locator(IDLE).wait_for()
    assert page.locator('img[src*="evil.example"]').count() == 0
    assert sidebar.locator("b").count() == 0


@pytest.mark.parametrize(
    ("sub", "refusal"),
    [
        ("eve", "eve@elsewhere.example is not allowed into salesbot"),
        ("unverified", "The provider has not verified uma@team.example"),  # email_verified false reaches st.user
        ("said-false", "The provider has not verified sam@team.example"),  # "false" is not a verified address
        ("zero-width", "is not allowed into salesbot"),  # an invisible character: refused, never stored
        ("nomail", "Your sign-in did not include an email address"),
    ],
)
def test_others_are_refused_and_see_nothing_else(page: Page, signin_app: SignInApp, sub: str, refusal: str) -> None:
    sign_in(page, signin_app, sub)
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator('[data-testid="stAlertContentError"]')).to_contain_text(as_shown(refusal))
    expect(main.get_by_role("button", name="Sign out")).to_be_visible()
    expect_nothing_of_the_app(page, signin_app)
    if sub == "eve":  # a direct link is refused the same way
        page.goto(f"{signin_app.url}/transcripts?call=1")
        expect(main.locator('[data-testid="stAlertContentError"]')).to_contain_text(as_shown(refusal))
        expect_nothing_of_the_app(page, signin_app)


def test_a_hostile_email_claim_in_the_refusal_is_shown_as_text(page: Page, signin_app: SignInApp) -> None:
    sign_in(page, signin_app, "hostile-mail")
    error = page.locator('[data-testid="stAlertContentError"]')
    expect(error).to_contain_text("is not allowed into salesbot")
    visible = error.inner_text()
    assert "![x](http://evil.example/q.png)<b>bold</b>@elsewhere.example" in visible
    assert page.locator('img[src*="evil.example"]').count() == 0
    assert error.locator("b").count() == 0


def test_streamlits_own_endpoints_hold_nothing_from_the_database(page: Page, signin_app: SignInApp) -> None:
    for path in ("/_stcore/health", "/_stcore/host-config", "/_stcore/script-health-check", "/auth/login",
                 "/oauth2callback?code=x&state=y", "/api/openapi.json", "/api/docs", "/transcripts.py"):  # fmt: skip
        response = page.request.get(signin_app.url + path, max_redirects=0)
        body = response.text()
        assert response.status < 500, (path, response.status, body[:300])
        for secret in (signin_app.seeded.name, signin_app.seeded.phone, signin_app.seeded.said):
            assert secret not in body, path
    assert "_streamlit_user" not in {c["name"] for c in page.context.cookies()}  # a forged callback signs no one in


def test_an_incomplete_auth_section_says_what_is_missing(page: Page, idp: OidcProvider, tmp_path: Path) -> None:
    db = tmp_path / "browser.db"
    seeded = _seed(db)
    port = free_port()
    secrets = write_auth_secrets(tmp_path / "secrets.toml", idp, f"http://127.0.0.1:{port}", cookie_secret=None)
    app = start_app(tmp_path, QUIET, port=port, secrets_file=secrets)
    try:
        page.goto(f"{app.url}/transcripts?call=1")
        expect(page.locator('[data-testid="stAlertContentError"]')).to_have_text(
            "Sign-in is configured but [auth] in secrets.toml lacks cookie_secret."
        )
        page.locator(IDLE).wait_for()
        html = page.content()
    finally:
        stop_app(app)
    assert "Traceback" not in html and 'data-testid="stException"' not in html
    assert seeded.name not in html and seeded.said not in html


def test_a_secrets_file_that_cannot_be_read_keeps_the_app_closed(page: Page, idp: OidcProvider, tmp_path: Path) -> None:
    seeded = _seed(tmp_path / "browser.db")
    port = free_port()
    secrets = write_auth_secrets(tmp_path / "secrets.toml", idp, f"http://127.0.0.1:{port}")
    secrets.write_text(secrets.read_text() + 'SALESBOT_API_TOKEN = "a typo: the closing quote is missing\n')
    app = start_app(tmp_path, QUIET, port=port, secrets_file=secrets)
    try:
        page.goto(f"{app.url}/transcripts?call=1")
        drawn = page.locator('[data-testid="stAlertContentError"], [data-testid="stSidebarNav"]')
        expect(drawn.first).to_be_visible()  # an error, or (failing open) the app
        page.locator(IDLE).wait_for()
        html = page.content()
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    finally:
        stop_app(app)
    assert seeded.name not in html and seeded.said not in html


def test_a_call_placed_while_signed_in_records_who_placed_it(page: Page, signin_app: SignInApp) -> None:
    from tests.browser.test_demo_flow import fill_customer

    sign_in(page, signin_app, "tom")
    page.locator(IDLE).wait_for()
    fill_customer(page)
    page.get_by_role("button", name="Generate script").click()
    expect(page.get_by_role("textbox", name="Script", exact=True)).to_have_value(re.compile(r"^\[Opener\]\nHello Asha"))
    page.get_by_role("button", name="Start call to Asha Rao").click()
    expect(page.locator(".st-key-outcome_card")).to_contain_text("Outcome:", timeout=60_000)

    with sqlite3.connect(signin_app.app.db_path) as conn:
        (call_id,) = conn.execute("SELECT id FROM call_transcripts WHERE created_by = 'tom@team.example'").fetchone()
        who = conn.execute(
            "SELECT c.created_by, s.created_by FROM call_transcripts t JOIN customers c ON c.id = t.customer_id"
            " JOIN sales_scripts s ON s.id = t.script_id WHERE t.id = ?",
            (call_id,),
        ).fetchone()
    assert who == ("tom@team.example", "tom@team.example")

    page.goto(f"{signin_app.url}/transcripts?call={call_id}")
    expect(page.get_by_role("heading", name=f"Call #{call_id} · Asha Rao")).to_be_visible()
    placed_by = as_shown("placed by tom@team.example")
    expect(page.locator('[data-testid="stCaptionContainer"]').filter(has_text=placed_by)).to_be_visible()
    page.locator("[data-testid='stExpander'] summary").filter(has_text="More filters").click()  # under search
    placed_by_filter = page.get_by_role("textbox", name="Placed by")
    placed_by_filter.fill("tom@team.example")
    page.keyboard.press("Enter")
    page.locator(IDLE).wait_for()
    expect(page.get_by_text(re.compile(r"\b1 calls? match"))).to_be_visible()  # the seeded call was placed by no one
