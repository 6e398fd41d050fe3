"""Command line: `seed` fills the configured store with demo calls; `analyse FILE` analyses one transcript."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from salesbot.bootstrap import build_analyst, build_demo_store
from salesbot.errors import ConfigError, InvalidInput, SalesbotError
from salesbot.seed import seed, text_progress
from salesbot.settings import load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m salesbot")
    commands = parser.add_subparsers(dest="command", required=True)
    seeding = commands.add_parser("seed", help="fill the configured store with synthetic finished calls")
    seeding.add_argument("--calls", type=int, required=True, help="how many calls to create")
    seeding.add_argument("--seed", type=int, default=1, help="the same seed gives the same data (default 1)")
    analysing = commands.add_parser("analyse", help="analyse one transcript (JSON) and print the analysis as JSON")
    analysing.add_argument("file", type=Path, help='{"topics": [...], "status": "...", "utterances": [...]}')
    analysing.add_argument("--analyst", choices=("offline", "llm"), help="default: the configured analyser")
    args = parser.parse_args(argv)
    if args.command == "analyse":
        return analyse(args.file, args.analyst)
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


def analyse(path: Path, choice: str | None) -> int:
    """Print the analysis of one transcript; exit 2 on bad input, 1 when the analyser fails."""
    from salesbot.transcript_file import analysis_json, read_transcript

    try:
        transcript = read_transcript(path)
    except InvalidInput as e:
        print(f"error: {e.user_message}", file=sys.stderr)
        return 2
    try:
        analyst = build_analyst(load_settings(), choice)
    except ConfigError as e:
        print(f"error: {e.user_message}", file=sys.stderr)
        return 2
    try:
        call = transcript.call()
        analysis = analyst.analyse(call, transcript.customer())
    except SalesbotError as e:
        print(f"error: {e.user_message}", file=sys.stderr)
        return 1
    print(json.dumps(analysis_json(analysis), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
