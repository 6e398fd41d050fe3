"""Several app processes behind one address with Debian's nginx: the recipe `make cluster` runs, and tests reuse.

Streamlit keeps a browser session in one process over a websocket, so the pages go to a sticky upstream (ip_hash:
one client address, one process) with the websocket upgrade passed through; the REST API and Bland's webhook
(`/api/...`) are plain HTTP and go to any process (round robin, the next one when a process is down). Every
process must share one store: Supabase for servers on several machines, or one SQLite file for processes on one.

    python -m deploy.cluster --processes 3 --port 8500     # serves http://127.0.0.1:8500 until Ctrl-C
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_conf(listen: str, ports: list[int], prefix: Path) -> str:
    """A whole nginx.conf for a local run; the `upstream`s and the `server` block are what a real site needs."""
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n" for p in ports)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers read the temp paths below, made by this user
    return f"""{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  log_format upstreams '$request_method $request_uri $status $upstream_addr';
  access_log {prefix}/access.log upstreams;
  client_body_temp_path {prefix}/client_body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  client_max_body_size 2m;  # the API refuses bodies over 1 MB itself, with its own JSON error

  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}

  # The pages: one browser, one process (its session, its websocket, its media files and sign-in cookie).
  upstream salesbot_pages {{
    ip_hash;
{servers}  }}
  # The API and the webhook: any process; the store decides what must happen once.
  upstream salesbot_any {{
{servers}  }}

  server {{
    listen {listen};
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;

    location /api/ {{
      proxy_pass http://salesbot_any;
      proxy_http_version 1.1;
      proxy_buffering off;  # server-sent events arrive as they are sent
      proxy_read_timeout 1h;
      # a POST is not sent again to another process after a failure: only the Idempotency-Key may repeat it
      proxy_next_upstream error timeout;
    }}
    location / {{
      proxy_pass http://salesbot_pages;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1d;  # an idle tab keeps its websocket
    }}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not become healthy in {seconds:g} s")


@dataclass
class Cluster:
    """N app processes and nginx in front of them; `url` is the one address clients use."""

    url: str
    workdir: Path
    apps: list[subprocess.Popen[bytes]] = field(default_factory=list)
    app_urls: list[str] = field(default_factory=list)
    nginx: subprocess.Popen[bytes] | None = None

    def stop(self) -> None:
        if self.nginx is not None:
            self.nginx.terminate()
        for p in self.apps:
            p.terminate()
        for p in [*self.apps, *([self.nginx] if self.nginx else [])]:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()


def start_cluster(processes: int, workdir: Path, env: dict[str, str], port: int | None = None) -> Cluster:
    """Start `processes` apps (as `make run` does) and nginx on `port` (a free one by default); wait until ready."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    cluster = Cluster(f"http://127.0.0.1:{port}", workdir)
    ports = [free_port() for _ in range(processes)]
    try:
        for n, p in enumerate(ports):
            log = open(workdir / f"app-{n}.log", "wb")  # noqa: SIM115 - closed with the process
            cluster.apps.append(subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true",
                 "--server.port", str(p), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
                cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
            ))  # fmt: skip
            cluster.app_urls.append(f"http://127.0.0.1:{p}")
        for url in cluster.app_urls:
            wait_healthy(url)
        conf = workdir / "nginx.conf"
        conf.write_text(nginx_conf(f"127.0.0.1:{port}", ports, workdir))
        log = open(workdir / "nginx.out", "wb")  # noqa: SIM115 - closed with the process
        cluster.nginx = subprocess.Popen(
            [NGINX, "-p", str(workdir), "-c", str(conf), "-g", "daemon off;"], stdout=log, stderr=subprocess.STDOUT
        )
        wait_healthy(cluster.url)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--port", type=int, default=8500)
    parser.add_argument("--workdir", type=Path, default=ROOT / ".cluster")
    args = parser.parse_args()
    if not Path(NGINX).exists():
        sys.exit("nginx is not installed: `apt-get install nginx` (Debian's package), or run `make cluster`.")
    cluster = start_cluster(args.processes, args.workdir, {}, port=args.port)
    print(f"{args.processes} app processes behind {cluster.url} (nginx); Ctrl-C stops them", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while all(p.poll() is None for p in cluster.apps):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
