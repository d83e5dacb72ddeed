"""Opening the database: a new file and its folders private to the user, read-only when it
cannot be written, then the migrations. This module sits above db/connection.py and
db/migrations/__init__.py, which both sit below it and never import it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from peewee import PeeweeException as PeeweeError
from peewee import SqliteDatabase

from tryg_desktop.db import migrations
from tryg_desktop.db.connection import SIDE_FILES, close_database, connect, connect_server
from tryg_desktop.db.errors import (
    DanishDatabaseError,
    DatabaseOpenError,
    danish_os_message,
    danish_sqlite_message,
)


SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(target: Path | str) -> bool:
    """A libpq URL names the team's server database; anything else is a SQLite file."""
    return str(target).startswith(SERVER_SCHEMES)


def open_database(path: Path | str, migrate: bool = True,
                  read_only: bool | None = None, install: bool = True) -> SqliteDatabase:
    """Open (creating if needed) the SQLite file at path and bring its schema up to date.

    read_only None: read-only exactly when the file or its folder cannot be written (then
    nothing is written: no WAL switch, no migration). True: read-only whatever the
    permissions (root may write anything). A new file and any folder made for it are readable
    by the user alone; if the new file cannot be set up, it and those folders are removed.
    install False: a second SQLite database, opened beside the app's (the models keep theirs:
    a worker writing a copy must not move the window's pages onto it)."""
    if is_server_url(path):
        return open_server(str(path), migrate=migrate)
    path = Path(path)
    memory = str(path) == ":memory:"
    if read_only is None:
        read_only = not memory and _cannot_write(path)
    created: list[Path] = []
    db = None
    try:
        if not memory and not read_only:
            created = _make_private_folders(path.parent)
            if _create_private_file(path):
                created.append(path)
        db = connect(path, memory, read_only, install)
        if read_only:
            if migrate:  # a file that would need migrating cannot be used as it is
                _check_schema_without_writing(db, path)
        elif migrate:
            migrations.migrate(db)
    except DatabaseOpenError:
        _give_up(created, install, db)
        raise
    except DanishDatabaseError as error:
        _give_up(created, install, db)
        raise DatabaseOpenError(f"Databasen {path} kan ikke åbnes. {error.message}") from error
    except (PeeweeError, sqlite3.Error, OSError) as error:
        _give_up(created, install, db)
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


def _give_up(created: list[Path], install: bool = True, db=None) -> None:
    """Close, and remove what this call created (a new file whose first write failed must not
    stay behind as a 0-byte database), newest first. install False: the second database being
    opened is closed, never the app's."""
    if install:
        close_database()
    elif db is not None:
        db.close()
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


def open_server(url: str, migrate: bool = True, password: str | None = None):
    """Connect to the team's PostgreSQL database and bring its schema up to date (the same
    steps as SQLite's). A server that cannot be reached, or refuses the login, is a Danish
    DatabaseOpenError naming the server (never the password in the URL)."""
    shown = server_name(url)
    try:
        db = connect_server(url, password=password)
        if migrate:
            _migrate_server(db, shown)
        else:
            migrations.check_version(migrations.stored_schema_version(db))
    except DatabaseOpenError:
        close_database()
        raise
    except DanishDatabaseError as error:
        close_database()
        raise DatabaseOpenError(f"Den fælles database {shown} kan ikke åbnes. {error.message}") \
            from error
    except (PeeweeError, OSError) as error:
        close_database()
        raise DatabaseOpenError(f"Den fælles database {shown} kan ikke åbnes: "
                                f"{server_reason(error)}") from error
    return db


def _migrate_server(db, shown: str) -> None:
    """The schema steps a new version brings; only the tables' owner may take them, so a
    colleague's login that meets an older schema is told who must do what."""
    try:
        migrations.migrate(db)
    except PeeweeError as error:
        text = str(error)
        if "permission denied" in text or "must be owner" in text:
            raise DatabaseOpenError(
                f"Den fælles database {shown} skal opdateres til denne version af Tryg "
                "Desktop, og det må kun dens ejer. Bed den, der administrerer databasen, om "
                "at køre »python main.py --server … server init« (se docs/server.md).") \
                from error
        raise


def server_name(url: str) -> str:
    """"tryg på tryg.kommune.local" for postgresql://user:secret@tryg.kommune.local/tryg: the
    database and the host, without the login or a password."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "(standard)"
    host = parts.hostname or "denne computer"
    return f"{name} på {host}"


# libpq's words when the server wants a password that was not sent, or not the one sent.
_PASSWORD_WANTED = ("no password supplied", "password authentication failed")


def wants_password(error: Exception) -> bool:
    """The server asked for a password (and got none, or a wrong one), as opposed to being
    out of reach: DatabaseOpenError from open_server, or the driver's own error."""
    cause = error.__cause__ if isinstance(error, DatabaseOpenError) else error
    text = str(cause or error)
    return getattr(cause, "sqlstate", None) == "28P01" or any(w in text for w in _PASSWORD_WANTED)


def server_reason(error: Exception) -> str:
    """Why the server said no, in Danish, from libpq's English (first line only)."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    known = {
        "Connection refused": "serveren svarer ikke (forkert adresse eller port, eller "
                              "serveren kører ikke)",
        "timeout expired": "serveren svarede ikke i tide (netværket eller serveren er nede)",
        "could not translate host name": "servernavnet kendes ikke (stavefejl, eller intet net)",
        "password authentication failed": "login eller adgangskode blev afvist",
        "no password supplied": "serveren kræver en adgangskode",
        "does not exist": "databasen eller login findes ikke på serveren",
        "no pg_hba.conf entry": "serveren tillader ikke forbindelser fra denne computer",
        "permission denied": "dit login har ikke adgang til det (spørg den, der administrerer "
                             "den fælles database, om din rolle)",
        "SSL": "den krypterede forbindelse (TLS) kunne ikke oprettes",
    }
    for english, danish in known.items():
        if english in text:
            return danish
    return text
