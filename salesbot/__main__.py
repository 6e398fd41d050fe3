"""Command line: `python -m salesbot seed --calls N [--seed S]` fills the configured store with demo calls."""

from __future__ import annotations

import argparse
import sys

from salesbot.bootstrap import build_demo_store
from salesbot.errors import SalesbotError
from salesbot.seed import seed, text_progress
from salesbot.settings import load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m salesbot")
    commands = parser.add_subparsers(dest="command", required=True)
    seeding = commands.add_parser("seed", help="fill the configured store with synthetic finished calls")
    seeding.add_argument("--calls", type=int, required=True, help="how many calls to create")
    seeding.add_argument("--seed", type=int, default=1, help="the same seed gives the same data (default 1)")
    args = parser.parse_args(argv)
    if args.calls < 1:
        parser.error("--calls must be at least 1")
    try:
        store = build_demo_store(load_settings())
        print(f"Seeding {args.calls:,} calls into {store.description} (seed {args.seed})", file=sys.stderr)
        stored = seed(store, args.calls, args.seed, progress=text_progress)
    except SalesbotError as e:
        print(f"error: {e.user_message}", file=sys.stderr)
        return 1
    print(f"Stored {stored:,} calls.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
