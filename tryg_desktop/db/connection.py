"""Opening the database: private files, read-only when it cannot be written, pragmas, the
Danish collation, migrations."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from peewee import DatabaseError, DatabaseProxy, OperationalError, SqliteDatabase
from peewee import PeeweeException as PeeweeError

from tryg_desktop.db.errors import (
    DanishDatabaseError,
    classify,
    danish_os_message,
    danish_sqlite_message,
)
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
# Read-only: switching to WAL is a write, and synchronous concerns writes only.
_WRITE_ONLY_PRAGMAS = {"journal_mode", "synchronous"}
SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite keeps beside a database file


class DatabaseOpenError(Exception):
    """The database file cannot be opened; the message is Danish and fit to show."""


class DatabaseTooNewError(DatabaseOpenError):
    """The file was written by a newer Tryg Desktop; opening it could lose data."""


class _SqliteDatabase(SqliteDatabase):
    """SqliteDatabase whose errors users can act on (full disk, read-only, damaged) arrive as
    Danish DanishDatabaseErrors, and whose rollback survives SQLite's own."""

    read_only = False
    file: Path | None = None  # the file behind it (db.backup.database_file)

    def _execute_cursor(self, sql, params, **cursor_options):
        if sql.startswith("ROLLBACK TO SAVEPOINT") and not self.connection().in_transaction:
            # SQLite has already rolled back the whole transaction (see rollback below): the
            # savepoint is gone, and ROLLBACK TO would fail and hide the real error.
            return self.cursor()
        try:
            return super()._execute_cursor(sql, params, **cursor_options)
        except DatabaseError as error:
            _raise_danish(error)

    def begin(self, lock_type=None):
        try:
            super().begin(lock_type)
        except DatabaseError as error:
            _raise_danish(error)

    def commit(self):
        try:
            super().commit()
        except DatabaseError as error:
            _raise_danish(error)

    def rollback(self):
        # On a full disk (and some I/O errors) SQLite rolls the transaction back itself; a
        # second ROLLBACK then fails with "cannot rollback - no transaction is active" and
        # that error would replace the one the user needs to read.
        if not self.is_closed() and not self._state.conn.in_transaction:
            return
        super().rollback()


def _raise_danish(error: DatabaseError):
    danish = classify(error)
    if danish is error:
        raise error
    raise danish from error


def is_read_only() -> bool:
    """True when the open database was opened read-only (no write access, or asked for)."""
    return bool(getattr(database.obj, "read_only", False))


def open_database(path: Path | str, migrate: bool = True,
                  read_only: bool | None = None) -> SqliteDatabase:
    """Open (creating if needed) the SQLite file at path and bring its schema up to date.

    read_only None: read-only exactly when the file or its folder cannot be written (then
    nothing is written: no WAL switch, no migration). True: read-only whatever the
    permissions (root may write anything). A new file and any folder made for it are readable
    by the user alone; if the new file cannot be set up, it and those folders are removed."""
    path = Path(path)
    memory = str(path) == ":memory:"
    if read_only is None:
        read_only = not memory and _cannot_write(path)
    created: list[Path] = []
    try:
        if not memory and not read_only:
            created = _make_private_folders(path.parent)
            if _create_private_file(path):
                created.append(path)
        db = _connect(path, memory, read_only)
        if read_only:
            if migrate:  # a file that would need migrating cannot be used as it is
                _check_schema_without_writing(db, path)
        elif migrate:
            from tryg_desktop.db.migrations import migrate as run_migrations

            run_migrations(db)
    except DatabaseOpenError:
        _give_up(created)
        raise
    except DanishDatabaseError as error:
        _give_up(created)
        raise DatabaseOpenError(f"Databasen {path} kan ikke åbnes. {error.message}") from error
    except (PeeweeError, sqlite3.Error, OSError) as error:
        _give_up(created)
        text = danish_os_message(error) if isinstance(error, OSError) \
            else danish_sqlite_message(str(error))
        raise DatabaseOpenError(f"Databasen {path} kan ikke åbnes: {text}") from error
    return db


def _connect(path: Path, memory: bool, read_only: bool) -> SqliteDatabase:
    pragmas = {key: value for key, value in PRAGMAS.items()
               if not (read_only and key in _WRITE_ONLY_PRAGMAS)}
    if read_only and not memory:
        uri = path.resolve().as_uri() + "?mode=ro"
        db = _configure(_SqliteDatabase(uri, pragmas=pragmas, uri=True))
        try:
            db.connect(reuse_if_open=True)
        except (OperationalError, sqlite3.Error):
            # A WAL file in a folder we may not write: SQLite cannot make its -shm file there.
            # Nothing of ours writes to the file, and whoever could is not us, so read it as
            # unchanging (immutable) rather than not at all; not if a -wal file holds changes
            # that are not in the file yet (immutable would not read them).
            wal = Path(f"{path}-wal")
            if wal.exists() and wal.stat().st_size:
                raise
            db = _configure(_SqliteDatabase(uri + "&immutable=1", pragmas=pragmas, uri=True))
            db.connect(reuse_if_open=True)
        db.read_only = True
        db.file = path  # its name is a URI ("file:…?mode=ro"), not the path
        return db
    db = _configure(_SqliteDatabase(str(path), pragmas=pragmas))
    db.connect(reuse_if_open=True)
    db.file = None if memory else path
    return db


def _configure(db: SqliteDatabase) -> SqliteDatabase:
    # Registered on every connection peewee opens, including a worker thread's own.
    db.register_collation(danish_compare, COLLATION_NAME)
    # SQLite's own lower() and LIKE fold only ASCII; Danish names need Æ→æ, Ø→ø, Å→å.
    db.register_function(_lower, "lower", 1, deterministic=True)
    database.initialize(db)
    return db


def _cannot_write(path: Path) -> bool:
    """An existing file we may not write, or one in a folder we may not write (WAL needs its
    -wal and -shm files beside it)."""
    from tryg_desktop.paths import may_write

    return path.exists() and not (may_write(path) and os.access(path.parent, os.W_OK))


def _make_private_folders(folder: Path) -> list[Path]:
    """Create the missing folders up to folder, each readable by the user alone; a folder that
    already existed (perhaps one the user chose and shares) is left as it is."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    created = []
    for each in reversed(missing):
        each.mkdir(mode=0o700)
        os.chmod(each, 0o700)  # mkdir's mode passes through the umask; this does not
        created.append(each)
    return created


def _create_private_file(path: Path) -> bool:
    """Create the empty database file as 0600 before SQLite opens it (SQLite would make it
    0644, and gives its -wal and -shm files the main file's mode). True if we made it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    os.close(fd)
    os.chmod(path, 0o600)
    return True


def _give_up(created: list[Path]) -> None:
    """Close, and remove what this call created (a new file whose first write failed must not
    stay behind as a 0-byte database), newest first."""
    close_database()
    for made in reversed(created):
        try:
            if made.is_dir():
                made.rmdir()
            else:
                for suffix in SIDE_FILES:
                    Path(str(made) + suffix).unlink(missing_ok=True)
                made.unlink(missing_ok=True)
        except OSError:
            pass  # not empty or not ours to remove any more: leave it


def _check_schema_without_writing(db, path: Path) -> None:
    from tryg_desktop.db.migrations import LATEST, check_version, stored_schema_version

    version = stored_schema_version(db)
    check_version(version)
    if version < LATEST:
        raise DatabaseOpenError(
            f"Databasen {path} er skrivebeskyttet og skal opdateres til "
            "denne version af Tryg Desktop. Åbn den én gang med skriveadgang.")


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
