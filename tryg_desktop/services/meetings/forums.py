"""Forums (mødefora): standing meeting groups with an invitation list, an agenda template and
a rhythm (a calendar rule, services/meetings/meeting_calendar.py); "Planlæg næste møde" makes the
next meeting from them, and plan_until/create_planned a whole year's meetings after review."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields, replace

from peewee import JOIN

from tryg_desktop.db import database, derived
from tryg_desktop.db.meeting_models import Forum, ForumMember, Meeting
from tryg_desktop.db.migrations.meeting_work import legacy_rule
from tryg_desktop.db.models import Contact, Organisation
from tryg_desktop.db.place_models import Place
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services import audit, records, validation
from tryg_desktop.services.meetings import agenda, meetings, participants
from tryg_desktop.services.meetings import meeting_calendar as rules
from tryg_desktop.services.errors import NotFoundError, ServiceError, ValidationError

ENTITY = "forum"
WHAT = "Mødeforummet"
_LEGACY_CODES = ("weekly", "biweekly", "monthly", "bimonthly", "quarterly", "none")
FIELD_LABELS = {"name": "Navn", "description": "Beskrivelse", "location": "Fast mødested",
                "rhythm": "Rytme", "meeting_kind": "Mødetype", "start_time": "Starttidspunkt",
                "duration_minutes": "Varighed", "template_id": "Dagsordensskabelon",
                "active": "Aktiv", "invitation_list": "Invitationsliste", "place": "Sted",
                "planned_meetings": "Planlagte møder"}


@dataclass
class ForumInput:
    name: str = ""
    description: str = ""
    location: str = ""
    rhythm: str = "FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU"  # a calendar rule; "" = none
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
        return rules.label(self.rhythm)

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
    if out.rhythm in _LEGACY_CODES:  # a script's old code, converted as migration step 7 does
        out.rhythm = legacy_rule(out.rhythm, None)
    try:
        out.rhythm = rules.check(out.rhythm)
    except rules.RuleError as error:
        errors["rhythm"] = str(error)
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
    return values


def _audit(data: ForumInput) -> dict:
    values = asdict(data)
    values["rhythm"] = rules.label(data.rhythm)
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
    with database.atomic():
        forum_id = records.insert(Forum, ENTITY, _values(data), data.name, _audit(data))
        derived.changed(Forum, [forum_id])
    return get(forum_id)


def update(forum_id: int, data: ForumInput, version: int) -> ForumRow:
    data, errors = clean(data)
    if errors:
        raise ValidationError(errors)
    old = get(forum_id)
    with database.atomic():
        records.update(Forum, ENTITY, WHAT, forum_id, version, _values(data), data.name,
                       _audit(old.as_input()), _audit(data))
        derived.changed(Forum, [forum_id])  # its sort key and its meetings' search text
    return get(forum_id)


def delete(forum_id: int, version: int | None = None) -> None:
    """The forum's meetings stay, without a forum."""
    old = get(forum_id)
    with database.atomic(), derived.deleting(Forum, [forum_id]):
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
    """The invitation list in Danish name order; a contact's line names its organisation
    (one query: this runs for every meeting a forum plans)."""
    ContactOrg = Organisation.alias("contact_org")
    rows = []
    query = (ForumMember.select(ForumMember.id, ForumMember.contact, ForumMember.organisation,
                                Contact.name.alias("contact_name"),
                                Organisation.name.alias("org_name"),
                                ContactOrg.name.alias("contact_org_name"))
             .join(Contact, join_type=JOIN.LEFT_OUTER, on=(ForumMember.contact == Contact.id))
             .join(ContactOrg, join_type=JOIN.LEFT_OUTER,
                   on=(Contact.organisation == ContactOrg.id))
             .switch(ForumMember)
             .join(Organisation, join_type=JOIN.LEFT_OUTER,
                   on=(ForumMember.organisation == Organisation.id))
             .where(ForumMember.forum == forum_id))
    for member in query.objects():
        if member.contact_id:
            rows.append(MemberRow(member.id, member.contact_id, None, member.contact_name,
                                  member.contact_org_name or ""))
        else:
            rows.append(MemberRow(member.id, None, member.organisation_id, member.org_name,
                                  "hele organisationen"))
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
    listed = members(forum_id)
    wanted = [m.contact_id for m in listed if m.contact_id is not None]  # add_many: active only
    organisations = [m.organisation_id for m in listed if m.contact_id is None]
    if organisations:
        wanted += [c.id for c in Contact.select(Contact.id).where(
            Contact.organisation.in_(organisations) & (Contact.active == True))  # noqa: E712
            .order_by(Contact.organisation, Contact.id)]
    return participants.add_many(meeting_id, wanted)


