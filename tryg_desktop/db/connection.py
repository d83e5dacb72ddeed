"""Opening the database: pragmas, the Danish collation, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import DatabaseError, DatabaseProxy, SqliteDatabase
from peewee import PeeweeException as PeeweeError

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


# SQLite's own messages, as a Danish user should read them.
_SQLITE_DANISH = {
    "file is not a database": "filen er ikke en database",
    "unable to open database file": "filen kunne ikke åbnes",
    "database is locked": "databasen er optaget af et andet program; prøv igen om lidt",
    "database disk image is malformed": "databasefilen er beskadiget",
    "attempt to write a readonly database": "databasen er skrivebeskyttet",
    "disk I/O error": "fejl ved læsning eller skrivning på disken",
}


def danish_sqlite_message(text: str) -> str:
    for english, danish in _SQLITE_DANISH.items():
        text = text.replace(english, danish)
    return text


class DatabaseOpenError(Exception):
    """The database file cannot be opened; the message is Danish and fit to show."""


class DatabaseTooNewError(DatabaseOpenError):
    """The file was written by a newer Tryg Desktop; opening it could lose data."""


def open_database(path: Path | str, migrate: bool = True) -> SqliteDatabase:
    """Open (creating if needed) the SQLite file at path and bring its schema up to date."""
    path = Path(path)
    try:
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        db = SqliteDatabase(str(path), pragmas=PRAGMAS)
        # Registered on every connection peewee opens, including a worker thread's own.
        db.register_collation(danish_compare, COLLATION_NAME)
        # SQLite's own lower() and LIKE fold only ASCII; Danish names need Æ→æ, Ø→ø, Å→å.
        db.register_function(_lower, "lower", 1, deterministic=True)
        database.initialize(db)
        db.connect(reuse_if_open=True)
        if migrate:
            from tryg_desktop.db.migrations import migrate as run_migrations

            run_migrations(db)
    except DatabaseOpenError:
        close_database()
        raise
    except (PeeweeError, sqlite3.Error, OSError) as error:
        close_database()
        raise DatabaseOpenError(
            f"Databasen {path} kan ikke åbnes: {danish_sqlite_message(str(error))}") from error
    return db


def _lower(text):
    return text.lower() if isinstance(text, str) else text


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()


def same_text_ignoring_case(field, value: str):
    """field = value, ignoring case, using an index where there is one: SQLite's NOCASE folds
    ASCII only, which suits e-mail addresses; elsewhere lower() on both sides."""
    if isinstance(database.obj, SqliteDatabase) and value.isascii():
        return field.collate("NOCASE") == value
    from peewee import fn

    return fn.lower(field) == value.lower()


def not_for_index(node):
    """The column behind a unary plus: the same value, but SQLite's planner will not pick an
    index on it. A flag such as "active" matches most rows; filtering through its index would
    stop the planner from walking the sort index for ORDER BY … LIMIT, the fast plan here."""
    from peewee import SQL, NodeList

    return NodeList((SQL("+"), node), glue="")
