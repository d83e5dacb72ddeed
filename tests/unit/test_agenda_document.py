"""The Dagsorden, the Drejebog and the Fremmødeliste as issue 9 wants them, read back through
their extracted text: start times and texts of open items, the forum's open actions, the notes
for the chair only in the Drejebog, a compact list of invitees, "Udsendt den …", AFLYST on
every page, headings never alone at the foot of a page, and the PDFs' Title and Subject."""

import datetime as dt
from io import BytesIO

import pytest
from pypdf import PdfReader

from tryg_desktop.services.meetings import actions as H
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import attachments as B
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.services.meetings import printing

CHAIR_NOTE = "Husk at takke Quillerup for kaffen"
PAST = dt.date(2026, 1, 10)
MEETING_DAY = dt.date(2026, 9, 8)


def pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages]


def flat(data: bytes) -> str:
    return " ".join(pages(data))


def build(db, *, status: str = "planlagt", invitees: int = 3, long_texts: bool = False,
          purpose_lines: int = 1) -> int:
    """A Netværksmøde in a forum with earlier actions (one overdue, one under a closed item),
    a follow-up item, an open item with texts, notes for the chair and bilag, a closed item."""
    politi = O.create(O.OrganisationInput(name="Nordjyllands Politi", kind="politi"))
    forum = F.create(F.ForumInput(name="Netværksmøde Kildeparken", rhythm=""))
    mette = C.create(C.ContactInput(name="Mette Søndergaard", title="nærpolitibetjent",
                                    organisation_id=politi.id))
    earlier = M.create(M.MeetingInput(title="Netværksmøde for Kildeparken", forum_id=forum.id,
                                      starts_at=dt.datetime(2026, 1, 6, 9, 30),
                                      ends_at=dt.datetime(2026, 1, 6, 11, 0)))
    secret = A.add(earlier.id, A.ItemInput(title="Fortrolig sag", closed=True))
    H.create(H.ActionInput(title="Nærpolitiet øger patruljeringen", meeting_id=earlier.id,
                           responsible_contact_id=mette.id, due=dt.date(2026, 3, 1)), today=PAST)
    H.create(H.ActionInput(title="Kommunen sætter lys op i stien", meeting_id=earlier.id,
                           responsible_organisation_id=politi.id, due=dt.date(2027, 1, 15),
                           status="i gang"), today=PAST)
    H.create(H.ActionInput(title="Zebrafinkeplanen følges hemmeligt", meeting_id=earlier.id,
                           agenda_item_id=secret.id, due=dt.date(2027, 1, 1)), today=PAST)
    meeting = M.create(M.MeetingInput(
        title="Netværksmøde for Kildeparken", forum_id=forum.id, kind="netværksmøde",
        starts_at=dt.datetime(2026, 9, 8, 14, 0), ends_at=dt.datetime(2026, 9, 8, 16, 0),
        location="Kildeparkens Beboerhus", chair_id=mette.id, status=status,
        case_number="27.15.00-G01-3-26",
        purpose="\n".join(["Tryghed i Kildeparken."] * purpose_lines)))
    P.add_contact(meeting.id, mette.id)
    for number in range(invitees - 1):
        person = C.create(C.ContactInput(name=f"Deltager Nummer{number:02d}", title="konsulent",
                                         organisation_id=politi.id))
        P.add_contact(meeting.id, person.id)
    resident = C.create(C.ContactInput(name="Beboer Bjørnholt", is_private=True))
    P.add_contact(meeting.id, resident.id)
    background = "Politiet ser flere episoder ved pavillonen efter mørkets frembrud."
    if long_texts:
        background = "\n\n".join([background] + ["Et langt afsnit om stien. " * 30] * 8)
    items = [
        A.ItemInput(title="Velkomst", minutes=5, presenter="Mette Søndergaard"),
        A.ItemInput(title="Opfølgning på handlinger", minutes=15),
        A.ItemInput(title="Tryghed ved pavillonen", kind="drøftelse", minutes=25,
                    presenter="Nordjyllands Politi", background=background,
                    proposal="At parterne aftaler en fælles vandring i oktober.",
                    chair_notes=CHAIR_NOTE, case_number="27.00.00-A00-1-26"),
        A.ItemInput(title="Klagesag Rønnebærvej", closed=True, minutes=20,
                    background="Lukket baggrund om Rønnebærvej."),
        A.ItemInput(title="Eventuelt", minutes=10),
    ]
    for item in items:
        A.add(meeting.id, item)
    open_item, closed_item = A.items(meeting.id)[2], A.items(meeting.id)[3]
    B.add(open_item.id, ("kort.pdf", b"%PDF-1.4 kort"))
    B.add(open_item.id, ("tal.txt", b"tal"))
    B.add(closed_item.id, ("fortrolig.pdf", b"%PDF-1.4 hemmelig"))
    return meeting.id


