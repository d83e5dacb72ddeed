"""Erasing a person (sletning, GDPR art. 17; issue 13, point 4).

The contact row stays as a tombstone, "Slettet person", with every personal field cleared, so
participants, attendance, meetings' chair and minute-taker, efforts and actions keep pointing at
it and meetings, counts and approved minutes stay whole. Open actions the person was responsible
for move to a successor (who must be chosen when there are any). The audit trail keeps one
entry saying that an erasure happened, by whom and when, and loses the erased values: the
contact's own entries are emptied, and other records' entries that name the person get
"Slettet person" instead (on PostgreSQL through tryg_erase_audit, migration step 12, as no role
may update the trail). A server login linked to the person is unlinked; the person's standing
invitations to forums go. Free-text mentions (minutes, notes) are listed, never changed: only a
person can tell a namesake or a quotation from the person (mentions.py).

Physically (db/dialect.erasure_*): on SQLite secure_delete, the search index merged, VACUUM and
the WAL checkpointed and truncated; on PostgreSQL VACUUM of the touched tables when the login
may, else the server's own VACUUM. Older backups keep the data: the result and the preview say
where they are.

Only an administrator erases (tryg_admin on the server; the PC's user on a SQLite file)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from tryg_desktop.db import dialect
from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.connection import database
from tryg_desktop.db.meeting_models import ForumMember, Meeting, Participant
from tryg_desktop.db.models import AuditEntry, Contact, utcnow
from tryg_desktop.db.place_models import Effort
from tryg_desktop.services import audit
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.data_protection.mentions import Mention, find_mentions
from tryg_desktop.services.errors import NotFoundError, ServiceError, ValidationError

TOMBSTONE = "Slettet person"
ERASE = "erase"  # the audit trail's and the access log's action
ACTION_LABEL = "Slettet (persondata)"  # how the Historik shows it (audit.ACTION_LABELS)
OPEN_STATUSES = ("åben", "i gang")  # services/meetings/actions.OPEN_STATUSES
# The tables an erasure rewrites (VACUUMed afterwards on PostgreSQL).
TOUCHED_TABLES = ["contact", "audit_entry", "action_item", "meeting", "forum_member"]


class AlreadyErasedError(ServiceError):
    pass


class SuccessorNeededError(ValidationError):
    """The person is responsible for open actions and no (valid) successor was chosen."""

    def __init__(self, message: str) -> None:
        super().__init__({"successor": message})
        self.message = message
        self.args = (message,)


@dataclass(frozen=True)
class OpenAction:
    id: int
    title: str
    due: dt.date | None
    status: str
    meeting: str  # "Dialogmøde 3. dec. 2026", or ""


@dataclass(frozen=True)
class ErasurePreview:
    contact_id: int
    name: str
    is_private: bool
    already_erased: bool
    invitations: int  # participant rows (meetings invited to)
    attended: int  # of those, attendance "deltog"
    chaired: int
    minute_taker: int
    actions: int  # responsible for, all statuses
    open_actions: list[OpenAction]
    efforts: int  # coordinator of
    forums: int  # standing invitations (forum members), removed by the erasure
    logins: list[str]  # server logins linked to the person, unlinked by the erasure
    mentions: list[Mention]
    backups: str  # where older backups keep the data (Danish sentence)
    access_log_searches: int = 0  # logged searches that found the person (kept: see below)

    @property
    def needs_successor(self) -> bool:
        return bool(self.open_actions)

    def what_happens(self) -> list[str]:
        """The preview as Danish lines (the dialog and the CLI show them)."""
        lines = []

        def count(n, one, many):
            return f"{n} {one if n == 1 else many}"

        lines.append("Personens navn, titel, telefon, mobil, e-mail, noter og samtykke "
                     "slettes; organisationen fjernes, og kontakten bliver inaktiv.")
        if self.invitations:
            lines.append(f"Står som »{TOMBSTONE}« på {count(self.invitations, 'møde', 'møder')}"
                         f" (deltog i {self.attended}); antal deltagere ændres ikke.")
        roles = [f"{role} på {count(n, 'møde', 'møder')}" for role, n in
                 (("mødeleder", self.chaired), ("referent", self.minute_taker)) if n]
        if roles:
            lines.append(f"{' og '.join(roles).capitalize()}: står som »{TOMBSTONE}«.")
        if self.open_actions:
            lines.append(f"Ansvarlig for {count(self.actions, 'handling', 'handlinger')}, "
                         f"heraf {count(len(self.open_actions), 'åben', 'åbne')}, som skal "
                         "overtages af en anden.")
        elif self.actions:
            done = count(self.actions, "afsluttet handling", "afsluttede handlinger")
            lines.append(f"Ansvarlig for {done}: står som »{TOMBSTONE}«.")
        if self.efforts:
            lines.append(f"Koordinator for {count(self.efforts, 'indsats', 'indsatser')}: "
                         f"står som »{TOMBSTONE}«.")
        if self.forums:
            lines.append("Fjernes fra den faste invitationsliste i "
                         f"{count(self.forums, 'mødeforum', 'mødefora')}.")
        if self.logins:
            lines.append("Koblingen til serverlogin " + ", ".join(self.logins) + " fjernes "
                         "(selve login'et slettes ikke).")
        lines.append("Historikken beholder, at personen blev slettet, af hvem og hvornår, "
                     "men ikke de slettede oplysninger.")
        if self.access_log_searches:
            lines.append(_access_log_line(self.access_log_searches))
        return lines


@dataclass(frozen=True)
class ErasureResult:
    contact_id: int
    moved_actions: list[int]
    successor_id: int | None
    audit_scrubbed: int
    forums_removed: int
    logins_unlinked: list[str]
    mentions: list[Mention]  # left for the user to edit by hand
    backups: str
    notes: list[str] = field(default_factory=list)  # physical clean-up left to others
    access_log_searches: int = 0

    def summary(self) -> list[str]:
        lines = [f"Personen (id {self.contact_id}) er slettet og står nu som »{TOMBSTONE}«."]
        if self.moved_actions:
            n = len(self.moved_actions)
            lines.append(f"{n} åben{'' if n == 1 else 'e'} "
                         f"handling{'' if n == 1 else 'er'} er overtaget af kontakt "
                         f"id {self.successor_id}.")
        lines.append(f"{self.audit_scrubbed} historikposter er renset for personens "
                     "oplysninger.")
        if self.forums_removed:
            fora = "1 mødeforum" if self.forums_removed == 1 else f"{self.forums_removed} mødefora"
            lines.append(f"Fjernet fra den faste invitationsliste i {fora}.")
        if self.logins_unlinked:
            lines.append("Koblingen til serverlogin " + ", ".join(self.logins_unlinked)
                         + " er fjernet.")
        if self.access_log_searches:
            lines.append(_access_log_line(self.access_log_searches))
        return lines + list(self.notes)


def _access_log_line(count: int) -> str:
    searches = "1 søgning" if count == 1 else f"{count} søgninger"
    return (f"Adgangsloggen beholder {searches} med personens navn, indtil loggens "
            "slettefrist: loggen kan ikke ændres (lovkrav om logning).")


def _words(text: str) -> list[str]:
    import re

    return [w for w in re.split(r"\s+", (text or "").lower()) if w]


def access_log_searches(contact: Contact) -> int:
    """Logged searches that would have found the person by name or e-mail (every term of the
    search text occurs in them). The access log is append-only: they stay until its retention
    period; the erasure says so rather than hiding it."""
    from tryg_desktop.db.privacy_models import AccessLogEntry

    own = " ".join(_words(contact.name) + _words(contact.email))
    words = [w for w in _words(contact.name) + _words(contact.email) if len(w) >= 3]
    if not words:
        return 0
    condition = None
    for word in dict.fromkeys(words):
        for variant in dict.fromkeys((word, word.upper(), word.title())):
            part = AccessLogEntry.detail.contains(variant)
            condition = part if condition is None else condition | part
    found = (AccessLogEntry.select(AccessLogEntry.detail)
             .where((AccessLogEntry.action == "search") & condition).tuples())
    return sum(1 for (detail,) in found
               if _words(detail) and all(term in own for term in _words(detail)))


def backups_note() -> str:
    """Where older backups (which keep the erased data) are, as a Danish sentence."""
    if dialect.is_server():
        return ("Ældre sikkerhedskopier indeholder stadig personens oplysninger: serverens "
                "sikkerhedskopier (IT's pg_dump-kopier) og de kopier, der er taget med »server "
                "backup«. De forsvinder først, når kopierne slettes efter IT's slettefrister.")
    from tryg_desktop.db.backup import database_file
    from tryg_desktop.services.auto_backup import backup_folder
    from tryg_desktop.services.privacy import shown_path

    file = database_file()
    where = (f" i mappen {shown_path(backup_folder(file))}" if file is not None else "")
    return ("Ældre sikkerhedskopier indeholder stadig personens oplysninger: de automatiske "
            f"daglige kopier{where} (de ældste slettes efter 7 dage og 4 uger) og de kopier, "
            "du selv har gemt andre steder.")


def compact() -> list[str]:
    """The physical part of erasures made with compact=False: the file rewritten and its WAL
    emptied (SQLite), the touched tables vacuumed (PostgreSQL). Danish notes on what was left."""
    return dialect.erasure_ends(dialect.erasure_begins(), TOUCHED_TABLES)


def _contact(contact_id: int) -> Contact:
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFoundError(f"Kontakten findes ikke (id {contact_id}).")
    return contact


def is_erased(contact_id: int) -> bool:
    return (AuditEntry.select().where((AuditEntry.entity == "contact")
                                      & (AuditEntry.record_id == contact_id)
                                      & (AuditEntry.action == ERASE)).exists())


def _meeting_label(meeting: Meeting | None) -> str:
    if meeting is None:
        return ""
    from tryg_desktop.l10n import format_date

    return f"{meeting.title} {format_date(meeting.starts_at.date(), 'medium')}"


def _open_actions(contact_id: int) -> list[OpenAction]:
    from peewee import JOIN

    query = (ActionItem.select(ActionItem, Meeting).join(Meeting, JOIN.LEFT_OUTER)
             .where((ActionItem.responsible_contact == contact_id)
                    & ActionItem.status.in_(OPEN_STATUSES))
             .order_by(ActionItem.due.is_null(), ActionItem.due, ActionItem.id))
    return [OpenAction(a.id, a.title, a.due, a.status,
                       _meeting_label(a.meeting if a.meeting_id else None)) for a in query]


def preview(contact_id: int) -> ErasurePreview:
    """What an erasure of the contact would do; changes nothing. Admin only."""
    access_log.require_admin("slette en person")
    contact = _contact(contact_id)
    erased = is_erased(contact_id)
    participants = Participant.select().where(Participant.contact == contact_id)
    return ErasurePreview(
        contact_id=contact_id, name=contact.name, is_private=bool(contact.is_private),
        already_erased=erased,
        invitations=participants.count(),
        attended=participants.where(Participant.attendance == "deltog").count(),
        chaired=Meeting.select().where(Meeting.chair == contact_id).count(),
        minute_taker=Meeting.select().where(Meeting.minute_taker == contact_id).count(),
        actions=ActionItem.select().where(ActionItem.responsible_contact == contact_id).count(),
        open_actions=_open_actions(contact_id),
        efforts=Effort.select().where(Effort.coordinator == contact_id).count(),
        forums=ForumMember.select().where(ForumMember.contact == contact_id).count(),
        logins=dialect.contact_logins(contact_id),
        mentions=[] if erased else find_mentions(contact_id),
        backups=backups_note(),
        access_log_searches=0 if erased else access_log_searches(contact))


def _successor(contact_id: int, successor_id: int | None, open_count: int) -> Contact | None:
    if not open_count:
        return None
    noun = "åben handling" if open_count == 1 else "åbne handlinger"
    if successor_id is None:
        raise SuccessorNeededError(f"Personen er ansvarlig for {open_count} {noun}: vælg, "
                                   "hvem der overtager dem.")
    if successor_id == contact_id:
        raise SuccessorNeededError("Den, der overtager handlingerne, kan ikke være den "
                                   "person, der slettes.")
    successor = Contact.get_or_none(Contact.id == successor_id)
    if successor is None or is_erased(successor_id):
        raise SuccessorNeededError(f"Kontakten, der skal overtage handlingerne (id "
                                   f"{successor_id}), findes ikke.")
    return successor


def _scrub_approved_actions(contact_id: int) -> None:
    """Approved minutes keep their actions as they stood (Meeting.approved_actions, JSON):
    the person's name there becomes the tombstone; the rest of the snapshot is untouched."""
    marker = f'"responsible_contact_id": {contact_id}'  # json.dumps' own spacing
    meetings = (Meeting.select(Meeting.id, Meeting.approved_actions)
                .where(Meeting.approved_actions.contains(marker)))
    for meeting in meetings:
        rows = json.loads(meeting.approved_actions)
        mine = [row for row in rows if row.get("responsible_contact_id") == contact_id]
        if not mine:
            continue  # another id that begins with the same digits
        for row in mine:
            row["responsible_name"] = TOMBSTONE
        Meeting.update(approved_actions=json.dumps(rows, ensure_ascii=False)).where(
            Meeting.id == meeting.id).execute()


