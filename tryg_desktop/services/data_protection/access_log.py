"""The access log (Adgangslog): who viewed, searched, printed, exported, mailed, backed up or
deleted which personal data, when, and for bulk work why.

record() queues an entry and returns at once: views and searches happen while a user waits, so
they are written in batches (flush(), which the window calls from a worker every second and at
exit, and the command line at the end of each command). record_now() writes at once, inside
the caller's transaction when there is one: a deletion and its trace land together. A run of
searches as someone types ("A", "An", "Ann", "Anna") is one entry, the last.

Only an administrator reads the log (require_admin: tryg_admin on the server; on SQLite the
PC's own user). The database itself refuses changes (migration step 11)."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from tryg_desktop.db.bulk import insert_rows
from tryg_desktop.db.models import utcnow
from tryg_desktop.db.privacy_models import AccessLogEntry
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.privacy import mask_cpr

# action -> how the Adgangslog page says it
ACTIONS = {"view": "Visning", "search": "Søgning", "print": "Udskrift", "export": "Eksport",
           "email": "E-mailudkast", "backup": "Sikkerhedskopi", "delete": "Sletning",
           "erase": "Sletning af person", "request": "Indsigt", "purge": "Slettefrist"}
SEARCH_RUN_S = 5  # searches closer than this, each extending the last, are one entry
MAX_QUEUED = 20_000  # while the server is unreachable; the oldest are kept, as they are due first
_DETAIL_LIMIT = 500


class NotAllowedError(ServiceError):
    """Only an administrator may do this (the Danish message says what)."""


@dataclass(frozen=True)
class LogEntry:
    at: dt.datetime  # UTC
    user: str
    action: str
    record_type: str = ""
    record_id: int | None = None
    detail: str = ""
    purpose: str = ""

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)


_lock = threading.Lock()
_queue: list[dict] = []


def _row(action: str, record_type: str, record_id: int | None, detail: str,
         purpose: str) -> dict:
    if action not in ACTIONS:
        raise ValueError(f"unknown access-log action {action!r}")
    from tryg_desktop.services.audit import current_user

    # A CPR number typed into a search field is masked here too: the log is read by people.
    return dict(at=utcnow(), user=current_user(), action=action, record_type=record_type,
                record_id=record_id, detail=mask_cpr(detail)[:_DETAIL_LIMIT],
                purpose=mask_cpr(purpose)[:_DETAIL_LIMIT])


def record(action: str, record_type: str = "", record_id: int | None = None,
           detail: str = "", purpose: str = "") -> None:
    """Queue an entry (written by the next flush)."""
    row = _row(action, record_type, record_id, detail, purpose)
    with _lock:
        last = _queue[-1] if _queue else None
        if (action == "search" and last is not None and last["action"] == "search"
                and last["record_type"] == record_type
                and (row["at"] - last["at"]).total_seconds() <= SEARCH_RUN_S
                and _same_run(last["detail"], row["detail"])):
            _queue[-1] = row  # the same search, typed on (or corrected)
            return
        if len(_queue) < MAX_QUEUED:
            _queue.append(row)


def _same_run(before: str, now: str) -> bool:
    return bool(before and now) and (now.startswith(before) or before.startswith(now))


def record_now(action: str, record_type: str = "", record_id: int | None = None,
               detail: str = "", purpose: str = "") -> None:
    """Write an entry at once (in the caller's transaction, if any)."""
    AccessLogEntry.insert(**_row(action, record_type, record_id, detail, purpose)).execute()


def pending() -> int:
    with _lock:
        return len(_queue)


def flush() -> int:
    """Write the queued entries in one statement; returns how many. When the database refuses
    (the connection lost), they stay queued for the next flush."""
    with _lock:
        rows, _queue[:] = list(_queue), []
    if not rows:
        return 0
    try:
        insert_rows(AccessLogEntry, rows)
    except Exception:
        with _lock:
            _queue[:0] = rows[:MAX_QUEUED - len(_queue)] if len(_queue) < MAX_QUEUED else []
        raise
    return len(rows)


def discard_pending() -> None:
    """Forget the queue (a test's fresh start, or the database it belonged to is gone)."""
    with _lock:
        _queue.clear()


# --- who may read it ---------------------------------------------------------------------------

def is_admin() -> bool:
    """tryg_admin on the server; on a SQLite file, the PC's user is its administrator."""
    from tryg_desktop.services import db_health

    if not db_health.on_server():
        return True
    from tryg_desktop.db.server.roles import ADMIN

    return db_health.role() == ADMIN


def require_admin(what: str = "se adgangsloggen") -> None:
    if not is_admin():
        raise NotAllowedError(f"Kun en administrator (rollen tryg_admin) kan {what}.")


# --- reading it --------------------------------------------------------------------------------

@dataclass(frozen=True)
class LogFilter:
    since: dt.datetime | None = None  # UTC, inclusive
    until: dt.datetime | None = None  # UTC, exclusive
    user: str = ""
    action: str = ""
    record_type: str = ""
    record_id: int | None = None


def _query(where: LogFilter):
    query = AccessLogEntry.select()
    if where.since is not None:
        query = query.where(AccessLogEntry.at >= where.since)
    if where.until is not None:
        query = query.where(AccessLogEntry.at < where.until)
    if where.user:
        query = query.where(AccessLogEntry.user == where.user)
    if where.action:
        query = query.where(AccessLogEntry.action == where.action)
    if where.record_type:
        query = query.where(AccessLogEntry.record_type == where.record_type)
    if where.record_id is not None:
        query = query.where(AccessLogEntry.record_id == where.record_id)
    return query


def entries(where: LogFilter = LogFilter(), limit: int | None = None,
            offset: int = 0) -> list[LogEntry]:
    """Newest first. Administrators only."""
    require_admin()
    query = (_query(where).order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
             .offset(offset))
    if limit is not None:
        query = query.limit(limit)
    return [LogEntry(e.at, e.user, e.action, e.record_type, e.record_id, e.detail, e.purpose)
            for e in query]


def count(where: LogFilter = LogFilter()) -> int:
    require_admin()
    return _query(where).count()


def users() -> list[str]:
    """Everyone the log names, for the page's filter."""
    require_admin()
    query = (AccessLogEntry.select(AccessLogEntry.user).distinct()
             .order_by(AccessLogEntry.user))
    return [row.user for row in query]


def about_contact(contact_id: int) -> list[LogEntry]:
    """The entries about one person (their record viewed, printed, erased …), oldest
    first: for an access request. Administrators only, as the whole log."""
    require_admin("læse adgangsloggen")
    query = (_query(LogFilter(record_type="contact", record_id=contact_id))
             .order_by(AccessLogEntry.at, AccessLogEntry.id))
    return [LogEntry(e.at, e.user, e.action, e.record_type, e.record_id, e.detail, e.purpose)
            for e in query]
