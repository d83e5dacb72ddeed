"""The printed documents (Dagsorden, Drejebog, Fremmødeliste), checked through their extracted
text: what a reader of the paper would see, and what must never be on it."""

import datetime as dt
import re
import subprocess
import sys
from io import BytesIO

import pytest
from pypdf import PdfReader

from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.services.meetings import printing
from tryg_desktop.services.errors import CprFoundError, NotFoundError

WHEN = "torsdag den 3. december 2026 kl. 14.00–16.00"
# The closed item: every word of it is distinctive, so a leak of any part shows.
CLOSED_TITLE = "Bekymring Quaxwellgården"
CLOSED_PRESENTER = "Wolfgang Ørnebjerg"
CLOSED_BACKGROUND = "Sagsfremstilling om Yggdrasilstien og naboklager."
CLOSED_PROPOSAL = "Xanaduplan vedtages fortroligt."
CLOSED_WORDS = ["Quaxwell", "Ørnebjerg", "Yggdrasil", "naboklager", "Xanaduplan", "fortroligt"]

ITEMS = [  # title, kind, presenter, minutes, background, proposal, closed
    ("Velkomst", "orientering", "Anne Berg", 5, "", "", False),
    ("Godkendelse af dagsorden", "beslutning", "", 5, "", "At dagsordenen godkendes.", False),
    ("Godkendelse af referat", "beslutning", "", 5, "", "At referatet godkendes.", False),
    ("Opfølgning på handlinger", "orientering", "Ole Hansen", 10, "", "", False),
    ("Tryghed på Østerbro og i Kildeparken", "drøftelse", "Jens Ørsted", 20,
     "Politiet har set flere episoder ved Kildeparken efter mørkets frembrud.\n\n"
     "Gadeplansteamet er til stede tirsdag og torsdag.",
     "At parterne drøfter en fælles indsats i vinterhalvåret.", False),
    ("Belysning i Ågade", "beslutning", "Åse Ærø", 15, "Borgerne oplever stien som utryg.",
     "At kommunen opsætter ny belysning før jul.", False),
    (CLOSED_TITLE, "drøftelse", CLOSED_PRESENTER, 20, CLOSED_BACKGROUND, CLOSED_PROPOSAL, True),
    ("Natteravne i weekenden", "orientering", "Blå Kors", 10, "", "", False),
    ("Samskabelse med boligforeningen", "drøftelse", "Bente Møller", 20, "", "", False),
    ("Nyt fra parterne", "orientering", "", 15, "", "", False),
    ("Eventuelt", "orientering", "", 10, "", "", False),
    ("Næste møde", "beslutning", "", 10, "", "At næste møde holdes i februar.", False),
]  # 145 minutes: the plan runs 25 minutes past 16.00


def build_meeting(extra_participants: int = 0) -> int:
    """A dialogue meeting with 12 items (one closed) and participants from two organisations,
    a privatperson, one without organisation and one who sent afbud. Returns its id."""
    kommune = O.create(O.OrganisationInput(name="Aalborg Kommune", kind="kommune"))
    politi = O.create(O.OrganisationInput(name="Nordjyllands Politi", kind="politi"))
    anne = C.create(C.ContactInput(name="Anne Berg", title="SSP-konsulent",
                                   organisation_id=kommune.id))
    ole = C.create(C.ContactInput(name="Ole Hansen", title="Sekretær",
                                  organisation_id=kommune.id))
    jens = C.create(C.ContactInput(name="Jens Ørsted", title="Politikommissær",
                                   organisation_id=politi.id))
    bodil = C.create(C.ContactInput(name="Bodil Kærgaard", title="Betjent",
                                    organisation_id=politi.id))
    aase = C.create(C.ContactInput(name="Åse Æblerød", is_private=True))
    karl = C.create(C.ContactInput(name="Karl Smed", title="Frivillig"))
    meeting = M.create(M.MeetingInput(
        title="Dialogmøde i Vestbyen", kind="dialogmøde",
        starts_at=dt.datetime(2026, 12, 3, 14, 0), ends_at=dt.datetime(2026, 12, 3, 16, 0),
        location="Vestbyens Medborgerhus, Sal 2", chair_id=anne.id, minute_taker_id=ole.id,
        purpose="At skabe tryghed i Vestbyen gennem dialog mellem beboere og parter."))
    for contact in (anne, ole, jens, bodil, aase, karl):
        P.add_contact(meeting.id, contact.id)
    P.set_invitation(next(p.id for p in P.of_meeting(meeting.id) if p.name == "Bodil Kærgaard"),
                     "afbud")
    P.set_invitation(next(p.id for p in P.of_meeting(meeting.id) if p.name == "Jens Ørsted"),
                     "tilmeldt")
    for i in range(extra_participants):
        person = C.create(C.ContactInput(name=f"Gæst Nummer{i:02d}", organisation_id=kommune.id))
        P.add_contact(meeting.id, person.id)
    for title, kind, presenter, minutes, background, proposal, closed in ITEMS:
        A.add(meeting.id, A.ItemInput(title=title, kind=kind, presenter=presenter,
                                      minutes=minutes, background=background,
                                      proposal=proposal, closed=closed))
    return meeting.id


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def flat(texts: list[str]) -> str:
    """All pages as one line: words that wrapped onto a new line still match."""
    return " ".join(" ".join(texts).split())


