"""Every example search and filter README.md gives finds calls in freshly seeded demo data."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from salesbot.cli.main import _parser, export_filter
from salesbot.cli.seed import seed
from salesbot.models import CallFilter
from salesbot.storage.sqlite import SQLiteStore
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()
COMMANDS = [line for line in README.splitlines() if line.startswith("python -m salesbot export --format")]
PHRASES = sorted(set(re.findall(r'`("[^"`]+")`', README)))  # a quoted search shown as it is typed
PAGE_FILTERS = {  # the Transcripts page examples README names in words
    "Objection raised* price with *Outcome* not interested": CallFilter(objections=("price",), outcomes=("not_interested",)),
    "*Placed by*\n`asha.rao@acme.example` with *Next step agreed*": CallFilter(created_by="asha.rao@acme.example",
                                                                            next_step_agreed=True),
}  # fmt: skip


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    store = SQLiteStore(Path(tmp_path_factory.mktemp("readme")) / "demo.db")
    seed(store, 800, seed=1)
    return store


def test_readme_has_the_examples() -> None:
    assert len(COMMANDS) >= 4 and '"next quarter"' in PHRASES
    assert all(words in README for words in PAGE_FILTERS)


@pytest.mark.parametrize("command", COMMANDS)
def test_each_export_example_finds_calls(seeded: SQLiteStore, command: str) -> None:
    argv = shlex.split(command.split(" > ")[0])[3:]  # after `python -m salesbot`
    call_filter = export_filter(_parser().parse_args(argv))
    assert seeded.search_calls(call_filter, limit=1, offset=0).total > 0, command


@pytest.mark.parametrize("phrase", PHRASES)
def test_each_quoted_search_finds_calls(seeded: SQLiteStore, phrase: str) -> None:
    assert seeded.search_calls(CallFilter(search=phrase), limit=1, offset=0).total > 0


@pytest.mark.parametrize("words", PAGE_FILTERS)
def test_each_page_example_finds_calls(seeded: SQLiteStore, words: str) -> None:
    assert seeded.search_calls(PAGE_FILTERS[words], limit=1, offset=0).total > 0
