"""The Referat and the Handlingsliste, checked through their extracted text."""

import datetime as dt
from io import BytesIO

import pytest
from pypdf import PdfReader

from tryg_desktop.db.meeting_models import Meeting
from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services import audit
from tryg_desktop.services.meetings import minutes, printing
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.services.errors import CprFoundError, NotFoundError

from .test_reports import CLOSED_WORDS, WHEN, build_meeting, flat, pages

TODAY = dt.date(2026, 12, 10)
CLOSED_NOTES = "Zebulonsagen blev gennemgået."
CLOSED_DECISION = "Vipperødplanen sættes i værk."
CLOSED_ACTION = "Kontakt Quirinusfonden"
SECRET_WORDS = [*CLOSED_WORDS, "Zebulon", "Vipperød", "Quirinus"]


def build_minutes() -> int:
    """The 12-item meeting of test_reports, in a forum with a next meeting, with attendance,
    minutes for an open and the closed item, and actions on both."""
    meeting_id = build_meeting()
    forum = F.create(F.ForumInput(name="Tryghedsforum Vestbyen"))
    Meeting.update(forum=forum.id).where(Meeting.id == meeting_id).execute()
    M.create(M.MeetingInput(title="Dialogmøde i februar", forum_id=forum.id,
                            starts_at=dt.datetime(2027, 2, 4, 15, 0),
                            ends_at=dt.datetime(2027, 2, 4, 17, 0), location="Rådhuset"))
    M.create(M.MeetingInput(title="Et tidligere møde", forum_id=forum.id,
                            starts_at=dt.datetime(2026, 10, 1, 15, 0),
                            ends_at=dt.datetime(2026, 10, 1, 17, 0)))
    people = {p.name: p.id for p in P.of_meeting(meeting_id)}
    for name, value in (("Anne Berg", "deltog"), ("Ole Hansen", "deltog"),
                        ("Jens Ørsted", "deltog"), ("Åse Æblerød", "deltog"),
                        ("Karl Smed", "udeblev")):
        minutes.set_attendance(people[name], value)  # Bodil: afbud to the invitation only
    items = A.items(meeting_id)
    light, closed = items[5], items[6]
    minutes.save_item_minutes(light.id, "Der var enighed om behovet.", "Indstillingen tiltrådt.")
    minutes.save_item_minutes(closed.id, CLOSED_NOTES, CLOSED_DECISION)
    anne = next(c for c in C.iter_all() if c.name == "Anne Berg")
    X.create(X.ActionInput(title="Bestil nye lamper", agenda_item_id=light.id,
                           responsible_contact_id=anne.id, due=dt.date(2026, 12, 20)),
             today=TODAY)
    X.create(X.ActionInput(title=CLOSED_ACTION, agenda_item_id=closed.id,
                           due=dt.date(2026, 12, 15)), today=TODAY)
    return meeting_id


@pytest.fixture(autouse=True)
def after_the_meeting(monkeypatch):
    """The test meetings lie on 3 December 2026; a referat is made only once they began."""
    monkeypatch.setattr(minutes, "now", lambda: dt.datetime(2026, 12, 10, 12, 0))


@pytest.fixture
def meeting_id(db):
    return build_minutes()


def test_referat_structure(meeting_id):
    texts = pages(printing.minutes_pdf_bytes(meeting_id))
    text = flat(texts)
    for number, page in enumerate(texts, start=1):
        assert f"Side {number} af {len(texts)}" in page
        assert "Udkast" in page  # the draft mark, on every page
    assert "Beslutningsreferat" in text and "Tryghedsforum Vestbyen" in text
    assert WHEN in text and "Vestbyens Medborgerhus, Sal 2" in text
    assert "Mødeleder Anne Berg" in text and "Referent Ole Hansen" in text
    # Attendance in three groups, by organisation; the invitation's afbud counts.
    present, declined, absent = (text.index(t) for t in ("Til stede", "Afbud", "Fraværende"))
    assert present < declined < absent < text.index("Punkterne")
    # One "Navn (titel)" a line; a resident counted, not named, for the participants.
    assert "Aalborg Kommune Anne Berg (SSP-konsulent) Ole Hansen (Sekretær)" in text
    assert "Privatpersoner 1 beboer" in text and "Æblerød" not in text
    assert "Nordjyllands Politi Bodil Kærgaard (Betjent)" in text[declined:absent]
    assert "Karl Smed" in text[absent:]
    # Items with Indstilling, Referat, Beslutning and the agreed action; no "· Åben" after
    # every title in the participants' version, where it informs no one.
    assert "· Åben" not in text
    assert ("6. Belysning i Ågade Beslutning Indstilling At kommunen opsætter ny "
            "belysning før jul. Referat Der var enighed om behovet. Beslutning "
            "Indstillingen tiltrådt. Handlinger • Bestil nye lamper (ansvarlig: Anne Berg, "
            "frist: 20.12.2026)") in text
    # The action table and the next meeting.
    assert "Aftalte handlinger Punkt Handling Ansvarlig Frist Status" in text
    assert "6. Bestil nye lamper Anne Berg Aalborg Kommune 20.12.2026 Åben" in text
    assert ("Næste møde Torsdag den 4. februar 2027 kl. 15.00–17.00, Rådhuset") in text
    assert "Et tidligere møde" not in text


