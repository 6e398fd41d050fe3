"""Benchmark: the Transcripts page at scale, on SQLite and on PostgreSQL through the Supabase store.

Run: `.venv/bin/python benchmarks/transcripts_scale.py [--calls 100000] [--stores sqlite,supabase] [--browser]`
(`make bench` runs it). It seeds a throwaway store with `--calls` calls (about 20 utterances each), then times
the page's query for one page of results with a filter and a text search (p50/p95 over --runs varied queries),
the KPI query, and with --browser the whole page in Chromium plus the app's RSS at 10,000 and at --calls calls.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from salesbot.seed import seed
from salesbot.storage import CallFilter, CallStore
from salesbot.storage.sqlite import SQLiteStore

QUERIES = [
    CallFilter(search="pricing", outcomes=("interested",)),
    CallFilter(search="crm", country_code="IN"),
    CallFilter(search="thursday works", sentiments=("positive",)),
    CallFilter(search="expensive", statuses=("completed",), sort="longest"),
    CallFilter(search="security review", outcomes=("follow_up", "not_interested")),
    CallFilter(search="budget", customer_name="rao"),
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(label: str, runs: int, work: Callable[[int], object]) -> None:
    work(0)  # warm caches once, as a running app would be
    times = []
    for i in range(runs):
        start = time.perf_counter()
        work(i)
        times.append(time.perf_counter() - start)
    print(f"  {label:<46} p50 {statistics.median(times) * 1000:7.1f} ms   p95 {pct(times, 0.95) * 1000:7.1f} ms")


def measure(store: CallStore, runs: int) -> None:
    queries = QUERIES
    timed(
        "page query (filter + text search, 25 rows)", runs, lambda i: store.search_calls(queries[i % 6], 25, 0, False)
    )
    timed("same, with an exact total count", runs, lambda i: store.search_calls(queries[i % 6], 25, 0))
    timed("page 40 of an unfiltered list", runs, lambda i: store.search_calls(CallFilter(), 25, 975, False))
    timed("KPIs for a filter + search", max(5, runs // 5), lambda i: store.call_stats(QUERIES[i % len(QUERIES)]))
    timed("KPIs for everything", max(5, runs // 5), lambda i: store.call_stats(CallFilter()))


def seed_timed(store: CallStore, calls: int) -> None:
    start = time.perf_counter()
    seed(store, calls, seed=1, batch_calls=2000)
    print(f"  seeded {calls:,} calls in {time.perf_counter() - start:.0f} s")


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def browser_figures(db: Path, tmp: Path, label: str) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, start_app, stop_app

    app = start_app(tmp, {"SALESBOT_DB_PATH": str(db)})
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            ready = []
            for i in range(4):
                start = time.perf_counter()
                page.goto(f"{app.url}/transcripts")
                page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=60_000)
                page.locator('[data-testid="stMetric"]').first.wait_for()
                page.locator('[data-testid="stDataFrame"]').first.wait_for()
                page.get_by_text("What was said").wait_for()
                ready.append(time.perf_counter() - start)
                if i == 1:  # some filtering and paging, as an analyst would
                    page.get_by_label("Search transcripts").fill("pricing")
                    page.keyboard.press("Enter")
                    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
            browser.close()
        urllib.request.urlopen(f"{app.url}/_stcore/health").read()
        print(f"  {label}: page ready p50 {statistics.median(ready[1:]):.2f} s (first load {ready[0]:.2f} s),"
              f" app RSS {rss_kib(app.process.pid) / 1024:.0f} MiB")  # fmt: skip
    finally:
        stop_app(app)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--stores", default="sqlite,supabase")
    parser.add_argument("--browser", action="store_true", help="also time the page in Chromium and read the app's RSS")
    args = parser.parse_args()
    stores = set(args.stores.split(","))

    with tempfile.TemporaryDirectory() as tmp:
        if "sqlite" in stores:
            print(f"SQLite (FTS5), {args.calls:,} calls:")
            db = Path(tmp) / "scale.db"
            store = SQLiteStore(db)
            seed_timed(store, args.calls)
            measure(store, args.runs)
            if args.browser:
                small = Path(tmp) / "small.db"
                seed(SQLiteStore(small), min(10_000, args.calls), seed=1, batch_calls=2000)
                browser_figures(small, Path(tmp), f"{min(10_000, args.calls):,} calls")
                browser_figures(db, Path(tmp), f"{args.calls:,} calls")
        if "supabase" in stores:
            from salesbot.storage.supabase_store import SupabaseStore
            from tests.fakes.postgres import ThrowawayPostgres
            from tests.fakes.postgrest_server import PostgrestServer, make_key

            print(
                f"PostgreSQL 15 (pg_trgm) through the Supabase store and the PostgREST test server, {args.calls:,} calls:"
            )
            pg = ThrowawayPostgres().start()
            try:
                with PostgrestServer(pg.dsn) as server:
                    store = SupabaseStore(server.url, make_key("service_role"), timeout_s=120)
                    seed_timed(store, args.calls)
                    import psycopg

                    with psycopg.connect(pg.dsn, autocommit=True) as conn:
                        conn.execute("vacuum analyze")
                    measure(store, args.runs)
            finally:
                pg.stop()


if __name__ == "__main__":
    main()