def erase(contact_id: int, successor_id: int | None = None, *,
          compact: bool = True) -> ErasureResult:
    """Erase the contact (see the module's docstring). Raises NotAllowedError (not an
    administrator), NotFoundError, AlreadyErasedError, SuccessorNeededError (open actions and
    no valid successor) — each with a Danish message; nothing is changed then. compact=False
    leaves the file's rewrite (VACUUM) to one compact() after a batch (the retention purge):
    each VACUUM rewrites the whole file."""
    from tryg_desktop.db import derived

    access_log.require_admin("slette en person")
    contact = _contact(contact_id)
    if is_erased(contact_id):
        raise AlreadyErasedError(f"Personen (id {contact_id}) er allerede slettet.")
    open_ids = [a.id for a in _open_actions(contact_id)]
    successor = _successor(contact_id, successor_id, len(open_ids))
    mentions = find_mentions(contact_id)
    access_log.flush()  # this window's queued searches are counted too
    searches = access_log_searches(contact)
    begun = dialect.erasure_begins()
    try:
        with database.atomic():
            # The history first: the server's scrub reads the name from the contact's row.
            scrubbed = dialect.erase_audit(contact_id, TOMBSTONE)
            _scrub_approved_actions(contact_id)
            now = utcnow()
            for action in ActionItem.select().where(ActionItem.id.in_(open_ids)):
                ActionItem.update(responsible_contact=successor.id,
                                  version=ActionItem.version + 1, updated_at=now).where(
                    ActionItem.id == action.id).execute()
                audit.record("action_item", action.id, "update", action.title,
                             {"responsible": [TOMBSTONE, successor.name]})
            forums = ForumMember.delete().where(ForumMember.contact == contact_id).execute()
            logins = dialect.contact_logins(contact_id)
            dialect.unlink_contact_logins(contact_id)
            Contact.update(
                name=TOMBSTONE, title="", organisation=None, phone="", mobile="", email="",
                notes="", active=False, consent_given_on=None, consent_purpose="",
                consent_withdrawn_on=None, version=Contact.version + 1, updated_at=now,
            ).where(Contact.id == contact_id).execute()
            derived.changed(Contact, [contact_id])
            derived.changed(ActionItem, open_ids)
            dialect.erased_from_search_index(contact_id)
            audit.record("contact", contact_id, ERASE, TOMBSTONE, {})
            access_log.record_now(ERASE, "contact", contact_id)
    except BaseException:
        dialect.erasure_ends(begun, [])
        raise
    notes = dialect.erasure_ends(begun, TOUCHED_TABLES if compact else [])
    return ErasureResult(contact_id=contact_id, moved_actions=open_ids,
                         successor_id=successor.id if successor else None,
                         audit_scrubbed=scrubbed, forums_removed=forums,
                         logins_unlinked=logins, mentions=mentions,
                         backups=backups_note(), notes=notes, access_log_searches=searches)