def test_participants_dagsorden_prints_what_the_participants_need(db):
    meeting_id = build(db)
    M.set_invitation_sent(meeting_id, dt.datetime(2026, 8, 25, 10, 15))
    text = flat(printing.agenda_pdf_bytes(meeting_id))
    # Each open item: number, title, start time, oplægsholder, texts, sagsnummer, bilag.
    assert "1. Velkomst kl. 14.00" in text
    assert "3. Tryghed ved pavillonen kl. 14.20" in text
    assert "Drøftelse · Oplæg: Nordjyllands Politi · 25 min. · Sagsnr. 27.00.00-A00-1-26" in text
    assert "Sagsfremstilling Politiet ser flere episoder ved pavillonen" in text
    assert "Indstilling At parterne aftaler en fælles vandring i oktober." in text
    assert "Bilag: kort.pdf, tal.txt" in text
    # The closed item: number and "Lukket punkt", nothing of it, nor its bilag.
    assert "4. Lukket punkt" in text
    for word in ("Rønnebærvej", "fortrolig.pdf", "Zebrafinke"):
        assert word not in text, word
    # The chair's notes are for the Drejebog only.
    assert "Quillerup" not in text and "Noter til mødeleder" not in text
    # "Åben" is not printed after every item.
    assert "Åbent punkt" not in text and "· Åben" not in text
    assert "Udsendt den 25. august 2026" in text
    assert "Sagsnr. 27.15.00-G01-3-26" in text  # the meeting's, on the front


def test_follow_up_lists_the_forums_open_actions_as_they_stand(db):
    meeting_id = build(db)
    text = flat(printing.agenda_pdf_bytes(meeting_id))
    follow_up = text[text.index("2. Opfølgning på handlinger"):text.index("3. Tryghed")]
    assert "Handling Ansvarlig Frist Status" in follow_up
    assert "Nærpolitiet øger patruljeringen Mette Søndergaard Nordjyllands Politi " \
           "1. mar. 2026 Åben Overskredet" in follow_up
    assert "Kommunen sætter lys op i stien Nordjyllands Politi 15. jan. 2027 I gang" \
        in follow_up
    assert "Zebrafinke" not in text  # agreed under a closed item
    assert "2 åbne handlinger, heraf 1 med overskredet frist" in follow_up
    # Done actions leave the list: it shows the actions as they are when printed.
    done = next(a for a in H.open_for_forum(M.get(meeting_id).forum_id)
                if a.title.startswith("Nærpolitiet"))
    H.update(done.id, done.as_input().__class__(**{**done.as_input().__dict__,
                                                   "status": "udført"}), done.version)
    again = flat(printing.agenda_pdf_bytes(meeting_id))
    assert "Nærpolitiet øger" not in again and "1 åben handling" in again


def test_follow_up_without_actions_says_so(db):
    meeting = M.create(M.MeetingInput(title="Første møde", starts_at=dt.datetime(2026, 9, 8, 14),
                                      ends_at=dt.datetime(2026, 9, 8, 15),
                                      forum_id=F.create(F.ForumInput(name="Nyt forum")).id))
    A.add(meeting.id, A.ItemInput(title="Opfølgning på handlinger"))
    assert "Opfølgning på handlinger kl. 14.00 Orientering · 10 min. Ingen åbne handlinger." \
        in flat(printing.agenda_pdf_bytes(meeting.id))


def test_drejebog_has_the_notes_for_the_chair_and_the_closed_items(db):
    meeting_id = build(db)
    text = flat(printing.agenda_pdf_bytes(meeting_id, runsheet=True))
    assert f"Noter til mødeleder {CHAIR_NOTE}" in text
    assert "Klagesag Rønnebærvej · Lukket punkt" in text
    assert "Bilag: fortrolig.pdf" in text
    assert "Zebrafinkeplanen følges hemmeligt · lukket punkt" in text
    assert "Beboer Bjørnholt" in text  # the chair's copy names the resident


