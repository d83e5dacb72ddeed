"""Writing the files the user asks for (exports, PDFs, invitations): whole or not at all."""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path

from tryg_desktop.services.errors import ServiceError


class FileWriteError(ServiceError):
    pass


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write data via a temporary file in the same folder and os.replace, so readers see the
    old file or the new one, never a part. The file is readable by its owner only (mkstemp's
    mode): what we write holds personal data."""
    path = Path(path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as error:
        if tmp:
            with suppress(OSError):
                os.unlink(tmp)
        if isinstance(error, FileNotFoundError) and not path.parent.exists():
            message = f"Mappen »{path.parent}« findes ikke."
        else:
            message = (f"Filen »{path}« kan ikke gemmes ({error.strerror or error}). "
                       "Er den åben i et andet program?")
        raise FileWriteError(message) from error
    return path
