"""The presenter's whole demo in a real browser on the Supabase store, then the call on the Transcripts page; and the
analyst's search, call and CSV on a seeded archive."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS
from tests.browser.harness import start_app, stop_app
from tests.browser.transcripts_page import click_row
from tests.fakes.postgres import ThrowawayPostgres
from tests.fakes.postgrest_server import PostgrestServer, make_key

pytestmark = pytest.mark.browser
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def fill_customer(page: Page) -> None:
    page.get_by_label("Name", exact=True).fill("Asha Rao")
    page.get_by_label("Phone number", exact=True).fill("98765 43210")
    page.get_by_label("Email", exact=True).fill("asha@example.com")
    page.get_by_label("Conversation history").fill("Customer: We need faster follow-ups. Budget is tight.")
    page.get_by_label("Topics to discuss").fill("Pricing\nCRM integration")


def test_the_demo_runs_on_the_supabase_store(
    page: Page, tmp_path: Path, postgres: ThrowawayPostgres, postgrest: PostgrestServer
) -> None:
    postgres.reset()
    app = start_app(
        tmp_path, {"SUPABASE_URL": postgrest.url, "SUPABASE_KEY": make_key("service_role"), "SALESBOT_SIM_SPEED": "20"}
    )
    try:
        page.goto(app.url)
        page.locator(IDLE).wait_for()
        expect(page.get_by_text("Supabase (127.0.0.1) · offline writer · simulated calls")).to_be_visible()
        fill_customer(page)
        page.get_by_role("button", name="Generate script").click()
        expect(page.get_by_role("textbox", name="Script", exact=True)).to_have_value(re.compile("Hello Asha"))
        page.get_by_role("button", name="Start call to Asha Rao").click()
        expect(page.locator(".st-key-outcome_card")).to_contain_text("Outcome:", timeout=60_000)
        page.goto(f"{app.url}/transcripts?call=1")
        expect(page.get_by_role("heading", name="Call #1 · Asha Rao")).to_be_visible()
    finally:
        stop_app(app)
    import psycopg

    with psycopg.connect(postgres.dsn) as conn:
        status, lines = conn.execute(
            "select call_status, jsonb_array_length(utterances) from call_transcripts"
        ).fetchone()
    assert status == "completed" and lines > 10
    assert not (tmp_path / "browser.db").exists()  # nothing went to SQLite


def test_analyst_filters_opens_a_call_and_downloads_the_csv(page: Page, tmp_path: Path) -> None:
    from salesbot.cli.seed import seed
    from salesbot.storage.sqlite import SQLiteStore

    db = tmp_path / "analyst.db"
    seed(SQLiteStore(db), 60, seed=4)
    app = start_app(tmp_path, {"SALESBOT_DB_PATH": str(db)})
    try:
        page.goto(f"{app.url}/transcripts")
        page.locator(IDLE).wait_for()
        expect(page.locator('[data-testid="stMetric"]').first).to_contain_text("60")
        page.get_by_role("textbox", name="Search transcripts").fill("pricing")
        page.keyboard.press("Enter")
        page.locator(IDLE).wait_for()
        click_row(page, 0)
        first = page.get_by_role("heading", name=re.compile(r"^Call #")).inner_text()
        click_row(page, 1)
        expect(page.get_by_role("heading", name=re.compile(r"^Call #"))).not_to_have_text(first)  # another call
        expect(page.get_by_text("What was said")).to_be_visible()
        expect(page.get_by_text(re.compile(r"^Match 1 of \d+$"))).to_be_visible()
        expect(page.locator(".st-key-script_used")).to_contain_text("[Opener]")
        with page.expect_download() as download:
            page.get_by_role("button", name="Export CSV").click()
        csv_text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
        page.screenshot(path=str(ARTIFACTS / "transcripts-analyst.png"), full_page=True)
    finally:
        stop_app(app)
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith('"call_id","created_at",') and ',"customer",' in lines[0]  # every cell quoted
    with sqlite3.connect(db) as conn:
        matching = conn.execute("SELECT count(*) FROM call_transcripts WHERE transcript LIKE '%pricing%'").fetchone()[0]
    import csv
    import io

    assert len(list(csv.DictReader(io.StringIO(csv_text, newline="")))) == matching > 0
