"""Benchmark: the Transcripts page at scale, on SQLite and on PostgreSQL through the Supabase store.

Run: `.venv/bin/python benchmarks/transcripts_scale.py [--calls 100000] [--scale-to 1000000] [--stores sqlite,supabase]
[--runs 60] [--browser]` (`make bench` runs it). It seeds a throwaway store of each kind with `--calls` calls (about
20 utterances each, one pass of `salesbot.cli.seed` feeding both), then times, p50/p95 over --runs varied queries:
the page's query for one page of results with a filter and a search (words, quoted phrases, said by the customer or
the agent), the same with an exact total, a deep page of the unfiltered list, and the KPIs with a filter and a search
and for everything. With --scale-to, PostgreSQL is then grown to that many calls by copying the seeded calls in SQL
(each copy 60 days earlier, the search columns copied as they are) and timed again. With --browser, the whole page
in Chromium and the app's RSS at 10,000 and at --calls calls (SQLite).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from salesbot.cli.seed import seed
from salesbot.models import CallFilter, CallPage
from salesbot.storage import CallStore, CustomerHistory, HistoryImport
from salesbot.storage.sqlite import SQLiteStore

QUERIES = [  # words and phrases as analysts type them, common and rare in the seeded calls, with other filters
    CallFilter(search="pricing", outcomes=("interested",)),
    CallFilter(search="crm", country_code="IN"),
    CallFilter(search='"sounds expensive"', said_by="customer", statuses=("completed",), sort="longest"),
    CallFilter(search='"security review"', outcomes=("follow_up", "not_interested")),
    CallFilter(search="budget", said_by="customer", customer_name="rao"),
    CallFilter(search='thursday "send me"', said_by="customer", sentiments=("positive",)),
    CallFilter(search='"this quarter"', said_by="agent", date_from=date(2026, 10, 25)),
    CallFilter(search='"not interested"', said_by="customer", country_code="US"),
    CallFilter(search='"next quarter"', said_by="customer"),  # no call has it: every word is common
    CallFilter(search="walkthrough thursday", sentiments=("negative",), sort="oldest"),
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(label: str, runs: int, work: Callable[[int], object]) -> None:
    for i in range(len(QUERIES)):  # warm caches once per query, as a running app would be
        work(i)
    times = []
    for i in range(runs):
        start = time.perf_counter()
        work(i)
        times.append(time.perf_counter() - start)
    print(f"  {label:<50} p50 {statistics.median(times) * 1000:7.1f} ms   p95 {pct(times, 0.95) * 1000:7.1f} ms")


def measure(store: CallStore, runs: int) -> None:
    n = len(QUERIES)
    timed("page query (filter + search, 25 rows)", runs, lambda i: store.search_calls(QUERIES[i % n], 25, 0, False))
    timed("same, with an exact total count", runs, lambda i: store.search_calls(QUERIES[i % n], 25, 0))
    timed("page 40 of an unfiltered list", runs, lambda i: store.search_calls(CallFilter(), 25, 975, False))
    timed("KPIs for a filter + search", runs, lambda i: store.call_stats(QUERIES[i % n]))
    timed("KPIs for everything", max(10, runs // 4), lambda i: store.call_stats(CallFilter()))


class Both:
    """One seeding pass feeding several stores (the calls are generated once)."""

    def __init__(self, stores: list[HistoryImport]) -> None:
        self.stores = stores
        self.description = " and ".join(store.description for store in stores)

    def import_history(self, batch: list[CustomerHistory]) -> None:
        for store in self.stores:
            store.import_history(batch)

    def bulk_import(self, batches: Iterable[list[CustomerHistory]]) -> int:
        stored = 0
        for batch in batches:
            stored = max(store.bulk_import([batch]) for store in self.stores) + stored
        return stored

    def search_calls(self, call_filter: CallFilter, limit: int, offset: int, with_total: bool = True) -> CallPage:
        return self.stores[0].search_calls(call_filter, limit, offset, with_total)


def seed_timed(stores: list[HistoryImport], calls: int) -> None:
    start = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done % 20_000 < 2000 or done == total:
            print(f"  … {done:,} of {total:,} calls ({time.perf_counter() - start:.0f} s)", file=sys.stderr)

    seed(Both(stores), calls, seed=1, batch_calls=2000, progress=progress)
    print(f"  seeded {calls:,} calls in {time.perf_counter() - start:.0f} s (into {len(stores)} store(s) at once)")


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
                ready.append(time.perf_counter() - start)
                if i == 1:  # some filtering and paging, as an analyst would
                    page.get_by_role("textbox", name="Search transcripts").fill("pricing")
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
    parser.add_argument(
        "--scale-to", type=int, default=0, help="then grow PostgreSQL to this many calls and time again"
    )
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--stores", default="sqlite,supabase")
    parser.add_argument("--browser", action="store_true", help="also time the page in Chromium and read the app's RSS")
    args = parser.parse_args()
    stores = set(args.stores.split(","))

    with tempfile.TemporaryDirectory() as tmp:
        seeded: list[HistoryImport] = []
        sqlite = SQLiteStore(Path(tmp) / "scale.db") if "sqlite" in stores else None
        seeded += [sqlite] if sqlite else []
        pg = server = supabase = None
        if "supabase" in stores:
            from salesbot.storage.supabase_store import SupabaseStore
            from tests.fakes.postgres import ThrowawayPostgres
            from tests.fakes.postgrest_server import PostgrestServer, make_key

            pg = ThrowawayPostgres().start()
            server = PostgrestServer(pg.dsn).__enter__()
            supabase = SupabaseStore(server.url, make_key("service_role"), timeout_s=120)
            seeded.append(supabase)
        try:
            print(f"Seeding {args.calls:,} calls:")
            seed_timed(seeded, args.calls)
            if sqlite:
                print(f"SQLite (FTS5), {args.calls:,} calls:")
                measure(sqlite, args.runs)
            if pg and supabase:
                from benchmarks import postgres_copies

                postgres_copies.vacuum(pg.dsn)
                label = "PostgreSQL 15 through the Supabase store and the PostgREST test server"
                print(f"{label}, {args.calls:,} calls:")
                measure(supabase, args.runs)
                if args.scale_to > args.calls:
                    postgres_copies.grow(pg.dsn, args.scale_to)
                    print(f"{label}, {args.scale_to:,} calls:")
                    measure(supabase, args.runs)
            if sqlite and args.browser:
                small = Path(tmp) / "small.db"
                seed(SQLiteStore(small), min(10_000, args.calls), seed=1, batch_calls=2000)
                browser_figures(small, Path(tmp), f"{min(10_000, args.calls):,} calls")
                browser_figures(sqlite.path, Path(tmp), f"{args.calls:,} calls")
        finally:
            if server:
                server.__exit__(None, None, None)
            if pg:
                pg.stop()


if __name__ == "__main__":
    main()
