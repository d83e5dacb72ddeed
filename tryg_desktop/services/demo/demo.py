"""Demo data: the partners of Tryg Aalborg with invented people, three meeting forums and a year
of their meetings, places, efforts and two years of episodes (demo_safety.py), for trying the
app and for showing it. Everything goes through the ordinary services, so validation and audit
apply: the meetings, minutes and actions record by record; the organisations, contacts, agenda
items, invitations and episodes in bulk, with each service's own validation, columns, audit
text and derived data (record by record they were 20,000 round trips to a server). Dates are
relative to `today`, so the demo always has about six months of past and six of upcoming
meetings, and episodes up to yesterday."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Any, Callable

from peewee import SqliteDatabase

from tryg_desktop.db import database, derived
from tryg_desktop.db.bulk import insert_rows
from tryg_desktop.db.meeting_models import AgendaItem
from tryg_desktop.db.models import Contact, Organisation, utcnow
from tryg_desktop.paths import RESOURCES
from tryg_desktop.services import audit
from tryg_desktop.services.demo import demo_safety
from tryg_desktop.services.errors import ValidationError
from tryg_desktop.services.meetings import agenda, forums, meetings, participants
from tryg_desktop.services.register import contacts, organisations

DEMO_DIR = RESOURCES / "demo"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    organisations_created: int = 0
    organisations_skipped: int = 0
    contacts_created: int = 0
    contacts_skipped: int = 0
    forums_created: int = 0
    forums_skipped: int = 0
    meetings_created: int = 0
    places_created: int = 0
    places_skipped: int = 0
    efforts_created: int = 0
    efforts_skipped: int = 0
    episodes_created: int = 0

    def summary(self) -> str:
        """One line (the status bar shows the first line)."""
        created, skipped = self.organisations_created, self.organisations_skipped
        if not (created or self.contacts_created or self.forums_created or self.meetings_created
                or self.places_created or self.efforts_created or self.episodes_created):
            return "Demodata var allerede indlæst; der er ikke oprettet noget nyt."
        text = (f"Demodata indlæst: {_count(created, 'organisation', 'organisationer')} og "
                f"{_count(self.contacts_created, 'kontakt', 'kontakter')} oprettet")
        also = []
        if self.forums_created or self.meetings_created:
            also.append(f"{_count(self.forums_created, 'mødeforum', 'mødefora')} med "
                        f"{_count(self.meetings_created, 'møde', 'møder')}")
        for n, one, many in ((self.places_created, "sted", "steder"),
                             (self.efforts_created, "indsats", "indsatser"),
                             (self.episodes_created, "hændelse", "hændelser")):
            if n:
                also.append(_count(n, one, many))
        if also:
            text += ", desuden " + _and(also)
        text += "."
        if skipped or self.contacts_skipped or self.forums_skipped or self.places_skipped or (
                self.efforts_skipped):
            existing = [_count(skipped, "organisation", "organisationer"),
                        _count(self.contacts_skipped, "kontakt", "kontakter"),
                        _count(self.forums_skipped, "mødeforum", "mødefora")]
            for n, one, many in ((self.places_skipped, "sted", "steder"),
                                 (self.efforts_skipped, "indsats", "indsatser")):
                if n:
                    existing.append(_count(n, one, many))
            text += f" {_and(existing)} fandtes allerede og blev sprunget over."
        return text


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}".replace(",", ".")  # 1.512 hændelser


def _and(parts: list[str]) -> str:
    """'a, b og c'."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} og {parts[-1]}"


