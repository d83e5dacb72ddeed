"""Every setting declared once, with its default. No other module touches QSettings."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    kind: type


HEADER_ORGANISATION = Setting("documents/header", "Aalborg Kommune · Tryg Aalborg", str)
# Who calendar invitations and e-mail drafts come from. The default address is a placeholder
# on the reserved .example domain until the coordinator enters the team's own.
ORGANIZER_NAME = Setting("invitations/organizer_name", "Tryg Aalborg", str)
# The meeting whose minutes are open; cleared when minutes mode is left normally. Still set at
# start-up means the app did not close properly: the minutes are reopened, with a word.
OPEN_MINUTES = Setting("minutes/open_meeting", 0, int)
ORGANIZER_EMAIL = Setting("invitations/organizer_email", "tryg@aalborg.example", str)
LAST_IMPORT_DIR = Setting("files/last_import_dir", "", str)
LAST_EXPORT_DIR = Setting("files/last_export_dir", "", str)
WINDOW_GEOMETRY = Setting("window/geometry", QByteArray(), QByteArray)  # before issue 14


def window_geometry(screen: str) -> Setting:
    """The main window's place, size and maximised state on one screen ("1366x728", its
    available area): a laptop docked to a large monitor and undocked keeps one for each."""
    return Setting(f"window/main/{screen}", QByteArray(), QByteArray)


def window_size(window: str, screen: str) -> Setting:
    """A dialog's size (the meeting editor, the print preview) as the user left it, per screen
    as window_geometry."""
    return Setting(f"window/{window}/{screen}", QSize(), QSize)
def column_widths(table: str) -> Setting:
    """The widths a user dragged a table's columns to ("120,340,96"); empty: fitted to the
    window (views/kit/table_columns.py). A double-click on a column edge fits them again."""
    return Setting(f"columns/{table}", "", str)


# Automatic backups (services/auto_backup.py): how many daily copies, and how many weekly ones
# (the newest of each ISO week before the daily ones).
BACKUP_KEEP_DAILY = Setting("backups/keep_daily", 7, int)
BACKUP_KEEP_WEEKLY = Setting("backups/keep_weekly", 4, int)
# The team's shared database on a PostgreSQL server (Filer → Indstillinger → Fælles database),
# used at start-up when switched on and neither --server nor TRYG_SERVER names another. The
# password is never a setting: it lives in the operating system's credential store
# (services/server_login.py). Empty fields leave libpq's own defaults (PGHOST, a service file,
# the user's own name for Kerberos) in charge; an empty sslmode is libpq's default.
SERVER_ENABLED = Setting("server/enabled", False, bool)
SERVER_HOST = Setting("server/host", "", str)
SERVER_PORT = Setting("server/port", 5432, int)
SERVER_DATABASE = Setting("server/database", "tryg", str)
SERVER_LOGIN = Setting("server/login", "", str)
SERVER_SSLMODE = Setting("server/sslmode", "", str)


class Settings:
    """Typed access to QSettings; tests give it a file under tmp_path."""

    def __init__(self, path: str | None = None) -> None:
        if path:
            self._store = QSettings(path, QSettings.Format.IniFormat)
        else:
            self._store = QSettings()
        _make_private(Path(self._store.fileName()))

    def get(self, setting: Setting) -> Any:
        value = self._store.value(setting.key, setting.default)
        if setting.kind is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return setting.default
        if setting.kind is bool:  # an ini file gives back "true"/"false" as text
            if isinstance(value, str):
                return value.strip().lower() in ("true", "1", "yes")
            return bool(value)
        if setting.kind in (QByteArray, QSize):
            return value if isinstance(value, setting.kind) else setting.default
        return setting.kind(value) if value is not None else setting.default

    def set(self, setting: Setting, value: Any) -> None:
        self._store.setValue(setting.key, value)

    def sync(self) -> None:
        self._store.sync()
        _make_private(Path(self._store.fileName()), create=False)


def _make_private(path: Path, create: bool = True) -> None:
    """The settings file readable by the user alone (it names the coordinator and the team):
    created empty as 0600 before Qt writes it (Qt keeps an existing file's mode), and set to
    0600 again after a sync. On Windows the per-user AppData folder already is private."""
    if sys.platform == "win32" or not path.name:
        return
    try:
        if create and not path.exists():
            if not path.parent.exists():
                path.parent.mkdir(parents=True, mode=0o700)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        if path.exists():
            os.chmod(path, 0o600)
    except OSError:
        pass  # settings still work; Qt reports what it cannot write through its own status
