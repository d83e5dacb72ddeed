"""Times issue 10's hardening in-process on a scratch copy of a database and prints JSON:

- quick_check_ms / full_check_ms: db_health.check_database(quick=True) (the start-up check) and
  (quick=False) (`main.py check`: integrity, foreign keys, the search index);
- backup_ms: auto_backup.take_daily_backup() (the first start of a day, in a worker);
- rename_org_ms: renaming the organisation with most contacts (its contacts' search text and
  sort keys and their actions' search text are rebuilt in the same transaction), with the
  number of rows that follow; rename_contact_ms: the contact responsible for most actions;
  rename_forum_ms: the forum with most meetings;
- search_ms / search_80_ms: the contact list's search for one word and for 80 short words;
- minutes_save_ms: one autosave of an item's referat with its version check.

    python benchmarks/hardening_probe.py --database COPY.sqlite3 [--runs 5]

Renames write: give it a copy (run_hardening.py does).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _timed(runs: int, work) -> float:
    samples = []
    for n in range(runs):
        started = time.perf_counter()
        work(n)
        samples.append(_ms(started))
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from peewee import fn

    from tryg_desktop.db import open_database
    from tryg_desktop.db.action_models import ActionItem
    from tryg_desktop.db.meeting_models import AgendaItem, Meeting
    from tryg_desktop.db.models import Contact
    from tryg_desktop.services import auto_backup, db_health
    from tryg_desktop.services.meetings import forums, minutes
    from tryg_desktop.services.register import contacts, organisations

    open_database(args.database)
    result: dict = {}
    result["quick_check_ms"] = _timed(args.runs, lambda n: db_health.check_database(quick=True))
    result["full_check_ms"] = _timed(1, lambda n: db_health.check_database(quick=False))
    started = time.perf_counter()
    auto_backup.take_daily_backup()
    result["backup_ms"] = _ms(started)

    def biggest(column):
        return (Contact.select(column, fn.COUNT(Contact.id).alias("n")).where(column.is_null(False))
                .group_by(column).order_by(fn.COUNT(Contact.id).desc()).limit(1).tuples().get())

    org_id, result["org_contacts"] = biggest(Contact.organisation)
    contact_id, result["contact_actions"] = (
        ActionItem.select(ActionItem.responsible_contact, fn.COUNT(ActionItem.id))
        .where(ActionItem.responsible_contact.is_null(False))
        .group_by(ActionItem.responsible_contact)
        .order_by(fn.COUNT(ActionItem.id).desc()).limit(1).tuples().get())
    forum_id, result["forum_meetings"] = (
        Meeting.select(Meeting.forum, fn.COUNT(Meeting.id)).where(Meeting.forum.is_null(False))
        .group_by(Meeting.forum).order_by(fn.COUNT(Meeting.id).desc()).limit(1).tuples().get())

    def rename_org(n):
        row = organisations.get(org_id)
        data = organisations.OrganisationInput(**{
            f: getattr(row, f) for f in organisations.OrganisationInput.__dataclass_fields__})
        data.name = f"{row.name.split(' #')[0]} #{n}"
        organisations.update(org_id, data, row.version)

    def rename_contact(n):
        row = contacts.get(contact_id)
        data = row.as_input()
        data.name = f"{row.name.split(' #')[0]} #{n}"
        contacts.update(contact_id, data, row.version)

    def rename_forum(n):
        row = forums.get(forum_id)
        data = forums.ForumInput(**{f: getattr(row, f)
                                    for f in forums.ForumInput.__dataclass_fields__})
        data.name = f"{row.name.split(' #')[0]} #{n}"
        forums.update(forum_id, data, row.version)

    result["rename_org_ms"] = _timed(args.runs, rename_org)
    result["rename_contact_ms"] = _timed(args.runs, rename_contact)
    result["rename_forum_ms"] = _timed(args.runs, rename_forum)

    words = " ".join(f"a{i % 26}" for i in range(80))
    result["search_ms"] = _timed(args.runs, lambda n: contacts.fetch(
        contacts.ContactFilter(search="jens"), 0, 200))
    result["search_80_ms"] = _timed(args.runs, lambda n: contacts.fetch(
        contacts.ContactFilter(search=words), 0, 200))

    item = AgendaItem.select().where(AgendaItem.notes != "").order_by(AgendaItem.id).get()
    state = {"version": item.version}

    def save(n):
        state["version"] = minutes.save_item_minutes(item.id, f"{item.notes} {n}", item.decision,
                                                     state["version"])

    result["minutes_save_ms"] = _timed(args.runs, save)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