# -- planning by the calendar ----------------------------------------------------------------

@dataclass(frozen=True)
class ProposedMeeting:
    """A meeting the forum's rhythm proposes, before it is created."""
    starts_at: dt.datetime
    ends_at: dt.datetime
    rule_date: dt.date  # where the rule put it
    reason: str = ""  # why it moved ("flyttet fra … (2. juledag)"); "" when it did not

    @property
    def date(self) -> dt.date:
        return self.starts_at.date()


def _latest(forum_id: int) -> dt.date | None:
    latest = (Meeting.select(Meeting.starts_at).where(Meeting.forum == forum_id)
              .order_by(Meeting.starts_at.desc()).scalar())
    return latest.date() if latest else None


def _anchor(forum_id: int, rule: str, latest: dt.date | None, today: dt.date) -> dt.date:
    """Where the rule is counted from: the latest meeting that sits on a date of the rule
    itself (a meeting moved off a holiday would shift "hver anden tirsdag" by a week), else the
    latest meeting, else today."""
    if latest is None:
        return today
    recent = (Meeting.select(Meeting.starts_at).where(Meeting.forum == forum_id)
              .order_by(Meeting.starts_at.desc()).limit(12))
    for (starts,) in recent.tuples():
        day = starts.date()
        if [p.rule_date for p in rules.next_dates(rule, day - dt.timedelta(days=1), day,
                                                   count=1)] == [day]:
            return day
    return latest


def _start(forum_id: int, today: dt.date | None) -> tuple[dt.date, dt.date | None]:
    """(after, latest): new meetings come after the forum's latest meeting and after today."""
    today = today or dt.date.today()
    latest = _latest(forum_id)
    return (max(latest, today) if latest else today), latest


def proposal(forum: ForumRow, today: dt.date | None = None) -> rules.PlannedDate | None:
    """The next meeting's date by the forum's rule, on a working day (saying why it moved);
    without a rule, a week from today. None when the rule gives no more dates."""
    today = today or dt.date.today()
    after, latest = _start(forum.id, today)
    if not forum.rhythm:
        return rules.next_working_day(today + dt.timedelta(weeks=1))
    dates = rules.next_dates(forum.rhythm, after, _anchor(forum.id, forum.rhythm, latest, today),
                             count=1)
    return dates[0] if dates else None


def next_date(forum: ForumRow, today: dt.date | None = None) -> dt.date | None:
    planned = proposal(forum, today)
    return planned.date if planned else None


def _proposed(forum: ForumRow, planned: rules.PlannedDate) -> ProposedMeeting:
    hour, minute = (int(part) for part in forum.start_time.split(":"))
    starts = dt.datetime.combine(planned.date, dt.time(hour, minute))
    return ProposedMeeting(starts, starts + dt.timedelta(minutes=forum.duration_minutes),
                           planned.rule_date, planned.reason)


def plan_until(forum_id: int, until: dt.date, today: dt.date | None = None
               ) -> list[ProposedMeeting]:
    """Every meeting the forum's rule gives after its latest meeting (and today) up to and
    including `until`, for review; nothing is written. ServiceError (Danish) when the forum has
    no rule, the end is not after the start, or the rule gives no date before the end."""
    forum = get(forum_id)
    after, latest = _start(forum_id, today)
    if not forum.rhythm:
        raise ServiceError(f"»{forum.name}« har ingen fast rytme. Vælg en rytme under "
                           "Redigér, eller planlæg ét møde ad gangen.")
    if until <= after:
        raise ServiceError(f"Vælg en slutdato efter {after.day}.{after.month}.{after.year}"
                           + (" (forummets seneste møde)." if latest and latest >= after
                              else "."))
    anchor = _anchor(forum_id, forum.rhythm, latest, today or dt.date.today())
    dates = rules.next_dates(forum.rhythm, after, anchor, until=until)
    if not dates:
        if latest is not None and rules.next_dates(forum.rhythm, today or dt.date.today(),
                                                   anchor, until=until):
            raise ServiceError(f"»{forum.name}« har allerede møder frem til "
                               f"{latest.day}.{latest.month}.{latest.year}; rytmen giver ingen "
                               f"nye datoer før {until.day}.{until.month}.{until.year}.")
        raise ServiceError(rules.no_dates_message(forum.rhythm, until))
    return [_proposed(forum, d) for d in dates]


