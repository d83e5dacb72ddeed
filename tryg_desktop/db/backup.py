"""SQLite's online backup: a consistent copy of the open database while others keep using it.
The SQLite file's side of backups (the team's server has db/server/transfer.py): the services
catch FileError and DamagedFileError from here, not the sqlite3 module's own."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tryg_desktop.db.connection import database
from tryg_desktop.l10n import COLLATION_NAME, danish_compare


# What the file's backup, check and restore raise: any SQLite error, and a damaged or foreign
# file in particular.
FileError = sqlite3.Error
DamagedFileError = sqlite3.DatabaseError


class CheckFailedError(sqlite3.DatabaseError):
    """SQLite's integrity or quick check found faults (its English report is the argument:
    for the log, not for the user)."""


def database_file() -> Path | None:
    """The file behind the open database; None for an in-memory one."""
    # open_database keeps the path: a read-only database's own name is a "file:…?mode=ro" URI.
    path = getattr(database.obj, "file", None)
    return Path(path).expanduser().resolve() if path else None


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


def inspect_copy(path: Path | str, full: bool = False) -> dict[str, int]:
    """Check the copy's integrity (read-only) and count its rows: {"contact": n, ...}.
    full: SQLite's integrity_check, which also compares every index with its table."""
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        # The name indexes use the Danish collation; the check cannot read them without it.
        conn.create_collation(COLLATION_NAME, danish_compare)
        check = "integrity_check" if full else "quick_check"
        try:
            result = conn.execute(f"PRAGMA {check}").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF != sqlite3.SQLITE_CORRUPT:
                raise  # not a verdict on the file (e.g. not a database at all)
            raise CheckFailedError(str(exc)) from exc
        if result != "ok":
            raise CheckFailedError(result)
        return {table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                for table in ("contact", "organisation")}
    finally:
        conn.close()


def _with_page_size(source: sqlite3.Connection, scratch: Path | str,
                    page_size: int) -> sqlite3.Connection:
    copy = sqlite3.connect(str(scratch))
    try:
        copy.create_collation(COLLATION_NAME, danish_compare)  # VACUUM rebuilds the indexes
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
        copy.execute(f"PRAGMA page_size={int(page_size)}")
        copy.execute("VACUUM")
    except sqlite3.Error:
        copy.close()
        raise
    finally:
        source.close()
    return copy


def is_newer_than_app(path: Path | str) -> bool:
    """True when the file was written by a newer Tryg Desktop (its schema is ahead of ours)."""
    from tryg_desktop.db.migrations import LATEST

    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        row = conn.execute('SELECT MAX("version") FROM "schema_version"').fetchone()
    except sqlite3.OperationalError:
        return False  # older than the version table: migrations bring it up to date
    finally:
        conn.close()
    return (row[0] or 0) > LATEST


def restore_from(path: Path | str, scratch: Path | str) -> None:
    """Copy the database file at path over the open database, through SQLite's backup API
    into this thread's connection: in one transaction (a failure leaves the database as it
    was), under SQLite's locks (other connections and processes see the old data or the new,
    and need not reopen). Then its schema is brought up to date and checked.

    A WAL database cannot take pages of another size: a backup with another page size is
    first rewritten in the file scratch (new or empty; the caller removes it)."""
    from tryg_desktop.db.migrations import migrate

    target = database.connection()
    source = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        wanted = target.execute("PRAGMA page_size").fetchone()[0]
        if source.execute("PRAGMA page_size").fetchone()[0] != wanted:
            source = _with_page_size(source, scratch, wanted)
        source.backup(target)
    finally:
        source.close()
    migrate(database.obj)
    result = database.execute_sql("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise CheckFailedError(result)
