"""Meetings (møder): time, place, chair, minute-taker, status; the Møder list and month view."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass, fields, replace

from peewee import JOIN, SQL, fn

from tryg_desktop.db import danish, database, derived
from tryg_desktop.db.meeting_models import AgendaItem, Forum, Meeting, Participant
from tryg_desktop.db.models import Contact
from tryg_desktop.db.place_models import Effort, Place
from tryg_desktop.db.search import matching_every_term
from tryg_desktop.services import audit, records, validation
from tryg_desktop.services.errors import NotFoundError, ValidationError

ENTITY = "meeting"
WHAT = "Mødet"

KINDS = [("dialogmøde", "Dialogmøde"), ("netværksmøde", "Netværksmøde"),
         ("koordinationsmøde", "Koordinationsmøde"), ("borgermøde", "Borgermøde"),
         ("andet", "Andet")]
KIND_LABELS = dict(KINDS)
STATUSES = [("planlagt", "Planlagt"), ("afholdt", "Afholdt"), ("aflyst", "Aflyst")]
STATUS_LABELS = dict(STATUSES)

FIELD_LABELS = {
    "title": "Titel", "forum": "Mødeforum", "kind": "Type", "starts_at": "Start",
    "ends_at": "Slut", "location": "Sted", "chair": "Mødeleder", "minute_taker": "Referent",
    "purpose": "Formål", "status": "Status", "place": "Vedrører sted", "effort": "Indsats",
    "case_number": "Sagsnummer",
    # the referat's state (services/meetings/minutes.py writes these into the meeting's history)
    "minutes_status": "Referatets status", "comment_deadline": "Kommentarfrist",
    "approved_on": "Godkendt den", "approved_by": "Godkendt af", "reason": "Begrundelse",
    "invitation_sent_at": "Invitation udsendt",
}
# A change in one of these makes a calendar invitation out of date (its SEQUENCE goes up).
_CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "location", "status")


@dataclass
class MeetingInput:
    title: str = ""
    forum_id: int | None = None
    kind: str = "dialogmøde"
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    location: str = ""
    chair_id: int | None = None
    minute_taker_id: int | None = None
    purpose: str = ""
    status: str = "planlagt"
    place_id: int | None = None  # the place (sted) the meeting is about
    effort_id: int | None = None
    case_number: str = ""  # sagsnummer (journal number)


@dataclass(frozen=True)
class MeetingRow:
    id: int
    title: str
    forum_id: int | None
    forum_name: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str
    chair_id: int | None
    chair_name: str
    minute_taker_id: int | None
    minute_taker_name: str
    purpose: str
    status: str
    ics_uid: str
    ics_sequence: int
    version: int
    place_id: int | None = None
    place_name: str = ""
    effort_id: int | None = None
    effort_name: str = ""
    case_number: str = ""  # sagsnummer
    approved_on: dt.date | None = None  # the referat's approval (services/meetings/minutes.py)
    approved_by: str = ""
    invitation_sent_at: dt.datetime | None = None  # "Udsendt den …" on the Dagsorden

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def as_input(self) -> MeetingInput:
        return MeetingInput(**{f.name: getattr(self, f.name) for f in fields(MeetingInput)})


@dataclass
class MeetingFilter:
    search: str = ""
    when: str = "upcoming"  # upcoming / past / all
    forum_id: int | None = None
    place_id: int | None = None
    effort_id: int | None = None
    sort: str = "starts_at"
    descending: bool = False
    today: dt.date | None = None  # tests pin "today"; None: the real date


SORT_COLUMNS = ("starts_at", "title", "forum", "location", "status")


def clean(data: MeetingInput,
          references: bool = True) -> tuple[MeetingInput, dict[str, str]]:
    """The normalised input and field errors. A meeting in the past is not an error here: the
    view asks the user (see is_in_the_past). references=False leaves out whether the chosen
    forum, contacts, place and effort still exist (a database read): the editor checks the
    form as it is typed, and create() and update() check everything."""
    out = replace(data)
    errors: dict[str, str] = {}
    out.title, error = validation.required(out.title, "Titlen")
    if error:
        errors["title"] = error
    for field in ("location", "purpose"):
        value, error = validation.free_text(getattr(out, field))
        setattr(out, field, value)
        if error:
            errors[field] = error
    out.case_number, error = validation.case_number(out.case_number)
    if error:
        errors["case_number"] = error
    if out.starts_at is None:
        errors["starts_at"] = "Angiv dato og starttidspunkt."
    if out.ends_at is None:
        errors["ends_at"] = "Angiv sluttidspunkt."
    if out.starts_at and out.ends_at and out.ends_at <= out.starts_at:
        errors["ends_at"] = "Mødet skal slutte efter, det er begyndt."
    if out.kind not in KIND_LABELS:
        errors["kind"] = "Vælg en mødetype fra listen."
    if out.status not in STATUS_LABELS:
        errors["status"] = "Vælg en status fra listen."
    if references:
        errors.update(_missing_references(out))
    return out, errors


_REFERENCES = (("chair_id", Contact, "Kontakten findes ikke i registret."),
               ("minute_taker_id", Contact, "Kontakten findes ikke i registret."),
               ("forum_id", Forum, "Mødeforummet findes ikke."),
               ("place_id", Place, "Stedet findes ikke."),
               ("effort_id", Effort, "Indsatsen findes ikke."))


def _missing_references(data: MeetingInput) -> dict[str, str]:
    """The chosen records that do not exist (any more), asked in one statement: on the
    team's server each statement is a round trip."""
    wanted = [(n, field, model, message, getattr(data, field))
              for n, (field, model, message) in enumerate(_REFERENCES)
              if getattr(data, field) is not None]
    if not wanted:
        return {}
    found = None
    for n, _, model, _, record_id in wanted:  # n: our own small int, safe as a literal
        one = model.select(SQL(str(int(n)))).where(model.id == record_id)
        found = one if found is None else found + one  # UNION ALL
    present = {row[0] for row in found.tuples()}
    return {field: message for n, field, _, message, _ in wanted if n not in present}