def assert_page_numbers(texts: list[str]) -> None:
    for number, text in enumerate(texts, start=1):
        assert f"Side {number} af {len(texts)}" in text, (number, text[-200:])


@pytest.fixture
def meeting_id(db):
    return build_meeting()


@pytest.fixture
def out(tmp_path):
    """A folder for the PDFs alone (the database lives in tmp_path)."""
    folder = tmp_path / "ud"
    folder.mkdir()
    return folder


# --- Dagsorden --------------------------------------------------------------------------------

def test_agenda_for_participants(meeting_id):
    texts = pages(printing.agenda_pdf_bytes(meeting_id))
    text = flat(texts)
    assert 1 <= len(texts) <= 2
    assert_page_numbers(texts)
    assert text.count("Aalborg Kommune · Tryg Aalborg") >= len(texts)  # the header, every page
    assert "Dialogmøde i Vestbyen" in text and WHEN in text
    assert "Vestbyens Medborgerhus, Sal 2" in text
    assert "Mødeleder Anne Berg" in text and "Referent Ole Hansen" in text
    assert "At skabe tryghed i Vestbyen" in text
    # Items in agenda order, with number, kind, presenter, minutes and proposal.
    open_titles = [title for title, *_, closed in ITEMS if not closed]
    positions = [text.index(title) for title in open_titles]
    assert positions == sorted(positions)
    assert "5. Tryghed på Østerbro og i Kildeparken" in text
    assert "Drøftelse · Oplæg: Jens Ørsted · 20 min." in text
    assert "Beslutning · Oplæg: Åse Ærø · 15 min." in text
    assert "Indstilling At kommunen opsætter ny belysning før jul." in text
    # Each open item's start time and its sagsfremstilling (issue 9).
    assert "5. Tryghed på Østerbro og i Kildeparken kl. 14.25" in text
    assert "Sagsfremstilling Politiet har set flere episoder ved Kildeparken efter mørkets " \
        "frembrud." in text
    for letter in "æøåÆØÅ":
        assert letter in text, letter


def test_closed_item_shows_only_its_number(meeting_id):
    text = flat(pages(printing.agenda_pdf_bytes(meeting_id)))
    assert text.index("6. Belysning i Ågade") < text.index("7. Lukket punkt") \
        < text.index("8. Natteravne i weekenden")
    for word in CLOSED_WORDS:
        assert word not in text, word
    assert "Lukket punkt" in text and text.count("Lukket punkt") == 1


def test_invited_grouped_by_organisation_residents_counted(meeting_id):
    text = flat(pages(printing.agenda_pdf_bytes(meeting_id)))
    invited = text[text.index("Inviterede"):text.index("Dagsorden", text.index("Inviterede"))]
    # Danish order: "Aalborg" counts as Å, after N; "Navn (titel)", never name, title, name.
    assert invited.startswith("Inviterede (5)")
    assert invited.index("Nordjyllands Politi: Jens Ørsted (Politikommissær)") \
        < invited.index("Aalborg Kommune: Anne Berg (SSP-konsulent), Ole Hansen (Sekretær)") \
        < invited.index("Uden organisation: Karl Smed (Frivillig)") \
        < invited.index("Desuden 1 beboer.") \
        < invited.index("Afbud: Bodil Kærgaard (Betjent, Nordjyllands Politi)")
    assert "tilmeldt" not in invited  # the answers are for the chair
    assert "Æblerød" not in text  # a resident is counted, not named, in the participants' copy


