"""Bilag: files on agenda items, kept in the database (a real SQLite file), and what goes with
the invitation e-mail (parsed back with the email package)."""

import datetime as dt
import email
import json
import os
import stat
from email import policy

import pytest

from tryg_desktop.db.meeting_models import Attachment
from tryg_desktop.db.models import AuditEntry
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import attachments as AT
from tryg_desktop.services import audit
from tryg_desktop.services.meetings import calendar_invite as CI
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import invitation_mail as IM
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.errors import ServiceError, ValidationError

PDF = b"%PDF-1.4\n% Tryghedsvandring\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
DOCX = b"PK\x03\x04" + b"\x00" * 40


def meeting_with_items():
    starts = dt.datetime(2026, 12, 3, 14, 0)
    meeting = M.create(M.MeetingInput(title="Dialogmøde Kærby", starts_at=starts,
                                      ends_at=starts + dt.timedelta(hours=2)))
    first = A.add(meeting.id, A.ItemInput(title="Velkomst"))
    walk = A.add(meeting.id, A.ItemInput(title="Tryghedsvandring"))
    closed = A.add(meeting.id, A.ItemInput(title="Politiets orientering", closed=True))
    return meeting, first, walk, closed


def test_add_list_content_and_remove(db, tmp_path):
    meeting, _, walk, closed = meeting_with_items()
    source = tmp_path / "Tryghedsvandring.pdf"
    source.write_bytes(PDF)
    pdf = AT.add(walk.id, source)
    png = AT.add(closed.id, ("Kort over parken.png", PNG))

    assert (pdf.file_name, pdf.size, pdf.media_type) == ("Tryghedsvandring.pdf", len(PDF),
                                                         "application/pdf")
    rows = AT.list_for_meeting(meeting.id)
    assert [(r.item_number, r.file_name, r.item_closed) for r in rows] == [
        (2, "Tryghedsvandring.pdf", False), (3, "Kort over parken.png", True)]
    assert [r.id for r in AT.list_for_item(walk.id)] == [pdf.id]
    assert AT.content(png.id) == PNG
    assert AT.bilag_line(AT.list_for_item(walk.id)) == \
        "Bilag: 1. Tryghedsvandring.pdf (1\u00a0kB)"

    saved = AT.save_to(pdf.id, tmp_path / "kopi.pdf")
    assert saved.read_bytes() == PDF
    assert stat.S_IMODE(os.stat(saved).st_mode) == 0o600  # readable by the user alone
    copy = AT.temporary_copy(pdf.id)
    assert copy.name == "Tryghedsvandring.pdf" and copy.read_bytes() == PDF
    assert stat.S_IMODE(os.stat(copy.parent).st_mode) == 0o700
    AT.remove_temporary_copies()  # as when the program ends
    assert not copy.parent.exists()

    AT.remove(pdf.id)
    assert [r.file_name for r in AT.list_for_meeting(meeting.id)] == ["Kort over parken.png"]
    with pytest.raises(ServiceError, match="findes ikke længere"):
        AT.content(pdf.id)


def test_same_name_twice_on_an_item_gets_a_number(db):
    _, _, walk, _ = meeting_with_items()
    AT.add(walk.id, ("Referat.docx", DOCX))
    assert AT.add(walk.id, ("referat.docx", DOCX)).file_name == "referat (2).docx"


def test_size_limits_say_the_size_in_danish(db):
    meeting, first, walk, _ = meeting_with_items()
    big = b"%PDF-" + b"x" * int(12.4 * AT.MB)
    with pytest.raises(ServiceError) as error:
        AT.add(walk.id, ("Budget.pdf", big))
    assert error.value.message == ("Filen »Budget.pdf« kan ikke vedhæftes. "
                                   "Filen er 12,4\u00a0MB; grænsen er 10\u00a0MB.")
    nine = b"%PDF-" + b"x" * (9 * AT.MB)
    AT.add(walk.id, ("Et.pdf", nine))
    AT.add(first.id, ("To.pdf", nine))
    with pytest.raises(ServiceError) as error:
        AT.add(walk.id, ("Tre.pdf", b"%PDF-" + b"x" * (3 * AT.MB)))
    assert "Mødets bilag fylder 18\u00a0MB" in error.value.message
    assert "grænsen for et møde er 20\u00a0MB" in error.value.message
    assert len(AT.list_for_meeting(meeting.id)) == 2  # nothing half-stored


