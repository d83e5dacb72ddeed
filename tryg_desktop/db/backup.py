"""SQLite's online backup: a consistent copy of the open database while others keep using it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tryg_desktop.db.connection import database
from tryg_desktop.l10n import COLLATION_NAME, danish_compare


def database_file() -> Path | None:
    """The file behind the open database; None for an in-memory one."""
    name = database.obj.database if database.obj is not None else None
    if not name or name == ":memory:":
        return None
    return Path(name).expanduser().resolve()


def backup_to(path: Path | str) -> None:
    """Copy the open database into the new or empty file at path.

    The copy is taken in one step, i.e. under one read snapshot: in WAL mode other connections
    (the GUI, a second window) may keep writing meanwhile, and what they have not committed is
    not copied.
    """
    target = sqlite3.connect(str(path))
    try:
        database.connection().backup(target)
        # A backup should be one self-contained file, with no -wal file beside it.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()


def inspect_copy(path: Path | str) -> dict[str, int]:
    """Check the copy's integrity (read-only) and count its rows: {"contact": n, ...}."""
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        # The name indexes use the Danish collation; the check cannot read them without it.
        conn.create_collation(COLLATION_NAME, danish_compare)
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {result}")
        return {table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                for table in ("contact", "organisation")}
    finally:
        conn.close()
