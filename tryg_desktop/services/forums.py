"""Forums (mødefora): standing meeting groups with an invitation list, an agenda template and
a rhythm; "Planlæg næste møde" makes the next meeting from them."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass, fields, replace

from peewee import JOIN

from tryg_desktop.db import database
from tryg_desktop.db.meeting_models import Forum, ForumMember, Meeting
from tryg_desktop.db.models import Contact, Organisation
from tryg_desktop.db.place_models import Place
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services import (
    agenda,
    audit,
    contacts,
    meetings,
    participants,
    records,
    validation,
)
from tryg_desktop.services.errors import NotFoundError, ValidationError

ENTITY = "forum"
WHAT = "Mødeforummet"
RHYTHMS = [("weekly", "Hver uge"), ("biweekly", "Hver anden uge"), ("monthly", "Hver måned"),
           ("bimonthly", "Hver anden måned"), ("quarterly", "Hvert kvartal"),
           ("none", "Ingen fast rytme")]
RHYTHM_LABELS = dict(RHYTHMS)
FIELD_LABELS = {"name": "Navn", "description": "Beskrivelse", "location": "Fast mødested",
                "rhythm": "Rytme", "meeting_kind": "Mødetype", "start_time": "Starttidspunkt",
                "duration_minutes": "Varighed", "template_id": "Dagsordensskabelon",
                "active": "Aktiv", "invitation_list": "Invitationsliste", "place": "Sted"}


@dataclass
class ForumInput:
    name: str = ""
    description: str = ""
    location: str = ""
    rhythm: str = "bimonthly"
    meeting_kind: str = "dialogmøde"
    start_time: str = "14:00"
    duration_minutes: int = 120
    template_id: int | None = None
    active: bool = True
    place_id: int | None = None  # the place (sted) the forum is about


@dataclass(frozen=True)
class ForumRow:
    id: int
    name: str
    description: str
    location: str
    rhythm: str
    meeting_kind: str
    start_time: str
    duration_minutes: int
    template_id: int | None
    active: bool
    version: int
    place_id: int | None = None
    place_name: str = ""

    @property
    def rhythm_label(self) -> str:
        return RHYTHM_LABELS.get(self.rhythm, self.rhythm)

    def as_input(self) -> ForumInput:
        return ForumInput(**{f.name: getattr(self, f.name) for f in fields(ForumInput)})


@dataclass(frozen=True)
class MemberRow:
    id: int
    contact_id: int | None
    organisation_id: int | None
    name: str  # the contact's or the organisation's
    detail: str  # the contact's organisation, or "hele organisationen"


def clean(data: ForumInput) -> tuple[ForumInput, dict[str, str]]:
    out = replace(data)
    errors: dict[str, str] = {}
    out.name, error = validation.required(out.name, "Navnet")
    if error:
        errors["name"] = error
    for field in ("description", "location"):
        value, error = validation.free_text(getattr(out, field))
        setattr(out, field, value)
        if error:
            errors[field] = error
    if out.rhythm not in RHYTHM_LABELS:
        errors["rhythm"] = "Vælg en rytme fra listen."
    if out.meeting_kind not in meetings.KIND_LABELS:
        errors["meeting_kind"] = "Vælg en mødetype fra listen."
    try:
        out.start_time = dt.time.fromisoformat(out.start_time.strip().replace(".", ":")).strftime("%H:%M")
    except ValueError:
        errors["start_time"] = "Skriv tidspunktet som fx 14.00."
    try:
        out.duration_minutes = int(out.duration_minutes)
        if not 15 <= out.duration_minutes <= 720:
            raise ValueError
    except (TypeError, ValueError):
        errors["duration_minutes"] = "Varigheden skal være mellem 15 og 720 minutter."
    if out.place_id is not None and not Place.select().where(Place.id == out.place_id).exists():
        errors["place_id"] = "Stedet findes ikke."
    return out, errors


def _values(data: ForumInput) -> dict:
    values = asdict(data)
    values["template"] = values.pop("template_id")
    values["place"] = values.pop("place_id")
    values["sort_name"] = danish_sort_key(data.name)
    return values


def _audit(data: ForumInput) -> dict:
    values = asdict(data)
    values["rhythm"] = RHYTHM_LABELS.get(data.rhythm, data.rhythm)
    place_id = values.pop("place_id")
    values["place"] = (Place.select(Place.name).where(Place.id == place_id).scalar()
                       if place_id is not None else None)
    return values


def create(data: ForumInput) -> ForumRow:
    data, errors = clean(data)
    if errors:
        raise ValidationError(errors)
    if data.template_id is None:
        data.template_id = agenda.standard_template_id()
    return get(records.insert(Forum, ENTITY, _values(data), data.name, _audit(data)))


def update(forum_id: int, data: ForumInput, version: int) -> ForumRow:
    data, errors = clean(data)
    if errors:
        raise ValidationError(errors)
    old = get(forum_id)
    records.update(Forum, ENTITY, WHAT, forum_id, version, _values(data), data.name,
                   _audit(old.as_input()), _audit(data))
    return get(forum_id)


def delete(forum_id: int, version: int | None = None) -> None:
    """The forum's meetings stay, without a forum."""
    old = get(forum_id)
    records.delete(Forum, ENTITY, WHAT, forum_id, version, old.name, _audit(old.as_input()))