def test_durations_can_be_left_out(meeting_id):
    text = flat(pages(printing.agenda_pdf_bytes(meeting_id, durations=False)))
    assert "Drøftelse · Oplæg: Jens Ørsted" in text and "min." not in text


def test_fonts_are_embedded(meeting_id):
    reader = PdfReader(BytesIO(printing.agenda_pdf_bytes(meeting_id)))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] \
            if "/DescendantFonts" in font else font["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    assert reader.metadata.title == "Dagsorden – Dialogmøde i Vestbyen 3. december 2026"
    assert reader.metadata.subject == \
        "Dagsorden – Dialogmøde i Vestbyen 3. december 2026, Tryg Aalborg"


# --- Drejebog ---------------------------------------------------------------------------------

def test_runsheet_without_closed_items_does_not_claim_to_hold_them(db):
    meeting = M.create(M.MeetingInput(title="Åbent møde", starts_at=dt.datetime(2026, 12, 1, 9),
                                      ends_at=dt.datetime(2026, 12, 1, 10)))
    A.add(meeting.id, A.ItemInput(title="Velkomst"))
    text = flat(pages(printing.agenda_pdf_bytes(meeting.id, runsheet=True)))
    assert "Kun til mødeleder. Drejebogen rummer noter til mødeleder og må ikke sendes til " \
        "deltagerne." in text
    assert "rummer lukkede punkter" not in text


def test_runsheet_for_the_chair(meeting_id):
    texts = pages(printing.agenda_pdf_bytes(meeting_id, runsheet=True))
    text = flat(texts)
    assert_page_numbers(texts)
    for page in texts:
        assert "Internt – med lukkede punkter" in page  # the internal version, every page
    assert "Kun til mødeleder" in texts[0]
    assert "Drejebogen rummer lukkede punkter og noter til mødeleder og må ikke sendes" in text
    assert WHEN in text
    # The time plan: start time and minutes per item, in order.
    assert "14.00 1. Velkomst Anne Berg 5" in text
    assert "14.15 4. Opfølgning på handlinger Ole Hansen 10" in text
    assert "14.25 5. Tryghed på Østerbro og i Kildeparken Jens Ørsted 20" in text
    assert "Drøftelse · Oplæg: Jens Ørsted · 20 min. (til kl. 14.45)" in text
    # Background and proposals, and the closed item in full, marked.
    assert "Politiet har set flere episoder ved Kildeparken" in text
    assert "Gadeplansteamet er til stede" in text
    assert f"{CLOSED_TITLE} · Lukket punkt" in text
    for word in CLOSED_WORDS:
        assert word in text, word
    # The overrun warning, and where the plan ends.
    assert "Punkterne varer 25 minutter længere end mødet." in text
    assert "16.25 Sidste punkt slutter 25 min. efter mødets sluttid (kl. 16.00)" in text
    assert "Jens Ørsted (Politikommissær) · tilmeldt" in text
    assert "Privatpersoner: Åse Æblerød" in text  # the chair's copy names the resident


def test_runsheet_without_overrun_has_no_warning(db):
    meeting = M.create(M.MeetingInput(title="Kort møde", starts_at=dt.datetime(2026, 12, 3, 14),
                                      ends_at=dt.datetime(2026, 12, 3, 15)))
    A.add(meeting.id, A.ItemInput(title="Velkomst", minutes=10))
    text = flat(pages(printing.agenda_pdf_bytes(meeting.id, runsheet=True)))
    assert "længere end mødet" not in text and "Tidsplanen holder ikke" not in text
    assert "14.10 Sidste punkt slutter 50 min. før mødets sluttid (kl. 15.00)" in text
    assert "Inviterede" not in text  # nobody invited yet: no empty section


def test_runsheet_keeps_tilmeldt_with_the_name():
    """"(bestyrelsesmedlem) ·" at a line end and "tilmeldt" alone on the next: now joined."""
    from tryg_desktop.reports.meeting_parts import invited
    from tryg_desktop.reports.styles import Document
    from tryg_desktop.services.meetings.participants import ParticipantRow

    doc = Document(header="Tryg Aalborg", label="Drejebog", footer="")
    invited(doc, [ParticipantRow(1, 1, 1, "Jørgen Poulsen", "bestyrelsesmedlem", "Kildeparken",
                                 "", False, "tilmeldt", "")], for_chair=True)
    line = doc.flowables[0]._content[1].text
    assert "Jørgen Poulsen (bestyrelsesmedlem)\u00a0<font" in line
    assert ">·\u00a0tilmeldt</font>" in line


def test_runsheet_says_mødet_slutter_when_the_last_item_ends_with_the_meeting(db):
    meeting = M.create(M.MeetingInput(title="Kort møde", starts_at=dt.datetime(2026, 12, 3, 14),
                                      ends_at=dt.datetime(2026, 12, 3, 14, 30)))
    A.add(meeting.id, A.ItemInput(title="Velkomst", minutes=30))
    text = flat(pages(printing.agenda_pdf_bytes(meeting.id, runsheet=True)))
    assert "14.30 Mødet slutter 30" in text and "Sidste punkt" not in text


def test_markup_in_the_data_is_printed_as_typed_and_an_empty_agenda_says_so(db):
    meeting = M.create(M.MeetingInput(title="Ost & <b>skinke</b>", location="Vej 1 & 2",
                                      starts_at=dt.datetime(2026, 12, 3, 14),
                                      ends_at=dt.datetime(2026, 12, 3, 15)))
    for runsheet in (False, True):
        text = flat(pages(printing.agenda_pdf_bytes(meeting.id, runsheet=runsheet)))
        assert "Ost & <b>skinke</b>" in text and "Vej 1 & 2" in text
        assert "Der er endnu ingen punkter på dagsordenen." in text


# --- Fremmødeliste ----------------------------------------------------------------------------

def test_attendance_sheet(meeting_id):
    texts = pages(printing.attendance_pdf_bytes(meeting_id))
    text = flat(texts)
    assert_page_numbers(texts)
    assert "Fremmødeliste" in text and "Dialogmøde i Vestbyen" in text and WHEN in text
    assert "Vestbyens Medborgerhus, Sal 2" in text
    assert "Navn Organisation Underskrift" in text
    for row in ("Anne Berg Aalborg Kommune", "Ole Hansen Aalborg Kommune",
                "Jens Ørsted Nordjyllands Politi", "Karl Smed"):
        assert row in text, row
    assert "Bodil Kærgaard" not in text  # afbud
    # The sheet goes round the table: a resident is not named on it (as in the Dagsorden),
    # but has a blank row and is counted.
    assert "Æblerød" not in text and "Privatperson" not in text
    assert "1 beboer er inviteret og skriver sig selv på listen. 1 deltager har meldt afbud" \
        in text


def test_attendance_rows_leave_room_to_sign_and_blank_rows(meeting_id):
    from tryg_desktop.reports.attendance import attendance_sheet

    doc = attendance_sheet(M.get(meeting_id), P.of_meeting(meeting_id), header="X")
    doc.render()
    table = next(f for f in doc.flowables if type(f).__name__ == "Table"
                 and getattr(f, "repeatRows", 0) == 1)
    assert len(table._cellvalues) == 1 + 4 + 1 + 5  # header, four named, the resident, blank
    assert sorted(row[0].text for row in table._cellvalues[1:5]) == [
        "Anne Berg", "Jens Ørsted", "Karl Smed", "Ole Hansen"]
    heights = table._rowHeights[1:]
    assert all(26 <= h <= 32 for h in heights), heights  # about 1 cm (28.35 pt)
    assert all(not row[2] for row in table._cellvalues[1:])  # Underskrift is empty


def test_attendance_header_row_repeats_on_every_page(db):
    meeting_id = build_meeting(extra_participants=30)
    texts = pages(printing.attendance_pdf_bytes(meeting_id))
    assert len(texts) >= 2
    assert_page_numbers(texts)
    for page in texts:
        assert "Navn Organisation Underskrift" in " ".join(page.split())
    assert "Gæst Nummer29" in flat(texts)


# --- privacy: CPR numbers ---------------------------------------------------------------------

def _sneak_in(meeting_id: int, item_number: int, **values) -> None:
    """Write past the services' validation, as old data or a direct import might have."""
    from tryg_desktop.db.meeting_models import AgendaItem

    item = next(i for i in A.items(meeting_id) if i.number == item_number)
    AgendaItem.update(**values).where(AgendaItem.id == item.id).execute()


def test_cpr_in_a_printed_text_refuses_and_writes_nothing(meeting_id, out):
    _sneak_in(meeting_id, 6, proposal="Borgeren 010190-1234 klager.")
    target = out / "dagsorden.pdf"
    with pytest.raises(CprFoundError) as err:
        printing.agenda_pdf(meeting_id, target)
    assert err.value.where == ["punkt 6 (indstilling)"]
    assert "punkt 6 (indstilling)" in err.value.message and "010190" not in err.value.message
    assert list(out.iterdir()) == []  # no file, no temporary file
    target.write_bytes(b"old")
    with pytest.raises(CprFoundError):
        printing.agenda_pdf(meeting_id, target, runsheet=True)
    assert target.read_bytes() == b"old"


def test_cpr_in_a_closed_item_stops_only_the_runsheet(meeting_id, out):
    _sneak_in(meeting_id, 7, background="Vedr. 0101901234.")
    assert printing.agenda_pdf(meeting_id, out / "d.pdf").is_file()
    with pytest.raises(CprFoundError) as err:
        printing.agenda_pdf_bytes(meeting_id, runsheet=True)
    assert err.value.where == ["punkt 7 (sagsfremstilling)"]


def test_cpr_in_the_header_or_a_name(meeting_id, out):
    from tryg_desktop.db.models import Contact

    with pytest.raises(CprFoundError) as err:
        printing.attendance_pdf(meeting_id, out / "f.pdf", header="Team 311285-4321")
    assert err.value.where == ["sidehovedet"]
    Contact.update(name="Karl 311285-4321").where(Contact.name == "Karl Smed").execute()
    with pytest.raises(CprFoundError) as err:
        printing.attendance_pdf(meeting_id, out / "f.pdf")
    assert err.value.where[0].startswith("deltagerlisten")
    assert list(out.iterdir()) == []


# --- files and the service --------------------------------------------------------------------

def test_files_are_written_whole(meeting_id, out):
    target = out / "mappe med mellemrum" / "Dagsorden æøå.pdf"
    target.parent.mkdir()
    target.write_bytes(b"an older version")
    assert printing.agenda_pdf(meeting_id, target) == target
    assert target.read_bytes().startswith(b"%PDF-")
    assert printing.attendance_pdf(meeting_id, str(out / "liste.pdf")).is_file()
    assert sorted(p.name for p in out.rglob("*")) == [
        "Dagsorden æøå.pdf", "liste.pdf", "mappe med mellemrum"]


def test_missing_folder_names_the_chosen_folder(meeting_id, out):
    from tryg_desktop.services.files import FileWriteError

    target = out / "findes-ikke" / "d.pdf"
    with pytest.raises(FileWriteError) as err:
        printing.agenda_pdf(meeting_id, target)
    assert err.value.message == f"Mappen »{target.parent}« findes ikke."
    assert not target.parent.exists()


def test_unknown_meeting(db):
    with pytest.raises(NotFoundError, match=re.escape("Mødet findes ikke (id 99).")):
        printing.agenda_pdf_bytes(99)


def test_header_is_a_parameter_and_defaults_to_the_setting(meeting_id):
    from tryg_desktop import settings

    assert printing.DEFAULT_HEADER == settings.HEADER_ORGANISATION.default
    texts = pages(printing.attendance_pdf_bytes(meeting_id, header="Frederikshavn Kommune"))
    assert all("Frederikshavn Kommune" in page for page in texts)
    assert "Tryg Aalborg" not in flat(texts)


def test_suggested_file_name(meeting_id):
    assert printing.suggested_file_name(meeting_id, "runsheet") == \
        "Drejebog 2026-12-03 Dialogmøde i Vestbyen.pdf"


def test_reportlab_is_not_loaded_until_a_document_is_built():
    code = ("import sys, tryg_desktop.services.meetings.printing, tryg_desktop.cli, "
            "tryg_desktop.app; sys.exit('reportlab' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
