"""Browser-test plumbing: serve the app on a free loopback port and drive Debian's Chromium.

What the tests do on a page, and how they wait for it, is in ``tests/browser/actions.py``.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
# Debian's Chromium calls Google services on start whatever the flags: a proxy on a closed loopback
# port stops every request that is not for the served app (loopback is never proxied).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                 "--proxy-server=http://127.0.0.1:9"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server(NamedTuple):
    """A running app server: its base URL, its process and the seconds from its start to its health check."""

    url: str
    proc: subprocess.Popen
    start_s: float


@contextmanager
def server(db: Path, module: str = "streamlit", log: Path | None = None, timeout: float = 180,
           port: int | None = None) -> Iterator[Server]:
    """Run ``python -m <module> run app.py`` against ``db`` on a loopback port (free, unless given: a browser
    keeps its cache per port) until its health check answers; yield the :class:`Server`, stop it after.
    ``module`` is ``streamlit`` (the tests) or ``ui.serve`` (as ``./dev.sh serve``: the benchmark). The
    server's output goes to ``log`` (default: beside ``db``)."""
    port = port or free_port()
    env = {**os.environ, "TALENTA_DB": str(db), "PYTHONUNBUFFERED": "1"}
    log = log or db.with_suffix(".server.log")
    out = open(log, "w")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", module, "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.perf_counter() - started > timeout:
                raise RuntimeError(f"python -m {module} did not start: {log.read_text()[-2000:]}")
            time.sleep(0.05)  # fine-grained: the benchmark times the start
        yield Server(url, proc, time.perf_counter() - started)
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        out.close()


@contextmanager
def serve(db: Path, timeout: float = 180) -> Iterator[str]:
    """Run ``streamlit run app.py`` against ``db``; yield its base URL."""
    with server(db, timeout=timeout) as running:
        yield running.url


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Chromium is not installed: apt-get install -y chromium (./dev.sh test does it)")
    return path
