"""Opening the database: pragmas, the Danish collation, migrations."""

from __future__ import annotations

from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase

from tryg_desktop.l10n import COLLATION_NAME, danish_compare

# Models bind to this proxy; open_database() points it at a real database.
database = DatabaseProxy()

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,  # another process (a CLI backup, a second window) may hold a lock briefly
    "cache_size": -16000,
}


class DatabaseTooNewError(Exception):
    """The file was written by a newer Tryg Desktop; opening it could lose data."""


def open_database(path: Path | str, migrate: bool = True) -> SqliteDatabase:
    """Open (creating if needed) the SQLite file at path and bring its schema up to date."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    db = SqliteDatabase(str(path), pragmas=PRAGMAS)
    # Registered on every connection peewee opens, including a worker thread's own connection.
    db.register_collation(danish_compare, COLLATION_NAME)
    # SQLite's own lower() and LIKE fold only ASCII; Danish names need Æ→æ, Ø→ø, Å→å.
    db.register_function(_lower, "lower", 1, deterministic=True)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    if migrate:
        from tryg_desktop.db.migrations import migrate as run_migrations

        run_migrations(db)
    return db


def _lower(text):
    return text.lower() if isinstance(text, str) else text


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()


def danish(node):
    """A column or expression compared in Danish order (ORDER BY, indexes)."""
    return node.collate(COLLATION_NAME)
