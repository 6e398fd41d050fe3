"""Benchmark: the Transcripts page ready in Chromium at scale, on SQLite and on the Supabase store (PostgREST stand-in).

Run: `.venv/bin/python benchmarks/transcripts_page.py [--calls 100000] [--stores sqlite,supabase] [--runs 10]
[--sqlite-file FILE] [--phases]`. It seeds a throwaway store with `--calls` calls (or opens a seeded SQLite file),
starts the app as `make run` does, and opens each URL below --runs times: from navigation to the page ready, i.e. the
KPIs shown, the calls table drawn and, when the URL names a call, its transcript, with the script run finished. Each
opening is a new session, first in a browser that has the app's scripts cached (a reload, a second tab), then in a
fresh browser context (a first visit, nothing cached). Then a click on a row to that call's transcript. Prints p50/p95
(target: ready <= 2.5 s) and the load average around them. With --phases, also when (p50, from navigation) the page's
own scripts had loaded, the script run started and ended, and the KPIs and the table showed: where a slow opening
lost its time (the app's scripts, the server's run, or drawing what it sent).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from salesbot.cli.seed import seed
from salesbot.models import CallFilter
from salesbot.storage import CallStore
from salesbot.storage.sqlite import SQLiteStore
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, RunningApp, start_app, stop_app
from tests.browser.transcripts_page import HEADER_PX, IDLE, ROW_PX

NEW_CALL_IN_URL = "shown => { const m = location.search.match(/call=(\\d+)/); return m && m[1] !== shown && m[1]; }"
SEARCH = CallFilter(search="cost", said_by="customer", outcomes=("interested", "follow_up"))


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def spread(values: list[float]) -> str:
    return f"p50 {statistics.median(values):5.2f} s   p95 {pct(values, 0.95):5.2f} s   max {max(values):5.2f} s"


# With --phases: when (page clock, from navigation) the script run started and ended, the KPIs and the table showed.
PHASES = """(() => {
  const t = {}; window.__phases = t;
  const mark = (k) => { if (!(k in t)) t[k] = performance.now() / 1000; };
  new MutationObserver(() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute("data-test-script-state");
    if (state === "running") mark("run starts");
    if (state === "notRunning" && "run starts" in t) mark("run ends");
    const kpi = document.querySelector('[data-testid="stMetricValue"]');
    if (kpi && /\\d/.test(kpi.textContent)) mark("KPIs");
    if (document.querySelector(".st-key-calls_table canvas")) mark("table");
  }).observe(document, {subtree: true, childList: true, attributes: true});
})();"""
PHASE_ORDER = ("page scripts", "run starts", "run ends", "KPIs", "table")


def phases(page: Page) -> dict[str, float]:
    return dict(
        page.evaluate(
            "({...window.__phases, 'page scripts': "
            "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd / 1000})"
        )
    )


def ready(page: Page, call_id: int | None) -> None:
    """KPIs, the table and (with a call in the URL) its transcript on screen, and no script run going on."""
    page.locator('[data-testid="stMetricValue"]').first.filter(has_text=re.compile(r"\d")).wait_for()
    page.locator(".st-key-calls_table canvas").first.wait_for()
    if call_id is not None:
        page.locator(f".st-key-transcript_{call_id} [data-testid='stChatMessage']").first.wait_for()
    page.locator(IDLE).wait_for()


def new_context(browser: Browser, with_phases: bool) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    if with_phases:
        context.add_init_script(PHASES)
    return context


def time_urls(
    browser: Browser, app: RunningApp, urls: dict[str, tuple[str, int | None]], runs: int, with_phases: bool = False
) -> None:
    """Each URL opened `runs` times in a browser that has the app's scripts cached (each opening a new session, as a
    reload or a second tab), then `runs` times in a fresh browser context (a first visit: nothing cached)."""
    warm = new_context(browser, with_phases)
    for label, (query, call_id) in urls.items():
        figures, marks = {}, {}
        for kind in ("warm", "fresh"):
            times, marks[kind] = [], []
            for i in range(runs + 1):  # the first opening warms the server's and the browser's caches: left out
                context = warm if kind == "warm" else new_context(browser, with_phases)
                page = context.new_page()
                page.set_default_timeout(60_000)
                start = time.perf_counter()
                page.goto(f"{app.url}/transcripts{query}", wait_until="commit")
                ready(page, call_id)
                if i:
                    times.append(time.perf_counter() - start)
                    marks[kind].append(phases(page) if with_phases else {})
                page.close()
                if context is not warm:
                    context.close()
            figures[kind] = times
        print(f"  {label:<44} cached   {spread(figures['warm'])}")
        print(f"  {'':<44} first visit {spread(figures['fresh'])}")
        if with_phases:
            for kind, name in (("warm", "cached"), ("fresh", "first visit")):
                at = {k: statistics.median(m[k] for m in marks[kind]) for k in PHASE_ORDER if k in marks[kind][0]}
                print(f"  {'':<44}   {name} p50 at: " + " · ".join(f"{k} {v:.2f} s" for k, v in at.items()))
    warm.close()


def time_clicks(browser: Browser, app: RunningApp, query: str, runs: int) -> None:
    """A click on a row to that call's transcript on screen (the row alternates, so each click opens a new call)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(f"{app.url}/transcripts{query}")
    ready(page, None)
    times, shown = [], ""
    for i in range(runs + 1):
        grid = page.locator(".st-key-calls_table")
        grid.evaluate("el => el.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(200)
        box = grid.bounding_box()
        assert box is not None
        x, y = box["x"] + 140, box["y"] + HEADER_PX + ROW_PX * (i % 2) + ROW_PX / 2
        page.mouse.move(x, y)
        page.wait_for_timeout(150)
        start = time.perf_counter()
        page.mouse.click(x, y)
        opened = page.wait_for_function(NEW_CALL_IN_URL, arg=shown).json_value()  # the call the click opened
        page.locator(f".st-key-transcript_{opened} [data-testid='stChatMessage']").first.wait_for()
        shown = opened
        page.locator(IDLE).wait_for()
        if i:
            times.append(time.perf_counter() - start)
    page.close()
    print(f"  {'click on a row -> its transcript':<44} {spread(times)}")


def measure(store: CallStore, env: dict[str, str], tmp: Path, runs: int, with_phases: bool = False) -> None:
    found = store.search_calls(SEARCH, limit=1, offset=0, with_total=False).rows
    assert found, "the seeded calls hold no match for the search"
    call_id = found[0].summary.id
    search = "?q=cost&said_by=customer&outcome=interested,follow_up"
    urls = {
        "/transcripts (everything, newest first)": ("", None),
        "a filter and a search said by the customer": (search, None),
        "the same with a call open (a shared view)": (f"{search}&call={call_id}", call_id),
        "page 40 of everything, sorted by length": ("?sort=longest&page=40", None),
    }
    app = start_app(tmp, {**env, "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"})
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            print(f"  load average before: {load()}")
            time_urls(browser, app, urls, runs, with_phases)
            time_clicks(browser, app, search, runs)
            print(f"  load average after:  {load()} (the machine's {os.cpu_count()} cores are shared)")
            browser.close()
    finally:
        stop_app(app)


def seeded(store: CallStore, calls: int) -> None:
    start = time.perf_counter()
    seed(store, calls, seed=1, batch_calls=2000)
    print(f"  seeded {calls:,} calls in {time.perf_counter() - start:.0f} s")


def with_supabase(calls: int, tmp: Path, work: Callable[[CallStore, dict[str, str]], None]) -> None:
    from salesbot.storage.supabase_store import SupabaseStore
    from tests.fakes.postgres import ThrowawayPostgres
    from tests.fakes.postgrest_server import PostgrestServer, make_key

    pg = ThrowawayPostgres().start()
    try:
        with PostgrestServer(pg.dsn) as server:
            key = make_key("service_role")
            store = SupabaseStore(server.url, key, timeout_s=120)
            seeded(store, calls)
            import psycopg

            with psycopg.connect(pg.dsn, autocommit=True) as conn:
                conn.execute("vacuum analyze")
            work(store, {"SUPABASE_URL": server.url, "SUPABASE_KEY": key, "SALESBOT_DB_PATH": str(tmp / "unused.db")})
    finally:
        pg.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10, help="openings of each URL (and clicks), each timed")
    parser.add_argument("--stores", default="sqlite,supabase")
    parser.add_argument("--sqlite-file", type=Path, help="an SQLite file seeded before (its calls are not counted)")
    parser.add_argument("--phases", action="store_true", help="also print when each part of the page showed (p50)")
    args = parser.parse_args()
    stores = set(args.stores.split(","))
    print(f"Transcripts page ready in Chromium ({CHROMIUM}), {args.runs} openings per URL, each a new session:")
    with tempfile.TemporaryDirectory() as tmp:
        if "sqlite" in stores:
            db = args.sqlite_file or Path(tmp) / "page.db"
            store = SQLiteStore(db)
            if args.sqlite_file is None:
                seeded(store, args.calls)
            print(f"SQLite, {store.call_stats(CallFilter()).calls:,} calls:")
            measure(store, {"SALESBOT_DB_PATH": str(db)}, Path(tmp), args.runs, args.phases)
        if "supabase" in stores:
            print(f"PostgreSQL through the Supabase store and the PostgREST stand-in, {args.calls:,} calls:")
            with_supabase(args.calls, Path(tmp), lambda s, env: measure(s, env, Path(tmp), args.runs, args.phases))


if __name__ == "__main__":
    main()
