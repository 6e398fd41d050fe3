"""`python -m salesbot export`: the same bytes as App.exports for the same filter, on a seeded SQLite file; errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from salesbot.bootstrap import build_app
from salesbot.cli.main import main
from salesbot.cli.seed import seed
from salesbot.exports.service import ExportService
from salesbot.models import CallFilter, Outcome
from salesbot.settings import Settings
from salesbot.storage import CallStore
from salesbot.storage.sqlite import SQLiteStore
from tests.builders import a_finished_call
from tests.conftest import ROOT

HYPERLINK = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("export") / "seeded.db"
    store = SQLiteStore(db)
    seed(store, 1200, seed=3)
    a_finished_call(store, HYPERLINK, "The pricing works, book Thursday.", when=datetime(2026, 11, 20, 9, tzinfo=UTC),
                    seconds=61, outcome=Outcome.INTERESTED)  # fmt: skip
    return db


def command(db: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {"PATH": "/usr/bin:/bin", "SALESBOT_DB_PATH": str(db)}
    return subprocess.run([sys.executable, "-m", "salesbot", "export", *args], cwd=ROOT, env=env,
                          capture_output=True, timeout=120)  # fmt: skip


def exported(db: Path, form: str, call_filter: CallFilter) -> bytes:
    exports = build_app(Settings(db_path=db)).exports
    chunks = exports.csv_chunks if form == "csv" else exports.jsonl_chunks
    return b"".join(chunks(call_filter))


@pytest.mark.parametrize(
    ("args", "call_filter"),
    [
        ((), CallFilter()),
        (("--search", "pricing", "--outcome", "interested", "--outcome", "follow_up", "--from", "2026-10-15",
          "--to", "2026-11-20"),
         CallFilter(search="pricing", outcomes=("interested", "follow_up"), date_from=date(2026, 10, 15),
                    date_to=date(2026, 11, 20))),
        (("--search", "price", "--said-by", "customer"), CallFilter(search="price", said_by="customer")),
    ],
)  # fmt: skip
def test_the_command_writes_what_the_page_exports(seeded: Path, args: tuple[str, ...], call_filter: CallFilter) -> None:
    done = command(seeded, "--format", "csv", *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout == exported(seeded, "csv", call_filter)
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"), newline="")))
    assert rows and len(rows) == build_app(Settings(db_path=seeded)).exports.count(call_filter)
    progress = done.stderr.decode()
    assert f"{len(rows):,}/{len(rows):,} calls" in progress and f"Exported {len(rows):,} calls." in progress
    if call_filter.outcomes:
        assert {r["outcome"] for r in rows} <= {"interested", "follow_up"} and len(rows) < 1200
        assert all("2026-10-15" <= r["created_at"][:10] <= "2026-11-20" for r in rows)


def test_jsonl_has_a_line_per_call_and_a_hostile_name_stays_inert(seeded: Path) -> None:
    done = command(seeded, "--format", "jsonl", "--outcome", "interested")
    assert done.returncode == 0, done.stderr
    assert done.stdout == exported(seeded, "jsonl", CallFilter(outcomes=("interested",)))
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines and {line["analysis"]["outcome"] for line in lines} == {"interested"}
    assert all(line["script"]["version"] >= 1 and line["transcript"] for line in lines)
    assert HYPERLINK in [line["customer"]["name"] for line in lines]  # JSON keeps the name as typed
    table = command(seeded, "--format", "csv", "--search", "Thursday", "--from", "2026-11-20", "--to", "2026-11-20")
    names = [r["customer"] for r in csv.DictReader(io.StringIO(table.stdout.decode("utf-8-sig"), newline=""))]
    assert "'" + HYPERLINK in names and HYPERLINK not in names


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "argument --format: invalid choice: 'xml'"),
        ([], "the following arguments are required: --format"),
        (["--format", "csv", "--outcome", "sold"], "argument --outcome: invalid choice: 'sold'"),
        (["--format", "csv", "--said-by", "bot"], "argument --said-by: invalid choice: 'bot'"),
        (["--format", "csv", "--from", "2026-13-01"], "argument --from: '2026-13-01' is not a date"),
        (["--format", "csv", "--to", "24/11/2026"], "argument --to: '24/11/2026' is not a date as YYYY-MM-DD"),
        (["--format", "csv", "--from", "2026-11-24", "--to", "2026-11-01"], "--from 2026-11-24 is after --to"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_code_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: ") and err.count("\n") == 1 and message in err, err


def test_a_store_that_fails_is_one_line_and_exit_code_1(tmp_path: Path) -> None:
    done = command(tmp_path, "--format", "csv")  # a folder, not a database file
    assert done.returncode == 1 and done.stdout == b""
    assert done.stderr.decode().startswith("error: ") and done.stderr.count(b"\n") == 1
    bad = command(tmp_path / "x.db", "--format", "json")
    assert bad.returncode == 2 and bad.stderr.startswith(b"error: argument --format: invalid choice: 'json'")
    assert bad.stderr.count(b"\n") == 1


@pytest.mark.parametrize(
    "call_filter",
    [
        CallFilter(),
        CallFilter(search="pricing", sort="oldest"),
        CallFilter(outcomes=("not_interested",), sort="longest"),
    ],
)
def test_both_stores_export_every_match_in_the_page_order(any_store: CallStore, call_filter: CallFilter) -> None:
    seed(any_store, 60, seed=5)
    expected = [r.summary.id for r in any_store.search_calls(call_filter, limit=100, offset=0).rows]
    service = ExportService(any_store, batch=7)  # many batches, each after the last
    rows = list(csv.DictReader(io.StringIO(b"".join(service.csv_chunks(call_filter)).decode("utf-8-sig"), newline="")))
    assert expected and [int(r["call_id"]) for r in rows] == expected
    assert all(r["script_version"] in ("v1", "v2") and r["email"].endswith("@example.com") for r in rows)
    assert {r["script_version"] for r in rows} == {"v1", "v2"} or call_filter.outcomes  # the seed edits some scripts
    lines = [json.loads(line) for line in b"".join(service.jsonl_chunks(call_filter)).splitlines()]
    assert [line["id"] for line in lines] == expected
    assert all(line["script"]["version"] in (1, 2) and line["transcript"][0]["seconds"] is not None for line in lines)
