"""Indsigt (GDPR art. 15): everything the register holds about one person, gathered in one
reading for a PDF to send and a JSON file to keep or pass on.

gather() reads: the register fields and the consent record, the change history (who, when,
which fields old → new), the organisation, a server login linked to the person, the fora whose invitation list names the person (or
their organisation), every meeting they were invited to with invitation and attendance, the
meetings they chaired or took minutes at, the actions they are responsible for, the mentions of
their name (or e-mail, phone) in minutes, action notes and episode notes (found by search in
services/data_protection/mentions.py: listed *til gennemsyn*, for a person to review before
anything is sent), and the access log's entries about them.

Only an administrator answers an access request (tryg_admin on the server; on a SQLite file the
PC's user). write() logs the answer in the access log ("request")."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field, is_dataclass
from pathlib import Path

from peewee import JOIN

from tryg_desktop.db import database, dialect
from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import Forum, ForumMember, Meeting, Participant
from tryg_desktop.db.models import Contact, utcnow
from tryg_desktop.db.place_models import Effort
from tryg_desktop.services import audit
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.data_protection.mentions import Mention, find_mentions
from tryg_desktop.services.errors import NotFoundError

WHAT = "besvare en anmodning om indsigt"

@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime  # UTC
    user: str
    action: str  # create / update / delete / …
    action_label: str
    changes: list[FieldChange]


@dataclass(frozen=True)
class OrganisationInfo:
    id: int
    name: str
    kind: str
    city: str


@dataclass(frozen=True)
class ForumMembership:
    forum_id: int
    forum: str
    via: str  # "person" (named on the list) or "organisation" (their organisation is)
    active: bool


@dataclass(frozen=True)
class MeetingParticipation:
    meeting_id: int
    starts_at: dt.datetime  # local time, as stored
    title: str
    forum: str
    status: str
    invitation: str  # inviteret / tilmeldt / afbud
    attendance: str  # deltog / afbud / udeblev, or "" before the meeting


@dataclass(frozen=True)
class MeetingRole:
    meeting_id: int
    starts_at: dt.datetime
    title: str
    role: str  # "chair" / "minute_taker"

    @property
    def role_label(self) -> str:
        return {"chair": "Mødeleder", "minute_taker": "Referent"}.get(self.role, self.role)


@dataclass(frozen=True)
class ActionResponsibility:
    action_id: int
    title: str
    due: dt.date | None
    status: str
    meeting: str
    completed_on: dt.date | None


@dataclass(frozen=True)
class EffortRole:
    effort_id: int
    title: str
    status: str
    starts_on: dt.date
    ends_on: dt.date | None


@dataclass(frozen=True)
class AccessReport:
    contact_id: int
    generated_at: dt.datetime  # UTC
    generated_by: str
    fields: dict[str, object]  # the contact's fields (name, title, …) -> values as stored
    consent: dict[str, object]  # consent_given_on, consent_purpose, consent_withdrawn_on
    organisation: OrganisationInfo | None
    logins: list[str] = field(default_factory=list)  # server logins linked to the person
    history: list[HistoryEntry] = field(default_factory=list)
    forums: list[ForumMembership] = field(default_factory=list)
    meetings: list[MeetingParticipation] = field(default_factory=list)
    roles: list[MeetingRole] = field(default_factory=list)
    actions: list[ActionResponsibility] = field(default_factory=list)
    efforts: list[EffortRole] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # for review
    access_log: list[access_log.LogEntry] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.fields.get("name") or "")


# --- gathering ---------------------------------------------------------------------------------

def gather(contact_id: int) -> AccessReport:
    """Everything held about the contact, read in one transaction. Administrators only."""
    access_log.require_admin(WHAT)
    with database.atomic():
        contact = Contact.get_or_none(Contact.id == contact_id)
        if contact is None:
            raise NotFoundError(f"Der findes ingen kontakt med id {contact_id}.")
        organisation = contact.organisation
        fields = {
            "name": contact.name, "title": contact.title,
            "organisation": organisation.name if organisation else "",
            "phone": contact.phone, "mobile": contact.mobile, "email": contact.email,
            "notes": contact.notes, "active": contact.active, "is_private": contact.is_private,
            "created_at": contact.created_at, "updated_at": contact.updated_at}
        consent = {"consent_given_on": contact.consent_given_on,
                   "consent_purpose": contact.consent_purpose,
                   "consent_withdrawn_on": contact.consent_withdrawn_on}
        org = (OrganisationInfo(organisation.id, organisation.name, organisation.kind,
                                organisation.city) if organisation else None)
        return AccessReport(
            contact_id=contact.id, generated_at=utcnow(), generated_by=audit.current_user(),
            fields=fields, consent=consent, organisation=org,
            logins=dialect.contact_logins(contact.id),
            history=_history(contact.id), forums=_forums(contact),
            meetings=_meetings(contact.id), roles=_roles(contact.id),
            actions=_actions(contact.id), efforts=_efforts(contact.id),
            mentions=find_mentions(contact.id), access_log=access_log.about_contact(contact.id))


def _history(contact_id: int) -> list[HistoryEntry]:
    rows = reversed(audit.history("contact", contact_id))  # oldest first, as a story
    return [HistoryEntry(row.at, row.shown_user, row.action, row.action_label,
                         [FieldChange(name, *_pair(values))
                          for name, values in row.changes.items()])
            for row in rows]


def _pair(values) -> tuple[object, object]:
    if isinstance(values, (list, tuple)) and len(values) == 2:
        return values[0], values[1]
    return None, values


def _forums(contact) -> list[ForumMembership]:
    condition = ForumMember.contact == contact.id
    if contact.organisation_id is not None:
        condition |= ForumMember.organisation == contact.organisation_id
    query = (ForumMember.select(ForumMember, Forum).join(Forum).where(condition)
             .order_by(Forum.sort_name, Forum.id))
    seen: dict[int, ForumMembership] = {}
    for member in query:
        via = "person" if member.contact_id == contact.id else "organisation"
        if member.forum_id not in seen or via == "person":
            seen[member.forum_id] = ForumMembership(member.forum_id, member.forum.name, via,
                                                    member.forum.active)
    return list(seen.values())


def _meetings(contact_id: int) -> list[MeetingParticipation]:
    query = (Participant.select(Participant, Meeting, Forum)
             .join(Meeting).join(Forum, join_type=JOIN.LEFT_OUTER,
                                 on=(Meeting.forum == Forum.id))
             .where(Participant.contact == contact_id)
             .order_by(Meeting.starts_at, Meeting.id))
    return [MeetingParticipation(p.meeting_id, p.meeting.starts_at, p.meeting.title,
                                 p.meeting.forum.name if p.meeting.forum_id else "",
                                 p.meeting.status, p.invitation, p.attendance)
            for p in query]


def _roles(contact_id: int) -> list[MeetingRole]:
    query = (Meeting.select(Meeting.id, Meeting.starts_at, Meeting.title, Meeting.chair,
                            Meeting.minute_taker)
             .where((Meeting.chair == contact_id) | (Meeting.minute_taker == contact_id))
             .order_by(Meeting.starts_at, Meeting.id))
    roles = []
    for meeting in query:
        for role, holder in (("chair", meeting.chair_id), ("minute_taker",
                                                            meeting.minute_taker_id)):
            if holder == contact_id:
                roles.append(MeetingRole(meeting.id, meeting.starts_at, meeting.title, role))
    return roles


def _actions(contact_id: int) -> list[ActionResponsibility]:
    query = (ActionItem.select(ActionItem, Meeting)
             .join(Meeting, join_type=JOIN.LEFT_OUTER, on=(ActionItem.meeting == Meeting.id))
             .where(ActionItem.responsible_contact == contact_id)
             .order_by(ActionItem.due.is_null(), ActionItem.due, ActionItem.id))
    return [ActionResponsibility(a.id, a.title, a.due, a.status,
                                 _meeting_label(a.meeting) if a.meeting_id else "",
                                 a.completed_on)
            for a in query]


def _meeting_label(meeting) -> str:
    return f"{meeting.title} {meeting.starts_at:%d.%m.%Y}"


def _efforts(contact_id: int) -> list[EffortRole]:
    query = (Effort.select().where(Effort.coordinator == contact_id)
             .order_by(Effort.starts_on, Effort.id))
    return [EffortRole(e.id, e.title, e.status, e.starts_on, e.ends_on) for e in query]


# --- JSON -------------------------------------------------------------------------------------

def _plain(value):
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if is_dataclass(value):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_json(report: AccessReport) -> dict:
    """The report as JSON-ready data: stable English keys, values as stored, dates and times
    in ISO 8601 (the history's and the access log's times are UTC, meeting times local)."""
    return {
        "format": "tryg-desktop-access-request",
        "version": 1,
        "contact_id": report.contact_id,
        "generated_at": report.generated_at.isoformat() + "Z",
        "generated_by": report.generated_by,
        "contact": _plain(report.fields),
        "consent": _plain(report.consent),
        "organisation": _plain(report.organisation),
        "server_logins": list(report.logins),
        "history": [{"at": h.at.isoformat() + "Z", "user": h.user, "action": h.action,
                     "changes": {c.field: {"old": _plain(c.old), "new": _plain(c.new)}
                                 for c in h.changes}}
                    for h in report.history],
        "forums": _plain(report.forums),
        "meetings": _plain(report.meetings),
        "roles": _plain(report.roles),
        "actions": _plain(report.actions),
        "efforts": _plain(report.efforts),
        "mentions_for_review": _plain(report.mentions),
        "access_log": [{"at": e.at.isoformat() + "Z", "user": e.user, "action": e.action,
                        "record_type": e.record_type, "record_id": e.record_id,
                        "detail": e.detail, "purpose": e.purpose}
                       for e in report.access_log],
    }


def json_bytes(report: AccessReport) -> bytes:
    return (json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- files ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Written:
    pdf: Path
    json: Path | None
    report: AccessReport


def pdf_bytes(report: AccessReport, header: str | None = None,
              allow_cpr: bool = False) -> bytes:
    """The PDF of a gathered report (the CPR check first, as every document)."""
    from tryg_desktop.reports.access_request import access_request_document
    from tryg_desktop.services.pdf import document_header, render_checked

    doc = access_request_document(report, header=document_header(header))
    return render_checked(doc, allow_cpr, "Indsigt")


def write(contact_id: int, pdf_path: str | os.PathLike, json_path: str | os.PathLike | None
          = None, header: str | None = None, progress=None) -> Written:
    """Gather, then write the PDF (and the JSON), each readable by the user alone, and log the
    answer in the access log. `progress(done, total)` is called between the steps."""
    from tryg_desktop.services.files import write_atomically

    step = progress or (lambda done, total: None)
    report = gather(contact_id)
    step(1, 4)
    data = pdf_bytes(report, header)
    step(2, 4)
    pdf = write_atomically(pdf_path, data)
    written_json = None
    if json_path is not None:
        written_json = write_atomically(json_path, json_bytes(report))
    step(3, 4)
    with database.atomic():
        access_log.record_now("request", "contact", contact_id,
                              detail="Indsigt: PDF og JSON" if json_path is not None
                              else "Indsigt: PDF")
    step(4, 4)
    return Written(pdf, written_json, report)


def suggested_file_name(contact_id: int, today: dt.date | None = None) -> str:
    """'Indsigt Anna Jensen 2026-12-03.pdf' for the save dialog."""
    import re

    contact = Contact.get_or_none(Contact.id == contact_id)
    name = contact.name if contact else f"kontakt {contact_id}"
    name = " ".join(re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", name).split()).rstrip(". ")[:80]
    return f"Indsigt {name} {(today or dt.date.today()).isoformat()}.pdf"
