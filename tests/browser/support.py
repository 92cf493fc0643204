"""Browser-test plumbing: serve the app on a free loopback port and drive Debian's Chromium.

Follows Streamlit's own e2e suite: after each interaction wait briefly, then
for the app to report ``notRunning`` and for skeletons to disappear.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

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


@contextmanager
def serve(db: Path, timeout: float = 90):
    """Run ``streamlit run app.py`` against ``db``; yield its base URL."""
    port = free_port()
    env = {**os.environ, "TALENTA_DB": str(db), "PYTHONUNBUFFERED": "1"}
    log = open(db.with_suffix(".server.log"), "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"streamlit did not start: {db.with_suffix('.server.log').read_text()[-2000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Chromium is not installed: apt-get install -y chromium (./dev.sh test does it)")
    return path


def wait_idle(page, timeout: float = 60_000) -> None:
    page.wait_for_timeout(250)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_function("!document.querySelector(\"[data-testid='stSkeleton']\")", timeout=timeout)


def wait_grid_text(grid, timeout: float = 20_000) -> None:
    """Streamlit's canvas data grid fills its accessible table a moment after creating it: wait until
    a cell holds text before reading it. ``grid`` is the stDataFrame locator (or any ancestor)."""
    grid.locator("table[role='grid'] tbody td").first.wait_for(state="attached", timeout=timeout)
    grid.page.wait_for_function(
        """g => [...g.querySelectorAll("table[role='grid'] tbody td")].some(c => c.textContent.trim())""",
        arg=grid.element_handle(), timeout=timeout)


_BADGES = """() => {
    const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
    const badges = gd._fullData[0], anns = gd._fullLayout.annotations, out = {};
    for (let i = 0; i < badges.x.length; i++) {
        const a = anns.find(a => Math.abs(a.x - badges.x[i]) < 1e-6 && Math.abs(a.y - badges.y[i]) < 1e-6);
        out[badges.text[i].replace(/<\\/?b>/g, '')] = a ? a.text : null;
    }
    return out;
}"""


def badge_counts(page) -> dict[int, int]:
    """Sembilan Kotak / Kalibrasi scatter: box → the count written next to its badge ('<b>163</b> · 2,7%')."""
    texts = page.evaluate(_BADGES)
    assert len(texts) == 9 and all(texts.values()), texts
    return {int(k): int(re.match(r"<b>([\d.]+)</b>", v).group(1).replace(".", "")) for k, v in texts.items()}
