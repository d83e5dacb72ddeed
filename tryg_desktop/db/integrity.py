"""SQLite's own health checks: the file's pages, the foreign keys, the search index. Raw
findings only; services/db_health.py words them for the user.

A server database keeps its own pages, keys and indexes consistent (and municipal IT checks
and backs up the server): there the check is one round trip that proves the connection."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from tryg_desktop.db.connection import database, is_read_only
from tryg_desktop.db.dialect import is_server
from tryg_desktop.db.errors import DamagedDatabaseError, DanishDatabaseError

# The FTS5 indexes and the table each one indexes.
SEARCH_INDEXES = {"contact_search": "contact"}


@dataclass
class Findings:
    pages: list[str] = field(default_factory=list)  # SQLite's English, for the log only
    broken_links: dict[str, int] = field(default_factory=dict)  # table → rows pointing nowhere
    stale_indexes: list[str] = field(default_factory=list)  # table whose search index is off
    unreadable: bool = False  # the check itself could not read the file


def check(quick: bool = False) -> Findings:
    """quick: PRAGMA quick_check only (no index contents, no foreign keys, no search index),
    fit for start-up and before a write command."""
    found = Findings()
    if is_server():
        database.execute_sql("SELECT 1").fetchone()
        return found
    try:
        rows = database.execute_sql("PRAGMA quick_check" if quick else "PRAGMA integrity_check")
        found.pages = [row[0] for row in rows.fetchall() if row[0] != "ok"]
        if quick:
            return found
        for table, *_rest in database.execute_sql("PRAGMA foreign_key_check").fetchall():
            found.broken_links[table] = found.broken_links.get(table, 0) + 1
        for index, table in SEARCH_INDEXES.items():
            if not _search_index_ok(index):
                found.stale_indexes.append(table)
    except (DamagedDatabaseError, sqlite3.DatabaseError):
        # Rows are fetched past peewee's error wrapper: a damaged page may raise sqlite3's own.
        found.unreadable = True
    return found


def _search_index_ok(index: str) -> bool:
    if not database.execute_sql("SELECT 1 FROM sqlite_master WHERE name = ?", (index,)).fetchone():
        return True  # an older schema without it
    try:
        # FTS5's own check; rank 1 also compares the index with the table it indexes. An
        # INSERT in form only: it writes nothing.
        database.execute_sql(f"INSERT INTO {index}({index}, rank) VALUES('integrity-check', 1)")
    except (DamagedDatabaseError, sqlite3.DatabaseError):
        return False
    except DanishDatabaseError:
        if is_read_only():
            return True  # SQLite will not run the check on a read-only file; nothing to say
        raise
    return True
