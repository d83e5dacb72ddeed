"""Sikkerhedskopi: a consistent copy of the open database in a file the user chooses, and
restoring one over the open database.

The copy is written to a hidden temporary file beside the target first, named
`.<target>.tryg-kopi.<pid>.tmp`, so that a backup killed mid-copy leaves something we can
recognise: every backup removes such files whose process is no longer running (with the
-journal/-wal/-shm SQLite may have left beside them)."""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tryg_desktop.db import backup as db_backup
from tryg_desktop.db import is_read_only
from tryg_desktop.db.connection import SIDE_FILES
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.files import check_output_target
from tryg_desktop.services.privacy import shown_path

_log = logging.getLogger(__name__)

TEMP_MARK = ".tryg-kopi."
_STALE = re.compile(r"^\..+\.tryg-kopi\.(\d+)\.tmp(-journal|-wal|-shm)?$")
_LEGACY_AGE_S = 3600
# One backup at a time per process: the temporary name holds only the pid.
_one_at_a_time = threading.Lock()


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
        current.name + suffix for suffix in SIDE_FILES}


def check_target(path: Path | str) -> Path:
    """The resolved target, or a ServiceError saying in Danish why it cannot be used: the open
    database itself, or what no file may be written over (files.check_output_target: a folder,
    a device or FIFO, a read-only file, a missing folder). An existing file is replaced: the
    GUI's file dialog or the CLI's --force asked first."""
    target = Path(path).expanduser().resolve()
    if _is_open_database(target):
        raise ServiceError("Sikkerhedskopien kan ikke gemmes oven i den database, der er åben. "
                           "Vælg et andet filnavn.")
    return check_output_target(target, replace=True)


def _process_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - Windows: os.kill(pid, 0) would stop the process
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFO
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _legacy_stale(folder: Path, name: str, target_name: str | None) -> bool:
    """A copy left by a backup of an older version (`.kopi.sqlite3.k3j_x9az.tmp`, mkstemp's
    name, no pid): it is taken for stale when an hour old, as no backup takes that long."""
    if not target_name or not re.fullmatch(
            rf"\.{re.escape(target_name)}\.[a-z0-9_]{{8}}\.tmp(-journal|-wal|-shm)?", name):
        return False
    try:
        return time.time() - (folder / name).stat().st_mtime > _LEGACY_AGE_S
    except OSError:
        return False


def remove_stale_copies(folder: Path, target_name: str | None = None) -> int:
    """Remove the temporary copies (and their SQLite side files) that a killed backup left in
    folder; those of a backup still running are kept. With target_name, also an older
    version's copies for that file. Returns how many files went."""
    removed = 0
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return 0
    for name in names:
        match = _STALE.match(name)
        if match is None:
            if not _legacy_stale(folder, name, target_name):
                continue
        elif _process_running(int(match.group(1))):
            continue
        try:
            (folder / name).unlink()
            removed += 1
        except FileNotFoundError:
            pass
        except OSError as exc:
            _log.warning("Gammel midlertidig kopi kunne ikke slettes (%s)", type(exc).__name__)
    return removed


def _temp_path(target: Path) -> Path:
    return target.parent / f".{target.name}{TEMP_MARK}{os.getpid()}.tmp"


def _remove_with_side_files(path: Path) -> None:
    for leftover in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def _new_private_file(path: Path) -> None:
    _remove_with_side_files(path)  # our own pid: left by this process, never another's
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def make_backup(path: Path | str, what: str = "Sikkerhedskopi") -> BackupResult:
    """Copy the open database to path. The copy is written to a temporary file beside the
    target and checked before it replaces the target, so a failed backup never leaves a
    half-written file where an older, good backup was. The file is the user's alone (0600).
    The access log notes it (`what`: which kind of backup)."""
    target = check_target(path)
    with _one_at_a_time:
        remove_stale_copies(target.parent, target.name)
        tmp = _temp_path(target)
        try:
            _new_private_file(tmp)
            db_backup.backup_to(tmp)
            counts = db_backup.inspect_copy(tmp)
            os.replace(tmp, target)
        except db_backup.CheckFailedError as exc:
            _log.error("Sikkerhedskopien bestod ikke SQLites kontrol (%s)", type(exc).__name__)
            raise ServiceError("Sikkerhedskopien er ikke gemt: kopien bestod ikke kontrollen, så "
                               "databasen kan være beskadiget. Kør »python main.py check«, eller "
                               "gendan fra en sikkerhedskopi.") from exc
        except OSError as exc:
            raise ServiceError(f"Sikkerhedskopien kunne ikke gemmes i {shown_path(target.parent)}: "
                               f"{_danish(exc)}") from exc
        except db_backup.FileError as exc:
            raise ServiceError(f"Sikkerhedskopien kunne ikke laves: {_danish(exc)}") from exc
        finally:
            _remove_with_side_files(tmp)
    access_log.record("backup", detail=f"{what}: {target.name}")
    return BackupResult(target, counts["contact"], counts["organisation"])


