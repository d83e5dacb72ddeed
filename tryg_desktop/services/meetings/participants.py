"""Participants (deltagere) of a meeting: who is invited, and their answer."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import JOIN

from tryg_desktop.db import database
from tryg_desktop.db.bulk import insert_rows
from tryg_desktop.db.meeting_models import Meeting, Participant
from tryg_desktop.db.models import Contact, Organisation
from tryg_desktop.services import audit
from tryg_desktop.services.data_protection import consent
from tryg_desktop.services.register import contacts
from tryg_desktop.services.errors import NotFoundError, ServiceError

ENTITY = "participant"
INVITATIONS = [("inviteret", "Inviteret"), ("tilmeldt", "Tilmeldt"), ("afbud", "Afbud")]
INVITATION_LABELS = dict(INVITATIONS)


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    meeting_id: int
    contact_id: int
    name: str
    title: str
    organisation_name: str
    email: str
    is_private: bool
    invitation: str
    attendance: str
    # Whether a participants' document may print the name (consent.may_be_named, THE rule);
    # None (a row built by hand) means: a resident is not named, anyone else is.
    may_be_named: bool | None = None

    def __post_init__(self) -> None:
        if self.may_be_named is None:
            object.__setattr__(self, "may_be_named", not self.is_private)

    @property
    def invitation_label(self) -> str:
        return INVITATION_LABELS.get(self.invitation, self.invitation)

    @property
    def registered_attendance(self) -> str:
        """The attendance as the minutes count it: an afbud to the invitation stays afbud
        until something else is registered; "" = not registered."""
        return self.attendance or ("afbud" if self.invitation == "afbud" else "")

    @property
    def has_afbud(self) -> bool:
        return self.registered_attendance == "afbud"


def of_meeting(meeting_id: int) -> list[ParticipantRow]:
    """Grouped by organisation (those without last), by name within it: Danish order."""
    return _rows(Participant.meeting == meeting_id)


def get(participant_id: int) -> ParticipantRow:
    rows = _rows(Participant.id == participant_id)
    if not rows:
        raise NotFoundError("Deltageren findes ikke længere.")
    return rows[0]


def _rows(condition) -> list[ParticipantRow]:
    query = (Participant.select(Participant, Contact, Organisation.name.alias("org_name"))
             .join(Contact).join(Organisation, on=(Contact.organisation == Organisation.id),
                                 join_type=JOIN.LEFT_OUTER)
             .where(condition)
             .order_by(Contact.organisation.is_null(), Contact.sort_organisation,
                       Contact.sort_name).objects())
    return [ParticipantRow(p.id, p.meeting_id, p.contact_id, p.name, p.title,
                           getattr(p, "org_name", None) or "", p.email, p.is_private,
                           p.invitation, p.attendance,
                           consent.may_be_named(p.is_private, p.consent_given_on,
                                                p.consent_withdrawn_on))
            for p in query]


def _label(meeting_id: int, contact_name: str) -> str:
    title = Meeting.select(Meeting.title).where(Meeting.id == meeting_id).scalar() or ""
    return f"{contact_name} – {title}"


def add_contact(meeting_id: int, contact_id: int, invitation: str = "inviteret") -> ParticipantRow:
    if not Meeting.select().where(Meeting.id == meeting_id).exists():
        raise NotFoundError(f"Mødet findes ikke (id {meeting_id}).")
    contact = contacts.get(contact_id)
    if Participant.select().where((Participant.meeting == meeting_id)
                                  & (Participant.contact == contact_id)).exists():
        raise ServiceError(f"{contact.name} er allerede deltager i mødet.")
    with database.atomic():
        record_id = Participant.insert(meeting=meeting_id, contact=contact_id,
                                       invitation=invitation).execute()
        audit.record(ENTITY, record_id, "create", _label(meeting_id, contact.name),
                     {"invitation": [None, INVITATION_LABELS[invitation]]})
    return get(record_id)


def add_many(meeting_id: int, contact_ids: list[int], invitation: str = "inviteret") -> int:
    """Invite the active contacts among contact_ids who are not invited yet, in one
    transaction and a handful of queries whatever their number (a forum's invitation list for
    a year's meetings is thousands of rows: one add_contact each took ~240 queries a
    meeting). Returns how many were added."""
    title = Meeting.select(Meeting.title).where(Meeting.id == meeting_id).scalar()
    if title is None:
        raise NotFoundError(f"Mødet findes ikke (id {meeting_id}).")
    wanted = list(dict.fromkeys(contact_ids))
    if not wanted:
        return 0
    with database.atomic():
        present = {row.contact_id for row in Participant.select(Participant.contact)
                   .where(Participant.meeting == meeting_id)}
        names = {}
        for start in range(0, len(wanted), 500):  # SQLite's limit on bound values
            chunk = [c for c in wanted[start:start + 500] if c not in present]
            names.update((c.id, c.name) for c in Contact.select(Contact.id, Contact.name)
                         .where(Contact.id.in_(chunk) & (Contact.active == True)))  # noqa: E712
        new = [c for c in wanted if c in names]
        if not new:
            return 0
        ids = dict(zip(new, insert_rows(Participant, [
            {"meeting": meeting_id, "contact": c, "invitation": invitation, "attendance": ""}
            for c in new])))
        audit.record_many([(ENTITY, ids[c], "create", f"{names[c]} – {title}",
                            {"invitation": [None, INVITATION_LABELS[invitation]]})
                           for c in new])
    return len(new)


def add_organisation(meeting_id: int, organisation_id: int) -> tuple[int, int]:
    """Invite every active contact of the organisation who is not invited yet.
    Returns (added, already there)."""
    if not Organisation.select().where(Organisation.id == organisation_id).exists():
        raise NotFoundError(f"Organisationen findes ikke (id {organisation_id}).")
    people = [c.id for c in Contact.select(Contact.id).where(
        (Contact.organisation == organisation_id) & (Contact.active == True))]  # noqa: E712
    added = add_many(meeting_id, people)
    return added, len(people) - added


def set_invitation(participant_id: int, invitation: str) -> None:
    if invitation not in INVITATION_LABELS:
        raise ServiceError("Ukendt svar på invitationen.")
    participant = Participant.get_or_none(Participant.id == participant_id)
    if participant is None:
        raise NotFoundError("Deltageren findes ikke længere.")
    if participant.invitation == invitation:
        return
    with database.atomic():
        Participant.update(invitation=invitation).where(Participant.id == participant_id).execute()
        audit.record(ENTITY, participant_id, "update",
                     _label(participant.meeting_id, participant.contact.name),
                     {"invitation": [INVITATION_LABELS[participant.invitation],
                                     INVITATION_LABELS[invitation]]})


def remove(participant_id: int) -> None:
    participant = Participant.get_or_none(Participant.id == participant_id)
    if participant is None:
        return
    with database.atomic():
        Participant.delete().where(Participant.id == participant_id).execute()
        audit.record(ENTITY, participant_id, "delete",
                     _label(participant.meeting_id, participant.contact.name),
                     {"invitation": [INVITATION_LABELS.get(participant.invitation), None]})


def role_clashes(meeting_id: int, people: list[ParticipantRow] | None = None,
                 meeting=None) -> list[str]:
    """Danish sentences for each role held by someone with afbud: the mødeleder, the referent
    and an item's oplægsholder (a free-text name, matched against the participants' names).
    The meeting editor and the Drejebog show them. `people` and `meeting` (anything with
    chair_id and minute_taker_id): what the caller has just read, each a round trip less on
    the team's server; the agenda is read only when someone has afbud."""
    from tryg_desktop.db.meeting_models import AgendaItem

    if meeting is None:
        meeting = Meeting.get_or_none(Meeting.id == meeting_id)
        if meeting is None:
            raise NotFoundError(f"Mødet findes ikke (id {meeting_id}).")
    away = [p for p in (of_meeting(meeting_id) if people is None else people) if p.has_afbud]
    if not away:
        return []
    by_contact = {p.contact_id: p for p in away}
    found = []
    for role, contact_id in (("Mødelederen", meeting.chair_id),
                             ("Referenten", meeting.minute_taker_id)):
        if contact_id in by_contact:
            found.append(f"{role}, {by_contact[contact_id].name}, har meldt afbud.")
    items = (AgendaItem.select(AgendaItem.title, AgendaItem.presenter)
             .where(AgendaItem.meeting == meeting_id).order_by(AgendaItem.position, AgendaItem.id))
    for number, item in enumerate(items, start=1):
        presenter = _words(item.presenter)
        for person in away:
            if person.name.strip() and f" {_words(person.name)} " in f" {presenter} ":
                found.append(f"Oplægsholderen til punkt {number} ({item.title}), "
                             f"{person.name}, har meldt afbud.")
    return found


def _words(text: str) -> str:
    """Lower case, punctuation as spaces: "Jens Ørsted (politiet)" holds "jens ørsted"."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.casefold()).split())
