"""Start the app like `make run` does and launch Debian's chromium: shared by browser tests and benchmarks."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class RunningApp:
    url: str
    db_path: Path
    process: subprocess.Popen[bytes]


def start_app(
    tmp_path: Path, extra_env: dict[str, str], *, port: int | None = None, secrets_file: Path | None = None
) -> RunningApp:
    """Start the app like `make run` does, on a free port (or `port`), and wait until it is healthy. `secrets_file`
    replaces the secrets.toml files Streamlit would read (the repo's and ~/.streamlit's), e.g. one with [auth]."""
    port = port or free_port()
    db = tmp_path / "browser.db"
    env = {
        **os.environ,
        "SALESBOT_DB_PATH": str(db),
        "SALESBOT_SIM_SPEED": "10",
        "SALESBOT_SIM_PERSONA": "ready",
        # only the test's secrets (a developer's .streamlit/secrets.toml never leaks in), no watching the checkout
        "STREAMLIT_SECRETS_FILES": str(secrets_file or tmp_path / "no-secrets.toml"),
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
        **extra_env,
    }
    log = open(tmp_path / "streamlit.log", "wb")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.read() == b"ok":
                    return RunningApp(url, db, process)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"the app did not start: {(tmp_path / 'streamlit.log').read_text()[-2000:]}")


def stop_app(app: RunningApp) -> None:
    app.process.terminate()
    try:
        app.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.process.kill()