def _danish(exc: Exception) -> str:
    """Why, in Danish: never Python's "[Errno 28] No space left on device" or SQLite's English."""
    from tryg_desktop.db import danish_os_message, danish_sqlite_message

    if isinstance(exc, OSError):
        return danish_os_message(exc)
    return danish_sqlite_message(str(exc))


# --- restoring -------------------------------------------------------------------------------

ASIDE_MARK = ".før-gendannelse-"


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    kept_aside: Path
    contacts: int
    organisations: int


def restore_backup(source: Path | str, now: datetime | None = None) -> RestoreResult:
    """Put the backup at source in place of the open database. The backup is checked first
    (SQLite's integrity check, made by this or an older version); the current data is then
    kept aside beside the database (`tryg.sqlite3.før-gendannelse-2026-12-03T1405`, 0600), and
    only then copied over, in one transaction. Raises ServiceError in Danish: a refused backup
    changes nothing, and a failed copy leaves the database as it was."""
    current = db_backup.database_file()
    if current is None:
        raise ServiceError("Den åbne database er ikke en fil; der er intet at gendanne til.")
    source = Path(source).expanduser().resolve()
    if not source.is_file():
        raise ServiceError(f"Sikkerhedskopien findes ikke: {shown_path(source)}")
    if source == current:
        raise ServiceError("Det er den database, der er åben.")
    if is_read_only():
        raise ServiceError("Databasen er åbnet skrivebeskyttet, så der kan ikke gendannes "
                           "til den. Intet er ændret.")
    with _one_at_a_time:
        remove_stale_copies(current.parent)  # what a restore killed midway left
        counts = _check_restorable(source)
        aside = _keep_aside(current, now or datetime.now())
        scratch = _temp_path(current)
        try:
            _new_private_file(scratch)
            db_backup.restore_from(source, scratch)
        except (OSError, db_backup.FileError) as exc:
            _log.error("Gendannelsen mislykkedes (%s)", type(exc).__name__)
            raise ServiceError(f"Sikkerhedskopien kunne ikke gendannes: {_danish(exc)}. "
                               f"Den hidtidige database er gemt som {shown_path(aside)}.") from exc
        finally:
            _remove_with_side_files(scratch)
    _log.info("Sikkerhedskopi gendannet; den hidtidige database er lagt til side")
    return RestoreResult(source, aside, counts["contact"], counts["organisation"])


def _check_restorable(source: Path) -> dict[str, int]:
    try:
        if db_backup.is_newer_than_app(source):
            raise ServiceError("Sikkerhedskopien er lavet af en nyere version af Tryg Desktop. "
                               "Opdatér programmet for at gendanne den.")
        return db_backup.inspect_copy(source, full=True)
    except db_backup.DamagedFileError as exc:
        _log.warning("Sikkerhedskopien bestod ikke kontrollen (%s)", type(exc).__name__)
        raise ServiceError("Filen er ikke en brugbar sikkerhedskopi af Tryg Desktop "
                           "(den er beskadiget eller en anden slags fil). "
                           "Intet er ændret.") from exc


def aside_name(current: Path, now: datetime) -> Path:
    """Where the current database is kept before a restore; never an existing file."""
    base = current.parent / f"{current.name}{ASIDE_MARK}{now:%Y-%m-%dT%H%M}"
    path, n = base, 1
    while path.exists():
        n += 1
        path = base.with_name(f"{base.name}-{n}")
    return path


def _keep_aside(current: Path, now: datetime) -> Path:
    """A consistent copy of the open database beside it. If SQLite cannot copy it (a damaged
    file, the very reason to restore), the file and its -wal are copied as they are."""
    aside = aside_name(current, now)
    tmp = _temp_path(aside)
    try:
        try:
            _new_private_file(tmp)
            db_backup.backup_to(tmp)
        except db_backup.FileError as exc:
            _log.warning("Kopi via SQLite mislykkedes (%s); filen kopieres som den er",
                         type(exc).__name__)
            _remove_with_side_files(tmp)
            _copy_raw(current, tmp)
            wal = Path(f"{current}-wal")
            if wal.exists():
                _copy_raw(wal, Path(f"{aside}-wal"))
        os.replace(tmp, aside)
    except (OSError, db_backup.FileError) as exc:
        raise ServiceError("Den hidtidige database kunne ikke lægges til side, så intet er "
                           f"gendannet: {_danish(exc)}") from exc
    finally:
        _remove_with_side_files(tmp)
    return aside


def _copy_raw(source: Path, target: Path) -> None:
    import shutil

    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
        shutil.copyfileobj(src, dst)