def _read(name: str) -> Any:
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def load_demo(progress: Progress | None = None, today: dt.date | None = None) -> DemoSummary:
    """Create the demo organisations, contacts and forums (with their meetings) that are not
    there yet, in one transaction. Loading twice creates nothing new: organisations are
    matched by name, contacts by the contact service's own duplicate check, forums by name
    (an existing forum keeps its own meetings; none are added to it)."""
    today = today or dt.date.today()
    org_data, contact_data = _read("organisations.json"), _read("contacts.json")
    forum_data = _read("meetings.json")["forums"]
    safety = _read("safety.json") if (DEMO_DIR / "safety.json").is_file() else None
    measure_items = (_read("measures.json")["measures"] if (DEMO_DIR / "measures.json").is_file()
                else [])
    plans = [_meeting_days(spec, today) for spec in forum_data]
    total = len(org_data) + len(contact_data) + sum(len(days) for days in plans)
    done = 0
    orgs_skipped = contacts_skipped = 0
    org_ids: dict[str, int] = {}
    contact_ids: dict[str, int] = {}

    def step() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    # SQLite: the write lock at BEGIN, as the import takes it. A deferred transaction reads
    # first and then cannot wait for another writer: it gave up at once with "optaget".
    lock = {"lock_type": "IMMEDIATE"} if isinstance(database.obj, SqliteDatabase) else {}
    with database.atomic(**lock):
        # Episodes only at the places this load creates: loading twice adds none.
        planned = (demo_safety.plan_episodes(safety, today, demo_safety.new_place_names(safety))
                   if safety else [])
        if safety:
            total += len(safety["places"]) + len(safety["efforts"]) + len(planned)
        new_orgs = []
        for item in org_data:
            existing = organisations.find_by_name(item["name"])
            if existing:
                org_ids[item["name"]] = existing.id
                orgs_skipped += 1
            else:
                new_orgs.append(organisations.OrganisationInput(**item))
        org_ids.update(zip((o.name for o in new_orgs),
                           _create_many(organisations, Organisation, new_orgs)))
        orgs_created = len(new_orgs)
        for _ in org_data:
            step()
        new_contacts = []
        for item in contact_data:
            values = dict(item)
            org_name = values.pop("organisation", None)
            # A name missing from organisations.json is a bug in the data: fail loudly (KeyError).
            org_id = org_ids[org_name] if org_name else None
            data = contacts.ContactInput(**values, organisation_id=org_id)
            # Against the register as it was: the demo's own contacts are all different.
            duplicates = contacts.find_duplicates(data)
            if duplicates:
                contact_ids[item["name"]] = duplicates[0].id
                contacts_skipped += 1
            else:
                new_contacts.append((item["name"], data))
        contact_ids.update(zip((name for name, _ in new_contacts),
                               _create_many(contacts, Contact, [d for _, d in new_contacts])))
        contacts_created = len(new_contacts)
        for _ in contact_data:
            step()
        links = (demo_safety.load_places_and_efforts(safety, today, org_ids, contact_ids, step,
                                                     measure_items) if safety else None)
        forum_names = {f.name.casefold() for f in forums.all_forums(include_inactive=True)}
        forums_created = forums_skipped = meetings_created = 0
        for spec, days in zip(forum_data, plans):
            if spec["name"].casefold() in forum_names:
                forums_skipped += 1
                for _ in days:
                    step()
                continue
            _create_forum(spec, days, today, org_ids, contact_ids, step, links)
            forums_created += 1
            meetings_created += len(days)
        episodes_created = (demo_safety.load_episodes(planned, links.place_ids, step)
                            if links else 0)
    return DemoSummary(orgs_created, orgs_skipped, contacts_created, contacts_skipped,
                       forums_created, forums_skipped, meetings_created,
                       *((links.places_created, links.places_skipped, links.efforts_created,
                          links.efforts_skipped) if links else (0, 0, 0, 0)), episodes_created)


def _create_many(service, model, items: list) -> list[int]:
    """New organisations or contacts as the service's create makes them (its validation,
    columns, audit text and derived data), in a handful of statements for them all: one by one
    a record took about ten round trips. Returns their ids, in order."""
    cleaned = []
    for data in items:
        data, errors = service.clean(data)
        if errors:
            raise ValidationError(errors)
        cleaned.append(data)
    rows = []
    for data in cleaned:
        now = utcnow()
        rows.append({**service.row_values(data), "version": 1, "created_at": now,
                     "updated_at": now})
    ids = insert_rows(model, rows)
    derived.changed(model, ids)
    audit.record_many([(service.ENTITY, record_id, "create", data.name,
                        audit.diff({}, service.audit_values(data)))
                       for record_id, data in zip(ids, cleaned)])
    return ids


# -- forums and meetings -----------------------------------------------------------------------

_HALF_YEAR = dt.timedelta(days=183)


def _meeting_days(spec: dict, today: dt.date) -> list[dt.date]:
    """The forum's meeting days from about six months before today to six after, by its
    calendar rule (counted from 1 January, so "every other month" means January, March …),
    moved off helligdage as "Planlæg næste møde" would."""
    from tryg_desktop.services.meetings import meeting_calendar

    first, last = today - _HALF_YEAR, today + _HALF_YEAR
    return [p.date for p in meeting_calendar.next_dates(
        spec["rhythm"], first - dt.timedelta(days=1), dt.date(first.year, 1, 1), until=last)]


def _invitation(meeting_number: int, person_number: int, past: bool) -> str:
    """A varied but fixed answer: some send their apologies, the rest come (past meetings) or
    have answered or not yet (upcoming ones)."""
    spread = (meeting_number * 5 + person_number * 3) % 11
    if spread in (0, 7):
        return "afbud"
    return "tilmeldt" if past or spread % 2 == 0 else "inviteret"


def _agenda(template: list[agenda.ItemInput], themes: list[dict]) -> list[agenda.ItemInput]:
    """The template with the theme items in place of its "Tema" placeholder (or, without one,
    after its fourth item)."""
    theme_items = [agenda.ItemInput(**{k: v for k, v in t.items() if k != "actions"})
                   for t in themes]
    titles = [i.title for i in template]
    if "Tema" in titles:
        at = titles.index("Tema")
        return [*template[:at], *theme_items, *template[at + 1:]]
    return [*template[:4], *theme_items, *template[4:]]


def _themes(seasons: list[dict], day: dt.date) -> list[dict]:
    """The theme items for a meeting on `day`: the set whose months include its month (no
    summer activities in January), the sets for one month taken in turn year by year."""
    fitting = [s for s in seasons if day.month in s["months"]]
    return fitting[day.year % len(fitting)]["items"] if fitting else []


