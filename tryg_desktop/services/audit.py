"""The audit trail (Historik): who, when, which record, which fields old → new."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from dataclasses import dataclass

from tryg_desktop.db.bulk import insert_rows
from tryg_desktop.db.models import AuditEntry, utcnow

ACTION_LABELS = {"create": "Oprettet", "update": "Ændret", "delete": "Slettet",
                 "reopen": "Genåbnet",
                 # minutes saved by two editors at once (services/meetings/minutes.py)
                 "saved_elsewhere": "Gemt et andet sted", "not_saved": "Ikke gemt ved konflikt"}

# Every kind of record the audit trail names, as the Oversigt writes it.
ENTITY_NAMES = {"contact": "kontakt", "organisation": "organisation", "meeting": "møde",
                "forum": "mødeforum", "agenda_item": "dagsordenspunkt",
                "participant": "deltager", "action_item": "handling",
                "agenda_template": "dagsordensskabelon", "document": "dokument",
                "place": "sted", "effort": "indsats", "episode": "hændelse",
                "attachment": "bilag"}


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
    user: str
    action: str
    label: str
    changes: dict[str, list]

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
    return [AuditRow(e.at, e.user, e.action, e.label, json.loads(e.changes or "{}")) for e in query]


def diff(old: dict, new: dict) -> dict[str, list]:
    """Changed fields as {field: [old, new]}; a new record lists only the fields it fills."""
    return {key: [old.get(key), value] for key, value in new.items()
            if old.get(key) != value and not (key not in old and value in ("", None))}