def fitted_template(template_id: int, minutes: int) -> list[agenda.ItemInput]:
    """The template's items, fitted to a meeting of `minutes` (agenda.fit), so the standard
    95-minute agenda opens a 90-minute meeting without an overrun warning."""
    return agenda.fit(agenda.template(template_id).items, minutes)


def _usual_roles(forum_id: int) -> tuple[int | None, int | None]:
    """The mødeleder and referent of the forum's latest meeting, each only if still active."""
    latest = (Meeting.select(Meeting.chair, Meeting.minute_taker)
              .where(Meeting.forum == forum_id).order_by(Meeting.starts_at.desc()).first())
    if latest is None:
        return None, None
    ids = [latest.chair_id, latest.minute_taker_id]
    active = {c.id for c in Contact.select(Contact.id).where(
        Contact.id.in_([i for i in ids if i is not None]) & (Contact.active == True))}  # noqa: E712
    return tuple(i if i in active else None for i in ids)


def _create_meeting(forum: ForumRow, starts: dt.datetime) -> meetings.MeetingRow:
    """One planned meeting of the forum at its usual length and place, with the latest
    meeting's mødeleder and referent (while active). Call inside a transaction."""
    chair_id, minute_taker_id = _usual_roles(forum.id)
    return create_meeting(meetings.MeetingInput(
        title=forum.name, forum_id=forum.id, kind=forum.meeting_kind, starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=forum.duration_minutes),
        location=forum.location, place_id=forum.place_id, chair_id=chair_id,
        minute_taker_id=minute_taker_id))


def create_meeting(data: meetings.MeetingInput) -> meetings.MeetingRow:
    """A new meeting; in a forum, also its invitation list invited (whole organisations:
    their active contacts) and its agenda template fitted to the meeting's length. One
    transaction: "Planlæg næste møde", the Mødeplan and Nyt møde all make meetings this way."""
    with database.atomic():
        meeting = meetings.create(data)
        if data.forum_id is None:
            return meeting
        forum = get(data.forum_id)
        invite_members(meeting.id, forum.id)
        if forum.template_id is not None:
            length = int((data.ends_at - data.starts_at).total_seconds() // 60)
            for item in fitted_template(forum.template_id, length):
                agenda.add(meeting.id, item)
    return meeting


def plan_next_meeting(forum_id: int, today: dt.date | None = None) -> meetings.MeetingRow:
    """A new planned meeting of the forum on its next date by the rule (see proposal)."""
    forum = get(forum_id)
    planned = proposal(forum, today)
    if planned is None:
        raise ServiceError(f"Rytmen »{forum.rhythm_label}« giver ingen flere mødedatoer. "
                           "Vælg en ny rytme under Redigér.")
    hour, minute = (int(part) for part in forum.start_time.split(":"))
    with database.atomic():
        return _create_meeting(forum, dt.datetime.combine(planned.date, dt.time(hour, minute)))


def create_planned(forum_id: int, dates: list[dt.date]) -> list[meetings.MeetingRow]:
    """Create the reviewed meetings (dates from plan_until) in one transaction: all or none."""
    forum = get(forum_id)
    if not dates:
        raise ServiceError("Der er ingen møder at oprette.")
    hour, minute = (int(part) for part in forum.start_time.split(":"))
    days = sorted(set(dates))
    with database.atomic():
        created = [_create_meeting(forum, dt.datetime.combine(day, dt.time(hour, minute)))
                   for day in days]
        audit.record(ENTITY, forum.id, "update", forum.name, {"planned_meetings": [
            None, f"{len(days)} møder, {days[0]:%d.%m.%Y}–{days[-1]:%d.%m.%Y}"
            if len(days) > 1 else f"1 møde, {days[0]:%d.%m.%Y}"]})
    return created


def _row(f) -> ForumRow:
    return ForumRow(id=f.id, name=f.name, description=f.description, location=f.location,
                    rhythm=f.rhythm, meeting_kind=f.meeting_kind, start_time=f.start_time,
                    duration_minutes=f.duration_minutes, template_id=f.template_id,
                    active=f.active, version=f.version, place_id=f.place_id,
                    place_name=getattr(f, "place_name", None) or "")