def test_residents_are_counted_and_invitees_are_name_and_title(db):
    meeting_id = build(db)
    text = flat(printing.agenda_pdf_bytes(meeting_id))
    assert "Inviterede (4)" in text
    assert "Nordjyllands Politi: Deltager Nummer00 (konsulent), Deltager Nummer01 " \
           "(konsulent), Mette Søndergaard (nærpolitibetjent)" in text
    assert "Desuden 1 beboer." in text and "Bjørnholt" not in text


def test_fifteen_invitees_leave_the_agenda_on_page_one(db):
    meeting_id = build(db, invitees=15)
    first = pages(printing.agenda_pdf_bytes(meeting_id))[0]
    assert "Inviterede (16)" in first
    assert "1. Velkomst kl. 14.00" in first and "2. Opfølgning på handlinger" in first


@pytest.mark.parametrize("document", ["agenda", "runsheet", "attendance"])
def test_a_cancelled_meeting_says_aflyst_on_every_page(db, document):
    meeting_id = build(db, status="aflyst", invitees=40, long_texts=True)
    data = (printing.attendance_pdf_bytes(meeting_id) if document == "attendance"
            else printing.agenda_pdf_bytes(meeting_id, runsheet=document == "runsheet"))
    texts = pages(data)
    assert len(texts) >= 2
    for page in texts:
        assert "AFLYST" in page, page[:200]
    assert "Mødet er aflyst og holdes ikke." in texts[0]


def test_a_planned_meeting_has_no_aflyst(db):
    meeting_id = build(db)
    for data in (printing.agenda_pdf_bytes(meeting_id),
                 printing.agenda_pdf_bytes(meeting_id, runsheet=True),
                 printing.attendance_pdf_bytes(meeting_id)):
        assert "AFLYST" not in flat(data)


@pytest.mark.parametrize("lines", range(18, 44, 2))
def test_headings_are_never_left_alone_at_the_foot_of_a_page(db, lines):
    """Whatever pushes the items down the page (here: a long Formål), "Punkterne" and
    "Dagsorden" stay on the page of the first item's title and its first line."""
    meeting_id = build(db, purpose_lines=lines)
    for data, heading, first in (
            (printing.agenda_pdf_bytes(meeting_id, runsheet=True), "Punkterne",
             "1. Velkomst Orientering"),
            (printing.agenda_pdf_bytes(meeting_id), "Dagsorden 1.",
             "Velkomst kl. 14.00 Orientering")):
        bodies = [page.split("Aalborg Kommune · Tryg Aalborg")[0] for page in pages(data)]
        assert sum(heading in body for body in bodies) == 1  # the text, not the furniture
        body = next(body for body in bodies if heading in body)
        assert first in body[body.index(heading):], body[-300:]


def test_pdf_title_and_subject_name_the_document(db):
    meeting_id = build(db)
    for data, title, subject in (
            (printing.agenda_pdf_bytes(meeting_id),
             "Dagsorden – Netværksmøde for Kildeparken 8. september 2026",
             "Dagsorden – Netværksmøde for Kildeparken 8. september 2026, Tryg Aalborg"),
            (printing.agenda_pdf_bytes(meeting_id, runsheet=True),
             "Drejebog – Netværksmøde for Kildeparken 8. september 2026",
             "Drejebog – Netværksmøde for Kildeparken 8. september 2026, intern udgave med "
             "lukkede punkter, Tryg Aalborg"),
            (printing.attendance_pdf_bytes(meeting_id, header="Frederikshavn Kommune"),
             "Fremmødeliste – Netværksmøde for Kildeparken 8. september 2026",
             "Fremmødeliste – Netværksmøde for Kildeparken 8. september 2026, Frederikshavn "
             "Kommune")):
        metadata = PdfReader(BytesIO(data)).metadata
        assert (metadata.title, metadata.subject) == (title, subject)


def test_numbers_and_their_words_are_kept_together():
    from tryg_desktop.reports.styles import keep_together

    assert keep_together("i alt 11 % og 4 handlinger den 1. november kl. 14.00") == \
        "i alt 11\u00a0% og 4\u00a0handlinger den 1.\u00a0november kl.\u00a014.00"
    assert keep_together('<font color="#5a5a5a">20 min.</font>') == \
        '<font color="#5a5a5a">20\u00a0min.</font>'


