"""Calendar invitations (.ics, RFC 5545 with the iTIP methods of RFC 5546) for a meeting.

One VEVENT per file. Its UID is the meeting's ics_uid, the same on every export, and its
SEQUENCE is the meeting's ics_sequence, which meetings.update raises when the title, time,
place or status change: a calendar program then replaces the earlier invitation instead of
adding a second meeting. A cancelled meeting (status "aflyst") gives METHOD:CANCEL.

Times are stored naive in Danish local time; the file gives them with TZID=Europe/Copenhagen
and the matching VTIMEZONE, so Outlook, Google and Apple place them right across summer time.
The icalendar library writes the text (escaping, UTF-8, line folding); nothing here is
hand-written iCalendar. The .ics goes to the participants, so it shows what they may see
(services/meetings/disclosure.py): a closed (Lukket) agenda item only as "N. Lukket punkt". Every
text is checked for CPR numbers before anything is written.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from tryg_desktop.services.meetings import agenda, disclosure, meetings, participants
from tryg_desktop.services.errors import CprFoundError, ServiceError
from tryg_desktop.services.privacy import address_as_read, contains_cpr

__all__ = ["DEFAULT_ORGANIZER_EMAIL", "DEFAULT_ORGANIZER_NAME", "TIMEZONE", "agenda_lines",
           "check_cpr", "localize", "meeting_ics", "people_texts", "residents_lines",
           "write_ics"]

TIMEZONE = "Europe/Copenhagen"
DEFAULT_ORGANIZER_NAME = "Tryg Aalborg"
# Until a setting holds the organiser's address (settings.py is the only home for settings).
DEFAULT_ORGANIZER_EMAIL = "tryg@aalborg.example"
CLOSED_ITEM = disclosure.CLOSED_ITEM

# Participant invitation → iCalendar PARTSTAT.
_PARTSTAT = {"inviteret": "NEEDS-ACTION", "tilmeldt": "ACCEPTED", "afbud": "DECLINED"}


@functools.cache
def _zone():
    from zoneinfo import ZoneInfo  # tzdata (an icalendar dependency) supplies it on Windows

    return ZoneInfo(TIMEZONE)


def localize(value: dt.datetime) -> dt.datetime:
    """A stored (naive, Danish local) time as an aware datetime in Europe/Copenhagen."""
    if value.tzinfo is not None:
        return value.astimezone(_zone())
    return value.replace(tzinfo=_zone())


def agenda_lines(items: list[agenda.ItemRow]) -> list[str]:
    """'1. Velkomst (orientering)' … as the participants may see them: a closed item only as
    'N. Lukket punkt'."""
    return disclosure.agenda_lines(items, disclosure.PARTICIPANTS)


def check_cpr(texts: list[tuple[str, str]]) -> None:
    """texts: (where, text) pairs about to leave the program. Raises CprFoundError naming
    every place where a CPR number seems to be (never the number itself: it masks them)."""
    found = [where for where, text in texts if contains_cpr(text)]
    if found:
        raise CprFoundError(found)


def people_texts(role: str, people) -> list[tuple[str, str]]:
    """(where, text) pairs of what an invitation shows of each person: name and address."""
    return [pair for p in people for pair in ((f"{role} {p.name}", p.name),
                                               (f"{role} {p.name}s e-mail",
                                                address_as_read(p.email)))]


def residents_lines(people) -> list[str]:
    """What the .ics says of the invited residents, who are never ATTENDEEs: those with consent
    to be named by name, the rest counted ("Inviterede beboere: Anne Berg og 2 beboere.");
    afbud likewise. No lines when no resident is invited."""
    from tryg_desktop.services.data_protection.consent import residents_text

    lines = []
    for label, declined in (("Inviterede beboere", False), ("Afbud fra beboere", True)):
        group = [p for p in people if p.is_private and (p.invitation == "afbud") == declined]
        names = [p.name for p in group if p.may_be_named]
        text = residents_text(names, len(group) - len(names))
        if text:
            lines.append(f"{label}: {text}.")
    return lines


def meeting_ics(meeting_id: int, organizer_name: str = DEFAULT_ORGANIZER_NAME,
                organizer_email: str = DEFAULT_ORGANIZER_EMAIL) -> bytes:
    """The meeting as an iCalendar invitation (METHOD:REQUEST, or CANCEL when it is aflyst).
    Raises NotFoundError for an unknown meeting and CprFoundError before building anything
    when a text looks like it holds a CPR number."""
    from icalendar import Calendar, Event, vCalAddress

    from tryg_desktop import __version__

    meeting = meetings.get(meeting_id)
    organizer_email = (organizer_email or "").strip()
    if not organizer_email:
        raise ServiceError("Angiv arrangørens e-mailadresse til kalenderinvitationen.")
    items = agenda.items(meeting_id)
    lines = agenda_lines(items)
    # Residents (privatpersoner) are not listed as attendees: every attendee sees the list, and
    # partners must not see residents' addresses. They get the invitation by Bcc instead, and
    # the description names those with consent to be named and counts the rest
    # (services/data_protection/consent.py).
    everyone = participants.of_meeting(meeting_id)
    people = [p for p in everyone if p.email and not p.is_private]
    about_residents = residents_lines(everyone)
    check_cpr([("mødets titel", meeting.title), ("mødestedet", meeting.location),
               *(("beskrivelsen af de inviterede beboere", line) for line in about_residents),
               ("arrangørens navn", organizer_name),
               ("arrangørens e-mail", address_as_read(organizer_email)),
               *((f"dagsordenens punkt {i.number}", line) for i, line in zip(items, lines)),
               *people_texts("deltageren", people)])

    cancelled = meeting.status == "aflyst"
    start, end = localize(meeting.starts_at), localize(meeting.ends_at)
    event = Event()
    event.add("uid", meeting.ics_uid)
    event.add("sequence", meeting.ics_sequence)
    event.add("dtstamp", dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    description = "\n\n".join(part for part in (
        "Dagsorden:\n" + "\n".join(lines) if lines else "", "\n".join(about_residents)) if part)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("organizer", vCalAddress.new(organizer_email, cn=organizer_name or None))
    for person in people:
        event.add("attendee", vCalAddress.new(
            person.email, cn=person.name, role="REQ-PARTICIPANT",
            partstat=_PARTSTAT.get(person.invitation, "NEEDS-ACTION"), rsvp=True))

    calendar = Calendar()
    calendar.add("prodid", f"-//Tryg Aalborg//Tryg Desktop {__version__}//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    calendar.add_component(event)
    # The VTIMEZONE from the tz database, for the meeting's year(s) only: the whole 1970–2038
    # range would add some hundred lines of RDATEs that no client needs.
    calendar.add_missing_timezones(first_date=dt.date(start.year, 1, 1),
                                   last_date=dt.date(end.year + 1, 1, 1))
    return calendar.to_ical()


def write_ics(meeting_id: int, path, organizer_name: str = DEFAULT_ORGANIZER_NAME,
              organizer_email: str = DEFAULT_ORGANIZER_EMAIL) -> Path:
    """Write the invitation to path, whole or not at all. Returns the path."""
    from tryg_desktop.services.data_protection import access_log
    from tryg_desktop.services.files import write_atomically

    path = Path(path)
    write_atomically(path, meeting_ics(meeting_id, organizer_name, organizer_email))
    access_log.record("export", "meeting", meeting_id, detail="Kalenderinvitation (.ics)")
    return path
