"""The alert rules in deploy/prometheus are valid and behave as their tests say, checked by Prometheus's promtool."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from salesbot import metrics

PROMETHEUS = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"


def _promtool(*args: str) -> subprocess.CompletedProcess[str]:
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.fail("promtool is not installed: `make test` installs Debian's prometheus package")
    return subprocess.run([promtool, *args], cwd=PROMETHEUS, capture_output=True, text=True, timeout=60)


def test_the_alert_rules_pass_their_unit_tests() -> None:
    checked = _promtool("check", "rules", "alerts.rules.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tested = _promtool("test", "rules", "alerts.test.yml")
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_the_scrape_config_is_valid() -> None:
    checked = _promtool("check", "config", "--syntax-only", "prometheus.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_metric_an_alert_reads_is_one_the_app_exports() -> None:
    exported = {m.name for m in metrics.REGISTRY.collect()}
    rules = (PROMETHEUS / "alerts.rules.yml").read_text()
    read = set(re.findall(r"\bsalesbot_[a-z_]+", rules))
    base = {name.removesuffix("_total").removesuffix("_count").removesuffix("_bucket") for name in read}
    assert base <= exported, base - exported
