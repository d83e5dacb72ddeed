"""SQLite's and the OS's English, as a Danish user should read it: the one place that translates.

The exception classes below are peewee OperationalErrors (so `except DatabaseError` still
catches them) and also ServiceErrors with a Danish .message: a full disk or a read-only file
is something the user can act on, and every view and the CLI already show a ServiceError's
message. ServiceError lives at the bottom of the package (tryg_desktop/errors.py), so the db
layer imports no service."""

from __future__ import annotations

import errno

from peewee import OperationalError

from tryg_desktop.errors import ServiceError

# Fragments of SQLite's messages, in the order they are looked for.
_SQLITE_DANISH = {
    "file is not a database": "filen er ikke en database",
    "unable to open database file": "filen kunne ikke åbnes",
    "database is locked": "databasen er optaget af et andet program; prøv igen om lidt",
    "database disk image is malformed": "databasefilen er beskadiget",
    "attempt to write a readonly database": "databasen er skrivebeskyttet",
    "readonly database": "databasen er skrivebeskyttet",
    "database or disk is full": "disken er fuld",
    "disk I/O error": "fejl ved læsning eller skrivning på disken",
    "cannot rollback - no transaction is active": "ændringen blev afbrudt og er ikke gemt",
    "duplicate column name": "databasens opbygning er uventet (en kolonne findes allerede)",
    "no such table": "databasens opbygning er uventet (en tabel mangler)",
}

DISK_FULL = ("Disken er fuld: ændringen er ikke gemt, og databasen er som før. "
             "Frigør plads på disken, og prøv igen.")
READ_ONLY = ("Databasen er skrivebeskyttet: du har ikke skriveadgang til filen eller mappen. "
             "Du kan se og udskrive, men ikke ændre.")
BUSY = ("Databasen er optaget af et andet program (fx en import eller en sikkerhedskopi), og "
        "ændringen er ikke gemt. Prøv igen om lidt.")
DAMAGED = ("Databasefilen er beskadiget. Kør »python main.py check«, og gendan fra en "
           "sikkerhedskopi.")


def danish_sqlite_message(text: str) -> str:
    for english, danish in _SQLITE_DANISH.items():
        text = text.replace(english, danish)
    return text


def danish_os_message(error: OSError) -> str:
    """Why an OSError happened, in Danish, without Python's "[Errno 17] File exists" wording
    and without the file name (the caller names the file, through privacy.quoted_path)."""
    return {
        errno.EEXIST: "der findes allerede en fil med det navn",
        errno.ENOTDIR: "en del af stien er en fil, ikke en mappe",
        errno.ENOENT: "filen eller mappen findes ikke",
        errno.EACCES: "ingen adgang",
        errno.EPERM: "ingen adgang",
        errno.EISDIR: "det er en mappe, ikke en fil",
        errno.ENOSPC: "disken er fuld",
        errno.EDQUOT: "din diskkvote er brugt op",
        errno.EROFS: "drevet er skrivebeskyttet",
        errno.ENAMETOOLONG: "navnet er for langt",
    }.get(error.errno, f"fejl fra styresystemet ({errno.errorcode.get(error.errno, 'ukendt')})")


class DatabaseOpenError(Exception):
    """The database file cannot be opened; the message is Danish and fit to show."""


class DatabaseTooNewError(DatabaseOpenError):
    """The file was written by a newer Tryg Desktop; opening it could lose data."""


LOST = ("Forbindelsen til den fælles database er afbrudt, så det sidste er ikke gemt eller "
        "hentet. Programmet forbinder igen af sig selv; prøv igen om lidt.")


class DanishDatabaseError(OperationalError, ServiceError):
    """An OperationalError whose .message is a Danish sentence fit to show as is."""

    text = ""

    def __init__(self, original: Exception | None = None) -> None:
        OperationalError.__init__(self, self.text)
        self.message = self.text
        self.original = original

    def __str__(self) -> str:
        return self.message


class DiskFullError(DanishDatabaseError):
    text = DISK_FULL


class ReadOnlyDatabaseError(DanishDatabaseError):
    text = READ_ONLY


class BusyDatabaseError(DanishDatabaseError):
    text = BUSY


class DamagedDatabaseError(DanishDatabaseError):
    text = DAMAGED


class ConnectionLostError(DanishDatabaseError):
    """The server connection broke (network, server restart, pg_terminate_backend), or is
    being retried after such a break: nothing of the statement happened."""
    text = LOST


def classify(error: Exception) -> Exception:
    """The Danish error for a SQLite error users can act on, or the error itself."""
    text = str(error)
    if "database or disk is full" in text:
        return DiskFullError(error)
    if "readonly database" in text:
        return ReadOnlyDatabaseError(error)
    if "database is locked" in text:
        return BusyDatabaseError(error)
    if "database disk image is malformed" in text:
        return DamagedDatabaseError(error)
    return error
