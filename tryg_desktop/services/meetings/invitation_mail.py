"""The invitation e-mail as an .eml draft: the user opens it in Outlook (X-Unsent: 1 makes it an
editable draft, not a received mail), reads it through and presses Send.

Structure, as calendar servers send invitations, so that mail programs offer Accept/Decline:

    multipart/mixed
      multipart/alternative
        text/plain                        the Danish letter
        text/calendar; method=REQUEST     the invitation itself
      application/pdf                     "Dagsorden <titel>.pdf" (when a PDF is given)
      application/…                       the open items' bilag, under their own names
      text/calendar; method=REQUEST       invitation.ics, for programs that only read attachments

A cancelled meeting's .ics (METHOD:CANCEL) gives method=CANCEL and an "Aflyst:" subject, and
carries no bilag. A closed item's bilag never go with the invitation
(services/meetings/disclosure.py); services/meetings/attachments.py keeps a meeting's bilag within
20 MB, so the mail stays sendable.
"""

from __future__ import annotations

import re
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from tryg_desktop import l10n
from tryg_desktop.services.meetings import agenda, attachments, disclosure, meetings, participants
from tryg_desktop.services.meetings.calendar_invite import (
    DEFAULT_ORGANIZER_EMAIL,
    DEFAULT_ORGANIZER_NAME,
    agenda_lines,
    check_cpr,
    people_texts,
)
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.privacy import address_as_read
from tryg_desktop.services.pdf import DEFAULT_HEADER  # the documents' organisation line

__all__ = ["DEFAULT_HEADER", "DEFAULT_SENDER", "ICS_FILENAME", "draft_eml", "invitation_message",
           "when_text"]

DEFAULT_SENDER = f"{DEFAULT_ORGANIZER_NAME} <{DEFAULT_ORGANIZER_EMAIL}>"
ICS_FILENAME = "invitation.ics"
_NOT_IN_FILENAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def draft_message(sender: str, people) -> EmailMessage:
    """An unsent draft from sender to the participants. Residents (privatpersoner) are in Bcc:
    partners must not see their addresses. Everyone else is in To, as colleagues expect. A
    resident without consent to be named is in Bcc by the bare address, with no name
    (services/data_protection/consent.py)."""
    msg = EmailMessage(policy=policy.default)
    msg["X-Unsent"] = "1"
    msg["From"] = sender
    partners = [p for p in people if not p.is_private]
    residents = [p for p in people if p.is_private]
    if partners:
        msg["To"] = [Address(p.name, addr_spec=p.email) for p in partners]
    if residents:
        msg["Bcc"] = [Address(p.name if _named(p) else "", addr_spec=p.email)
                      for p in residents]
    return msg


def _named(p) -> bool:
    named = getattr(p, "may_be_named", None)
    return (not p.is_private) if named is None else bool(named)


def when_text(meeting: meetings.MeetingRow) -> str:
    """'torsdag den 3. december 2026 kl. 14.00–16.00' (the end's date too when it differs)."""
    start, end = meeting.starts_at, meeting.ends_at
    text = f"{l10n.format_date(start.date(), 'full')} kl. {l10n.format_time(start)}"
    if end.date() == start.date():
        return f"{text}–{l10n.format_time(end)}"
    return f"{text} til {l10n.format_date(end.date(), 'full')} kl. {l10n.format_time(end)}"


def _method(ics_bytes: bytes) -> str:
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(ics_bytes)
    except ValueError as exc:
        raise ServiceError("Kalenderinvitationen (.ics) kan ikke læses.") from exc
    return str(calendar.get("METHOD", "REQUEST")).upper()


def _pdf_filename(title: str) -> str:
    name = " ".join(_NOT_IN_FILENAMES.sub("-", title).split()).strip(". ")
    return f"Dagsorden {name or 'møde'}.pdf"


def _bilag(meeting_id: int, cancelled: bool) -> list[attachments.AttachmentRow]:
    """The bilag the participants receive: those of the open items, by the closed rule."""
    if cancelled:
        return []
    return disclosure.rows_of_open_items(attachments.list_for_meeting(meeting_id),
                                         disclosure.PARTICIPANTS)


