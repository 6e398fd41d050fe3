"""schemathesis against the running app's /api/openapi.json: every check, a fixed seed, no finding allowed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.api_app import TOKEN, Api, running_api

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("schemathesis.toml")
EXAMPLES = 12  # per operation and phase: with the coverage phase's own cases, every endpoint and status is reached


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    with running_api(tmp_path_factory.mktemp("fuzz"), SALESBOT_API_TOKEN=TOKEN) as running:
        yield running


def test_schemathesis_finds_nothing_with_every_check(api: Api, tmp_path: Path) -> None:
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "--no-color",
        "run", f"{api.url}/api/openapi.json", "--checks", "all", "--max-examples", str(EXAMPLES),
        "--header", f"Authorization: Bearer {TOKEN}", "--exclude-path", "/webhooks/bland",  # signed: test_api_bland
        "--report", "junit", "--report-dir", str(tmp_path),
    ]  # fmt: skip
    started = time.monotonic()
    run = subprocess.run(
        command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300
    )
    seconds = time.monotonic() - started
    output = run.stdout + run.stderr
    generated = re.search(r"(\d+) generated", output)
    print(f"schemathesis: {generated.group(1) if generated else '?'} cases, every check, {seconds:.1f} s")
    assert run.returncode == 0, output[-8000:]
    assert generated and int(generated.group(1)) >= 100, output[-2000:]
    assert "Tested: 4" in output  # every endpoint but the signed webhook
