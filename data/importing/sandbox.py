"""Parse a workbook in a child process with a memory limit, so that a native failure (python-calamine's
allocator aborts the whole process when a sheet asks for more than the machine has) ends the child,
never the server: the parent gets an Indonesian refusal and the child's memory goes with it.

The child is a fresh ``python -m data.importing.sandbox`` (no fork of the server: its threads and
locks, Streamlit's and DuckDB's, stay behind). It imports only the Excel readers and pyarrow (about 0.2 s), gets
the file on stdin and sends the cells back pickled on stdout (as columns, :mod:`packed`); its stderr
(a Rust backtrace) is dropped. Measured overhead and the reasons for this choice:
docs/decisions/0019-bounded-reading.md.

Spares: a few children are started ahead (:func:`prepare`, when Impor Data shows its empty uploader; not
right after a drop's reads, where three starting interpreters would slow its check and its report), the Excel
readers already imported, each waiting for its one file (a line of JSON, then the bytes) on stdin:
a workbook then pays no start-up. Still one child per file, its memory limit set for that file.
A spare whose server goes away reads the end of its stdin and exits.

Behind: a child started for a file whose result is not awaited first (a drop's smaller files, read beside its
largest: :func:`behind`) runs at a lower CPU priority, so on a machine of two cores the longest read, which
the whole drop waits for, is not slowed by the others; they use what it leaves.
"""
from __future__ import annotations

import atexit
import contextlib
import dataclasses
import json
import os
import pickle
import resource
import subprocess
import sys
import threading
from pathlib import Path

from data.importing.errors import Rejected
from data.importing.limits import ReadLimits, n

MSG_DIED = ("Berkas '{name}' tidak dapat dibaca: pembacanya berhenti (batas memori {gb} GB); periksa "
            "apakah lembar berisi sel jauh di luar data, atau impor sebagai .csv.")
MSG_TIMEOUT = ("Berkas '{name}' tidak dapat dibaca: pembacanya tidak selesai dalam {seconds} detik; impor "
               "sebagai .csv atau bagi berkasnya.")
_ROOT = str(Path(__file__).resolve().parents[2])


def _vm_size() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _limit_memory(gb: int) -> None:
    """The child's address space: what it has now (interpreter and file) plus ``gb``."""
    cap = _vm_size() + gb * (1 << 30)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


SPARES = 3                      # children kept waiting: one for each file of a period's drop
_spares: list[subprocess.Popen] = []
_wanted = 0                     # spares to keep: 0 until prepare() (a server), so a command starts none
_lock = threading.Lock()


def _spawn() -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")])))
    return subprocess.Popen([sys.executable, "-m", "data.importing.sandbox"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=_ROOT)


def prepare(count: int = SPARES) -> None:
    """Keep ``count`` children waiting from now on (started in the background; returns at once)."""
    global _wanted
    with _lock:
        _wanted = count
        _spares[:] = [p for p in _spares if p.poll() is None]
        while len(_spares) < count:
            _spares.append(_spawn())


def _take() -> subprocess.Popen:
    """A waiting child, else a new child."""
    with _lock:
        while _spares:
            proc = _spares.pop(0)
            if proc.poll() is None:
                return proc
    return _spawn()


@atexit.register
def _release() -> None:
    """Waiting children read the end of their input and exit."""
    for proc in _spares:
        try:
            proc.stdin.close()
        except OSError:
            pass


BEHIND_NICE = 10                # the niceness of a child read behind the drop's longest (weight ~1/10)
_local = threading.local()


@contextlib.contextmanager
def behind():
    """Children started by this thread inside the block run at niceness ``BEHIND_NICE``."""
    _local.behind = True
    try:
        yield
    finally:
        _local.behind = False


def _deprioritise(proc: subprocess.Popen) -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, proc.pid, BEHIND_NICE)
    except OSError:   # gone already: its read fails and says so
        pass


def read_in_child(content: bytes, name: str, ext: str, limits: ReadLimits):
    """What :func:`excel_reader.workbook_cells` returns, computed in a child process."""
    spec = json.dumps({"name": name, "ext": ext, "limits": dataclasses.asdict(limits)}).encode() + b"\n"
    proc = _take()
    if getattr(_local, "behind", False):
        _deprioritise(proc)
    try:
        out, _ = proc.communicate(spec + content, timeout=limits.reader_seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise Rejected(MSG_TIMEOUT.format(name=name, seconds=n(limits.reader_seconds))) from None
    try:
        status, value = pickle.loads(out) if proc.returncode == 0 else ("died", None)
    except (pickle.UnpicklingError, EOFError, ValueError):
        status, value = "died", None
    del out
    if status == "ok":
        return value
    if status == "rejected":
        raise Rejected(value)
    raise Rejected(MSG_DIED.format(name=name, gb=n(limits.reader_memory_gb)))


def _main() -> None:
    # imported while waiting for the file: the readers and what they bring (~0.25 s)
    from data.importing.excel_reader import warm, workbook_cells
    warm()
    line = sys.stdin.buffer.readline()
    if not line.strip():                                        # the server went away
        return
    spec = json.loads(line)
    limits = ReadLimits(**spec["limits"])
    content = sys.stdin.buffer.read()
    try:
        _limit_memory(limits.reader_memory_gb)
        result = ("ok", workbook_cells(content, spec["name"], spec["ext"], limits))
    except Rejected as exc:
        result = ("rejected", str(exc))
    except MemoryError:
        result = ("died", None)
    del content
    pickle.dump(result, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _main()
