"""Where data lives: the per-user *local* app-data folder, unless --database or TRYG_DATABASE say otherwise."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from tryg_desktop import APP_NAME, ORG_NAME

DATABASE_ENV = "TRYG_DATABASE"
SERVER_ENV = "TRYG_SERVER"  # a libpq URL: the team's shared PostgreSQL database
DATABASE_FILE = "tryg.sqlite3"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"

# File systems where SQLite's locking cannot be trusted.
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "fuse.sshfs", "9p", "afs"}


def set_application_names() -> None:
    """QStandardPaths derives the folder from these names; safe before any QApplication exists."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)


def app_data_dir() -> Path:
    # AppLocalDataLocation, not AppDataLocation: on Windows the latter is the roaming profile,
    # and a SQLite file must not travel with a roaming profile.
    from PySide6.QtCore import QStandardPaths

    set_application_names()
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))


def database_path(cli_value: str | None = None) -> Path:
    """--database wins over TRYG_DATABASE, which wins over the default file. The default's
    folder, if an older version left it readable by others, is made private here."""
    chosen = cli_value or os.environ.get(DATABASE_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    folder = app_data_dir()
    make_private(folder, DATABASE_FILE)
    return folder / DATABASE_FILE


def server_url(cli_value: str | None = None) -> str | None:
    """The team's server database, if one is chosen: --server wins over TRYG_SERVER. None:
    work on the local SQLite file (database_path)."""
    return (cli_value or os.environ.get(SERVER_ENV) or "").strip() or None


def make_private(folder: Path, *files: str) -> None:
    """The app's own folder 0700 and the named files in it (and SQLite's side files) 0600,
    when this user owns them: versions before issue 10 created them 0755 and 0644. Never for a
    folder the user chose (--database, TRYG_DATABASE): others may rightly share it."""
    if sys.platform == "win32" or not folder.is_dir():
        return  # on Windows the per-user AppData folder already is private
    targets = [(folder, 0o700)] + [(folder / (name + suffix), 0o600) for name in files
                                   for suffix in ("", "-wal", "-shm", "-journal")]
    for path, mode in targets:
        try:
            info = path.stat()
            if info.st_uid == os.getuid() and info.st_mode & 0o077:
                os.chmod(path, mode)
        except OSError:
            pass  # missing, or not ours to change


def may_write(path: Path) -> bool:
    """May the app write this existing file? access() and the mode bits: root may write
    anywhere, but a file marked read-only was marked so by someone and is left alone (the
    database opens read-only, an export does not replace it)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def is_network_path(path: Path | str) -> bool:
    """True for a UNC path, a mapped network drive, or a network file system mount."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(text)
    return _mount_fs_type(Path(text)) in _NETWORK_FS


def _windows_drive_is_remote(text: str) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(text))[0]
    if not drive:
        return False
    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE


def _mount_fs_type(path: Path) -> str:
    """The file system type of the mount that holds path, from /proc/mounts (Linux)."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return ""
    target = path
    while not target.exists() and target != target.parent:
        target = target.parent
    target = target.resolve()
    best, best_type = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (str(target) == mount_point or str(target).startswith(mount_point.rstrip("/") + "/")) \
                and len(mount_point) > len(best):
            best, best_type = mount_point, parts[2]
    return best_type