def get(forum_id: int) -> ForumRow:
    forum = _select().where(Forum.id == forum_id).first()
    if forum is None:
        raise NotFoundError(f"Mødeforummet findes ikke (id {forum_id}).")
    return _row(forum)


def all_forums(include_inactive: bool = False) -> list[ForumRow]:
    query = _select()
    if not include_inactive:
        query = query.where(Forum.active == True)  # noqa: E712
    return [_row(f) for f in query.order_by(Forum.sort_name)]


def of_place(place_id: int) -> list[ForumRow]:
    """The forums about a place, active or not, in Danish order."""
    return [_row(f) for f in _select().where(Forum.place == place_id).order_by(Forum.sort_name)]


def _select():
    return (Forum.select(Forum, Place.name.alias("place_name"))
            .join(Place, JOIN.LEFT_OUTER, on=(Forum.place == Place.id)).objects())


# -- the standing invitation list ------------------------------------------------------------

def members(forum_id: int) -> list[MemberRow]:
    rows = []
    query = (ForumMember.select(ForumMember, Contact, Organisation)
             .join(Contact, join_type=JOIN.LEFT_OUTER, on=(ForumMember.contact == Contact.id))
             .switch(ForumMember)
             .join(Organisation, join_type=JOIN.LEFT_OUTER,
                   on=(ForumMember.organisation == Organisation.id))
             .where(ForumMember.forum == forum_id))
    for member in query:
        if member.contact_id:
            org = contacts.get(member.contact_id).organisation_name
            rows.append(MemberRow(member.id, member.contact_id, None, member.contact.name, org))
        else:
            rows.append(MemberRow(member.id, None, member.organisation_id,
                                  member.organisation.name, "hele organisationen"))
    return sorted(rows, key=lambda r: danish_sort_key(r.name))


def add_member(forum_id: int, contact_id: int | None = None,
               organisation_id: int | None = None) -> None:
    if (contact_id is None) == (organisation_id is None):
        raise ValueError("a member is a contact or an organisation")
    forum = get(forum_id)
    with database.atomic():
        exists = ForumMember.select().where(
            (ForumMember.forum == forum_id) & (ForumMember.contact == contact_id)
            & (ForumMember.organisation == organisation_id)).exists()
        if exists:
            raise ValidationError({"member": "Står allerede på invitationslisten."})
        ForumMember.insert(forum=forum_id, contact=contact_id,
                           organisation=organisation_id).execute()
        audit.record(ENTITY, forum_id, "update", forum.name,
                     {"invitation_list": [None, _member_name(contact_id, organisation_id)]})


