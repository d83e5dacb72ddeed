"""The referat sent out: an e-mail draft (.eml, X-Unsent: 1) to everyone invited, with the
referat PDF attached, for the user's mail program to open, read through and send. The draft
goes to the participants, so the internal version (--full, with the closed items) is refused
(services/meetings/disclosure.py)."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from pathlib import Path

from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.meetings import disclosure, meetings, minutes, participants
from tryg_desktop.services.meetings.calendar_invite import check_cpr, people_texts
from tryg_desktop.services.files import write_atomically
from tryg_desktop.services.meetings.invitation_mail import DEFAULT_SENDER, draft_message, when_text
from tryg_desktop.services.meetings.printing import DEFAULT_HEADER
from tryg_desktop.services.privacy import address_as_read


def minutes_message(meeting_id: int, pdf_bytes: bytes, sender: str = DEFAULT_SENDER,
                    header: str = DEFAULT_HEADER) -> EmailMessage:
    disclosure.check_for_participants(pdf_bytes)
    meeting = meetings.get(meeting_id)
    state = minutes.status(meeting_id)
    people = [p for p in participants.of_meeting(meeting_id) if p.email]
    # Residents by Bcc, by address only without consent to be named, as with invitations.
    message = draft_message(sender, people)
    draft = state.status != "godkendt"
    message["Subject"] = (f"{'Udkast til referat' if draft else 'Referat'}: {meeting.title} "
                          f"{meeting.starts_at:%d.%m.%Y}")
    deadline = ""
    if state.status == "til_kommentering" and state.comment_deadline:
        deadline = (f"\n\nKommentarer til referatet bedes sendt senest "
                    f"{state.comment_deadline:%d.%m.%Y}.")
    body = (f"Kære alle\n\nHermed {'udkast til ' if draft else ''}referat af {meeting.title}, "
            f"{when_text(meeting)}. Referatet er vedhæftet som PDF.{deadline}\n\n"
            f"Med venlig hilsen\n{header}\n")
    check_cpr([("e-mailens tekst", body), ("emnet", str(message["Subject"])),
               ("afsenderen", address_as_read(sender)), *people_texts("modtageren", people)])
    message.set_content(body)
    name = "".join(ch for ch in meeting.title if ch not in '\\/:*?"<>|').strip() or "møde"
    message.add_attachment(pdf_bytes, maintype="application", subtype="pdf",
                           filename=f"Referat {name}.pdf")
    return message


def draft_eml(meeting_id: int, path, pdf_bytes: bytes, sender: str = DEFAULT_SENDER,
              header: str = DEFAULT_HEADER) -> Path:
    message = minutes_message(meeting_id, pdf_bytes, sender, header)
    written = write_atomically(Path(path), message.as_bytes(policy=policy.SMTP))
    access_log.record("email", "meeting", meeting_id, detail="Referat (e-mailudkast)")
    return written
