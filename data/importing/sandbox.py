"""Parse a workbook in a child process with a memory limit, so that a native failure (python-calamine's
allocator aborts the whole process when a sheet asks for more than the machine has) ends the child,
never the server: the parent gets an Indonesian refusal and the child's memory goes with it.

The child is a fresh ``python -m data.importing.sandbox`` (no fork of the server: its threads and
locks, Streamlit's and DuckDB's, stay behind). It imports only the Excel reader (about 0.15 s), gets
the file on stdin and sends the cells back pickled on stdout; its stderr (a Rust backtrace) is
dropped. Measured overhead and the reasons for this choice: docs/decisions/0019-bounded-reading.md.
"""
from __future__ import annotations

import dataclasses
import json
import os
import pickle
import resource
import subprocess
import sys
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


def read_in_child(content: bytes, name: str, ext: str, limits: ReadLimits):
    """What :func:`excel_reader.workbook_cells` returns, computed in a child process."""
    args = json.dumps({"name": name, "ext": ext, "limits": dataclasses.asdict(limits)})
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen([sys.executable, "-m", "data.importing.sandbox", args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=_ROOT)
    try:
        out, _ = proc.communicate(content, timeout=limits.reader_seconds)
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
    spec = json.loads(sys.argv[1])
    limits = ReadLimits(**spec["limits"])
    content = sys.stdin.buffer.read()
    try:
        _limit_memory(limits.reader_memory_gb)
        from data.importing.excel_reader import workbook_cells
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
