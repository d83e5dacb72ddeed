"""Demo data: the partners of Tryg Aalborg with invented people, for trying the app and for
showing it. Everything goes through the ordinary services, so validation and audit apply."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from tryg_desktop.db import database
from tryg_desktop.paths import RESOURCES
from tryg_desktop.services import contacts, organisations

DEMO_DIR = RESOURCES / "demo"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    organisations_created: int = 0
    organisations_skipped: int = 0
    contacts_created: int = 0
    contacts_skipped: int = 0

    def summary(self) -> str:
        created, skipped = self.organisations_created, self.organisations_skipped
        if not (created or self.contacts_created):
            return "Demodata var allerede indlæst; der er ikke oprettet noget nyt."
        text = (f"Demodata indlæst: {_count(created, 'organisation', 'organisationer')} og "
                f"{_count(self.contacts_created, 'kontakt', 'kontakter')} oprettet.")
        if skipped or self.contacts_skipped:
            text += (f" {skipped} organisationer og {self.contacts_skipped} kontakter fandtes "
                     "allerede og blev sprunget over.")
        return text


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _read(name: str) -> list[dict]:
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def load_demo(progress: Progress | None = None) -> DemoSummary:
    """Create the demo organisations and contacts that are not there yet, in one transaction.
    Loading twice creates nothing new: organisations are matched by name, contacts by the
    contact service's own duplicate check."""
    org_data, contact_data = _read("organisations.json"), _read("contacts.json")
    total, done = len(org_data) + len(contact_data), 0
    orgs_created = orgs_skipped = contacts_created = contacts_skipped = 0
    org_ids: dict[str, int] = {}

    def step() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    with database.atomic():
        for item in org_data:
            existing = organisations.find_by_name(item["name"])
            if existing:
                org_ids[item["name"]] = existing.id
                orgs_skipped += 1
            else:
                org_ids[item["name"]] = organisations.create(
                    organisations.OrganisationInput(**item)).id
                orgs_created += 1
            step()
        for item in contact_data:
            values = dict(item)
            org_name = values.pop("organisation", None)
            # A name missing from organisations.json is a bug in the data: fail loudly (KeyError).
            org_id = org_ids[org_name] if org_name else None
            data = contacts.ContactInput(**values, organisation_id=org_id)
            if contacts.find_duplicates(data):
                contacts_skipped += 1
            else:
                contacts.create(data)
                contacts_created += 1
            step()
    return DemoSummary(orgs_created, orgs_skipped, contacts_created, contacts_skipped)
