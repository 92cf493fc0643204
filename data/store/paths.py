"""Where the database file and the schema migrations live."""
from __future__ import annotations

import os
from pathlib import Path

_DATA = Path(__file__).parent.parent
MIGRATIONS_DIR = _DATA / "migrations"
DEFAULT_DB = _DATA / "talenta.duckdb"


def db_path() -> Path:
    """Database file: ``$TALENTA_DB`` or ``data/talenta.duckdb``."""
    return Path(os.environ.get("TALENTA_DB") or DEFAULT_DB)