def is_in_the_past(data: MeetingInput, now: dt.datetime | None = None) -> bool:
    return data.starts_at is not None and data.starts_at < (now or dt.datetime.now())


def _forum_name(forum_id):
    if forum_id is None:
        return ""
    forum = Forum.select(Forum.name).where(Forum.id == forum_id).first()
    return forum.name if forum else ""


def _contact_name(contact_id):
    if contact_id is None:
        return None
    contact = Contact.select(Contact.name).where(Contact.id == contact_id).first()
    return contact.name if contact else None


def _place_name(place_id):
    if place_id is None:
        return ""
    return Place.select(Place.name).where(Place.id == place_id).scalar() or ""


def _effort_name(effort_id):
    if effort_id is None:
        return ""
    return Effort.select(Effort.title).where(Effort.id == effort_id).scalar() or ""


def _values(data: MeetingInput) -> dict:
    values = asdict(data)
    values["forum"] = values.pop("forum_id")
    values["chair"] = values.pop("chair_id")
    values["minute_taker"] = values.pop("minute_taker_id")
    values["place"] = values.pop("place_id")
    values["effort"] = values.pop("effort_id")
    return values


def _audit_values(data: MeetingInput) -> dict:
    values = asdict(data)
    values["forum"] = _forum_name(values.pop("forum_id")) or None
    values["chair"] = _contact_name(values.pop("chair_id"))
    values["minute_taker"] = _contact_name(values.pop("minute_taker_id"))
    values["place"] = _place_name(values.pop("place_id")) or None
    values["effort"] = _effort_name(values.pop("effort_id")) or None
    values["kind"] = KIND_LABELS.get(data.kind, data.kind)
    values["status"] = STATUS_LABELS.get(data.status, data.status)
    for key in ("starts_at", "ends_at"):
        values[key] = values[key].isoformat(sep=" ", timespec="minutes") if values[key] else None
    return values


