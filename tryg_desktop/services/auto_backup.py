"""Automatic backups: the first start of the day copies the database into a `backups` folder
beside it (`tryg-2026-12-03.sqlite3`), keeping 7 daily and 4 weekly copies by default, and
lists what there is to restore. The copy itself is services.backup.make_backup's (temporary
file, integrity check, 0600)."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from tryg_desktop.db import backup as db_backup
from tryg_desktop.db import danish_os_message, is_read_only
from tryg_desktop.services.backup import ASIDE_MARK, make_backup
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.privacy import shown_path

_log = logging.getLogger(__name__)

FOLDER_NAME = "backups"
KEEP_DAILY = 7
KEEP_WEEKLY = 4


def backup_folder(db_file: Path) -> Path:
    return db_file.parent / FOLDER_NAME


def daily_name(db_file: Path, day: date) -> str:
    """'tryg-2026-12-03.sqlite3' for tryg.sqlite3: named by the database, so that two
    databases in one folder keep their backups apart."""
    return f"{db_file.stem}-{day.isoformat()}{db_file.suffix or '.sqlite3'}"


def _daily_pattern(db_file: Path) -> re.Pattern:
    suffix = re.escape(db_file.suffix or ".sqlite3")
    return re.compile(rf"^{re.escape(db_file.stem)}-(\d{{4}}-\d{{2}}-\d{{2}}){suffix}$")


def days_to_keep(days: Iterable[date], daily: int = KEEP_DAILY,
                 weekly: int = KEEP_WEEKLY) -> set[date]:
    """Which of the backups' days to keep: the newest `daily` days, and of the older ones the
    newest in each of the `weekly` most recent ISO weeks that hold no daily one. At least the
    newest backup is always kept."""
    newest_first = sorted(set(days), reverse=True)
    keep = set(newest_first[:max(1, daily)])
    daily_weeks = {day.isocalendar()[:2] for day in keep}
    weeks_kept: set[tuple[int, int]] = set()
    for day in newest_first[max(1, daily):]:
        week = day.isocalendar()[:2]
        if week in daily_weeks or week in weeks_kept:
            continue
        if len(weeks_kept) >= max(0, weekly):
            break
        weeks_kept.add(week)
        keep.add(day)
    return keep


def take_daily_backup(daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY,
                      today: date | None = None) -> Path | None:
    """Today's backup of the open database, unless there is one already, the database is in
    memory or read-only; then the old ones past the retention go. Returns the new file or None.
    Raises ServiceError (logged here: it runs in a worker at start-up) in Danish."""
    db_file = db_backup.database_file()
    if db_file is None or is_read_only() or not db_file.exists():
        return None
    today = today or date.today()
    folder = backup_folder(db_file)
    target = folder / daily_name(db_file, today)
    if target.exists():
        return None
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)  # also a folder made before backups were private
        make_backup(target, what="Daglig sikkerhedskopi")
        _prune(db_file, daily, weekly)
    except OSError as exc:
        _log.error("Den daglige sikkerhedskopi mislykkedes (%s)", type(exc).__name__)
        raise ServiceError(f"Den daglige sikkerhedskopi kunne ikke gemmes i {shown_path(folder)}: "
                           f"{danish_os_message(exc)}") from exc
    except ServiceError as exc:
        _log.error("Den daglige sikkerhedskopi mislykkedes (%s)", type(exc).__name__)
        raise ServiceError(f"Den daglige sikkerhedskopi mislykkedes. {exc.message}") from exc
    _log.info("Daglig sikkerhedskopi taget")
    return target


def _prune(db_file: Path, daily: int, weekly: int) -> None:
    pattern = _daily_pattern(db_file)
    found: dict[date, Path] = {}
    for path in backup_folder(db_file).iterdir():
        match = pattern.match(path.name)
        if match:
            try:
                found[date.fromisoformat(match.group(1))] = path
            except ValueError:
                continue  # not a date: not ours
    keep = days_to_keep(found, daily, weekly)
    for day, path in found.items():
        if day not in keep:
            path.unlink(missing_ok=True)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    size: int
    before_restore: bool  # the database as it was before a restore, kept aside


def list_backups(db_file: Path | None = None) -> list[BackupFile]:
    """The database's automatic backups and the copies kept aside by restores, newest first."""
    db_file = db_file or db_backup.database_file()
    if db_file is None:
        return []
    pattern = _daily_pattern(db_file)
    candidates = []
    folder = backup_folder(db_file)
    if folder.is_dir():
        candidates += [(p, False) for p in folder.iterdir() if pattern.match(p.name)]
    aside = re.compile(rf"^{re.escape(db_file.name + ASIDE_MARK)}[\dT-]+$")
    candidates += [(p, True) for p in db_file.parent.iterdir() if aside.match(p.name)]
    found = []
    for path, before_restore in candidates:
        try:
            info = path.stat()
        except OSError:
            continue
        if path.is_file():
            found.append(BackupFile(path, datetime.fromtimestamp(info.st_mtime), info.st_size,
                                    before_restore))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)
