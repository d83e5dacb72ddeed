"""Reading and writing the files the user names (imports, attachments, exports, PDFs,
invitations): only regular files, whole or not at all.

A FIFO, device or directory is refused before anything is read or replaced: reading a FIFO
blocks forever, and replacing /dev/null (run as root) swaps the device for a plain file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path

from tryg_desktop.db.errors import danish_os_message
from tryg_desktop.paths import may_write
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.privacy import quoted_path

MB = 1024 * 1024


class FileWriteError(ServiceError):
    pass


class TargetExistsError(FileWriteError):
    """The file is there and the caller did not say to replace it (the CLI's --force)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"Filen {quoted_path(path)} findes allerede.")
        self.path = path


class FileReadError(ServiceError):
    """The file cannot be read: missing, a folder, not a regular file, too big, no access."""


class FileTooLargeError(FileReadError):
    def __init__(self, path: Path, size: int, limit: int) -> None:
        shown = f"{limit // MB} MB" if limit >= MB else f"{limit} byte"
        super().__init__(f"Filen {quoted_path(path)} er for stor (højst {shown}).")
        self.size, self.limit = size, limit


def _kind_problem(path: Path, mode: int) -> str | None:
    """Why a file of this mode is not one we read or replace; None for a regular file."""
    if stat.S_ISDIR(mode):
        return f"{quoted_path(path)} er en mappe, ikke en fil."
    if not stat.S_ISREG(mode):
        return f"{quoted_path(path)} er ikke en almindelig fil."
    return None


def check_output_target(path: Path | str, *, replace: bool) -> Path:
    """The resolved path, when a file may be written there: its folder exists, and it is
    missing or a regular, writable file (which then needs replace=True). Raises FileWriteError
    (TargetExistsError when only replace is missing) with a Danish message."""
    path = Path(path).expanduser()
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise FileWriteError(f"Stien {quoted_path(path)} kan ikke bruges.") from None
    try:
        info = os.stat(resolved)
    except FileNotFoundError:
        if not resolved.parent.is_dir():
            raise FileWriteError(f"Mappen {quoted_path(path.parent)} findes ikke.") from None
        if not os.access(resolved.parent, os.W_OK | os.X_OK):
            raise FileWriteError(
                f"Du har ikke lov til at gemme filer i mappen "
                f"{quoted_path(path.parent)}.") from None
        return resolved
    except OSError as error:
        raise FileWriteError(
            f"Filen {quoted_path(path)} kan ikke bruges ({danish_os_message(error)}).") from None
    problem = _kind_problem(path, info.st_mode)
    if problem:
        raise FileWriteError(problem + " Vælg et andet filnavn.")
    if not may_write(resolved):
        raise FileWriteError(f"Filen {quoted_path(path)} er skrivebeskyttet og bliver ikke "
                             f"erstattet.")
    if not replace:
        raise TargetExistsError(path)
    return resolved


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write data via a temporary file in the same folder and os.replace, so readers see the
    old file or the new one, never a part. The file is readable by its owner only (mkstemp's
    mode): what we write holds personal data. An existing target must be a regular, writable
    file (check_output_target); a symlink's target is written, not the link replaced."""
    path = Path(path)
    target = check_output_target(path, replace=True)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as error:
        if tmp:
            with suppress(OSError):
                os.unlink(tmp)
        if isinstance(error, FileNotFoundError) and not target.parent.exists():
            message = f"Mappen {quoted_path(path.parent)} findes ikke."
        else:
            message = (f"Filen {quoted_path(path)} kan ikke gemmes ({danish_os_message(error)}). "
                       "Er den åben i et andet program?")
        raise FileWriteError(message) from error
    return path


def check_regular_file(path: Path | str, max_bytes: int) -> int:
    """The size of the file, when it is a regular file of at most max_bytes; else
    FileReadError. Only looks (os.stat); for a quick answer before the file is read."""
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError as error:
        raise _read_error(path, error) from None
    _check_kind_and_size(path, info, max_bytes)
    return info.st_size


def read_regular_file(path: Path | str, max_bytes: int) -> bytes:
    """The whole file, when it is a regular file of at most max_bytes; else FileReadError.
    The kind is checked before opening (a FIFO would block the open) and again on the open
    descriptor, in case the path was swapped in between."""
    path = Path(path)
    check_regular_file(path, max_bytes)
    try:
        # O_NONBLOCK: should a FIFO appear after the stat, the open returns instead of waiting.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as handle:
            _check_kind_and_size(path, os.fstat(handle.fileno()), max_bytes)
            data = handle.read(max_bytes + 1)  # a file still growing is cut off here
    except OSError as error:
        raise _read_error(path, error) from None
    if len(data) > max_bytes:
        raise FileTooLargeError(path, len(data), max_bytes)
    return data


def _check_kind_and_size(path: Path, info: os.stat_result, max_bytes: int) -> None:
    problem = _kind_problem(path, info.st_mode)
    if problem:
        raise FileReadError(problem)
    if info.st_size > max_bytes:
        raise FileTooLargeError(path, info.st_size, max_bytes)


def os_error_text(error: OSError) -> str:
    """An OSError the views did not foresee, as one Danish sentence (never Python's English)."""
    where = f" ({quoted_path(Path(error.filename))})" if error.filename else ""
    return f"Filen kan ikke gemmes{where}: {danish_os_message(error)}."


def _read_error(path: Path, error: OSError) -> FileReadError:
    if isinstance(error, FileNotFoundError):
        return FileReadError(f"Filen {quoted_path(path)} findes ikke.")
    if isinstance(error, PermissionError):
        return FileReadError(f"Du har ikke adgang til at læse filen {quoted_path(path)}.")
    return FileReadError(f"Filen {quoted_path(path)} kan ikke læses ({danish_os_message(error)}).")
