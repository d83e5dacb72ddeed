"""The register at a glance, for the Oversigt page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from tryg_desktop.db.models import AuditEntry, Contact, Organisation
from tryg_desktop.services.audit import ACTION_LABELS, ENTITY_NAMES

@dataclass(frozen=True)
class Counts:
    active_organisations: int
    active_contacts: int
    private_contacts: int
    inactive_contacts: int
    total: int

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def is_empty() -> bool:
    """No organisation and no contact yet: the welcome page instead of the figures."""
    return not (Organisation.select().exists() or Contact.select().exists())


def counts() -> Counts:
    organisations = Organisation.select(fn.COUNT(Organisation.id)).where(Organisation.active == True).scalar()  # noqa: E712
    total_orgs = Organisation.select(fn.COUNT(Organisation.id)).scalar()
    rows = (Contact.select(Contact.active, Contact.is_private, fn.COUNT(Contact.id).alias("n"))
            .group_by(Contact.active, Contact.is_private).tuples())
    active = private = inactive = 0
    for is_active, is_private, n in rows:
        if not is_active:
            inactive += n
        elif is_private:
            private += n
        else:
            active += n
    return Counts(organisations, active, private, inactive, total_orgs + active + private + inactive)


@dataclass(frozen=True)
class RecentChange:
    at_local: dt.datetime
    user: str
    action_label: str
    what: str
    label: str


def recent_changes(limit: int = 10) -> list[RecentChange]:
    query = AuditEntry.select().order_by(AuditEntry.id.desc()).limit(limit)
    return [RecentChange(e.at.replace(tzinfo=dt.timezone.utc).astimezone(), e.user,
                         ACTION_LABELS.get(e.action, e.action), ENTITY_NAMES.get(e.entity, e.entity),
                         e.label) for e in query]
