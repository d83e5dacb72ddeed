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
import functools
import getpass
import threading
from dataclasses import dataclass, replace
from typing import Iterator

from tryg_desktop.db.bulk import insert_rows
from tryg_desktop.db.dialect import login
from tryg_desktop.db.privacy_models import AccessLogEntry
# The one rule of who may do data-protection work, used as access_log.is_admin() and so on.
from tryg_desktop.services.data_protection.admin import (  # noqa: F401 - re-exported
    NotAllowedError,
    is_admin,
    require_admin,
)
from tryg_desktop.services.privacy import find_cpr_numbers, mask_cpr

# action -> how the Adgangslog page says it
ACTIONS = {"view": "Visning", "search": "Søgning", "print": "Udskrift", "export": "Eksport",
           "email": "E-mailudkast", "backup": "Sikkerhedskopi", "delete": "Sletning",
           "erase": "Sletning af person", "request": "Indsigt", "purge": "Slettefrist"}
SEARCH_RUN_S = 5  # searches closer than this, each extending the last, are one entry
# The same search again within this time (the list reloaded after a save or a colleague's
# change, the page shown again) is the same look at the register: not a new entry.
SEARCH_REPEAT_S = 60
MAX_QUEUED = 20_000  # while the server is unreachable; the oldest are kept, as they are due first
_DETAIL_LIMIT = 500


@dataclass(frozen=True)
class LogEntry:
    at: dt.datetime  # UTC
    user: str
    action: str
    record_type: str = ""
    record_id: int | None = None
    detail: str = ""
    purpose: str = ""
    id: int | None = None  # the row's id (the page's rows are kept by it)
    record_name: str = ""  # a contact's or an organisation's name, while it exists (named())

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def record_label(self) -> str:
        """'Kontakt 17 – Anna Jensen' (the contact still exists), 'Kontakt 17', 'Registret'."""
        kind = RECORD_TYPES.get(self.record_type, self.record_type)
        if not self.record_type:
            return "" if self.record_id is None else str(self.record_id)
        text = kind if self.record_id is None else f"{kind} {self.record_id}"
        return f"{text} – {self.record_name}" if self.record_name else text

    @property
    def at_text(self) -> str:
        """Danish local time: '03.12.2026 kl. 14.05'."""
        return local_time_text(self.at)

    def as_json(self) -> dict:
        """The command line's and the export's object: `at` ISO 8601 in UTC with "Z"."""
        return {"at": iso_utc(self.at), "user": self.user, "action": self.action,
                "record_type": self.record_type, "record_id": self.record_id,
                "detail": self.detail, "purpose": self.purpose}


# record_type -> how the page names it ("" : the register as a whole, or no one record)
RECORD_TYPES = {"contact": "Kontakt", "organisation": "Organisation", "meeting": "Møde",
                "forum": "Mødeforum", "attachment": "Bilag", "place": "Sted",
                "effort": "Indsats", "episode": "Hændelse", "agenda_item": "Dagsordenspunkt",
                "action_item": "Handling", "participant": "Deltager"}


_lock = threading.Lock()
_queue: list[dict] = []
_last_search: dict | None = None  # the last search logged (queued or written already)


def _row(action: str, record_type: str, record_id: int | None, detail: str,
         purpose: str) -> dict:
    if action not in ACTIONS:
        raise ValueError(f"unknown access-log action {action!r}")
    # A CPR number typed into a search field is masked here too: the log is read by people.
    # To the microsecond: a queued view and a deletion written at once in the same second
    # still list in the order they happened.
    at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    return dict(at=at, user=_who(), action=action, record_type=record_type,
                record_id=record_id, detail=_masked(detail)[:_DETAIL_LIMIT],
                purpose=_masked(purpose)[:_DETAIL_LIMIT])


def _who() -> str:
    """The login on the server (which stamps it itself all the same), else the OS user: the
    rule of services/audit.current_user, not imported from there because audit reaches the
    server's administration. The OS user is asked once: getpass costs more than the rest of
    record() together."""
    return login() or _os_user()


@functools.lru_cache(maxsize=1)
def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - getpass raises several kinds when no name is set
        return "ukendt"


def _masked(text: str) -> str:
    """text as typed, unless it holds a CPR number: then masked (and normalised)."""
    return mask_cpr(text) if text and find_cpr_numbers(text) else (text or "")


def record(action: str, record_type: str = "", record_id: int | None = None,
           detail: str = "", purpose: str = "") -> None:
    """Queue an entry (written by the next flush)."""
    global _last_search
    row = _row(action, record_type, record_id, detail, purpose)
    with _lock:
        if action == "search":
            seen = _last_search
            _last_search = row
            if (seen is not None and seen["record_type"] == record_type
                    and seen["detail"] == row["detail"] and seen["user"] == row["user"]
                    and (row["at"] - seen["at"]).total_seconds() <= SEARCH_REPEAT_S):
                return
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


def server_backup_taken(path) -> None:
    """The server's portable backup (services/server_admin.backup), logged by its callers (the
    Filer menu, `main.py --server URL backup`): server_admin may not import this module, as
    the audit trail reaches server_admin and this module the audit trail's db_health."""
    from pathlib import Path

    record("backup", detail=f"Sikkerhedskopi af den fælles database: {Path(path).name}")


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
    global _last_search
    with _lock:
        _queue.clear()
        _last_search = None


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
    return [_entry(e) for e in query]