def test_referat_and_statusrapport_name_what_they_are_in_title_and_subject(db):
    from tryg_desktop.services.safety import report_printing

    meeting = M.create(M.MeetingInput(title="Dialogmøde Kærby",
                                      starts_at=dt.datetime(2026, 1, 6, 14),
                                      ends_at=dt.datetime(2026, 1, 6, 16)))
    A.add(meeting.id, A.ItemInput(title="Velkomst"))
    metadata = PdfReader(BytesIO(printing.minutes_pdf_bytes(meeting.id))).metadata
    assert (metadata.title, metadata.subject) == (
        "Referat – Dialogmøde Kærby 6. januar 2026",
        "Referat – Dialogmøde Kærby 6. januar 2026, udkast, Tryg Aalborg")
    data = printing.minutes_pdf_bytes(meeting.id, full=True)
    assert PdfReader(BytesIO(data)).metadata.subject == (
        "Referat – Dialogmøde Kærby 6. januar 2026, udkast, intern udgave med lukkede punkter, "
        "Tryg Aalborg")  # the internal copy says so in its properties too
    from tryg_desktop.db.meeting_models import Meeting

    Meeting.update(status="aflyst").where(Meeting.id == meeting.id).execute()
    assert PdfReader(BytesIO(printing.agenda_pdf_bytes(meeting.id))).metadata.subject == (
        "Dagsorden – Dialogmøde Kærby 6. januar 2026, aflyst, Tryg Aalborg")
    data = report_printing.status_report_pdf_bytes(dt.date(2026, 1, 1), dt.date(2026, 6, 30),
                                                   today=dt.date(2026, 12, 3))
    metadata = PdfReader(BytesIO(data)).metadata
    assert (metadata.title, metadata.subject) == (
        "Statusrapport – Hele byen, 1. januar 2026 – 30. juni 2026",
        "Statusrapport – Hele byen, 1. januar 2026 – 30. juni 2026, Tryg Aalborg")


@pytest.mark.parametrize("organisations", range(19, 34, 2))
def test_the_referats_punkterne_stays_with_the_first_item(db, organisations):
    """Document keeps a heading with the KeepTogether after it, for every document: here the
    Referat, whose items are kept whole, pushed down by a long list of those present."""
    from tryg_desktop.services.meetings import minutes as R

    meeting = M.create(M.MeetingInput(title="Dialogmøde Kærby",
                                      starts_at=dt.datetime(2026, 1, 6, 14),
                                      ends_at=dt.datetime(2026, 1, 6, 16)))
    for number in range(organisations):
        organisation = O.create(O.OrganisationInput(name=f"Forening nr. {number}"))
        person = C.create(C.ContactInput(name=f"Person {number}", organisation_id=organisation.id))
        participant = P.add_contact(meeting.id, person.id)
        R.set_attendance(participant.id, "deltog")
    A.add(meeting.id, A.ItemInput(title="Velkomst", proposal="At mødet åbnes.\n\nOg at alle "
                                  "præsenterer sig kort for hinanden."))
    bodies = [page.split("Aalborg Kommune · Tryg Aalborg")[0]
              for page in pages(printing.minutes_pdf_bytes(meeting.id))]
    body = next(body for body in bodies if "Punkterne" in body)
    assert "1. Velkomst" in body[body.index("Punkterne"):], body[-200:]


def test_a_long_follow_up_stops_after_25_and_counts_the_rest(db):
    """At hundreds of open actions the Dagsorden listed them all (110 pages at the benchmark's
    20×): it now shows the first 25 by deadline and says how many more there are."""
    forum = F.create(F.ForumInput(name="Stort forum"))
    meeting = M.create(M.MeetingInput(title="Stort møde", starts_at=dt.datetime(2026, 9, 8, 14),
                                      ends_at=dt.datetime(2026, 9, 8, 15), forum_id=forum.id))
    A.add(meeting.id, A.ItemInput(title="Opfølgning på handlinger"))
    for n in range(40):
        H.create(H.ActionInput(title=f"Handling nummer {n:02d}", forum_id=forum.id,
                               due=dt.date(2020, 1, 1) + dt.timedelta(days=n)),
                 today=dt.date(2020, 1, 1))
    text = flat(printing.agenda_pdf_bytes(meeting.id))
    assert "40 åbne handlinger, heraf 40 med overskredet frist" in text
    assert "Handling nummer 24" in text and "Handling nummer 25" not in text
    assert "… og 15 andre åbne handlinger. Alle står i Handlingslisten." in text