def test_participants_version_leaves_closed_items_out(meeting_id):
    text = flat(pages(printing.minutes_pdf_bytes(meeting_id)))
    assert "7. Lukket punkt 8. Natteravne i weekenden" in text
    assert "Lukket ·" not in text
    for word in SECRET_WORDS:
        assert word not in text, word
    full = flat(pages(printing.minutes_pdf_bytes(meeting_id, full=True)))
    assert "Internt – med lukkede punkter" in full
    assert "7. Bekymring Quaxwellgården · Lukket punkt" in full
    assert "6. Belysning i Ågade · Åbent punkt" in full  # beside closed ones it informs
    assert "Privatpersoner Åse Æblerød" in full  # the internal version names residents
    for word in ("Zebulon", "Vipperød", "Quirinus", "Xanaduplan"):
        assert word in full, word


def test_full_version_marks_the_closed_items_and_their_actions(meeting_id):
    """Beside a closed item each item says "Åbent punkt"/"Lukket punkt", and the action
    table marks the rows agreed under a closed item; a meeting without closed items is not
    marked at all, where "· Åbent punkt" after every title would inform no one."""
    full = flat(pages(printing.minutes_pdf_bytes(meeting_id, full=True)))
    assert "Punkt Handling Ansvarlig Frist Status" in full
    assert f"7. Lukket {CLOSED_ACTION}" in full  # the Punkt column: number, then "Lukket"
    assert "6. Bestil nye lamper" in full and "6. Lukket" not in full
    other = M.create(M.MeetingInput(title="Åbent møde", starts_at=dt.datetime(2026, 12, 1, 9),
                                    ends_at=dt.datetime(2026, 12, 1, 10)))
    A.add(other.id, A.ItemInput(title="Velkomst"))
    text = flat(pages(printing.minutes_pdf_bytes(other.id, full=True)))
    assert "1. Velkomst Orientering" in text and "Åbent punkt" not in text


@pytest.mark.parametrize("lines", [1, 2])
@pytest.mark.parametrize("count", range(7, 12))
def test_aftalte_handlinger_is_never_left_alone_at_the_foot_of_a_page(db, count, lines):
    """The heading and its note went to the foot of a page and the table to the next: now the
    heading starts a page when the note and the first rows would not fit under it."""
    meeting = M.create(M.MeetingInput(title="Dialogmøde Kærby",
                                      starts_at=dt.datetime(2026, 11, 5, 14),
                                      ends_at=dt.datetime(2026, 11, 5, 16)))
    for number in range(count):
        item = A.add(meeting.id, A.ItemInput(title=f"Punkt nummer {number + 1}"))
        minutes.save_item_minutes(item.id, "\n".join(["Parterne drøftede sagen."] * lines), "")
    X.create(X.ActionInput(title="Ring til viceværten", agenda_item_id=item.id,
                           due=dt.date(2026, 12, 20)), today=TODAY)
    minutes.approve(meeting.id, today=TODAY)  # with the note under the heading
    texts = pages(printing.minutes_pdf_bytes(meeting.id))
    page = next(page for page in texts if "Aftalte handlinger" in page)
    table = " ".join(page.split("Aftalte handlinger")[1].split())
    assert "Punkt Handling Ansvarlig Frist Status" in table, table
    assert f"{count}. Ring til viceværten" in table, table


def test_draft_mark_goes_when_approved(meeting_id):
    minutes.approve(meeting_id, today=TODAY)
    data = printing.minutes_pdf_bytes(meeting_id)
    assert PdfReader(BytesIO(data)).metadata.subject.endswith(
        "3. december 2026, godkendt 10. december 2026, Tryg Aalborg")
    text = flat(pages(data))
    assert "Udkast" not in text and "udkast" not in text
    assert "Beslutningsreferat" in text


def test_referat_without_actions_or_next_meeting(db):
    meeting_id = build_meeting()
    text = flat(pages(printing.minutes_pdf_bytes(meeting_id)))
    assert "Der blev ikke aftalt handlinger på mødet." in text
    assert "Næste møde er ikke planlagt." in text
    assert "Til stede" not in text and "Afbud Nordjyllands Politi Bodil Kærgaard" in text