def iter_entries(where: LogFilter = LogFilter()) -> Iterator[LogEntry]:
    """Every matching entry, newest first, streamed from one query (the command line's
    listing, the CSV export): the log may hold hundreds of thousands. Administrators only."""
    require_admin()
    query = _query(where).order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
    for e in query.iterator():
        yield _entry(e)


def _entry(e) -> LogEntry:
    return LogEntry(e.at, e.user, e.action, e.record_type, e.record_id, e.detail, e.purpose,
                    e.id)


def named(rows: list[LogEntry]) -> list[LogEntry]:
    """The rows with the names of the contacts and organisations they are about, where these
    still exist: one query per kind for a page, never one per row."""
    from tryg_desktop.db.models import Contact, Organisation

    names: dict[tuple[str, int], str] = {}
    for record_type, model in (("contact", Contact), ("organisation", Organisation)):
        ids = {r.record_id for r in rows if r.record_type == record_type
               and r.record_id is not None}
        for chunk in _chunks(sorted(ids), 500):
            for record_id, name in model.select(model.id, model.name).where(
                    model.id.in_(chunk)).tuples():
                names[(record_type, record_id)] = name
    return [replace(r, record_name=names.get((r.record_type, r.record_id), ""))
            if (r.record_type, r.record_id) in names else r for r in rows]


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def page(where: LogFilter, offset: int = 0, limit: int = 100) -> list[LogEntry]:
    """One page for the Adgangslog page, newest first, with the names (two queries more)."""
    return named(entries(where, limit, offset))


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
    return [_entry(e) for e in query]


# --- periods and times: the user's days are local, the log's times UTC --------------------------

def day_range(first: dt.date | None, last: dt.date | None) -> tuple[dt.datetime | None,
                                                                    dt.datetime | None]:
    """(since, until) in naive UTC for a filter from the start of `first` up to the end of
    `last`, both local days (Danish time on a Danish PC); None for an open end."""
    def start_of(day: dt.date) -> dt.datetime:
        local = dt.datetime.combine(day, dt.time()).astimezone()  # the PC's time zone
        return local.astimezone(dt.timezone.utc).replace(tzinfo=None)

    since = start_of(first) if first is not None else None
    until = start_of(last + dt.timedelta(days=1)) if last is not None else None
    return since, until


def local_time(at: dt.datetime) -> dt.datetime:
    """A naive UTC time as the PC's local time (naive)."""
    return at.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)


def local_time_text(at: dt.datetime) -> str:
    """'03.12.2026 kl. 14.05' in the PC's local time, as the Historik tab writes it."""
    from tryg_desktop.l10n import format_datetime

    return format_datetime(local_time(at))


def iso_utc(at: dt.datetime) -> str:
    """'2026-12-03T13:05:00Z'."""
    return at.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


# --- the CSV export (the page's "Eksportér CSV …") -------------------------------------------

CSV_COLUMNS = ["Tidspunkt (UTC)", "Tidspunkt", "Bruger", "Handling", "Posttype", "Post-id",
               "Post", "Detaljer", "Formål"]


def write_csv(path, where: LogFilter = LogFilter()) -> int:
    """The matching entries, newest first, as CSV for Danish Excel (UTF-8 with BOM, ';', CRLF),
    written whole or not at all; returns how many. Administrators only; the export itself is
    an entry in the log."""
    import codecs
    import csv
    import io
    from pathlib import Path

    from tryg_desktop.services.files import write_atomically

    require_admin("eksportere adgangsloggen")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    total = 0
    batch: list[LogEntry] = []

    def write(rows: list[LogEntry]) -> None:
        for r in named(rows):
            writer.writerow([guard(cell) for cell in (
                iso_utc(r.at), r.at_text, r.user, r.action_label,
                RECORD_TYPES.get(r.record_type, r.record_type),
                "" if r.record_id is None else str(r.record_id), r.record_label, r.detail,
                r.purpose)])

    for entry in iter_entries(where):
        batch.append(entry)
        total += 1
        if len(batch) == 1000:
            write(batch)
            batch = []
    write(batch)
    path = Path(path)
    write_atomically(path, codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))
    record("export", detail=f"Adgangsloggen (CSV): {total} indgange{describe(where)}, "
                            f"{path.name}")
    return total


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def guard(text: str) -> str:
    """A cell Excel would read as a formula gets a leading apostrophe (as the contact export's
    contact_csv.guard; the register wing is not imported from this shared module)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def describe(where: LogFilter) -> str:
    """The filter in words for the export's own entry: ', kontakt 17, bruger lone'."""
    parts = []
    if where.record_type:
        kind = RECORD_TYPES.get(where.record_type, where.record_type).lower()
        parts.append(kind if where.record_id is None else f"{kind} {where.record_id}")
    if where.user:
        parts.append(f"bruger {where.user}")
    if where.action:
        parts.append(ACTIONS.get(where.action, where.action).lower())
    if where.since is not None:
        parts.append(f"fra {local_time(where.since):%d.%m.%Y}")
    if where.until is not None:
        parts.append(f"til {local_time(where.until) - dt.timedelta(days=1):%d.%m.%Y}")
    return "".join(f", {part}" for part in parts)
