"""schemathesis against the running app's /api/openapi.json: every check, a fixed seed, no finding allowed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.integration.api_app import TOKEN, Api, running_api

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("schemathesis.toml")
EXAMPLES = 8  # per operation and phase, beside the coverage phase's own cases (which reach each status below)
# What the run must reach: each endpoint's success and the refusals a client can cause (502 and 503 need a failing
# provider or store: test_api_bland.py and test_api_off.py cause them; 413 a body over 1 MB: test_api.py)
REACHED = {
    "POST /api/customers": {201, 400, 401, 422},
    "POST /api/sales-script": {201, 401, 404, 422},
    "POST /api/call": {202, 400, 401, 403, 404, 409, 422},
    "GET /api/call-transcript": {200, 401, 404, 422},
}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    # the metrics behind the same token, so schemathesis reaches them too (their own token is tested in their tests)
    tmp = tmp_path_factory.mktemp("fuzz")
    with running_api(tmp, SALESBOT_API_TOKEN=TOKEN, SALESBOT_METRICS_TOKEN=TOKEN) as running:
        yield running


def test_schemathesis_finds_nothing_with_every_check(api: Api, tmp_path: Path) -> None:
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "--no-color",
        "run", f"{api.url}/api/openapi.json", "--checks", "all", "--max-examples", str(EXAMPLES),
        "--header", f"Authorization: Bearer {TOKEN}", "--exclude-path", "/webhooks/bland",  # signed: test_api_bland
        "--workers", "2", "--report", "har", "--report-har-path", str(tmp_path / "run.har"),
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
    assert "Tested: 6" in output  # every endpoint but the signed webhook
    reached = statuses(tmp_path / "run.har")
    print("statuses:", {operation: sorted(codes) for operation, codes in reached.items()})
    for operation, codes in REACHED.items():
        assert codes <= reached.get(operation, set()), (operation, sorted(reached.get(operation, set())))


def statuses(har: Path) -> dict[str, set[int]]:
    """The statuses each endpoint answered during the run, from its HAR report."""
    reached: dict[str, set[int]] = {}
    for entry in json.loads(har.read_text())["log"]["entries"]:
        operation = f"{entry['request']['method']} {urlsplit(entry['request']['url']).path}"
        reached.setdefault(operation, set()).add(int(entry["response"]["status"]))
    return reached
