"""Closed means closed, in every output (issue 9, point 9).

One meeting with an open and a closed item. Under the closed item: an action (with a follow-up
note), notes, a decision, texts, noter til mødeleder, a sagsnummer and a bilag, each holding a
word found nowhere else. No participant output may hold any of them — Dagsorden, Referat,
Handlingsliste, the invitation and referat e-mails (their text, attachments and attachment
names), the .ics, the actions CSV — and the internal versions hold them, the PDFs marked on
every page.
"""

from __future__ import annotations

import datetime as dt
import email
from email import policy
from io import BytesIO

import pytest
from pypdf import PdfReader

from tryg_desktop.db.meeting_models import AgendaItem
from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import (
    calendar_invite,
    disclosure,
    invitation_mail,
    minutes,
    minutes_mail,
    printing,
)
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.services.errors import ServiceError

INTERNAL = "Internt – med lukkede punkter"
STARTS = dt.datetime(2026, 9, 8, 14, 0)
TODAY = dt.date(2026, 9, 10)
# One word per thing born under the closed item; "Quokka" is in each and nowhere else.
CLOSED = {
    "title": "Quokkatitel", "background": "Quokkabaggrund", "proposal": "Quokkaindstilling",
    "chair_notes": "Quokkanoter", "case_number": "QUOKKA-27", "notes": "Quokkareferat",
    "decision": "Quokkabeslutning", "action": "Quokkahandling",
    "description": "Quokkabeskrivelse", "follow_up": "Quokkaopfølgning",
    "bilag": "Quokkabilag.txt", "bilag_content": "Quokkaindhold",
}
SECRET = "quokka"  # compared lower-case


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(data: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


@pytest.fixture
def meeting(db):
    forum = F.create(F.ForumInput(name="Netværksmøde Midtby"))
    row = M.create(M.MeetingInput(title="Netværksmøde Midtby", forum_id=forum.id,
                                  starts_at=STARTS, ends_at=STARTS + dt.timedelta(hours=2),
                                  location="Rådhuset"))
    anne = C.create(C.ContactInput(name="Anne Berg", email="anne@example.dk"))
    P.add_contact(row.id, anne.id, "tilmeldt")
    open_item = A.add(row.id, A.ItemInput(title="Belysning i parken", kind="beslutning",
                                          background="Lamperne er gået.",
                                          proposal="At lamperne skiftes."))
    closed = A.add(row.id, A.ItemInput(title=CLOSED["title"], kind="drøftelse",
                                       background=CLOSED["background"],
                                       proposal=CLOSED["proposal"], closed=True))
    # Set in the table itself: these columns are edited by other parts of the app.
    AgendaItem.update(chair_notes=CLOSED["chair_notes"], case_number=CLOSED["case_number"]) \
        .where(AgendaItem.id == closed.id).execute()
    minutes.save_item_minutes(open_item.id, "Lamperne skiftes i oktober.", "Tiltrådt.")
    minutes.save_item_minutes(closed.id, CLOSED["notes"], CLOSED["decision"])
    X.create(X.ActionInput(title="Skift lamperne", agenda_item_id=open_item.id,
                           responsible_contact_id=anne.id, due=dt.date(2026, 10, 1)),
             today=TODAY)
    secret = X.create(X.ActionInput(title=CLOSED["action"], agenda_item_id=closed.id,
                                    description=CLOSED["description"],
                                    due=dt.date(2026, 10, 15)), today=TODAY)
    X.follow_up_update(secret.id, secret.version, status="i gang",
                       note=CLOSED["follow_up"], today=TODAY)
    _add_bilag(closed.id, CLOSED["bilag"], CLOSED["bilag_content"].encode())
    _add_bilag(open_item.id, "Lampeplan.txt", b"Plan for lamperne")
    return row.id


def _add_bilag(item_id: int, name: str, content: bytes) -> None:
    try:
        from tryg_desktop.services.meetings import attachments
    except ImportError:  # before the bilag service: the row itself
        from tryg_desktop.db.meeting_models import Attachment

        Attachment.create(agenda_item=item_id, file_name=name, media_type="text/plain",
                          size=len(content), content=content)
        return
    attachments.add(item_id, (name, content))


def assert_closed(text: str, where: str) -> None:
    assert SECRET not in text.lower(), f"closed content in {where}"


def mail_texts(raw: bytes) -> list[tuple[str, str]]:
    """(where, text) for every part of an .eml: headers, body, attachment names, each
    attachment's text (PDF text, .ics, plain text)."""
    message = email.message_from_bytes(raw, policy=policy.default)
    found = [("headers", str(message["Subject"]))]
    for part in message.walk():
        if part.is_multipart():
            continue
        name = part.get_filename() or ""
        found.append(("file name", name))
        content = part.get_content()
        if part.get_content_type() == "application/pdf":
            found.append((name, pdf_text(content)))
        elif isinstance(content, bytes):
            found.append((name or part.get_content_type(), content.decode("utf-8", "replace")))
        else:
            found.append((name or part.get_content_type(), content))
    return found


# --- the rule ---------------------------------------------------------------------------------

def test_the_rule_on_rows(meeting):
    items = A.items(meeting)
    shown = disclosure.items(items, disclosure.PARTICIPANTS)
    closed = next(i for i in shown if i.closed)
    assert (closed.number, closed.title) == (2, "Lukket punkt")
    assert not any(SECRET in str(value).lower() for value in vars(closed).values())
    assert disclosure.items(items, disclosure.INTERNAL) == items
    # Actions: not even read for participants, and filtered again on rows.
    every = X.fetch(X.ActionFilter(meeting_id=meeting), 0, 100)
    assert sorted(a.title for a in every) == [CLOSED["action"], "Skift lamperne"]
    assert [a.title for a in X.fetch(X.ActionFilter(
        meeting_id=meeting, audience=disclosure.PARTICIPANTS), 0, 100)] == ["Skift lamperne"]
    assert X.count(X.ActionFilter(audience=disclosure.PARTICIPANTS)) == 1
    assert [a.title for a in disclosure.actions(every, disclosure.PARTICIPANTS)] == \
        ["Skift lamperne"]
    # A snapshot row that knows only its item id (approved before item_closed was stored).
    bare = [{"title": a.title, "agenda_item_id": a.agenda_item_id} for a in every]
    assert [r["title"] for r in disclosure.actions(
        bare, disclosure.PARTICIPANTS, disclosure.closed_item_ids(meeting))] == \
        ["Skift lamperne"]
    assert [a.title for a in X.open_for_forum(every[0].forum_id, disclosure.PARTICIPANTS)] \
        == ["Skift lamperne"]


# --- participants' versions -------------------------------------------------------------------

def test_dagsorden_holds_nothing_of_the_closed_item(meeting):
    text = pdf_text(printing.agenda_pdf_bytes(meeting))
    assert "Belysning i parken" in text and "2. Lukket punkt" in text
    assert "Lampeplan.txt" in text  # the open item's bilag are listed
    assert_closed(text, "Dagsorden")
    assert INTERNAL not in text


def test_referat_for_participants_holds_nothing_of_the_closed_item(meeting):
    text = pdf_text(printing.minutes_pdf_bytes(meeting))
    assert "Lamperne skiftes i oktober." in text and "Skift lamperne" in text
    assert "2. Lukket punkt" in text
    assert_closed(text, "Referat")
    assert INTERNAL not in text
    # Approved, the referat prints the snapshot of the actions: still without the closed one.
    minutes.approve(meeting, today=TODAY)
    text = pdf_text(printing.minutes_pdf_bytes(meeting))
    assert "Skift lamperne" in text
    assert_closed(text, "godkendt Referat")


def test_handlingsliste_for_participants(meeting):
    text = pdf_text(printing.actions_pdf_bytes(today=TODAY))
    assert "Skift lamperne" in text and "1 handling" in text
    assert "Netværksmøde Midtby 08.09.2026, pkt. 1" in text  # "Fra": forum, date, item
    assert_closed(text, "Handlingsliste")
    assert INTERNAL not in text


def test_invitation_mail_and_ics(meeting, tmp_path):
    ics = calendar_invite.meeting_ics(meeting)
    from icalendar import Calendar

    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    description = str(event.get("DESCRIPTION"))
    assert "1. Belysning i parken (beslutning)" in description
    assert "2. Lukket punkt" in description
    assert_closed(ics.decode("utf-8"), ".ics")
    path = invitation_mail.draft_eml(meeting, tmp_path / "invitation.eml",
                                     printing.agenda_pdf_bytes(meeting), ics)
    parts = mail_texts(path.read_bytes())
    names = [text for where, text in parts if where == "file name" and text]
    assert "Lampeplan.txt" in names and CLOSED["bilag"] not in names
    for where, text in parts:
        assert_closed(text, f"invitationen ({where})")
    # The Drejebog is never attached by mistake.
    with pytest.raises(ServiceError, match="interne udgave"):
        invitation_mail.draft_eml(meeting, tmp_path / "x.eml",
                                  printing.agenda_pdf_bytes(meeting, runsheet=True), ics)
    assert not (tmp_path / "x.eml").exists()


def test_referat_mail(meeting, tmp_path):
    path = minutes_mail.draft_eml(meeting, tmp_path / "referat.eml",
                                  printing.minutes_pdf_bytes(meeting))
    parts = mail_texts(path.read_bytes())
    assert any("Skift lamperne" in text for _, text in parts)  # the PDF was read
    for where, text in parts:
        assert_closed(text, f"referat-mailen ({where})")
    with pytest.raises(ServiceError, match="interne udgave"):
        minutes_mail.draft_eml(meeting, tmp_path / "y.eml",
                               printing.minutes_pdf_bytes(meeting, full=True))


def test_actions_csv(meeting):
    import csv

    from tryg_desktop.services.meetings import action_export

    def table(data: bytes) -> list[list[str]]:
        assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads æøå right
        return list(csv.reader(data.decode("utf-8-sig").splitlines(), delimiter=";"))

    data, count = action_export.csv_bytes()
    rows = table(data)
    assert count == 1 and [r[0] for r in rows[1:]] == ["Skift lamperne"]
    assert rows[1][8:] == ["Netværksmøde Midtby", "Netværksmøde Midtby", "08.09.2026", "1"]
    assert "Lukket punkt" not in rows[0]
    assert_closed(data.decode("utf-8-sig"), "CSV")
    data, count = action_export.csv_bytes(full=True)
    rows = table(data)
    assert count == 2 and rows[0][-1] == "Lukket punkt"
    secret = next(r for r in rows if r[0] == CLOSED["action"])
    assert secret[1] == CLOSED["description"] and CLOSED["follow_up"] in secret[7]
    assert secret[-1] == "ja"


# --- internal versions ------------------------------------------------------------------------

@pytest.mark.parametrize("document", ["runsheet", "minutes", "actions"])
def test_internal_versions_hold_it_all_marked_on_every_page(meeting, document):
    if document == "runsheet":
        data = printing.agenda_pdf_bytes(meeting, runsheet=True)
        expected = ["title", "background", "proposal", "chair_notes", "bilag", "case_number"]
    elif document == "minutes":
        data = printing.minutes_pdf_bytes(meeting, full=True)
        expected = ["title", "proposal", "notes", "decision", "action"]
    else:
        data = printing.actions_pdf_bytes(today=TODAY, full=True)
        expected = ["action"]
    pages = pdf_pages(data)
    text = " ".join(pages)
    for key in expected:
        assert CLOSED[key] in text, (document, key)
    assert all(INTERNAL in page for page in pages), document
    assert disclosure.is_internal_pdf(data)
    if document == "actions":  # where each action comes from, the closed one marked
        assert "2 handlinger, heraf 1 fra lukkede punkter" in text
        assert "Netværksmøde Midtby 08.09.2026, pkt. 2 Lukket punkt" in text


def test_participant_pdfs_are_not_taken_for_internal(meeting):
    for data in (printing.agenda_pdf_bytes(meeting), printing.minutes_pdf_bytes(meeting),
                 printing.actions_pdf_bytes(today=TODAY)):
        assert not disclosure.is_internal_pdf(data)
    assert not disclosure.is_internal_pdf(b"not a pdf")


def test_an_action_stays_closed_after_its_item_and_its_meeting_are_deleted(meeting):
    """The action keeps its link's closedness (action_item.from_closed_item, kept by the
    database): deleting the closed item, then the whole meeting, sets the link to NULL."""
    closed_id = next(i.id for i in A.items(meeting) if i.closed)
    A.delete(closed_id)
    assert SECRET not in pdf_text(printing.actions_pdf_bytes(today=TODAY)).lower()
    M.delete(meeting)
    assert SECRET not in pdf_text(printing.actions_pdf_bytes(today=TODAY)).lower()
    assert "quokkahandling" in pdf_text(
        printing.actions_pdf_bytes(today=TODAY, full=True)).lower()


def test_opening_or_closing_an_item_moves_its_actions_with_it(meeting):
    closed = next(i for i in A.items(meeting) if i.closed)
    AgendaItem.update(closed=False).where(AgendaItem.id == closed.id).execute()
    rows = X.fetch(X.ActionFilter(audience=disclosure.PARTICIPANTS), 0, 100)
    assert any(r.title == CLOSED["action"] for r in rows)
    AgendaItem.update(closed=True).where(AgendaItem.id == closed.id).execute()
    rows = X.fetch(X.ActionFilter(audience=disclosure.PARTICIPANTS), 0, 100)
    assert not any(r.title == CLOSED["action"] for r in rows)
