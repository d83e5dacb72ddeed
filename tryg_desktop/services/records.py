"""Versioned writes shared by every editable record: insert, update-if-unchanged, delete,
each in one transaction together with its audit entry."""

from __future__ import annotations

from tryg_desktop.db import database
from tryg_desktop.db.models import utcnow
from tryg_desktop.services import audit
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.errors import ConflictError, NotFoundError


def insert(model, entity: str, values: dict, label: str, audit_values: dict) -> int:
    with database.atomic():
        record_id = model.insert(**values, version=1,
                                 **_stamps(model, "created_at", "updated_at")).execute()
        audit.record(entity, record_id, "create", label, audit.diff({}, audit_values))
    return record_id


def update(model, entity: str, what: str, record_id: int, version: int, values: dict,
           label: str, old_audit: dict, new_audit: dict) -> int:
    """Writes values only if the stored version is still `version`; returns the new version."""
    changes = audit.diff(old_audit, new_audit)
    with database.atomic():
        updated = (model.update(**values, version=model.version + 1,
                                **_stamps(model, "updated_at"))
                   .where((model.id == record_id) & (model.version == version)).execute())
        if not updated:
            raise_missing_or_conflict(model, record_id, what)
        if changes:
            audit.record(entity, record_id, "update", label, changes)
    return version + 1


def delete(model, entity: str, what: str, record_id: int, version: int | None, label: str,
           old_audit: dict) -> None:
    with database.atomic():
        query = model.delete().where(model.id == record_id)
        if version is not None:
            query = query.where(model.version == version)
        if not query.execute():
            raise_missing_or_conflict(model, record_id, what)
        audit.record(entity, record_id, "delete", label,
                     {k: [v, None] for k, v in old_audit.items() if v not in ("", None)})
        # The access log's trace, in the same transaction: no deletion without it.
        access_log.record_now("delete", entity, record_id, detail=what)


def _stamps(model, *names: str) -> dict:
    """Timestamps for the models that keep them (an agenda item does not)."""
    now = utcnow()
    return {name: now for name in names if name in model._meta.fields}


def raise_missing_or_conflict(model, record_id: int, what: str):
    if model.select().where(model.id == record_id).exists():
        raise ConflictError(what)
    raise NotFoundError(f"{what} findes ikke længere (id {record_id}).")
