"""The layers drawn in docs/architecture.md hold: import-linter's contracts (pyproject.toml) on the real package."""

from __future__ import annotations

import ast
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


PAGES = [*sorted((ROOT / "views").glob("*.py")), ROOT / "streamlit_app.py", ROOT / "salesbot_pages.py"]
NOT_IN_A_PAGE = ("salesbot.storage", "supabase", "requests", "langchain_core", "langchain_openai", "sqlite3")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_pages_only_wire() -> None:
    """A page (views/, the entry files) reaches no store or outside service directly: only through services."""
    assert len(PAGES) >= 4
    for page in PAGES:
        reached = {n for n in _imports(page) for banned in NOT_IN_A_PAGE if n == banned or n.startswith(banned + ".")}
        assert not reached, f"{page.relative_to(ROOT)} imports {sorted(reached)}"


def test_the_page_check_sees_imports(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text("import streamlit as st\nfrom salesbot.storage import CallStore\n")
    assert "salesbot.storage" in _imports(page)
