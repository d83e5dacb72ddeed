"""Minutes (referat) of a meeting: attendance, each agenda item's notes and decision, and the
minutes' own state: kladde → til kommentering → godkendt (locked) → genåbnet (kladde again).

Autosave and the audit trail: the minutes editor saves while the user types, and an audit
entry per keystroke would drown the Historik. So save_item_minutes() is a plain UPDATE of the
two columns (plus a version bump, so an agenda-item editor open elsewhere sees a conflict)
without an audit entry, and finish_item_minutes() — called when the user leaves the item or
closes the minutes — writes one entry with the change since the minutes were opened. "Since
opened" is read from the audit trail itself (the last audited notes and decision), not kept in
memory, so a crash mid-typing loses no trace: the next finish summarises everything since.

Two editors on one item (two windows, two PCs): the autosave passes the version it started
from, and the UPDATE is conditional on it. On a mismatch nothing is written and
MinutesConflictError carries the other writer's text; the editor then chooses keep_mine()
(which first records their text in the history as "Gemt et andet sted") or set_aside() (their
text stays; mine is recorded as "Ikke gemt ved konflikt"). Either way no text is lost.

Approval (issue 9): only for a meeting that has started and is not aflyst; it sets the meeting
to Afholdt, records who approved, and keeps the meeting's actions as they stood (JSON in
meeting.approved_actions), so an approved referat reprints the same document. Genåbn clears
that snapshot. A referat is never printed for an aflyst meeting or one that has not begun.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import MISSING, asdict, dataclass, fields

from tryg_desktop import l10n
from tryg_desktop.db import database
from tryg_desktop.db.meeting_models import AgendaItem, Meeting, Participant
from tryg_desktop.services import audit, validation
from tryg_desktop.services.meetings import participants
from tryg_desktop.services.errors import (
    ConflictError,
    NotFoundError,
    ServiceError,
    ValidationError,
)

STATES = [("kladde", "Kladde"), ("til_kommentering", "Til kommentering"),
          ("godkendt", "Godkendt")]
STATE_LABELS = dict(STATES)
ATTENDANCE = [("", "Ikke registreret"), ("deltog", "Deltog"), ("afbud", "Afbud"),
              ("udeblev", "Udeblev")]
ATTENDANCE_LABELS = dict(ATTENDANCE)
LOCKED_MESSAGE = "Referatet er godkendt. Genåbn det for at ændre det."
CANCELLED_MESSAGE = "Mødet er aflyst, så det har intet referat."
CANCELLED_APPROVE = "Mødet er aflyst, så der er intet referat at godkende."
# The Historik's "Handling" column shows an unknown action as it is, so this reads as Danish.
REOPENED = "reopen"  # audit.ACTION_LABELS shows it as "Genåbnet"
SAVED_ELSEWHERE = "saved_elsewhere"  # "Gemt et andet sted": their text, before mine replaced it
NOT_SAVED = "not_saved"  # "Ikke gemt ved konflikt": my text, when theirs was kept
MINE, THEIRS = "--- Min tekst ---", "--- Deres tekst ---"


class MinutesConflictError(ConflictError):
    """The item's minutes were saved elsewhere since this editor read them; nothing was
    written. Carries their text and version (the message names no text: it may be personal)."""

    def __init__(self, item_id: int, notes: str, decision: str, version: int) -> None:
        # Its own sentence: ConflictError's "Genindlæs …" does not fit a choice between texts.
        ServiceError.__init__(self, "Punktets referat er ændret et andet sted, mens du skrev. "
                                    "Din tekst er ikke gemt: vælg, hvilken tekst der skal gælde.")
        self.item_id, self.notes, self.decision, self.version = item_id, notes, decision, version


@dataclass(frozen=True)
class MinutesStatus:
    meeting_id: int
    status: str
    comment_deadline: dt.date | None
    approved_on: dt.date | None
    version: int  # the meeting's
    approved_by: str = ""

    @property
    def label(self) -> str:
        return STATE_LABELS.get(self.status, self.status)

    @property
    def locked(self) -> bool:
        return self.status == "godkendt"


def _meeting(meeting_id: int) -> Meeting:
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise NotFoundError(f"Mødet findes ikke (id {meeting_id}).")
    return meeting


def _guard(meeting_id: int) -> None:
    if status(meeting_id).locked:
        raise ServiceError(LOCKED_MESSAGE)


def status(meeting_id: int) -> MinutesStatus:
    m = _meeting(meeting_id)
    return MinutesStatus(m.id, m.minutes_status, m.comment_deadline, m.approved_on, m.version,
                         m.approved_by or "")


def now() -> dt.datetime:
    """The clock the rules below read (tests pin it with monkeypatch)."""
    return dt.datetime.now()


def _not_started(meeting: Meeting, what: str) -> str:
    when = (f"{l10n.format_date(meeting.starts_at.date(), 'full')} "
            f"kl. {l10n.format_time(meeting.starts_at)}")
    return f"Mødet er ikke begyndt endnu (det begynder {when}), så {what}."


def check_referat(meeting_id: int, at: dt.datetime | None = None) -> None:
    """Raises ServiceError (a Danish sentence) when the meeting can have no referat (yet):
    it is aflyst, or it has not begun. Printing, sending and the CLI call this first."""
    meeting = _meeting(meeting_id)
    if meeting.status == "aflyst":
        raise ServiceError(CANCELLED_MESSAGE)
    if meeting.starts_at > (at or now()):
        raise ServiceError(_not_started(meeting, "der kan ikke laves et referat endnu"))


# -- attendance and item minutes ---------------------------------------------------------------

def set_attendance(participant_id: int, value: str) -> None:
    if value not in ATTENDANCE_LABELS:
        raise ServiceError("Ukendt fremmøde.")
    participant = Participant.get_or_none(Participant.id == participant_id)
    if participant is None:
        raise NotFoundError("Deltageren findes ikke længere.")
    _guard(participant.meeting_id)
    if participant.attendance == value:
        return
    row = participants.get(participant_id)
    label = f"{row.name} – {_meeting(row.meeting_id).title}"
    with database.atomic():
        Participant.update(attendance=value).where(Participant.id == participant_id).execute()
        audit.record(participants.ENTITY, participant_id, "update", label,
                     {"attendance": [ATTENDANCE_LABELS[participant.attendance],
                                     ATTENDANCE_LABELS[value]]})


def all_signed_up_attended(meeting_id: int) -> int:
    """"Alle tilmeldte deltog": everyone who said yes (tilmeldt) and has no attendance yet is
    registered as deltog, in one transaction, one audit entry each. Explicit registrations
    are kept. Returns how many changed."""
    _guard(meeting_id)
    title = _meeting(meeting_id).title
    todo = [p for p in participants.of_meeting(meeting_id)
            if p.invitation == "tilmeldt" and not p.attendance]
    with database.atomic():
        for person in todo:
            Participant.update(attendance="deltog").where(Participant.id == person.id).execute()
            audit.record(participants.ENTITY, person.id, "update", f"{person.name} – {title}",
                         {"attendance": [ATTENDANCE_LABELS[""], ATTENDANCE_LABELS["deltog"]]})
    return len(todo)


def unregistered(meeting_id: int) -> tuple[int, int]:
    """(not registered, invited): an afbud to the invitation counts as registered."""
    people = participants.of_meeting(meeting_id)
    return sum(1 for p in people if not p.registered_attendance), len(people)


def _item(item_id: int) -> AgendaItem:
    item = AgendaItem.get_or_none(AgendaItem.id == item_id)
    if item is None:
        raise NotFoundError(f"Dagsordenspunktet findes ikke (id {item_id}).")
    return item


def _check_text(notes: str, decision: str) -> None:
    errors = {name: error for name, text in (("notes", notes), ("decision", decision))
              if (error := validation.free_text(text)[1])}
    if errors:  # a CPR number must not reach the database, not even for a moment
        raise ValidationError(errors)


def save_item_minutes(item_id: int, notes: str, decision: str,
                      version: int | None = None) -> int:
    """The autosave fast path: no audit entry (see the module text). Stores the text as typed
    (no trimming, so the editor's cursor never jumps) and returns the item's new version.
    `version`: the one the editor started from; when the item has moved on, nothing is written
    and MinutesConflictError says what is there now. None (the demo, scripts): no check."""
    _check_text(notes, decision)
    if version is None:
        item = _item(item_id)
        _guard(item.meeting_id)
        version = item.version
        condition = AgendaItem.id == item_id
    else:
        condition = (AgendaItem.id == item_id) & (AgendaItem.version == version)
    # One statement, its own transaction, on the team's server one round trip a second while
    # someone types: the version check and the lock of an approved referat are in its WHERE,
    # and why nothing was written is read only when nothing was.
    open_minutes = Meeting.select(Meeting.id).where(Meeting.minutes_status != "godkendt")
    written = (AgendaItem.update(notes=notes, decision=decision,
                                 version=AgendaItem.version + 1)
               .where(condition & AgendaItem.meeting.in_(open_minutes)).execute())
    if not written:
        now_there = _item(item_id)  # NotFoundError when it was deleted
        _guard(now_there.meeting_id)  # the referat was approved meanwhile
        raise MinutesConflictError(item_id, now_there.notes, now_there.decision,
                                   now_there.version)
    return version + 1


def keep_mine(item_id: int, notes: str, decision: str, their_version: int) -> int:
    """"Behold min tekst" (and the save after "Flet selv"): their text goes into the history
    first, then mine replaces it, both in one transaction and only if the item is still at
    their version (else a new MinutesConflictError and nothing written). The new version."""
    with database.atomic():  # a refused save (conflict, CPR number) takes the checkpoint back
        _checkpoint(item_id)
        return save_item_minutes(item_id, notes, decision, their_version)


def set_aside(item_id: int, notes: str, decision: str) -> None:
    """"Brug deres tekst", or an editor left with the conflict undecided: the database keeps
    their text (recorded in the history if it is not yet), and mine is recorded as not saved."""
    _check_text(notes, decision)
    with database.atomic():
        item = _checkpoint(item_id)
        changes = audit.diff({"notes": item.notes, "decision": item.decision},
                             {"notes": notes, "decision": decision})
        if changes:
            audit.record("agenda_item", item_id, NOT_SAVED, item.title, changes)


def _checkpoint(item_id: int) -> AgendaItem:
    """The text the database holds now, into the history unless it is there already: it was
    saved elsewhere (autosaves write no entry) and is about to be replaced or set against."""
    item = _item(item_id)
    changes = audit.diff(_last_audited(item_id), {"notes": item.notes, "decision": item.decision})
    if changes:
        audit.record("agenda_item", item_id, SAVED_ELSEWHERE, item.title, changes)
    return item


def combined(base: tuple[str, str], mine: tuple[str, str],
             theirs: tuple[str, str]) -> tuple[str, str] | None:
    """(notes, decision) keeping both writers' changes when no field was changed differently
    by both since `base` (the text mine was started from); None when one was."""
    result = []
    for start, my, their in zip(base, mine, theirs):
        if my != start and their != start and my != their:
            return None
        result.append(my if my != start else their)
    return result[0], result[1]


def merged(mine: str, theirs: str) -> str:
    """"Flet selv": one field with both texts between clear markers (one only if they agree
    or the other is empty), for the writer to edit into one."""
    if mine == theirs or not theirs:
        return mine
    if not mine:
        return theirs
    mine, theirs = mine.rstrip("\n"), theirs.rstrip("\n")
    return f"{MINE}\n{mine}\n{THEIRS}\n{theirs}"


def _last_audited(item_id: int) -> dict[str, str]:
    """The notes and decision as the audit trail last recorded them ("" before any entry)."""
    found: dict[str, str] = {}
    for entry in audit.history("agenda_item", item_id):  # newest first
        if entry.action == NOT_SAVED:  # a text that never was in the database
            continue
        for name in ("notes", "decision"):
            if name not in found and name in entry.changes:
                found[name] = entry.changes[name][1] or ""
        if len(found) == 2:
            break
    return {"notes": found.get("notes", ""), "decision": found.get("decision", "")}


def finish_item_minutes(item_id: int) -> bool:
    """One audit entry for everything saved since the minutes were opened (or last finished).
    Returns False when nothing changed."""
    item = _item(item_id)
    changes = audit.diff(_last_audited(item_id), {"notes": item.notes, "decision": item.decision})
    if not changes:
        return False
    with database.atomic():
        audit.record("agenda_item", item_id, "update", item.title, changes)
    return True


def missing_decisions(meeting_id: int) -> list[int]:
    """Numbers of the beslutning items without a decision: the view asks before approving.
    Orientering and drøftelse items need none."""
    query = (AgendaItem.select().where(AgendaItem.meeting == meeting_id)
             .order_by(AgendaItem.position, AgendaItem.id))
    return [number for number, item in enumerate(query, start=1)
            if item.kind == "beslutning" and not item.decision.strip()]


# -- the minutes' state ----------------------------------------------------------------------

def _set_state(meeting_id: int, values: dict, action: str = "update",
               extra: dict | None = None) -> MinutesStatus:
    """Write the state columns, bump the meeting's version and audit, in one transaction."""
    old = status(meeting_id)
    title = _meeting(meeting_id).title
    before = _state_audit(old.status, old.comment_deadline, old.approved_on)
    after = _state_audit(values.get("minutes_status", old.status),
                         values.get("comment_deadline", old.comment_deadline),
                         values.get("approved_on", old.approved_on))
    changes = {**audit.diff(before, after), **(extra or {})}
    with database.atomic():
        Meeting.update(**values, version=Meeting.version + 1).where(
            Meeting.id == meeting_id).execute()
        audit.record("meeting", meeting_id, action, title, changes)
    return status(meeting_id)


def _state_audit(state: str, deadline: dt.date | None, approved: dt.date | None) -> dict:
    return {"minutes_status": STATE_LABELS.get(state, state),
            "comment_deadline": deadline.isoformat() if deadline else None,
            "approved_on": approved.isoformat() if approved else None}


def send_for_comments(meeting_id: int, deadline: dt.date) -> MinutesStatus:
    """Til kommentering with a deadline; sending again only moves the deadline."""
    _guard(meeting_id)
    if deadline is None:
        raise ValidationError({"comment_deadline": "Angiv en frist for kommentarer."})
    return _set_state(meeting_id, {"minutes_status": "til_kommentering",
                                   "comment_deadline": deadline})


def approve(meeting_id: int, today: dt.date | None = None,
            at: dt.datetime | None = None) -> MinutesStatus:
    """Approve and lock; the meeting becomes Afholdt. Refused for an aflyst meeting, one that
    has not begun (`at`, else the end of `today`, else now) and approved minutes. Missing
    decisions and unregistered attendance are not refused: the view asks the user first
    (missing_decisions, unregistered), since both can be the honest minutes."""
    at = at or (dt.datetime.combine(today, dt.time(23, 59)) if today else now())
    check_approvable(meeting_id, at)
    meeting = _meeting(meeting_id)
    from tryg_desktop.services.meetings import meetings

    user = audit.current_user()
    extra = {"approved_by": [None, user]}
    with database.atomic():  # the snapshot and the approval are one moment
        values = {"minutes_status": "godkendt", "approved_on": today or at.date(),
                  "approved_by": user, "approved_actions": _snapshot(meeting_id)}
        if meeting.status != "afholdt":
            values.update(status="afholdt", ics_sequence=Meeting.ics_sequence + 1)
            extra["status"] = [meetings.STATUS_LABELS.get(meeting.status, meeting.status),
                               meetings.STATUS_LABELS["afholdt"]]
        return _set_state(meeting_id, values, extra=extra)


def check_approvable(meeting_id: int, at: dt.datetime | None = None) -> None:
    """Raises ServiceError (a Danish sentence) when the minutes cannot be approved: already
    approved, the meeting is aflyst, or it has not begun (at `at`, else now)."""
    meeting = _meeting(meeting_id)
    state = status(meeting_id)
    if state.locked:
        by = f" af {state.approved_by}" if state.approved_by else ""
        day = f" den {l10n.format_date(state.approved_on)}" if state.approved_on else ""
        raise ServiceError(f"Referatet er allerede godkendt{day}{by}.")
    if meeting.status == "aflyst":
        raise ServiceError(CANCELLED_APPROVE)
    if meeting.starts_at > (at or now()):
        raise ServiceError(_not_started(meeting, "referatet kan ikke godkendes endnu"))


def _snapshot(meeting_id: int) -> str:
    """The meeting's actions as they stand now, as JSON (dates as ISO text)."""
    from tryg_desktop.services.meetings import actions

    rows = actions.fetch(actions.ActionFilter(meeting_id=meeting_id), 0, 100_000)
    return json.dumps([{k: v.isoformat() if isinstance(v, dt.date) else v
                        for k, v in asdict(row).items()} for row in rows], ensure_ascii=False)


def approved_actions(meeting_id: int) -> list | None:
    """The actions as they stood at approval (ActionRow objects), or None when the minutes
    are not approved or were approved before snapshots were kept (then print the live ones)."""
    from tryg_desktop.services.meetings.actions import ActionRow

    meeting = _meeting(meeting_id)
    if meeting.minutes_status != "godkendt" or not meeting.approved_actions:
        return None
    rows = []
    for stored in json.loads(meeting.approved_actions):
        values = {f.name: stored.get(f.name, None if f.default is MISSING else f.default)
                  for f in fields(ActionRow)}
        for name in ("due", "completed_on"):
            if isinstance(values[name], str):
                values[name] = dt.date.fromisoformat(values[name])
        rows.append(ActionRow(**values))
    return rows


def reopen(meeting_id: int, reason: str) -> MinutesStatus:
    """Back to kladde; the reason is required and kept in the audit trail."""
    reason, error = validation.required(reason, "Begrundelsen")
    if error:
        raise ValidationError({"reason": error})
    if not status(meeting_id).locked:
        raise ServiceError("Referatet er ikke godkendt, så det skal ikke genåbnes.")
    old = status(meeting_id)
    return _set_state(meeting_id, {"minutes_status": "kladde", "approved_on": None,
                                   "approved_by": "", "approved_actions": ""},
                      action=REOPENED, extra={"reason": [None, reason],
                                              **({"approved_by": [old.approved_by, None]}
                                                 if old.approved_by else {})})
