"""Saves that could not reach the team's server (the connection was lost), kept on this PC
until it answers again: nothing typed is lost to a network failure.

The minutes editor and the episode form keep what they could not save here; when the
connection works again the window delivers every kept save through its wing's own function
(the usual version check included), in the order they were made. A save is kept for the
database it was meant for only: a kept save is never delivered into another database.

The file (`pending-saves.json` in the app's folder, readable by the user alone) holds personal
data only as long as the network is down; it is written atomically at every change."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.files import write_atomically

_log = logging.getLogger(__name__)
FILE_NAME = "pending-saves.json"
# One delivery at a time in this process: the window hears "connected" from more than one
# thread, and two deliveries reading the same file would save a kept episode twice.
_delivering = threading.Lock()
REFUSED_NAME = "pending-saves-afvist.json"  # kept saves the database refused: never deleted


@dataclass(frozen=True)
class Kept:
    id: str
    kind: str  # "minutes", "episode": which wing delivers it
    database: str  # the server database it was meant for (no password)
    kept_at: str  # ISO time, for the user's list
    payload: dict  # what the wing needs to save it (JSON values)


@dataclass
class Delivery:
    delivered: int = 0
    set_aside: list[str] | None = None  # Danish: what could not be saved as it was, and why
    left: int = 0  # still kept (the connection went again)


def _file(folder: Path | None) -> Path:
    if folder is None:
        from tryg_desktop.paths import app_data_dir

        folder = app_data_dir()
    return Path(folder) / FILE_NAME


def _read(folder: Path | None) -> list[Kept]:
    path = _file(folder)
    if not path.exists():
        return []
    try:
        return [Kept(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        _log.warning("Ventende gemninger kunne ikke læses; filen er lagt til side")
        path.replace(path.with_suffix(".ulæselig.json"))
        return []


def _write(entries: list[Kept], folder: Path | None) -> None:
    path = _file(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps([entry.__dict__ for entry in entries], ensure_ascii=False, indent=1)
    write_atomically(path, data.encode("utf-8"))


def _refused(entry: Kept, folder: Path | None) -> None:
    path = _file(folder).with_name(REFUSED_NAME)
    try:
        earlier = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    except (OSError, ValueError):
        earlier = []
    data = json.dumps(earlier + [entry.__dict__], ensure_ascii=False, indent=1)
    write_atomically(path, data.encode("utf-8"))


def current_database() -> str:
    """The open server database as 'login@host:port/name' (no password), the key a save is
    kept under."""
    from urllib.parse import urlsplit

    from tryg_desktop.db import database

    parts = urlsplit(str(getattr(database.obj, "database", "")))
    login = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return f"{login}{parts.hostname or ''}{port}{parts.path}"


def keep(kind: str, payload: dict, replaces: Callable[[dict], bool] | None = None,
         folder: Path | None = None) -> Kept:
    """Keep a save for later. `replaces(payload)`: an earlier kept save of the same kind that
    this one supersedes (the newer text of the same agenda item) is dropped."""
    entries = _read(folder)
    database = current_database()
    if replaces is not None:
        entries = [e for e in entries
                   if not (e.kind == kind and e.database == database and replaces(e.payload))]
    entry = Kept(uuid.uuid4().hex, kind, database,
                 dt.datetime.now().isoformat(timespec="seconds"), payload)
    _write(entries + [entry], folder)
    return entry


def pending(folder: Path | None = None) -> list[Kept]:
    """The saves kept for the open database, oldest first."""
    database = current_database()
    return [entry for entry in _read(folder) if entry.database == database]


def deliver(handlers: dict[str, Callable[[dict], str | None]],
            folder: Path | None = None) -> Delivery:
    """Deliver the open database's kept saves, oldest first, each through handlers[kind]
    (which returns None when saved as it was, or a Danish sentence when it had to be set
    aside, e.g. a colleague changed the same text meanwhile: then it is in the history). A
    save that fails with the connection lost again stays kept, and so do all after it."""
    with _delivering:
        return _deliver(handlers, folder)


def _deliver(handlers, folder) -> Delivery:
    from tryg_desktop.db.errors import ConnectionLostError

    result = Delivery(set_aside=[])
    for entry in pending(folder):
        handler = handlers.get(entry.kind)
        if handler is None:
            continue
        try:
            note = handler(entry.payload)
        except ConnectionLostError:
            result.left = len(pending(folder))
            return result
        except ServiceError as error:
            # E.g. the meeting was deleted meanwhile: it can never be saved as it is, but the
            # text is not thrown away either; it goes to a file beside this one.
            _refused(entry, folder)
            note = (f"{error.message} Det, der ikke kunne gemmes, ligger i "
                    f"{_file(folder).with_name(REFUSED_NAME)}.")
        _write([e for e in _read(folder) if e.id != entry.id], folder)
        result.delivered += note is None
        if note:
            result.set_aside.append(note)
    return result
