"""Sending the invitation dates the Dagsorden: "Udsendt den …" (issue 9, point 4)."""

import datetime as dt
from email import message_from_bytes, policy
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QWidget

from tryg_desktop import l10n
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services import audit
from tryg_desktop.services.meetings import printing
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.views.meetings.meeting_documents import MeetingDocuments


def agenda_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages).split())


def documents(qtbot, prompts, settings, meeting_id):
    widget = QWidget()
    qtbot.addWidget(widget)
    return MeetingDocuments(widget, lambda: meeting_id, prompts, settings)


def new_meeting():
    meeting = M.create(M.MeetingInput(title="Netværksmøde Midtby",
                                      starts_at=dt.datetime(2027, 1, 12, 9, 30),
                                      ends_at=dt.datetime(2027, 1, 12, 11, 0)))
    A.add(meeting.id, A.ItemInput(title="Velkomst", minutes=5))
    return meeting


def test_the_invitation_e_mail_carries_a_dagsorden_that_says_when_it_was_sent(
        db, qtbot, prompts, settings):
    meeting = new_meeting()
    assert "Udsendt" not in agenda_text(printing.agenda_pdf_bytes(meeting.id))
    draft = documents(qtbot, prompts, settings, meeting.id).send_invitation()
    assert draft is not None and ("open", str(draft), "") in prompts.asked
    today = f"Udsendt den {l10n.format_date(dt.date.today(), 'long')}"
    mail = message_from_bytes(Path(draft).read_bytes(), policy=policy.default)
    pdf = next(part.get_content() for part in mail.iter_attachments()
               if part.get_content_type() == "application/pdf")
    assert today in agenda_text(pdf)  # the copy that goes out is dated
    assert M.get(meeting.id).invitation_sent_at.date() == dt.date.today()
    assert M.get(meeting.id).version == meeting.version  # the open editor keeps its version
    assert "invitation_sent_at" in audit.history("meeting", meeting.id)[0].changes


def test_saving_the_ics_counts_as_sent_and_a_cancelled_save_does_not(
        db, qtbot, prompts, settings, tmp_path):
    meeting = new_meeting()
    docs = documents(qtbot, prompts, settings, meeting.id)
    prompts.save_paths.append(None)  # the user cancels the file dialog
    assert docs.save_ics() is None
    assert M.get(meeting.id).invitation_sent_at is None
    prompts.save_paths.append(tmp_path / "invitation.ics")
    assert docs.save_ics() is not None
    assert M.get(meeting.id).invitation_sent_at is not None
    assert "Udsendt den" in agenda_text(printing.agenda_pdf_bytes(meeting.id))
