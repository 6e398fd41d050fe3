"""The layers drawn in docs/architecture.md hold: import-linter's contracts (pyproject.toml) on the real package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_every_import_goes_down_the_layers() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_import_going_up_breaks_the_contract(tmp_path: Path) -> None:
    """The contract can fail: the models importing a service (an arrow pointing back up) is reported."""
    shutil.copytree(ROOT / "salesbot", tmp_path / "salesbot", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    models = tmp_path / "salesbot" / "models" / "queries.py"
    models.write_text(models.read_text() + "\nfrom salesbot.services import archive  # noqa\n")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "salesbot.models is not allowed to import salesbot.services" in result.stdout