def test_kinds_empty_and_false_files_refused(db, tmp_path):
    _, _, walk, _ = meeting_with_items()
    with pytest.raises(ServiceError) as error:
        AT.add(walk.id, ("program.exe", b"MZ\x90\x00"))
    assert error.value.message.startswith("».exe«-filer kan ikke vedhæftes. Tilladt er PDF, "
                                          "Word (.doc, .docx), Excel (.xls, .xlsx)")
    with pytest.raises(ServiceError, match="Filen »tom.pdf« er tom"):
        AT.add(walk.id, ("tom.pdf", b""))
    with pytest.raises(ServiceError, match="er ikke en PDF-fil"):
        AT.add(walk.id, ("virus.pdf", b"MZ\x90\x00"))
    with pytest.raises(ServiceError, match="findes ikke"):
        AT.add(walk.id, tmp_path / "mangler.pdf")
    with pytest.raises(ServiceError, match="er en mappe"):
        AT.add(walk.id, tmp_path)
    with pytest.raises(ServiceError, match="CPR-nummer"):
        AT.add(walk.id, ("noter.txt", "Borger 010190-1234 kontaktet".encode()))
    assert AT.list_for_item(walk.id) == []


def test_names_are_cleaned_and_a_cpr_number_refused(db):
    _, _, walk, _ = meeting_with_items()
    row = AT.add(walk.id, ("C:\\Users\\kbh\\Skrivebord\\Plan\x07 for\tparken?.pdf", PDF))
    assert row.file_name == "Plan for parken-.pdf"
    for name in ("Sag 010190-1234.pdf", "0101901234.pdf"):
        with pytest.raises(ServiceError) as error:
            AT.add(walk.id, (name, PDF))
        assert "CPR-nummer" in error.value.message and "0101" not in error.value.message
    with pytest.raises(ServiceError, match="intet navn"):
        AT.add(walk.id, ("/tmp/ . ", PDF))


def test_audit_has_name_and_size_but_never_content(db):
    _, _, walk, _ = meeting_with_items()
    secret = b"%PDF-1.4 hemmeligt indhold"
    row = AT.add(walk.id, ("Notat.pdf", secret))
    AT.remove(row.id)
    created, deleted = reversed(audit.history(AT.ENTITY, row.id))
    assert created.action == "create" and created.label == "Notat.pdf"
    assert created.changes == {"file_name": [None, "Notat.pdf"], "size": [None, "1\u00a0kB"],
                               "agenda_item": [None, "Tryghedsvandring"]}
    assert deleted.action == "delete" and deleted.changes["file_name"] == ["Notat.pdf", None]
    stored = " ".join(e.changes for e in AuditEntry.select())
    assert "hemmeligt" not in stored
    assert all("content" not in json.loads(e.changes) for e in AuditEntry.select())


def test_deleting_the_item_or_meeting_takes_its_bilag(db):
    meeting, first, walk, _ = meeting_with_items()
    AT.add(walk.id, ("Plan.pdf", PDF))
    kept = AT.add(first.id, ("Program.pdf", PDF))
    A.delete(walk.id)
    assert [r.id for r in AT.list_for_meeting(meeting.id)] == [kept.id]
    assert AT.list_for_meeting(meeting.id)[0].item_number == 1
    M.delete(meeting.id)
    assert Attachment.select().count() == 0


def test_approved_referat_locks_the_bilag(db):
    meeting, _, walk, _ = meeting_with_items()
    row = AT.add(walk.id, ("Plan.pdf", PDF))
    from tryg_desktop.db.meeting_models import Meeting

    Meeting.update(minutes_status="godkendt").where(Meeting.id == meeting.id).execute()
    with pytest.raises(ServiceError, match="Referatet er godkendt"):
        AT.add(walk.id, ("Ny.pdf", PDF))
    with pytest.raises(ServiceError, match="Referatet er godkendt"):
        AT.remove(row.id)


def test_planning_from_a_template_copies_no_bilag(db):
    meeting, _, walk, _ = meeting_with_items()
    AT.add(walk.id, ("Plan.pdf", PDF))
    template = A.save_as_template(meeting.id, "Kærby med bilag")
    forum = F.create(F.ForumInput(name="Dialogmøde Kærby", template_id=template.id))
    planned = F.plan_next_meeting(forum.id)
    assert [i.title for i in A.items(planned.id)][1] == "Tryghedsvandring"
    assert AT.list_for_meeting(planned.id) == []


def test_case_number_on_meeting_and_item(db):
    meeting, _, walk, _ = meeting_with_items()
    data = meeting.as_input()
    data.case_number = "  27.00.00-A00-1-26 "
    row = M.update(meeting.id, data, meeting.version)
    assert row.case_number == "27.00.00-A00-1-26"
    assert audit.history(M.ENTITY, meeting.id)[0].changes == {
        "case_number": ["", "27.00.00-A00-1-26"]}
    assert M.FIELD_LABELS["case_number"] == "Sagsnummer"
    item = A.update(walk.id, A.ItemInput(title=walk.title, case_number="26.05.00-P20-3-26"),
                    walk.version)
    assert A.get(walk.id).case_number == item.case_number == "26.05.00-P20-3-26"
    with pytest.raises(ValidationError) as error:
        A.update(walk.id, A.ItemInput(title="x", case_number="x" * 61), item.version)
    assert error.value.errors["case_number"] == "Sagsnummeret må højst være 60 tegn (det er 61)."
    data.case_number = "Sag om 010190-1234"
    with pytest.raises(ValidationError) as error:
        M.update(meeting.id, data, row.version)
    assert "CPR-nummer" in error.value.errors["case_number"]