def _body(meeting, lines: list[str], header: str, cancelled: bool, with_pdf: bool,
          bilag=()) -> str:
    opening = (f"Mødet »{meeting.title}« er desværre aflyst." if cancelled else
               f"I inviteres hermed til {meeting.title}.")
    parts = ["Kære alle", opening, f"Tid: {when_text(meeting)}"]
    if meeting.location:
        parts[-1] += f"\nSted: {meeting.location}"
    if lines and not cancelled:
        parts.append("Dagsorden:\n" + "\n".join(lines))
    if bilag:
        parts.append("Vedhæftede bilag:\n" + "\n".join(
            f"Punkt {b.item_number}: {b.file_name} ({b.size_text})" for b in bilag))
    if cancelled:
        parts.append("Den vedhæftede kalenderfil (.ics) fjerner mødet fra din kalender.")
    else:
        attached = "Dagsordenen er vedhæftet som PDF. " if with_pdf else ""
        parts.append(f"{attached}Åbn den vedhæftede kalenderfil (.ics) for at sætte mødet i "
                     "din kalender og svare på invitationen.")
    parts.append(f"Med venlig hilsen\n{header}")
    return "\n\n".join(parts) + "\n"


def invitation_message(meeting_id: int, pdf_bytes: bytes | None, ics_bytes: bytes,
                       sender: str = DEFAULT_SENDER, header: str = DEFAULT_HEADER) -> EmailMessage:
    """The invitation as an unsent EmailMessage. sender: "Name <address>"; header: the
    organisation line of the documents (settings.HEADER_ORGANISATION), which signs the letter."""
    disclosure.check_for_participants(pdf_bytes)  # never the Drejebog by mistake
    meeting = meetings.get(meeting_id)
    method = _method(ics_bytes)
    cancelled = method == "CANCEL"
    items = agenda.items(meeting_id)
    lines = agenda_lines(items)
    recipients = [p for p in participants.of_meeting(meeting_id)
                  if p.email and p.invitation != "afbud"]

    msg = draft_message(sender, recipients)
    date = l10n.format_date(meeting.starts_at.date())
    msg["Subject"] = f"{'Aflyst' if cancelled else 'Invitation'}: {meeting.title} {date}"
    header = " ".join((header or "").split()) or DEFAULT_HEADER
    bilag = _bilag(meeting_id, cancelled)
    body = _body(meeting, lines, header, cancelled, pdf_bytes is not None, bilag)
    check_cpr([("e-mailens tekst", body), ("emnet", str(msg["Subject"])),
               ("afsenderen", address_as_read(sender)),
               *people_texts("modtageren", recipients)])

    msg.set_content(body)
    calendar_params = {"method": method, "charset": "utf-8"}
    msg.add_alternative(ics_bytes, maintype="text", subtype="calendar", params=calendar_params)
    if pdf_bytes is not None:
        msg.add_attachment(pdf_bytes, maintype="application", subtype="pdf",
                           filename=_pdf_filename(meeting.title))
    for row in bilag:
        maintype, _, subtype = row.media_type.partition("/")
        msg.add_attachment(attachments.content(row.id), maintype=maintype, subtype=subtype,
                           filename=row.file_name)
    msg.add_attachment(ics_bytes, maintype="text", subtype="calendar", filename=ICS_FILENAME,
                       params=calendar_params)
    return msg


def draft_eml(meeting_id: int, path, pdf_bytes: bytes | None, ics_bytes: bytes,
              sender: str = DEFAULT_SENDER, header: str = DEFAULT_HEADER) -> Path:
    """Write the invitation draft to path (.eml, CRLF line ends), whole or not at all."""
    from tryg_desktop.services.files import write_atomically

    path = Path(path)
    message = invitation_message(meeting_id, pdf_bytes, ics_bytes, sender, header)
    write_atomically(path, message.as_bytes(policy=policy.SMTP))
    access_log.record("email", "meeting", meeting_id, detail="Invitation (e-mailudkast)")
    return path
