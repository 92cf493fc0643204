"""What a snapshot is made of (format, manifest name, audit actions) and the file helpers every
step shares: time stamps in names, SHA-256 of a file, fsync of a folder."""
from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

FORMAT = "talenta-cadangan"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
AUDIT_BACKUP, AUDIT_RESTORE = "cadangan:buat", "cadangan:pulihkan"


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
