"""Action items (handlinger): what, who is responsible, the deadline (frist) and the status;
the Handlinger list, bulk status changes and the follow-up from a later meeting's minutes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace

from peewee import JOIN, Case, fn

from tryg_desktop.db import danish, database, derived, not_for_index
from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import AgendaItem, Forum, Meeting
from tryg_desktop.db.models import Contact, Organisation
from tryg_desktop.db.place_models import Effort, Place
from tryg_desktop.db.search import matching_every_term
from tryg_desktop.l10n import format_date
from tryg_desktop.services import records, validation
from tryg_desktop.services.meetings import disclosure
from tryg_desktop.services.meetings.disclosure import Audience
from tryg_desktop.services.errors import NotFoundError, ServiceError, ValidationError

ENTITY = "action_item"
WHAT = "Handlingen"
STATUSES = [("åben", "Åben"), ("i gang", "I gang"), ("udført", "Udført"),
            ("annulleret", "Annulleret")]
STATUS_LABELS = dict(STATUSES)
OPEN_STATUSES = ("åben", "i gang")
FIELD_LABELS = {
    "title": "Handling", "description": "Beskrivelse", "meeting": "Møde",
    "agenda_item": "Dagsordenspunkt", "forum": "Mødeforum", "responsible": "Ansvarlig",
    "organisation": "Ansvarlig organisation", "due": "Frist", "status": "Status",
    "completed_on": "Udført den", "completion_note": "Opfølgning", "place": "Sted",
    "effort": "Indsats",
}
SORT_COLUMNS = ("due", "title", "responsible", "organisation", "status")


@dataclass
class ActionInput:
    title: str = ""
    description: str = ""
    meeting_id: int | None = None
    agenda_item_id: int | None = None
    forum_id: int | None = None
    responsible_contact_id: int | None = None
    responsible_organisation_id: int | None = None
    due: dt.date | None = None
    status: str = "åben"
    completed_on: dt.date | None = None
    completion_note: str = ""
    place_id: int | None = None
    effort_id: int | None = None


@dataclass(frozen=True)
class ActionRow:
    id: int
    title: str
    description: str
    meeting_id: int | None
    meeting_title: str
    agenda_item_id: int | None
    item_number: int | None  # the agenda item's number in its meeting
    forum_id: int | None
    forum_name: str
    responsible_contact_id: int | None
    responsible_name: str
    responsible_organisation_id: int | None
    organisation_name: str  # the responsible organisation, else the person's organisation
    due: dt.date | None
    status: str
    completed_on: dt.date | None
    completion_note: str
    version: int
    place_id: int | None = None
    place_name: str = ""
    effort_id: int | None = None
    effort_name: str = ""
    item_closed: bool = False  # agreed under a closed (lukket) agenda item: see disclosure.py
    meeting_date: dt.date | None = None  # for the Handlingsliste's "Fra"

    def __post_init__(self) -> None:  # a stored snapshot (minutes.approved_actions) has text
        if isinstance(self.meeting_date, str):
            object.__setattr__(self, "meeting_date", dt.date.fromisoformat(self.meeting_date))

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.is_open and self.due is not None and self.due < (today or dt.date.today())

    @property
    def missing_responsible(self) -> bool:
        return self.responsible_contact_id is None and self.responsible_organisation_id is None

    def as_input(self) -> ActionInput:
        return ActionInput(**{f.name: getattr(self, f.name) for f in fields(ActionInput)})


@dataclass
class ActionFilter:
    search: str = ""
    statuses: set[str] | None = field(default=None)  # None: every status
    responsible_contact_id: int | None = None
    organisation_id: int | None = None
    forum_id: int | None = None
    overdue_only: bool = False
    meeting_id: int | None = None
    agenda_item_id: int | None = None
    place_id: int | None = None
    effort_id: int | None = None
    today: dt.date | None = None  # tests pin "today"; None: the real date
    sort: str = "due"
    descending: bool = False
    # The app's own lists show everything; a participants' document asks for PARTICIPANTS,
    # and the actions agreed under closed items are then not even read (disclosure.py).
    audience: Audience = Audience.INTERNAL


def clean(data: ActionInput, today: dt.date | None = None) -> tuple[ActionInput, dict[str, str]]:
    """The normalised input and Danish field errors. Completing sets completed_on (today unless
    given); any other status clears it, so reopening an action does not leave a stale date."""
    out = replace(data)
    errors: dict[str, str] = {}
    out.title, error = validation.required(out.title, "Handlingen")
    if error:
        errors["title"] = error
    for name in ("description", "completion_note"):
        value, error = validation.free_text(getattr(out, name))
        setattr(out, name, value)
        if error:
            errors[name] = error
    if out.status not in STATUS_LABELS:
        errors["status"] = "Vælg en status fra listen."
    if out.agenda_item_id is not None:
        item = AgendaItem.get_or_none(AgendaItem.id == out.agenda_item_id)
        if item is None:
            errors["agenda_item_id"] = "Dagsordenspunktet findes ikke længere."
        elif out.meeting_id is None:
            out.meeting_id = item.meeting_id
        elif item.meeting_id != out.meeting_id:
            errors["agenda_item_id"] = "Dagsordenspunktet hører til et andet møde."
    if out.meeting_id is not None:
        meeting = Meeting.get_or_none(Meeting.id == out.meeting_id)
        if meeting is None:
            errors["meeting_id"] = "Mødet findes ikke længere."
        else:
            if out.forum_id is None:  # so the forum's next meeting follows the action up
                out.forum_id = meeting.forum_id
            if out.due is not None and out.due < meeting.starts_at.date():
                errors["due"] = "Fristen ligger før mødet."
    for name, model, message in (
            ("forum_id", Forum, "Mødeforummet findes ikke."),
            ("responsible_contact_id", Contact, "Kontakten findes ikke i registret."),
            ("responsible_organisation_id", Organisation, "Organisationen findes ikke."),
            ("place_id", Place, "Stedet findes ikke."),
            ("effort_id", Effort, "Indsatsen findes ikke.")):
        value = getattr(out, name)
        if value is not None and not model.select().where(model.id == value).exists():
            errors[name] = message
    if out.status == "udført":
        out.completed_on = out.completed_on or today or dt.date.today()
    else:
        out.completed_on = None
    return out, errors


def _name(model, record_id):
    if record_id is None:
        return ""
    column = model.title if model in (Meeting, Effort) else model.name
    return model.select(column).where(model.id == record_id).scalar() or ""


def _values(data: ActionInput) -> dict:
    return dict(
        title=data.title, description=data.description, meeting=data.meeting_id,
        agenda_item=data.agenda_item_id, forum=data.forum_id,
        responsible_contact=data.responsible_contact_id,
        responsible_organisation=data.responsible_organisation_id, due=data.due,
        status=data.status, completed_on=data.completed_on,
        completion_note=data.completion_note, place=data.place_id, effort=data.effort_id)


def _audit(data: ActionInput) -> dict:
    item = (AgendaItem.select(AgendaItem.title).where(AgendaItem.id == data.agenda_item_id)
            .scalar() if data.agenda_item_id else None)
    return {
        "title": data.title, "description": data.description,
        "meeting": _name(Meeting, data.meeting_id) or None, "agenda_item": item,
        "forum": _name(Forum, data.forum_id) or None,
        "responsible": _name(Contact, data.responsible_contact_id) or None,
        "organisation": _name(Organisation, data.responsible_organisation_id) or None,
        "due": data.due.isoformat() if data.due else None,
        "status": STATUS_LABELS.get(data.status, data.status),
        "completed_on": data.completed_on.isoformat() if data.completed_on else None,
        "completion_note": data.completion_note,
        "place": _name(Place, data.place_id) or None,
        "effort": _name(Effort, data.effort_id) or None,
    }


def _checked(data: ActionInput, today: dt.date | None) -> ActionInput:
    data, errors = clean(data, today)
    if errors:
        raise ValidationError(errors)
    return data


def create(data: ActionInput, today: dt.date | None = None) -> ActionRow:
    data = _checked(data, today)
    with database.atomic():
        record_id = records.insert(ActionItem, ENTITY, _values(data), data.title, _audit(data))
        derived.changed(ActionItem, [record_id])
    return get(record_id)


def update(action_id: int, data: ActionInput, version: int,
           today: dt.date | None = None) -> ActionRow:
    data = _checked(data, today)
    old = get(action_id)
    with database.atomic():
        records.update(ActionItem, ENTITY, WHAT, action_id, version, _values(data), data.title,
                       _audit(old.as_input()), _audit(data))
        derived.changed(ActionItem, [action_id])
    return get(action_id)


def delete(action_id: int, version: int | None = None) -> None:
    old = get(action_id)
    records.delete(ActionItem, ENTITY, WHAT, action_id, version, old.title,
                   _audit(old.as_input()))


def get(action_id: int) -> ActionRow:
    row = _select().where(ActionItem.id == action_id).first()
    if row is None:
        raise NotFoundError(f"Handlingen findes ikke (id {action_id}).")
    return _row(row)


def set_status_many(ids_with_versions: list[tuple[int, int]], status: str,
                    today: dt.date | None = None) -> int:
    """One status for many actions (the list's multi-select), all or none: a conflict on one
    rolls the others back, so the user never has to work out which half landed."""
    if status not in STATUS_LABELS:
        raise ServiceError("Ukendt status for handlingen.")
    with database.atomic():
        for action_id, version in ids_with_versions:
            update(action_id, replace(get(action_id).as_input(), status=status), version, today)
    return len(ids_with_versions)


def open_for_forum(forum_id: int, audience: Audience = Audience.INTERNAL,
                   limit: int | None = None) -> list[ActionRow]:
    """Åben and i gang actions of the forum: the overdue ones first, then by deadline (the
    »Opfølgning på handlinger« item of the next meeting). A participants' document passes
    audience=PARTICIPANTS: the actions agreed under closed items are then left out."""
    # Overdue means a deadline before today, so deadline order already puts them first (no
    # `today` needed); the view marks them with ActionRow.is_overdue.
    query = (disclosure.restrict_actions(_select(), audience)
             .where((ActionItem.forum == forum_id) & ActionItem.status.in_(OPEN_STATUSES))
             .order_by(ActionItem.due.is_null(), ActionItem.due, ActionItem.id))
    if limit is not None:
        query = query.limit(limit)
    return [_row(a) for a in query]


@dataclass(frozen=True)
class OpenActions:
    """What a Dagsorden lists under »Opfølgning på handlinger«: the first `rows` in deadline
    order, and how many there are in all (a forum with hundreds of open actions would
    otherwise turn a two-page agenda into a hundred pages: the rest are in the
    Handlingsliste)."""
    rows: list[ActionRow]
    total: int
    overdue: int


def open_summary(forum_id: int, audience: Audience, today: dt.date,
                 limit: int = 25) -> OpenActions:
    rows = open_for_forum(forum_id, audience, limit)
    if len(rows) < limit:  # all of them: nothing more to count
        return OpenActions(rows, len(rows), sum(1 for r in rows if r.is_overdue(today)))
    overdue = fn.SUM(Case(None, [(ActionItem.due < today, 1)], 0))
    query = disclosure.restrict_actions(
        ActionItem.select(fn.COUNT(ActionItem.id), overdue), audience).where(
            (ActionItem.forum == forum_id) & ActionItem.status.in_(OPEN_STATUSES))
    total, late = query.tuples().get()
    return OpenActions(rows, total, late or 0)


def follow_up_update(action_id: int, version: int, status: str | None = None,
                     due: dt.date | None = None, note: str | None = None,
                     today: dt.date | None = None) -> ActionRow:
    """The inline change from minutes mode: a new status or deadline, and a note appended to
    the follow-up text with the date in front, so earlier follow-ups are kept."""
    today = today or dt.date.today()
    data = get(action_id).as_input()
    if status is not None:
        data.status = status
    if due is not None:
        data.due = due
    note = (note or "").strip()
    if note:
        line = f"{format_date(today, 'short')}: {note}"
        data.completion_note = f"{data.completion_note}\n{line}" if data.completion_note else line
    return update(action_id, data, version, today)


FOLLOW_UP = dt.timedelta(days=14)  # a new action's deadline when no next meeting is planned


def default_due(meeting_id: int | None, today: dt.date | None = None) -> dt.date:
    """The deadline a new action from this meeting starts with: the day of the forum's next
    planned meeting (where it is followed up), else the meeting's day + 14 days. Never a day
    already past: a next meeting must lie after today too, and the fallback is then today + 14.
    An action made outside a meeting gets today + 14."""
    today = today or dt.date.today()
    meeting = Meeting.get_or_none(Meeting.id == meeting_id) if meeting_id is not None else None
    if meeting is None:
        return today + FOLLOW_UP
    day = meeting.starts_at.date()
    if meeting.forum_id is not None:
        after = dt.datetime.combine(max(day, today) + dt.timedelta(days=1), dt.time.min)
        following = (Meeting.select(Meeting.starts_at)
                     .where((Meeting.forum == meeting.forum_id) & (Meeting.starts_at >= after)
                            & (Meeting.status == "planlagt"))
                     .order_by(Meeting.starts_at).first())
        if following is not None:
            return following.starts_at.date()
    return day + FOLLOW_UP if day + FOLLOW_UP >= today else today + FOLLOW_UP


# -- the list --------------------------------------------------------------------------------

Responsible = Contact.alias("responsible")
ResponsibleOrg = Organisation.alias("responsible_org")
ContactOrg = Organisation.alias("contact_org")
OwnMeeting = Meeting.alias("own_meeting")
OwnForum = Forum.alias("own_forum")


def _of(model, column, key):
    """The column of the row `key` points to, as a subquery: one index lookup per row shown."""
    return model.select(column).where(model.id == key)


def _select():
    """The names shown beside each action are subqueries, not joins: a join of nine tables
    cost PostgreSQL's planner 40–150 ms per page at 20× (the page itself runs in 5 ms). Only
    the responsible person and organisations are joined, as the list sorts by them."""
    return (ActionItem.select(
                ActionItem, _of(Meeting, Meeting.title, ActionItem.meeting).alias("meeting_title"),
                # Positions are kept 1, 2, 3 … by services/meetings/agenda.py: the numbers.
                _of(AgendaItem, AgendaItem.position, ActionItem.agenda_item).alias("item_number"),
                _of(Forum, Forum.name, ActionItem.forum).alias("forum_name"),
                ActionItem.from_closed_item.alias("item_closed"),
                _of(Meeting, Meeting.starts_at, ActionItem.meeting).alias("meeting_starts"),
                Responsible.name.alias("responsible_name"),
                fn.COALESCE(ResponsibleOrg.name, ContactOrg.name).alias("organisation_name"),
                _of(Place, Place.name, ActionItem.place).alias("place_name"),
                _of(Effort, Effort.title, ActionItem.effort).alias("effort_name"))
            .join(Responsible, JOIN.LEFT_OUTER,
                  on=(ActionItem.responsible_contact == Responsible.id))
            .join(ContactOrg, JOIN.LEFT_OUTER, on=(Responsible.organisation == ContactOrg.id))
            .switch(ActionItem)
            .join(ResponsibleOrg, JOIN.LEFT_OUTER,
                  on=(ActionItem.responsible_organisation == ResponsibleOrg.id))
            .objects())


def _query(flt: ActionFilter):
    query = disclosure.restrict_actions(_select(), flt.audience)
    condition = matching_every_term(flt.search, ActionItem.search_text)
    if condition is not None:
        query = query.where(condition)
    if flt.statuses is not None:
        # "+status": a status matches many rows; its index must not replace the order index.
        query = query.where(not_for_index(ActionItem.status).in_(sorted(flt.statuses)))
    if flt.meeting_id is not None:
        query = query.where(ActionItem.meeting == flt.meeting_id)
    if flt.agenda_item_id is not None:
        query = query.where(ActionItem.agenda_item == flt.agenda_item_id)
    if flt.responsible_contact_id is not None:
        query = query.where(ActionItem.responsible_contact == flt.responsible_contact_id)
    if flt.organisation_id is not None:
        # The same organisation the list shows: the responsible one, else the person's.
        query = query.where(fn.COALESCE(ActionItem.responsible_organisation,
                                        Responsible.organisation) == flt.organisation_id)
    if flt.forum_id is not None:
        query = query.where(ActionItem.forum == flt.forum_id)
    # An action without its own place or effort has its meeting's (and forum's place), the
    # same rule as services/safety/statistics.py, so a page's list and its figures agree.
    if flt.place_id is not None or flt.effort_id is not None:
        # Joined for these filters only: as subqueries they ran once per action (1.7 s at 20×).
        query = (query.switch(ActionItem)
                 .join(OwnMeeting, JOIN.LEFT_OUTER, on=(ActionItem.meeting == OwnMeeting.id))
                 .switch(ActionItem)
                 .join(OwnForum, JOIN.LEFT_OUTER, on=(ActionItem.forum == OwnForum.id)))
    if flt.place_id is not None:
        query = query.where(fn.COALESCE(ActionItem.place, OwnMeeting.place, OwnForum.place)
                            == flt.place_id)
    if flt.effort_id is not None:
        query = query.where(fn.COALESCE(ActionItem.effort, OwnMeeting.effort) == flt.effort_id)
    if flt.overdue_only:
        query = query.where(ActionItem.status.in_(OPEN_STATUSES) & ActionItem.due.is_null(False)
                            & (ActionItem.due < (flt.today or dt.date.today())))
    return query


def _order(flt: ActionFilter) -> list:
    """Danish order via the stored sort keys; rows without a value stay last either way."""
    status_rank = Case(ActionItem.status, [(s, n) for n, (s, _) in enumerate(STATUSES)], 99)
    org_key = fn.COALESCE(ResponsibleOrg.sort_name, ContactOrg.sort_name)
    columns = {
        "due": (ActionItem.due.is_null(), ActionItem.due),
        "title": (None, danish(ActionItem.title)),
        "responsible": (Responsible.id.is_null(), Responsible.sort_name),
        "organisation": (org_key.is_null(), org_key),
        "status": (None, status_rank),
    }
    nulls_last, column = columns[flt.sort if flt.sort in SORT_COLUMNS else "due"]
    keys = [column, ActionItem.due, ActionItem.id]
    ordered = [k.desc() for k in keys] if flt.descending else keys
    return ([nulls_last] if nulls_last is not None else []) + ordered


def fetch(flt: ActionFilter, offset: int = 0, limit: int = 200) -> list[ActionRow]:
    """One page of rows in the filter's order, for a paged table model."""
    return [_row(a) for a in _query(flt).order_by(*_order(flt)).offset(offset).limit(limit)]


def count(flt: ActionFilter) -> int:
    return _query(flt).count()


def _row(a) -> ActionRow:
    return ActionRow(
        id=a.id, title=a.title, description=a.description, meeting_id=a.meeting_id,
        meeting_title=getattr(a, "meeting_title", None) or "", agenda_item_id=a.agenda_item_id,
        item_number=getattr(a, "item_number", None), forum_id=a.forum_id,
        forum_name=getattr(a, "forum_name", None) or "",
        responsible_contact_id=a.responsible_contact_id,
        responsible_name=getattr(a, "responsible_name", None) or "",
        responsible_organisation_id=a.responsible_organisation_id,
        organisation_name=getattr(a, "organisation_name", None) or "", due=a.due,
        status=a.status, completed_on=a.completed_on, completion_note=a.completion_note,
        version=a.version, place_id=a.place_id, place_name=getattr(a, "place_name", None) or "",
        effort_id=a.effort_id, effort_name=getattr(a, "effort_name", None) or "",
        item_closed=bool(getattr(a, "item_closed", False)),
        meeting_date=_date_of(getattr(a, "meeting_starts", None)))


def _date_of(value) -> dt.date | None:
    if isinstance(value, str):  # a raw SQLite text when the alias bypasses the field
        value = dt.datetime.fromisoformat(value)
    return value.date() if isinstance(value, dt.datetime) else value
