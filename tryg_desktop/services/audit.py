"""The audit trail (Historik): who, when, which record, which fields old → new."""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
import re
from dataclasses import dataclass

from tryg_desktop.db.bulk import insert_rows
from tryg_desktop.db.models import AuditEntry, utcnow

ACTION_LABELS = {"create": "Oprettet", "update": "Ændret", "delete": "Slettet",
                 "reopen": "Genåbnet", "erase": "Slettet (persondata)",
                 # minutes saved by two editors at once (services/meetings/minutes.py)
                 "saved_elsewhere": "Gemt et andet sted", "not_saved": "Ikke gemt ved konflikt"}

# Every kind of record the audit trail names, as the Oversigt writes it.
ENTITY_NAMES = {"contact": "kontakt", "organisation": "organisation", "meeting": "møde",
                "forum": "mødeforum", "agenda_item": "dagsordenspunkt",
                "participant": "deltager", "action_item": "handling",
                "agenda_template": "dagsordensskabelon", "document": "dokument",
                "place": "sted", "effort": "indsats", "episode": "hændelse",
                "attachment": "bilag", "privacy_setting": "slettefrist",
                "safety_measure": "tryghedsmåling"}


PHONE_FIELDS = frozenset({"phone", "mobile"})  # kept as E.164 ("+4598148012")
_ISO_DATE_LENGTH = 10  # "2026-12-03": the trail keeps dates as ISO text
_ISO_TIME = re.compile(r"[0-2]\d:[0-5]\d")  # an episode's time, a forum's start: "13:10"
_ISO_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d[ T][0-2]\d:[0-5]\d")  # "2026-12-03 14:00"


def value_text(field: str, value, empty: str = "(tom)") -> str:
    """A value from the trail as the app writes it everywhere: "Ja", "98 14 80 12",
    "03.12.2026" (the Historik tab and the access request's history alike)."""
    from tryg_desktop import l10n

    if value is None or value == "":
        return empty
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, dt.datetime):
        return l10n.format_datetime(value)
    if isinstance(value, dt.date):
        return l10n.format_date(value, "short")
    if field in PHONE_FIELDS:
        return l10n.format_phone(str(value))
    if isinstance(value, str) and len(value) == _ISO_DATE_LENGTH:
        try:
            return l10n.format_date(dt.date.fromisoformat(value), "short")
        except ValueError:
            pass
    if isinstance(value, str) and _ISO_TIME.fullmatch(value):  # "13:10" → "13.10"
        return l10n.clock(value)
    if isinstance(value, str) and _ISO_DATE_TIME.fullmatch(value):  # a meeting's start
        return l10n.format_datetime(dt.datetime.fromisoformat(value))
    return str(value)


def current_user() -> str:
    """Who signs a change: the database login on the team's server (the server writes it into
    the history itself), else the OS user name, on a municipal PC the employee's login."""
    from tryg_desktop.db.dialect import login

    on_server = login()
    if on_server:
        return on_server
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - getpass raises several kinds when no name is set
        return "ukendt"


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime  # UTC
    user: str  # the OS user (SQLite) or the database login (server), as stored
    action: str
    label: str
    changes: dict[str, list]
    who: str = ""  # as the Historik shows the author: "Anna Jensen (anna)" on the server

    @property
    def shown_user(self) -> str:
        return self.who or self.user

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)


def record(entity: str, record_id: int, action: str, label: str, changes: dict) -> None:
    """Call inside the write's transaction, so the change and its trace land together."""
    AuditEntry.create(at=utcnow(), user=current_user(), entity=entity, record_id=record_id,
                      action=action, label=label, changes=json.dumps(changes, ensure_ascii=False))


def record_many(entries: list[tuple[str, int, str, str, dict]]) -> None:
    """Bulk form of record() for imports."""
    now, user = utcnow(), current_user()
    rows = [dict(at=now, user=user, entity=e, record_id=r, action=a, label=lb,
                 changes=json.dumps(c, ensure_ascii=False)) for e, r, a, lb, c in entries]
    insert_rows(AuditEntry, rows)


def history(entity: str, record_id: int) -> list[AuditRow]:
    """Newest first."""
    query = (AuditEntry.select()
             .where((AuditEntry.entity == entity) & (AuditEntry.record_id == record_id))
             .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()))
    rows = [AuditRow(e.at, e.user, e.action, e.label, json.loads(e.changes or "{}"))
            for e in query]
    return _with_names(rows)


def _with_names(rows: list[AuditRow]) -> list[AuditRow]:
    """On the server, the person's name beside each login that is linked to a contact (one
    query for all the rows); on SQLite the rows as they are."""
    from tryg_desktop.services import server_admin

    names = server_admin.login_names() if rows else {}
    if not names:
        return rows
    return [dataclasses.replace(row, who=server_admin.display_user(row.user, names))
            for row in rows]


def diff(old: dict, new: dict) -> dict[str, list]:
    """Changed fields as {field: [old, new]}; a new record lists only the fields it fills."""
    return {key: [old.get(key), value] for key, value in new.items()
            if old.get(key) != value and not (key not in old and value in ("", None))}