def remove_member(member_id: int) -> None:
    member = ForumMember.get_or_none(ForumMember.id == member_id)
    if member is None:
        return
    with database.atomic():
        ForumMember.delete().where(ForumMember.id == member_id).execute()
        audit.record(ENTITY, member.forum_id, "update", get(member.forum_id).name,
                     {"invitation_list": [_member_name(member.contact_id,
                                                       member.organisation_id), None]})


def _member_name(contact_id: int | None, organisation_id: int | None) -> str:
    if contact_id is not None:
        return Contact.get_by_id(contact_id).name
    return f"{Organisation.get_by_id(organisation_id).name} (hele organisationen)"


def invite_members(meeting_id: int, forum_id: int) -> int:
    """Invite the forum's invitation list to a meeting: each contact on it (if active) and the
    active contacts of each organisation on it, once each. Returns how many were invited."""
    present = {p.contact_id for p in participants.of_meeting(meeting_id)}
    wanted: list[int] = []
    for member in members(forum_id):
        if member.contact_id is not None:
            if Contact.get_by_id(member.contact_id).active:
                wanted.append(member.contact_id)
        else:
            wanted += [c.id for c in Contact.select(Contact.id).where(
                (Contact.organisation == member.organisation_id)
                & (Contact.active == True))]  # noqa: E712 - peewee expression
    invited = 0
    with database.atomic():
        for contact_id in dict.fromkeys(wanted):
            if contact_id not in present:
                participants.add_contact(meeting_id, contact_id)
                invited += 1
    return invited


# -- planning the next meeting ---------------------------------------------------------------

def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_date(forum: ForumRow, today: dt.date | None = None) -> dt.date:
    """The proposed date: one rhythm after the forum's latest meeting, moved off the weekend;
    without a meeting yet (or without a rhythm), a week from today."""
    today = today or dt.date.today()
    latest = (Meeting.select(Meeting.starts_at).where(Meeting.forum == forum.id)
              .order_by(Meeting.starts_at.desc()).scalar())
    step = {"weekly": dt.timedelta(weeks=1), "biweekly": dt.timedelta(weeks=2)}
    if latest is None or forum.rhythm == "none":
        proposed = today + dt.timedelta(weeks=1)
    elif forum.rhythm in step:
        proposed = latest.date() + step[forum.rhythm]
    else:
        proposed = add_months(latest.date(), {"monthly": 1, "bimonthly": 2, "quarterly": 3}[forum.rhythm])
    while proposed <= today:  # a long pause: the next free rhythm step from today
        proposed += dt.timedelta(weeks=1)
    while proposed.weekday() >= 5:
        proposed += dt.timedelta(days=1)
    return proposed


def plan_next_meeting(forum_id: int, today: dt.date | None = None) -> meetings.MeetingRow:
    """A new planned meeting of the forum: its next date and usual time and place, everyone
    on the invitation list invited (whole organisations: their active contacts), and the
    agenda from the forum's template."""
    forum = get(forum_id)
    day = next_date(forum, today)
    hour, minute = (int(part) for part in forum.start_time.split(":"))
    starts = dt.datetime.combine(day, dt.time(hour, minute))
    with database.atomic():
        meeting = meetings.create(meetings.MeetingInput(
            title=forum.name, forum_id=forum.id, kind=forum.meeting_kind, starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=forum.duration_minutes),
            location=forum.location, place_id=forum.place_id))
        invite_members(meeting.id, forum_id)
        if forum.template_id is not None:
            agenda.apply_template(meeting.id, forum.template_id)
    return meeting


def _row(f) -> ForumRow:
    return ForumRow(id=f.id, name=f.name, description=f.description, location=f.location,
                    rhythm=f.rhythm, meeting_kind=f.meeting_kind, start_time=f.start_time,
                    duration_minutes=f.duration_minutes, template_id=f.template_id,
                    active=f.active, version=f.version, place_id=f.place_id,
                    place_name=getattr(f, "place_name", None) or "")
