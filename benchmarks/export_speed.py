"""Benchmark: `python -m salesbot export` at scale, rows per second and the export process's peak memory (RSS).

Run: `.venv/bin/python benchmarks/export_speed.py [--calls 100000] [--stores sqlite,supabase] [--formats csv,jsonl]
[--db FILE]`
It seeds a throwaway store with --calls calls (SQLite, and PostgreSQL through the Supabase store and the PostgREST
test server as benchmarks/transcripts_scale.py starts them), then runs the export command into a file for every
call, for a search, for the last six days (about a tenth) and for none (the start-up: imports and the store's client) and prints
rows, seconds, rows per second, the file's size and the peak RSS of the export process: an RSS that stays flat
from a tenth to all of the calls is the constant memory the command keeps.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.transcripts_scale import seed_timed
from salesbot.clock import utc_now
from salesbot.storage.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]


def rows_in(path: Path, form: str) -> int:
    with path.open(encoding="utf-8-sig", newline="") as f:
        if form == "jsonl":
            return sum(1 for _ in f)
        return sum(1 for _ in csv.reader(f)) - 1  # the header


def peak_rss_kib(pid: int, peak: list[int]) -> None:
    """Follow the process's own high-water mark (VmHWM) until it exits. Not wait4's ru_maxrss: on Linux that also
    counts the memory of the benchmark process the export was forked from."""
    status = Path(f"/proc/{pid}/status")
    while True:
        try:
            text = status.read_text()
        except (FileNotFoundError, ProcessLookupError):
            return
        for line in text.splitlines():
            if line.startswith("VmHWM:"):
                peak[0] = max(peak[0], int(line.split()[1]))
        time.sleep(0.02)


def run_export(env: dict[str, str], form: str, args: list[str], out: Path) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one export command writing to `out`."""
    with out.open("wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "salesbot", "export", "--format", form, *args], cwd=ROOT,
                                   env=env, stdout=sink, stderr=subprocess.PIPE)  # fmt: skip
        peak = [0]
        watcher = threading.Thread(target=peak_rss_kib, args=(process.pid, peak), daemon=True)
        watcher.start()
        _, errors = process.communicate()  # the progress line, read as it comes so the pipe never fills
        seconds = time.perf_counter() - start
        watcher.join()
    if process.returncode != 0:
        raise SystemExit(f"export failed ({process.returncode}): {errors.decode().strip().splitlines()[-1:]}")
    return seconds, peak[0]


def measure(env: dict[str, str], forms: list[str], tmp: Path) -> None:
    since = (utc_now() - timedelta(days=5)).date().isoformat()  # seeded calls fall in the 90 days before now
    for form in forms:
        runs: tuple[tuple[str, list[str]], ...] = (
            ("no call (start-up)", ["--to", "2000-01-01"]),
            ("last six days", ["--from", since]),
            ("a search: pricing", ["--search", "pricing"]),
            ("every call", []),
        )
        for label, args in runs:
            out = tmp / f"export.{form}"
            seconds, peak_kib = run_export(env, form, args, out)
            rows = rows_in(out, form)
            size = out.stat().st_size / 2**20
            print(f"  {form:<5} {label:<18} {rows:>7,} rows in {seconds:6.1f} s = {rows / seconds:7,.0f} rows/s,"
                  f" {size:6.0f} MiB, peak RSS {peak_kib / 1024:5.0f} MiB")  # fmt: skip
            out.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--stores", default="sqlite,supabase")
    parser.add_argument("--formats", default="csv,jsonl")
    parser.add_argument("--db", type=Path, help="export from this seeded SQLite file (seed_speed.py --db) instead")
    args = parser.parse_args()
    stores, forms = set(args.stores.split(",")), args.formats.split(",")
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "SALESBOT_LOG_LEVEL": "WARNING"}

    with tempfile.TemporaryDirectory() as tmp:
        if "sqlite" in stores:
            print(f"SQLite, {args.calls:,} calls:")
            db = args.db or Path(tmp) / "export.db"
            if not args.db:
                seed_timed([SQLiteStore(db)], args.calls)
            measure({**base, "SALESBOT_DB_PATH": str(db)}, forms, Path(tmp))
        if "supabase" in stores:
            from salesbot.storage.supabase_store import SupabaseStore
            from tests.fakes.postgres import ThrowawayPostgres
            from tests.fakes.postgrest_server import PostgrestServer, make_key

            print(f"PostgreSQL 15 through the Supabase store and the PostgREST test server, {args.calls:,} calls:")
            pg = ThrowawayPostgres().start()
            try:
                with PostgrestServer(pg.dsn) as server:
                    key = make_key("service_role")
                    seed_timed([SupabaseStore(server.url, key, timeout_s=120)], args.calls)
                    import psycopg

                    with psycopg.connect(pg.dsn, autocommit=True) as conn:
                        conn.execute("vacuum analyze")
                    env = {**base, "SUPABASE_URL": server.url, "SUPABASE_KEY": key,
                           "SALESBOT_DB_PATH": str(Path(tmp) / "unused.db")}  # fmt: skip
                    measure(env, forms, Path(tmp))
            finally:
                pg.stop()


if __name__ == "__main__":
    main()
