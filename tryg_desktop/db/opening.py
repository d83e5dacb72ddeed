"""Opening the database: a new file and its folders private to the user, read-only when it
cannot be written, then the migrations. This module sits above db/connection.py and
db/migrations.py, which both sit below it and never import it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from peewee import PeeweeException as PeeweeError
from peewee import SqliteDatabase

from tryg_desktop.db import migrations
from tryg_desktop.db.connection import SIDE_FILES, close_database, connect
from tryg_desktop.db.errors import (
    DanishDatabaseError,
    DatabaseOpenError,
    danish_os_message,
    danish_sqlite_message,
)


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
        db = connect(path, memory, read_only)
        if read_only:
            if migrate:  # a file that would need migrating cannot be used as it is
                _check_schema_without_writing(db, path)
        elif migrate:
            migrations.migrate(db)
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
    version = migrations.stored_schema_version(db)
    migrations.check_version(version)
    if version < migrations.LATEST:
        raise DatabaseOpenError(
            f"Databasen {path} er skrivebeskyttet og skal opdateres til "
            "denne version af Tryg Desktop. Åbn den én gang med skriveadgang.")