def test_invitation_carries_open_bilag_only(db, tmp_path):
    meeting, _, walk, closed = meeting_with_items()
    AT.add(walk.id, ("Tryghedsvandring.pdf", PDF))
    AT.add(walk.id, ("Ruten.png", PNG))
    AT.add(walk.id, ("Praktisk.txt", "Mødested: Kærby Torv".encode()))
    AT.add(closed.id, ("Politiets notat.pdf", b"%PDF-1.4 fortroligt"))
    path = tmp_path / "invitation.eml"
    IM.draft_eml(meeting.id, path, None, CI.meeting_ics(meeting.id))
    raw = path.read_bytes()
    msg = email.message_from_bytes(raw, policy=policy.default)
    files = {part.get_filename(): part for part in msg.iter_attachments()}
    assert set(files) == {"Tryghedsvandring.pdf", "Ruten.png", "Praktisk.txt", "invitation.ics"}
    assert files["Tryghedsvandring.pdf"].get_content_type() == "application/pdf"
    assert files["Tryghedsvandring.pdf"].get_payload(decode=True) == PDF
    assert files["Ruten.png"].get_payload(decode=True) == PNG
    assert files["Praktisk.txt"].get_payload(decode=True) == "Mødested: Kærby Torv".encode()
    body = msg.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    assert "Punkt 2: Tryghedsvandring.pdf (1\u00a0kB)" in body
    assert "Politiets notat" not in body and b"fortroligt" not in raw


def _pdf(*pages: str) -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer)
    for text in pages:
        drawing.drawString(72, 760, text)
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def _zip(parts: dict[str, str]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_cpr_numbers_inside_files_are_found_and_say_where(db):
    from tryg_desktop.services.meetings.attachment_text import cpr_places

    assert cpr_places(".pdf", _pdf("Dagsorden", "Borger: 010190-1234")) == ["side 2"]
    assert cpr_places(".pdf", _pdf("Sag 27.00.00-A00-1-26, tlf. 98 31 31 31")) == []
    # Word splits text into runs; the runs of one paragraph are read together.
    docx = _zip({"word/document.xml": "<w:document><w:p><w:r><w:t>CPR 0101</w:t></w:r>"
                                      "<w:r><w:t>90-1234</w:t></w:r></w:p></w:document>"})
    assert cpr_places(".docx", docx) == ["teksten"]
    xlsx = _zip({"xl/sharedStrings.xml": "<sst><si><t>2026</t></si><si><t>010190</t></si>"
                                         "<si><t>1234</t></si></sst>"})
    assert cpr_places(".xlsx", xlsx) == []  # cells apart are not one number
    old_word = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Borger 0101901234 ".encode("utf-16-le")
    assert cpr_places(".doc", old_word) == ["teksten"]
    assert cpr_places(".png", b"\x89PNG\r\n\x1a\n0101901234") == []


def test_a_pdf_with_a_cpr_number_needs_allow_cpr(db):
    _, _, walk, _ = meeting_with_items()
    content = _pdf("Forside", "Noter", "Borger: 010190-1234")
    with pytest.raises(AT.CprInBilagError) as error:
        AT.add(walk.id, ("Notat.pdf", content))
    assert error.value.places == ["side 3"] and "010190" not in error.value.message
    row = AT.add(walk.id, ("Notat.pdf", content), allow_cpr=True)
    assert audit.history(AT.ENTITY, row.id)[0].changes["cpr_override"][1].startswith("Vedhæftet")


def test_case_numbers_are_printed_in_the_referat_but_not_a_closed_items(db):
    import io

    from pypdf import PdfReader

    from tryg_desktop.services.meetings import printing

    starts = dt.datetime(2026, 9, 8, 14, 0)  # held: a referat can be printed
    meeting = M.create(M.MeetingInput(title="Dialogmøde Kærby", starts_at=starts,
                                      ends_at=starts + dt.timedelta(hours=2),
                                      case_number="27.15.00-G01-3-26"))
    A.add(meeting.id, A.ItemInput(title="Tryghedsvandring", case_number="27.00.00-A00-1-26"))
    A.add(meeting.id, A.ItemInput(title="Klagesag", closed=True, case_number="99.99.99-X00-9-26"))

    def text(full: bool) -> str:
        pdf = printing.minutes_pdf_bytes(meeting.id, full=full)
        return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
                        .split())

    participants = text(False)
    assert "Sagsnr. 27.15.00-G01-3-26" in participants  # the meeting's, on the front
    assert "Orientering · Sagsnr. 27.00.00-A00-1-26" in participants
    assert "99.99.99" not in participants
    assert "Orientering · Sagsnr. 99.99.99-X00-9-26" in text(True)