def create(data: MeetingInput) -> MeetingRow:
    data, errors = clean(data)
    if errors:
        raise ValidationError(errors)
    values = _values(data)
    values["ics_uid"] = f"{uuid.uuid4()}@tryg-desktop"
    with database.atomic():
        record_id = records.insert(Meeting, ENTITY, values, data.title, _audit_values(data))
        derived.changed(Meeting, [record_id])
    return get(record_id)


def update(meeting_id: int, data: MeetingInput, version: int) -> MeetingRow:
    data, errors = clean(data)
    if errors:
        raise ValidationError(errors)
    old = get(meeting_id)
    values = _values(data)
    if any(getattr(old, f) != getattr(data, f) for f in _CALENDAR_FIELDS):
        values["ics_sequence"] = old.ics_sequence + 1
    with database.atomic():
        records.update(Meeting, ENTITY, WHAT, meeting_id, version, values, data.title,
                       _audit_values(old.as_input()), _audit_values(data))
        derived.changed(Meeting, [meeting_id])
    return get(meeting_id)


def has_minutes(meeting_id: int) -> bool:
    """True when any agenda item carries minutes or a decision: deleting asks first."""
    return (AgendaItem.select()
            .where((AgendaItem.meeting == meeting_id)
                   & ((AgendaItem.notes != "") | (AgendaItem.decision != ""))).exists())


def delete(meeting_id: int, version: int | None = None) -> None:
    row = get(meeting_id)
    with database.atomic():
        records.delete(Meeting, ENTITY, WHAT, meeting_id, version, row.title,
                       _audit_values(row.as_input()))


def get(meeting_id: int) -> MeetingRow:
    row = _select().where(Meeting.id == meeting_id).first()
    if row is None:
        raise NotFoundError(f"Mødet findes ikke (id {meeting_id}).")
    return _row(row)


Chair = Contact.alias("chair")
MinuteTaker = Contact.alias("minute_taker")


def _select():
    return (Meeting.select(Meeting, Forum.name.alias("forum_name"),
                           Chair.name.alias("chair_name"),
                           MinuteTaker.name.alias("minute_taker_name"),
                           Place.name.alias("place_name"), Effort.title.alias("effort_name"))
            .join(Forum, JOIN.LEFT_OUTER, on=(Meeting.forum == Forum.id))
            .switch(Meeting)
            .join(Chair, JOIN.LEFT_OUTER, on=(Meeting.chair == Chair.id))
            .switch(Meeting)
            .join(MinuteTaker, JOIN.LEFT_OUTER, on=(Meeting.minute_taker == MinuteTaker.id))
            .switch(Meeting)
            .join(Place, JOIN.LEFT_OUTER, on=(Meeting.place == Place.id))
            .switch(Meeting)
            .join(Effort, JOIN.LEFT_OUTER, on=(Meeting.effort == Effort.id))
            .objects())


def _query(flt: MeetingFilter):
    query = _select()
    today = flt.today or dt.date.today()
    midnight = dt.datetime.combine(today, dt.time())
    if flt.when == "upcoming":
        query = query.where(Meeting.starts_at >= midnight)
    elif flt.when == "past":
        query = query.where(Meeting.starts_at < midnight)
    condition = matching_every_term(flt.search, Meeting.search_text)
    if condition is not None:
        query = query.where(condition)
    if flt.forum_id is not None:
        query = query.where(Meeting.forum == flt.forum_id)
    if flt.place_id is not None:
        # A meeting without a place of its own is about its forum's place (as in statistics).
        query = query.where(fn.COALESCE(Meeting.place, Forum.place) == flt.place_id)
    if flt.effort_id is not None:
        query = query.where(Meeting.effort == flt.effort_id)
    return query


