"""Efforts (indsatser): an initiative in one of the three strands, at one or more places, with
partner organisations and a coordinator; its page shows a timeline of its meetings and actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from peewee import fn

from tryg_desktop.db import database, derived
from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import Meeting
from tryg_desktop.db.models import Contact, Organisation
from tryg_desktop.db.place_models import (
    Effort,
    EffortComparisonPlace,
    EffortOrganisation,
    EffortPlace,
    Place,
)
from tryg_desktop.db.search import search_terms
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services import records, validation
from tryg_desktop.services.errors import NotFoundError, ValidationError
from tryg_desktop.services.safety.goals import ALL_CATEGORIES, goal_text, split_categories
from tryg_desktop.services.safety.safety_terms import (
    EFFORT_STATUS_LABELS,
    EFFORT_STATUSES,
    STRAND_LABELS,
    STRANDS,
)

ENTITY = "effort"
WHAT = "Indsatsen"
FIELD_LABELS = {"title": "Titel", "strand": "Spor", "goal": "Mål", "places": "Steder",
                "organisations": "Partnere", "coordinator": "Koordinator", "starts_on": "Start",
                "ends_on": "Slut", "status": "Status",
                "comparison_places": "Sammenligningssteder", "goal_indicator": "Målbart mål"}
# Timeline entry kinds and the states of an action on it.
START, END, MEETING, ACTION = "start", "end", "meeting", "action"
ACTION_STATES = {"done": "Udført", "open": "Åben", "overdue": "Overskredet",
                 "cancelled": "Annulleret"}


@dataclass
class EffortInput:
    title: str = ""
    strand: str = "byrum"
    goal: str = ""
    place_ids: list[int] = field(default_factory=list)
    organisation_ids: list[int] = field(default_factory=list)
    coordinator_contact_id: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    status: str = "planlagt"
    # Compared with these instead of the rest of the city (services/safety/comparison.py).
    comparison_place_ids: list[int] = field(default_factory=list)
    # The goal as an indicator (services/safety/goals.py): None = no goal.
    goal_change: int | None = None
    goal_due: dt.date | None = None
    goal_categories: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EffortRow:
    id: int
    title: str
    strand: str
    goal: str
    place_ids: tuple[int, ...]
    place_names: tuple[str, ...]  # Danish order, as place_ids
    organisation_ids: tuple[int, ...]
    organisation_names: tuple[str, ...]
    coordinator_contact_id: int | None
    coordinator_name: str
    starts_on: dt.date
    ends_on: dt.date | None
    status: str
    version: int
    comparison_place_ids: tuple[int, ...] = ()
    goal_change: int | None = None
    goal_due: dt.date | None = None
    goal_categories: tuple[str, ...] = ()

    @property
    def strand_label(self) -> str:
        return STRAND_LABELS.get(self.strand, self.strand)

    @property
    def status_label(self) -> str:
        return EFFORT_STATUS_LABELS.get(self.status, self.status)

    @property
    def places_text(self) -> str:
        return ", ".join(self.place_names)

    @property
    def organisations_text(self) -> str:
        return ", ".join(self.organisation_names)

    def as_input(self) -> EffortInput:
        return EffortInput(title=self.title, strand=self.strand, goal=self.goal,
                           place_ids=list(self.place_ids),
                           organisation_ids=list(self.organisation_ids),
                           coordinator_contact_id=self.coordinator_contact_id,
                           starts_on=self.starts_on, ends_on=self.ends_on, status=self.status,
                           comparison_place_ids=list(self.comparison_place_ids),
                           goal_change=self.goal_change, goal_due=self.goal_due,
                           goal_categories=list(self.goal_categories))


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    kind: str  # START / END / MEETING / ACTION
    title: str
    state: str  # meeting: its status; action: done / open / overdue / cancelled; marker: ""
    state_label: str
    record_id: int | None  # the meeting's or action's id
    detail: str = ""  # the action's responsible, the meeting's forum


def clean(data: EffortInput) -> tuple[EffortInput, dict[str, str]]:
    out = replace(data, place_ids=list(dict.fromkeys(data.place_ids or [])),
                  organisation_ids=list(dict.fromkeys(data.organisation_ids or [])),
                  comparison_place_ids=list(dict.fromkeys(data.comparison_place_ids or [])))
    errors: dict[str, str] = {}
    out.title, error = validation.required(out.title, "Titlen")
    if error:
        errors["title"] = error
    out.goal, error = validation.free_text(out.goal)
    if error:
        errors["goal"] = error
    if out.strand not in STRAND_LABELS:
        errors["strand"] = "Vælg et af de tre spor."
    if out.status not in EFFORT_STATUS_LABELS:
        errors["status"] = "Vælg en status fra listen."
    if out.starts_on is None:
        errors["starts_on"] = "Angiv hvornår indsatsen starter."
    elif out.ends_on is not None and out.ends_on < out.starts_on:
        errors["ends_on"] = "Slutdatoen ligger før startdatoen."
    if out.place_ids and Place.select().where(Place.id.in_(out.place_ids)).count() != len(
            out.place_ids):
        errors["place_ids"] = "Et af stederne findes ikke længere."
    if set(out.comparison_place_ids) & set(out.place_ids):
        errors["comparison_place_ids"] = ("Et sted kan ikke både være indsatsens sted og "
                                          "sammenligningssted.")
    elif out.comparison_place_ids and Place.select().where(
            Place.id.in_(out.comparison_place_ids)).count() != len(out.comparison_place_ids):
        errors["comparison_place_ids"] = "Et af sammenligningsstederne findes ikke længere."
    if out.organisation_ids and Organisation.select().where(
            Organisation.id.in_(out.organisation_ids)).count() != len(out.organisation_ids):
        errors["organisation_ids"] = "En af organisationerne findes ikke længere."
    if out.coordinator_contact_id is not None and not Contact.select().where(
            Contact.id == out.coordinator_contact_id).exists():
        errors["coordinator_contact_id"] = "Kontakten findes ikke i registret."
    errors.update(_goal_errors(out))
    return out, errors


def _goal_errors(data: EffortInput) -> dict[str, str]:
    """The goal is all or nothing: a change, a day after the start and at least one
    category."""
    data.goal_categories = [k for k in ALL_CATEGORIES if k in set(data.goal_categories or [])]
    if data.goal_change is None and data.goal_due is None:
        data.goal_categories = []
        return {}
    errors = {}
    if data.goal_change is None or not -100 <= data.goal_change <= 100 \
            or data.goal_change == 0:
        errors["goal_change"] = ("Angiv den ønskede ændring i procent mellem −100 og +100 "
                                 "(ikke 0).")
    if data.goal_due is None:
        errors["goal_due"] = "Angiv hvornår målet skal være nået."
    elif data.starts_on is not None and data.goal_due <= data.starts_on:
        errors["goal_due"] = "Måldatoen skal ligge efter indsatsens start."
    if not data.goal_categories:
        errors["goal_categories"] = "Vælg mindst én slags hændelser for målet."
    return errors


def _names(model, ids) -> list[str]:
    if not ids:
        return []
    return sorted((n for (n,) in model.select(model.name).where(model.id.in_(list(ids))).tuples()),
                  key=danish_sort_key)


def _values(data: EffortInput) -> dict:
    return dict(title=data.title, strand=data.strand, goal=data.goal,
                coordinator=data.coordinator_contact_id, starts_on=data.starts_on,
                ends_on=data.ends_on, status=data.status, goal_change=data.goal_change,
                goal_due=data.goal_due, goal_categories=",".join(data.goal_categories))


def _audit(data: EffortInput) -> dict:
    coordinator = (Contact.select(Contact.name).where(Contact.id == data.coordinator_contact_id)
                   .scalar() if data.coordinator_contact_id else None)
    return {
        "title": data.title, "strand": STRAND_LABELS.get(data.strand, data.strand),
        "goal": data.goal, "places": ", ".join(_names(Place, data.place_ids)) or None,
        "organisations": ", ".join(_names(Organisation, data.organisation_ids)) or None,
        "coordinator": coordinator, "starts_on": data.starts_on.isoformat(),
        "ends_on": data.ends_on.isoformat() if data.ends_on else None,
        "status": EFFORT_STATUS_LABELS.get(data.status, data.status),
        "comparison_places": ", ".join(_names(Place, data.comparison_place_ids)) or None,
        "goal_indicator": (goal_text(data.goal_change, data.goal_due, data.goal_categories)
                           if data.goal_change is not None and data.goal_due else None),
    }


def _save_links(effort_id: int, data: EffortInput) -> None:
    EffortPlace.delete().where(EffortPlace.effort == effort_id).execute()
    EffortOrganisation.delete().where(EffortOrganisation.effort == effort_id).execute()
    EffortComparisonPlace.delete().where(EffortComparisonPlace.effort == effort_id).execute()
    if data.comparison_place_ids:
        EffortComparisonPlace.insert_many([{"effort": effort_id, "place": p}
                                           for p in data.comparison_place_ids]).execute()
    if data.place_ids:
        EffortPlace.insert_many([{"effort": effort_id, "place": p}
                                 for p in data.place_ids]).execute()
    if data.organisation_ids:
        EffortOrganisation.insert_many([{"effort": effort_id, "organisation": o}
                                        for o in data.organisation_ids]).execute()


def _checked(data: EffortInput) -> EffortInput:
    data, errors = clean(data)
    if errors:
        raise ValidationError(errors)
    return data


def create(data: EffortInput) -> EffortRow:
    data = _checked(data)
    with database.atomic():
        effort_id = records.insert(Effort, ENTITY, _values(data), data.title, _audit(data))
        _save_links(effort_id, data)
        derived.changed(Effort, [effort_id])
    return get(effort_id)


def update(effort_id: int, data: EffortInput, version: int) -> EffortRow:
    data = _checked(data)
    old = get(effort_id)
    with database.atomic():
        records.update(Effort, ENTITY, WHAT, effort_id, version, _values(data), data.title,
                       _audit(old.as_input()), _audit(data))
        _save_links(effort_id, data)
        derived.changed(Effort, [effort_id])
    return get(effort_id)


def set_comparison_places(effort_id: int, place_ids: list[int], version: int) -> EffortRow:
    """Compare the effort with these places instead of the rest of the city ([]: the city)."""
    return update(effort_id, replace(get(effort_id).as_input(),
                                     comparison_place_ids=list(place_ids)), version)


def delete(effort_id: int, version: int | None = None) -> None:
    """Its meetings and actions stay, without the effort."""
    old = get(effort_id)
    records.delete(Effort, ENTITY, WHAT, effort_id, version, old.title, _audit(old.as_input()))


def get(effort_id: int) -> EffortRow:
    rows = _rows(Effort.select().where(Effort.id == effort_id))
    if not rows:
        raise NotFoundError(f"Indsatsen findes ikke (id {effort_id}).")
    return rows[0]


def list_efforts(search: str = "", strand: str | None = None, status: str | None = None,
                 place_id: int | None = None) -> list[EffortRow]:
    """Efforts in Danish title order; search reads the title, the goal and the place names."""
    query = Effort.select()
    for term in search_terms(search):
        at_place = (EffortPlace.select(EffortPlace.effort).join(Place)
                    .where(fn.lower(Place.name).contains(term)))
        query = query.where(fn.lower(Effort.title).contains(term)
                            | fn.lower(Effort.goal).contains(term) | Effort.id.in_(at_place))
    if strand:
        query = query.where(Effort.strand == strand)
    if status:
        query = query.where(Effort.status == status)
    if place_id is not None:
        query = query.where(Effort.id.in_(
            EffortPlace.select(EffortPlace.effort).where(EffortPlace.place == place_id)))
    return _rows(query.order_by(Effort.sort_title, Effort.id))


@dataclass
class EffortFilter:
    search: str = ""
    strand: str | None = None
    status: str | None = None
    sort: str = "starts_on"
    descending: bool = True  # the newest effort first


SORT_COLUMNS = ("title", "strand", "status", "starts_on", "ends_on", "coordinator")


def fetch(flt: EffortFilter, offset: int = 0, limit: int = 200) -> list[EffortRow]:
    """A page of the Indsatser list; sorted in Python (tens of efforts, not thousands)."""
    rows = list_efforts(flt.search, flt.strand, flt.status)
    title = lambda r: danish_sort_key(r.title)  # noqa: E731
    key = {
        "title": title,
        "strand": lambda r: ([s for s, _ in STRANDS].index(r.strand) if r.strand in
                             STRAND_LABELS else 9, title(r)),
        "status": lambda r: ([s for s, _ in EFFORT_STATUSES].index(r.status) if r.status in
                             EFFORT_STATUS_LABELS else 9, title(r)),
        "starts_on": lambda r: (r.starts_on, title(r)),
        "ends_on": lambda r: (r.ends_on is None, r.ends_on or dt.date.max, title(r)),
        "coordinator": lambda r: (r.coordinator_name == "", danish_sort_key(r.coordinator_name),
                                  title(r)),
    }[flt.sort if flt.sort in SORT_COLUMNS else "starts_on"]
    rows.sort(key=key, reverse=flt.descending)
    return rows[offset:offset + limit]


def count(flt: EffortFilter) -> int:
    return len(list_efforts(flt.search, flt.strand, flt.status))


def choices(keep_id: int | None = None) -> list[tuple[int, str]]:
    """(id, title) of the planned and running efforts for a combo box; keep_id stays in."""
    query = (Effort.select(Effort.id, Effort.title)
             .where(Effort.status.in_(("planlagt", "i gang")) | (Effort.id == keep_id))
             .order_by(Effort.sort_title, Effort.id))
    return [(e.id, e.title) for e in query]


def find_duplicates(data: EffortInput, exclude_id: int | None = None) -> list[EffortRow]:
    """Efforts with the same title, ignoring case (a warning, not an error)."""
    query = Effort.select().where(fn.lower(Effort.title) == (data.title or "").strip().lower())
    if exclude_id is not None:
        query = query.where(Effort.id != exclude_id)
    return _rows(query)


def title_of(effort_id: int | None) -> str:
    if effort_id is None:
        return ""
    return Effort.select(Effort.title).where(Effort.id == effort_id).scalar() or ""


def _rows(query) -> list[EffortRow]:
    """Rows with their places, comparison places, organisations and coordinator: four
    queries in all."""
    efforts = list(query)
    ids = [e.id for e in efforts]
    places: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}
    orgs: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}
    compared: dict[int, list[int]] = {i: [] for i in ids}
    if ids:
        for effort_id, pid in (EffortComparisonPlace.select(EffortComparisonPlace.effort,
                                                            EffortComparisonPlace.place)
                               .where(EffortComparisonPlace.effort.in_(ids)).tuples()):
            compared[effort_id].append(pid)
        for effort_id, pid, name in (EffortPlace.select(EffortPlace.effort, Place.id, Place.name)
                                     .join(Place).where(EffortPlace.effort.in_(ids)).tuples()):
            places[effort_id].append((pid, name))
        for effort_id, oid, name in (EffortOrganisation.select(
                EffortOrganisation.effort, Organisation.id, Organisation.name)
                .join(Organisation).where(EffortOrganisation.effort.in_(ids)).tuples()):
            orgs[effort_id].append((oid, name))
    coordinator_ids = {e.coordinator_id for e in efforts if e.coordinator_id}
    coordinators = (dict(Contact.select(Contact.id, Contact.name)
                         .where(Contact.id.in_(list(coordinator_ids))).tuples())
                    if coordinator_ids else {})
    rows = []
    for e in efforts:
        p = sorted(places[e.id], key=lambda x: danish_sort_key(x[1]))
        o = sorted(orgs[e.id], key=lambda x: danish_sort_key(x[1]))
        rows.append(EffortRow(
            id=e.id, title=e.title, strand=e.strand, goal=e.goal,
            place_ids=tuple(i for i, _ in p), place_names=tuple(n for _, n in p),
            organisation_ids=tuple(i for i, _ in o), organisation_names=tuple(n for _, n in o),
            coordinator_contact_id=e.coordinator_id,
            coordinator_name=coordinators.get(e.coordinator_id, ""), starts_on=e.starts_on,
            ends_on=e.ends_on, status=e.status, version=e.version,
            comparison_place_ids=tuple(sorted(compared[e.id])),
            goal_change=e.goal_change, goal_due=e.goal_due,
            goal_categories=split_categories(e.goal_categories)))
    return rows


# -- the timeline ----------------------------------------------------------------------------

def action_state(status: str, due: dt.date | None, today: dt.date) -> str:
    if status == "udført":
        return "done"
    if status == "annulleret":
        return "cancelled"
    return "overdue" if due is not None and due < today else "open"


def timeline(effort_id: int, today: dt.date | None = None) -> list[TimelineEntry]:
    """The effort's start and end, its meetings (by their day) and its actions (a done one by
    the day it was done, others by their deadline, else the day they were made), by date."""
    from tryg_desktop.services.meetings import actions, meetings

    today = today or dt.date.today()
    effort = get(effort_id)
    entries = [TimelineEntry(effort.starts_on, START, "Indsatsen starter", "", "", None)]
    if effort.ends_on is not None:
        ended = effort.ends_on < today
        entries.append(TimelineEntry(effort.ends_on, END,
                                     "Indsatsen sluttede" if ended else "Indsatsen slutter",
                                     "", "", None))
    for m in meetings.fetch(meetings.MeetingFilter(when="all", effort_id=effort_id),
                            limit=10_000):
        entries.append(TimelineEntry(m.starts_at.date(), MEETING, m.title, m.status,
                                     m.status_label, m.id, m.forum_name))
    # Its own actions and those of its meetings (the rule services/safety/statistics.py counts by).
    rows = actions.fetch(actions.ActionFilter(effort_id=effort_id, today=today), limit=10_000)
    created = dict(ActionItem.select(ActionItem.id, ActionItem.created_at)
                   .where(ActionItem.id.in_([a.id for a in rows])).tuples()) if rows else {}
    for a in rows:
        state = action_state(a.status, a.due, today)
        day = (a.completed_on if state == "done" and a.completed_on else None) or a.due \
            or created[a.id].date()
        entries.append(TimelineEntry(day, ACTION, a.title, state, ACTION_STATES[state], a.id,
                                     a.responsible_name or a.organisation_name))
    order = {START: 0, MEETING: 1, ACTION: 2, END: 3}
    return sorted(entries, key=lambda e: (e.on, order[e.kind], danish_sort_key(e.title)))


def meeting_count(effort_id: int) -> int:
    return Meeting.select().where(Meeting.effort == effort_id).count()
