"""Command line: `seed` fills the store with demo calls, `analyse FILE` analyses one transcript, `export` writes calls."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

from salesbot.bootstrap import build_analyst, build_app, build_demo_store
from salesbot.cli.seed import seed, text_progress
from salesbot.errors import ConfigError, InvalidInput, SalesbotError
from salesbot.models import CallFilter, Outcome
from salesbot.settings import load_settings
from salesbot.text import counted


class BadArguments(Exception):
    """What was wrong with the command line, said in one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage block
        raise BadArguments(message)


def _day(text: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date ({e})") from e


def _parser() -> _Parser:
    parser = _Parser(prog="python -m salesbot")
    commands = parser.add_subparsers(dest="command", required=True)
    seeding = commands.add_parser("seed", help="fill the configured store with synthetic finished calls")
    seeding.add_argument("--calls", type=int, required=True, help="how many calls to create")
    seeding.add_argument("--seed", type=int, default=1, help="the same seed gives the same data (default 1)")
    analysing = commands.add_parser("analyse", help="analyse one transcript (JSON) and print the analysis as JSON")
    analysing.add_argument("file", type=Path, help='{"topics": [...], "status": "...", "utterances": [...]}')
    analysing.add_argument("--analyst", choices=("offline", "llm"), help="default: the configured analyser")
    exporting = commands.add_parser(
        "export", help="write the calls matching a filter to standard output, as the Transcripts page's Export CSV"
    )
    exporting.add_argument("--format", choices=("csv", "jsonl"), required=True, help="csv (as the page) or jsonl")
    exporting.add_argument(
        "--search", default="", metavar="TEXT", help='words that must all appear; "quoted words" as a phrase'
    )
    exporting.add_argument("--said-by", choices=("customer", "agent"), help="search only this speaker's lines")
    outcomes = [o.value for o in Outcome]
    exporting.add_argument("--outcome", action="append", choices=outcomes, metavar="OUTCOME",
                           help=f"calls with this outcome, repeatable: {', '.join(outcomes)}")  # fmt: skip
    exporting.add_argument(
        "--from", dest="date_from", type=_day, metavar="DATE", help="calls made on or after this day (YYYY-MM-DD)"
    )
    exporting.add_argument(
        "--to", dest="date_to", type=_day, metavar="DATE", help="calls made on or before this day (YYYY-MM-DD)"
    )
    return parser


def export_filter(args: argparse.Namespace) -> CallFilter:
    """The CallFilter the Transcripts page builds for the same choices (newest first, as the page opens)."""
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise BadArguments(f"--from {args.date_from} is after --to {args.date_to}")
    return CallFilter(
        date_from=args.date_from,
        date_to=args.date_to,
        outcomes=tuple(dict.fromkeys(args.outcome or ())),
        search=args.search,
        said_by=args.said_by or "",
    )


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command == "seed" and args.calls < 1:
            raise BadArguments("--calls must be at least 1")
        call_filter = export_filter(args) if args.command == "export" else None
    except BadArguments as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if args.command == "analyse":
        return analyse(args.file, args.analyst)
    if call_filter is not None:
        return export(call_filter, args.format)
    try:
        store = build_demo_store(load_settings())
        print(f"Seeding {counted(args.calls, 'call')} into {store.description} (seed {args.seed})", file=sys.stderr)
        stored = seed(store, args.calls, args.seed, progress=text_progress)
    except SalesbotError as e:
        print(f"error: {e.user_message}", file=sys.stderr)
        return 1
    print(f"Stored {counted(stored, 'call')}.", file=sys.stderr)
    return 0


def analyse(path: Path, choice: str | None) -> int:
    """Print the analysis of one transcript; exit 2 on bad input, 1 when the analyser fails."""
    from salesbot.cli.transcript_file import analysis_json, read_transcript

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


def export(call_filter: CallFilter, form: str) -> int:
    """Stream the matching calls to standard output, a progress line on standard error; exit 1 if the store fails."""
    out = sys.stdout.buffer
    done = 0

    def progress(exported: int) -> None:
        nonlocal done
        done = exported
        text_progress(done, max(total, done))

    try:
        settings = load_settings()
        # Standard error holds the progress line and one-line errors; log records only when debugging.
        quiet = settings.log_level if settings.log_level == "DEBUG" else "CRITICAL"
        app = build_app(dataclasses.replace(settings, log_level=quiet))
        total = app.exports.count(call_filter)
        print(f"Exporting {counted(total, 'call')} from {app.store.description} as {form}", file=sys.stderr)
        chunks = app.exports.csv_chunks if form == "csv" else app.exports.jsonl_chunks
        for chunk in chunks(call_filter, progress):
            out.write(chunk)
        out.flush()
    except SalesbotError as e:
        print(f"\nerror: {e.user_message}" if done else f"error: {e.user_message}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader stopped early (e.g. `| head`): nothing more to write
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(("\n" if done else "") + "error: the output was closed before the export ended", file=sys.stderr)
        return 1
    if done < total:  # calls deleted meanwhile: finish the progress line
        text_progress(done, done)
    print(f"Exported {counted(done, 'call')}.", file=sys.stderr)
    return 0