def test_referat_cpr_check_and_override(meeting_id, tmp_path):
    item = A.items(meeting_id)[4]
    minutes.save_item_minutes(item.id, "ok", "")
    from tryg_desktop.db.meeting_models import AgendaItem

    AgendaItem.update(notes="Jf. 010190-1234").where(AgendaItem.id == item.id).execute()
    target = tmp_path / "r.pdf"
    with pytest.raises(CprFoundError) as err:
        printing.minutes_pdf(meeting_id, target)
    assert "punkt 5 (referat)" in err.value.message and not target.exists()
    assert printing.minutes_pdf(meeting_id, target, allow_cpr=True) == target
    assert "010190-1234" in flat(pages(target.read_bytes()))
    entry = audit.history("document", 0)[0]
    assert entry.label == "CPR-tilsidesættelse"
    assert entry.changes["document"] == [None, "Referat: Dialogmøde i Vestbyen"]
    assert entry.changes["where"] == [None, ["punkt 5 (referat)"]]
    assert "010190" not in str(entry.changes)


def test_unknown_meeting(db):
    with pytest.raises(NotFoundError):
        printing.minutes_pdf_bytes(99)


# --- Handlingsliste ---------------------------------------------------------------------------

@pytest.fixture
def action_data(db):
    forum = F.create(F.ForumInput(name="Kærby Tryghedsforum"))
    other = F.create(F.ForumInput(name="Østerbro Forum"))
    meeting = M.create(M.MeetingInput(title="Dialogmøde Kærby", forum_id=forum.id,
                                      starts_at=dt.datetime(2026, 11, 5, 14),
                                      ends_at=dt.datetime(2026, 11, 5, 16)))
    item = A.add(meeting.id, A.ItemInput(title="Belysning"))
    kommune = O.create(O.OrganisationInput(name="Aalborg Kommune", kind="kommune"))
    aab = O.create(O.OrganisationInput(name="Ørkildgården", kind="boligforening"))
    birthe = C.create(C.ContactInput(name="Birthe Ørum", organisation_id=kommune.id))

    def add(title, **kw):
        return X.create(X.ActionInput(title=title, **kw), today=TODAY)

    add("Skift pærer", agenda_item_id=item.id, responsible_contact_id=birthe.id,
        due=dt.date(2026, 12, 1))
    add("Ryd buskene", meeting_id=meeting.id, responsible_organisation_id=aab.id,
        due=dt.date(2026, 12, 20), status="i gang")
    add("Opsæt skilt", forum_id=other.id, responsible_organisation_id=kommune.id,
        due=dt.date(2026, 12, 31))
    add("Uden ejer", forum_id=forum.id, due=dt.date(2026, 12, 2))
    add("Allerede gjort", responsible_organisation_id=kommune.id, status="udført")
    return forum


def test_action_list_groups_and_marks_overdue(action_data):
    texts = pages(printing.actions_pdf_bytes(today=TODAY))
    text = flat(texts)
    assert "Handlingsliste" in text and "Side 1 af 1" in text
    assert "Pr. 10. december 2026" in text and "4 handlinger, heraf 2 overskredne" in text
    orkild, kommune, none = (text.index(g) for g in (
        "Ørkildgården Handling", "Aalborg Kommune Handling",
        "Uden ansvarlig organisation Handling"))
    assert orkild < kommune < none  # Danish order: "Aa" is Å, after Ø; none last
    # "Fra": forum, the meeting's date (written as the Frist beside it) and the item.
    assert ("Skift pærer Birthe Ørum 01.12.2026 Overskredet Åben Kærby Tryghedsforum "
            "05.11.2026, pkt. 1") in text
    assert "Ryd buskene – 20.12.2026 I gang Kærby Tryghedsforum 05.11.2026" in text
    assert "Opsæt skilt – 31.12.2026 Åben Østerbro Forum" in text
    assert "Ryd buskene – 20.12.2026 I gang" in text
    assert "Uden ejer – 02.12.2026 Overskredet" in text[none:]
    assert "Allerede gjort" not in text
    assert text.count("Overskredet") == 2


def test_action_list_filters(action_data):
    text = flat(pages(printing.actions_pdf_bytes(forum_id=action_data.id, today=TODAY)))
    assert "Mødeforum: Kærby Tryghedsforum" in text
    assert "Skift pærer" in text and "Uden ejer" in text and "Opsæt skilt" not in text
    assert "Mødeforum: Kærby Tryghedsforum Pr. 10. december 2026 · 3 handlinger, heraf " \
        "2 overskredne" in text  # the forum on a line of its own
    text = flat(pages(printing.actions_pdf_bytes(overdue_only=True, today=TODAY)))
    assert "kun overskredne" in text and "Ryd buskene" not in text
    assert "Skift pærer" in text and "Uden ejer" in text
    assert "Pr. 10. december 2026 · 2 overskredne handlinger" in text  # not "heraf 2 …"
    assert "heraf" not in text
    text = flat(pages(printing.actions_pdf_bytes(forum_id=action_data.id, overdue_only=True,
                                                 today=dt.date(2026, 11, 10))))
    assert "0 overskredne handlinger" in text and "Der er ingen overskredne handlinger." in text
    with pytest.raises(NotFoundError):
        printing.actions_pdf_bytes(forum_id=999)