def _create_forum(spec: dict, days: list[dt.date], today: dt.date, org_ids: dict[str, int],
                  contact_ids: dict[str, int], step: Callable[[], None],
                  links: demo_safety.SafetyLinks | None = None) -> None:
    forum = forums.create(forums.ForumInput(
        name=spec["name"], description=spec["description"], location=spec["location"],
        rhythm=spec["rhythm"], meeting_kind=spec["meeting_kind"], start_time=spec["start_time"],
        duration_minutes=spec["duration_minutes"],
        place_id=links.forum_place(spec["name"]) if links else None))
    # A name missing from organisations.json or contacts.json is a bug in the data (KeyError).
    invited: list[int] = []
    for name in spec["organisations"]:
        forums.add_member(forum.id, organisation_id=org_ids[name])
        people = contacts.iter_all(contacts.ContactFilter(organisation_id=org_ids[name],
                                                          active=True))
        invited += [p.id for p in people]
    for name in spec["contacts"]:
        forums.add_member(forum.id, contact_id=contact_ids[name])
        invited.append(contact_ids[name])
    invited = list(dict.fromkeys(invited))  # once each, in list order
    template = agenda.template(forum.template_id).items if forum.template_id else []
    seasons = _read("themes.json")["forums"][spec["name"]]  # theme items by month
    hour, minute = (int(part) for part in forum.start_time.split(":"))
    past_days = [d for d in days if d < today]
    cancelled = (past_days[-spec["cancelled_past_meeting"]]
                 if 0 < spec.get("cancelled_past_meeting", 0) <= len(past_days) else None)
    first_upcoming = next((d for d in days if d >= today), None)

    for number, day in enumerate(days):
        past = day < today
        starts = dt.datetime.combine(day, dt.time(hour, minute))
        themes = _themes(seasons, day)
        place_id, effort_id = (links.meeting_links([t["title"] for t in themes], day) if links
                               else (None, None))
        data = meetings.MeetingInput(
            title=forum.name, forum_id=forum.id, kind=forum.meeting_kind, starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=forum.duration_minutes),
            location=forum.location, chair_id=contact_ids[spec["chair"]],
            minute_taker_id=contact_ids[spec["minute_taker"]], purpose=spec["purpose"],
            status="afholdt" if past and day != cancelled else "planlagt",
            place_id=place_id, effort_id=effort_id)
        meeting = meetings.create(data)
        if day == cancelled:  # planned, then called off: its invitation's SEQUENCE goes up
            data.status, data.purpose = "aflyst", spec["cancelled_purpose"]
            meetings.update(meeting.id, data, meeting.version)
        items = _agenda(template, themes)
        if day == first_upcoming and "closed_item" in spec:
            at = next((i for i, item in enumerate(items) if item.title == "Nyt fra parterne"),
                      len(items))
            items.insert(at, agenda.ItemInput(**spec["closed_item"]))
        items = agenda.fit(items, forum.duration_minutes)  # no demo agenda opens overrun
        # Whoever leads, takes the minutes or presents an item has said yes: a demo meeting
        # shows no role clash unless someone makes one.
        presenters = " ".join(item.presenter for item in items)
        roles = {contact_ids[spec["chair"]], contact_ids[spec["minute_taker"]]} | {
            contact_id for name, contact_id in contact_ids.items() if name in presenters}
        answers: dict[str, list[int]] = {}
        for person_number, contact_id in enumerate(invited):
            answer = _invitation(number, person_number, past)
            if contact_id in roles and answer == "afbud":
                answer = "tilmeldt"
            answers.setdefault(answer, []).append(contact_id)
        # One bulk invitation per answer: one by one it was five round trips a person.
        for answer, people in answers.items():
            if participants.add_many(meeting.id, people, answer) != len(people):
                # add_many leaves out inactive contacts: the demo data invites none
                raise ValueError(f"Demodata: en inaktiv kontakt er inviteret til {forum.name}.")
        _add_agenda(meeting.id, items)
        if past and day != cancelled:
            from tryg_desktop.services.demo.demo_minutes import write_minutes

            write_minutes(meeting.id, number, day, today, invited, org_ids,
                          {t["title"]: t.get("actions", []) for t in themes},
                          dt.datetime.combine(days[number + 1], starts.time())
                          if number + 1 < len(days) else None)
        step()


def _add_agenda(meeting_id: int, items: list[agenda.ItemInput]) -> None:
    """The items at the end of the meeting's agenda, each with its audit entry, as agenda.add
    makes them (its validation, columns and audit text), but all in two statements: one by one
    an item took ten round trips."""
    first = len(agenda.items(meeting_id)) + 1
    rows, entries = [], []
    for position, data in enumerate(items, start=first):
        data, errors = agenda.clean(data)
        if errors:
            raise ValidationError(errors)
        rows.append({**asdict(data), "meeting": meeting_id, "position": position, "version": 1})
        entries.append((data.title, audit.diff({}, agenda.audit_values(data))))
    ids = insert_rows(AgendaItem, rows)
    audit.record_many([(agenda.ENTITY, record_id, "create", label, changes)
                       for record_id, (label, changes) in zip(ids, entries)])
