"""Benchmark: `python -m salesbot seed` into SQLite, calls per second, CPU per call and the peak RSS, then a top-up.

Run: `.venv/bin/python benchmarks/seed_speed.py [--calls 100000] [--top-up 10000] [--db FILE]`
It runs the seed command as a user would (a fresh SQLite file unless --db names one to keep for export_speed.py
--db) and prints wall time, calls/s, CPU ms per call (user + system of the command), the file's size and the
command's peak RSS, with the load average before and after (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_seed(db: Path, calls: int) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()
    start = time.perf_counter()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "SALESBOT_DB_PATH": str(db)}
    done = subprocess.run([sys.executable, "-m", "salesbot", "seed", "--calls", str(calls)], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)  # fmt: skip
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"seed failed: {done.stderr.strip().splitlines()[-1:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = after.ru_maxrss / 1024  # KiB on Linux: the largest child so far
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20
    print(
        f"  {calls:>9,} calls in {seconds:7.1f} s = {calls / seconds:7,.0f} calls/s, CPU {cpu / calls * 1000:.3f} ms"
        f" a call, file {size:,.0f} MiB, peak RSS {peak:,.0f} MiB, load {load[0]:.1f} → {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--top-up", type=int, default=10_000, help="then add this many to the seeded store")
    parser.add_argument("--db", type=Path, help="seed this file (kept) instead of a throwaway one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "seed.db"
        print(f"seed into SQLite ({db}):")
        run_seed(db, args.calls)
        if args.top_up:
            print("top-up of the seeded store:")
            run_seed(db, args.top_up)


if __name__ == "__main__":
    main()