def _order(flt: MeetingFilter) -> list:
    # Danish order through the QCollator collation: a few thousand meetings sort in ms.
    column = {"starts_at": Meeting.starts_at, "title": danish(Meeting.title),
              "forum": danish(Forum.name),
              "location": danish(Meeting.location),
              "status": Meeting.status}[flt.sort if flt.sort in SORT_COLUMNS else "starts_at"]
    # Past meetings read newest first unless the user sorts otherwise.
    descending = flt.descending != (flt.when == "past" and flt.sort == "starts_at")
    keys = [column, Meeting.starts_at, Meeting.id]
    return [k.desc() for k in keys] if descending else keys


def fetch(flt: MeetingFilter, offset: int = 0, limit: int = 200) -> list[MeetingRow]:
    return [_row(m) for m in _query(flt).order_by(*_order(flt)).offset(offset).limit(limit)]


def count(flt: MeetingFilter) -> int:
    return _query(flt).count()


def in_month(year: int, month: int) -> list[MeetingRow]:
    """Every meeting that starts in the month, in time order (the month overview)."""
    first = dt.datetime(year, month, 1)
    after = dt.datetime(year + (month == 12), month % 12 + 1, 1)
    query = (_select().where((Meeting.starts_at >= first) & (Meeting.starts_at < after))
             .order_by(Meeting.starts_at, Meeting.id))
    return [_row(m) for m in query]


def in_period(first: dt.date, last: dt.date) -> list[MeetingRow]:
    """Every meeting that starts on a day from first to last (both included), in time order:
    the month overview's six weeks in one query."""
    after = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    query = (_select().where((Meeting.starts_at >= dt.datetime.combine(first, dt.time()))
                             & (Meeting.starts_at < after))
             .order_by(Meeting.starts_at, Meeting.id))
    return [_row(m) for m in query]


def mark_invitation_sent(meeting_id: int) -> dt.datetime | None:
    """The invitation goes out now (its e-mail draft is made or its .ics saved): the Dagsorden
    says "Udsendt den …". Returns the earlier time, for set_invitation_sent when the sending
    fails after all. Not a change the editor must reload for, so no new version."""
    old = get(meeting_id).invitation_sent_at
    set_invitation_sent(meeting_id, dt.datetime.now())
    return old


def set_invitation_sent(meeting_id: int, when: dt.datetime | None) -> None:
    old = get(meeting_id)
    when = when.replace(microsecond=0) if when else None
    with database.atomic():
        Meeting.update(invitation_sent_at=when).where(Meeting.id == meeting_id).execute()
        audit.record(ENTITY, meeting_id, "update", old.title, {"invitation_sent_at": [
            old.invitation_sent_at.isoformat(" ") if old.invitation_sent_at else None,
            when.isoformat(" ") if when else None]})


def participant_count(meeting_id: int) -> int:
    return Participant.select().where(Participant.meeting == meeting_id).count()


def _row(m) -> MeetingRow:
    return MeetingRow(
        id=m.id, title=m.title, forum_id=m.forum_id,
        forum_name=getattr(m, "forum_name", None) or "", kind=m.kind, starts_at=m.starts_at,
        ends_at=m.ends_at, location=m.location, chair_id=m.chair_id,
        chair_name=getattr(m, "chair_name", None) or "", minute_taker_id=m.minute_taker_id,
        minute_taker_name=getattr(m, "minute_taker_name", None) or "", purpose=m.purpose,
        status=m.status, ics_uid=m.ics_uid, ics_sequence=m.ics_sequence, version=m.version,
        place_id=m.place_id, place_name=getattr(m, "place_name", None) or "",
        effort_id=m.effort_id, effort_name=getattr(m, "effort_name", None) or "",
        case_number=m.case_number, approved_on=m.approved_on,
        approved_by=m.approved_by or "", invitation_sent_at=m.invitation_sent_at)
