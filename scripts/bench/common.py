"""Helpers shared by the benchmark's parent and its child processes: timing, CPU seconds, peak memory."""
from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Streamlit's bare-mode chatter in a child's stderr (AppTest outside a server)
NOISE = ("missing ScriptRunContext", "No runtime found", "Session state does not function",
         "to view a Streamlit app on a browser", "streamlit run", "Warning: to view")


def vm_hwm_mb() -> float:
    """High-water RSS of this process image (VmHWM starts afresh at exec; ru_maxrss would also
    count the parent's memory at fork time)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return round(r.ru_utime + r.ru_stime, 1)


CPU: dict[str, float] = {}    # median CPU seconds of the last timed() call, by its wall-clock key


def timed(fn, repeat: int = 1, key: str | None = None):
    """(median wall seconds, last result); with ``key``, the median CPU seconds of the process
    (all threads) go to CPU[key], to tell waiting for a shared CPU from work."""
    times, cpus, result = [], [], None
    for _ in range(repeat):
        result = None                               # not alive while the next one is built
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    if key:
        CPU[key.removesuffix("_s") + "_cpu_s"] = round(statistics.median(cpus), 3)
    return round(statistics.median(times), 3), result


def say(text: str, row: dict | None = None) -> None:
    """A progress line on stderr; with ``row``, also the results so far on stdout (kept if the parent
    stops this child for its memory)."""
    print(f"    {datetime.now():%H:%M:%S} {text}", file=sys.stderr, flush=True)
    if row is not None:
        print(json.dumps({**row, **CPU}), flush=True)


def repeats(n: int) -> int:
    return 5 if n <= 100_000 else 3
