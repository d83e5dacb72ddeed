"""Sikkerhedskopi: a consistent copy of the open database in a file the user chooses."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tryg_desktop.db import backup as db_backup
from tryg_desktop.services.errors import ServiceError


@dataclass(frozen=True)
class BackupResult:
    path: Path
    contacts: int
    organisations: int

    def summary(self) -> str:
        contacts = _count(self.contacts, "kontakt", "kontakter")
        orgs = _count(self.organisations, "organisation", "organisationer")
        return f"Sikkerhedskopi gemt: {self.path} ({contacts}, {orgs})"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _is_open_database(target: Path) -> bool:
    current = db_backup.database_file()
    if current is None:
        return False
    if target == current or (target.exists() and os.path.samefile(target, current)):
        return True
    # Its -wal/-shm/-journal files belong to the open database as much as the file itself.
    return target.parent == current.parent and target.name in {
        current.name + suffix for suffix in ("-wal", "-shm", "-journal")}


def check_target(path: Path | str) -> Path:
    """The resolved target, or a ServiceError saying in Danish why it cannot be used."""
    target = Path(path).expanduser().resolve()
    if target.is_dir():
        raise ServiceError(f"»{target}« er en mappe. Angiv et filnavn til sikkerhedskopien.")
    if not target.parent.is_dir():
        raise ServiceError(f"Mappen findes ikke: {target.parent}")
    if _is_open_database(target):
        raise ServiceError("Sikkerhedskopien kan ikke gemmes oven i den database, der er åben. "
                           "Vælg et andet filnavn.")
    return target


def make_backup(path: Path | str) -> BackupResult:
    """Copy the open database to path. The copy is written to a temporary file beside the
    target and checked before it replaces the target, so a failed backup never leaves a
    half-written file where an older, good backup was."""
    target = check_target(path)
    tmp = None
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
        db_backup.backup_to(tmp)
        counts = db_backup.inspect_copy(tmp)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise ServiceError(f"Sikkerhedskopien kunne ikke gemmes i {target.parent}: "
                           f"{exc.strerror or exc}") from exc
    except sqlite3.Error as exc:
        raise ServiceError(f"Sikkerhedskopien kunne ikke laves: {exc}") from exc
    finally:
        if tmp is not None:
            for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
                leftover.unlink(missing_ok=True)
    return BackupResult(target, counts["contact"], counts["organisation"])
