"""Issue 9, points 6–8 and 10 on the minutes side: approval that means something, the
approved referat as a fixed document, no referat before the meeting or for an aflyst one,
"Alle tilmeldte deltog", and the warning when a role holder has afbud."""

import datetime as dt

import pytest

from tryg_desktop.db import close_database, open_database
from tryg_desktop.db.meeting_models import Meeting
from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services import audit
from tryg_desktop.services.meetings import minutes, printing
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.services.errors import ServiceError

from .test_cli_print import assert_one_error_line, run
from .test_minutes_report import build_minutes
from .test_reports import flat, pages

BEFORE = dt.datetime(2026, 12, 3, 13, 59)  # the test meeting begins 3 December at 14.00
AFTER = dt.datetime(2026, 12, 10, 12, 0)


@pytest.fixture
def clock(monkeypatch):
    """Set the clock the minutes' rules read: clock(datetime)."""
    def set_to(moment):
        monkeypatch.setattr(minutes, "now", lambda: moment)
    set_to(AFTER)
    return set_to


@pytest.fixture
def meeting_id(db, clock):
    return build_minutes()


def _snapshot_of(meeting_id):
    m = Meeting.get_by_id(meeting_id)
    return (m.minutes_status, m.status, m.approved_on, m.approved_by, m.approved_actions,
            m.version)


def test_approval_is_refused_before_the_meeting_begins(meeting_id, clock):
    clock(BEFORE)
    before = _snapshot_of(meeting_id)
    with pytest.raises(ServiceError) as err:
        minutes.approve(meeting_id)
    assert err.value.message == (
        "Mødet er ikke begyndt endnu (det begynder torsdag den 3. december 2026 kl. 14.00), "
        "så referatet kan ikke godkendes endnu.")
    assert _snapshot_of(meeting_id) == before
    with pytest.raises(ServiceError, match="der kan ikke laves et referat endnu"):
        printing.minutes_pdf_bytes(meeting_id)


def test_an_aflyst_meeting_has_no_referat(meeting_id):
    Meeting.update(status="aflyst").where(Meeting.id == meeting_id).execute()
    before = _snapshot_of(meeting_id)
    with pytest.raises(ServiceError) as err:
        minutes.approve(meeting_id)
    assert err.value.message == "Mødet er aflyst, så der er intet referat at godkende."
    with pytest.raises(ServiceError) as err:
        printing.minutes_pdf_bytes(meeting_id)
    assert err.value.message == "Mødet er aflyst, så det har intet referat."
    assert _snapshot_of(meeting_id) == before


def test_approval_sets_afholdt_and_who_and_twice_changes_nothing(meeting_id):
    assert M.get(meeting_id).status == "planlagt"
    state = minutes.approve(meeting_id)
    meeting = M.get(meeting_id)
    assert (meeting.status, meeting.status_label) == ("afholdt", "Afholdt")
    assert state.approved_on == AFTER.date() == meeting.approved_on
    assert state.approved_by == audit.current_user() == meeting.approved_by != ""
    entry = audit.history("meeting", meeting_id)[0]
    assert entry.changes["status"] == ["Planlagt", "Afholdt"]
    before = _snapshot_of(meeting_id)
    with pytest.raises(ServiceError) as err:
        minutes.approve(meeting_id)
    assert err.value.message == (f"Referatet er allerede godkendt den 10. december 2026 af "
                                 f"{audit.current_user()}.")
    assert _snapshot_of(meeting_id) == before


def test_an_approved_referat_reprints_the_same(meeting_id):
    minutes.approve(meeting_id, today=dt.date(2026, 12, 10))
    every = pages(printing.minutes_pdf_bytes(meeting_id))
    assert len(every) > 1 and all("Godkendt 10.12.2026" in page for page in every)
    first = flat(every)
    assert "Beslutningsreferat · Godkendt · Tryghedsforum Vestbyen" in first
    full_first = flat(pages(printing.minutes_pdf_bytes(meeting_id, full=True)))
    assert f"Godkendt den 10. december 2026 af {audit.current_user()}." in first
    assert "Status som ved godkendelsen den 10. december 2026." in first
    assert "6. Bestil nye lamper Anne Berg Aalborg Kommune 20.12.2026 Åben" in first
    # After the approval the action moves on; its deadline and status change.
    lamp = next(a for a in X.fetch(X.ActionFilter(meeting_id=meeting_id))
                if a.title == "Bestil nye lamper")
    X.follow_up_update(lamp.id, lamp.version, status="udført", due=dt.date(2027, 1, 5),
                       note="Lamperne er sat op", today=dt.date(2026, 12, 20))
    assert X.get(lamp.id).status == "udført"
    assert flat(pages(printing.minutes_pdf_bytes(meeting_id))) == first
    assert flat(pages(printing.minutes_pdf_bytes(meeting_id, full=True))) == full_first
    # Genåbn clears the snapshot: the draft shows the action as it stands.
    minutes.reopen(meeting_id, "Rettelse af punkt 6")
    assert Meeting.get_by_id(meeting_id).approved_actions == ""
    assert M.get(meeting_id).approved_by == ""
    draft = flat(pages(printing.minutes_pdf_bytes(meeting_id)))
    assert "Godkendt den" not in draft and "Udkast" in draft
    assert "6. Bestil nye lamper Anne Berg Aalborg Kommune 05.01.2027 Udført" in draft


def test_the_snapshot_keeps_closed_actions_out_of_the_participants_version(meeting_id):
    minutes.approve(meeting_id)
    assert "Kontakt Quirinusfonden" not in flat(pages(printing.minutes_pdf_bytes(meeting_id)))
    assert "Kontakt Quirinusfonden" in flat(pages(printing.minutes_pdf_bytes(meeting_id,
                                                                           full=True)))


def test_cli_refuses_a_referat_before_the_meeting(db_path, tmp_path, monkeypatch, capsys):
    open_database(db_path)
    meeting_id = build_minutes()
    Meeting.update(starts_at=dt.datetime(2099, 3, 2, 14),
                   ends_at=dt.datetime(2099, 3, 2, 16)).where(Meeting.id == meeting_id).execute()
    cancelled = build_cancelled()
    close_database()
    target = tmp_path / "referat.pdf"
    code, out, err = run(capsys, "--database", str(db_path), "print", "minutes",
                         str(meeting_id), str(target))
    assert code != 0 and out == "" and not target.exists()
    assert_one_error_line(err, "Mødet er ikke begyndt endnu (det begynder mandag den 2. marts "
                               "2099 kl. 14.00), så der kan ikke laves et referat endnu.")
    code, out, err = run(capsys, "--database", str(db_path), "print", "minutes",
                         str(cancelled), str(target))
    assert code == 1 and not target.exists()
    assert_one_error_line(err, "Mødet er aflyst, så det har intet referat.")


def test_cli_as_a_real_process_refuses_a_referat_for_a_future_meeting(db_path, tmp_path):
    import os
    import subprocess
    import sys

    from .test_cli_print import MAIN

    open_database(db_path)
    start = dt.datetime(2099, 3, 2, 14)
    meeting = M.create(M.MeetingInput(title="Senere", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2)))
    close_database()
    target = tmp_path / "referat.pdf"
    env = {k: v for k, v in os.environ.items() if k != "TRYG_DATABASE"}
    result = subprocess.run([sys.executable, str(MAIN), "print", "minutes", str(meeting.id),
                             str(target), "--database", str(db_path)],
                            capture_output=True, env=env, timeout=60)
    assert result.returncode == 1 and result.stdout == b"" and not target.exists()
    assert result.stderr.decode("utf-8") == (
        "Fejl: Mødet er ikke begyndt endnu (det begynder mandag den 2. marts 2099 kl. 14.00), "
        "så der kan ikke laves et referat endnu.\n")


def build_cancelled() -> int:
    start = dt.datetime(2026, 11, 5, 14)
    return M.create(M.MeetingInput(title="Aflyst møde", starts_at=start, status="aflyst",
                                   ends_at=start + dt.timedelta(hours=2))).id


# -- attendance ---------------------------------------------------------------------------------

def _people(meeting_id, *answers):
    """One participant per invitation answer, in name order A, B, C …"""
    ids = []
    for letter, answer in zip("ABCDEFGH", answers):
        person = C.create(C.ContactInput(name=f"{letter}-person"))
        row = P.add_contact(meeting_id, person.id)
        if answer != "inviteret":
            P.set_invitation(row.id, answer)
        ids.append(row.id)
    return ids


def test_all_signed_up_attended(db, clock):
    start = dt.datetime(2026, 12, 1, 14)
    meeting = M.create(M.MeetingInput(title="Netværksmøde", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2)))
    a, b, c, d, e = _people(meeting.id, "tilmeldt", "tilmeldt", "afbud", "inviteret", "tilmeldt")
    minutes.set_attendance(e, "udeblev")  # registered by hand: kept
    assert minutes.unregistered(meeting.id) == (3, 5)  # C's afbud counts as registered
    assert minutes.all_signed_up_attended(meeting.id) == 2
    got = {p.id: p.registered_attendance for p in P.of_meeting(meeting.id)}
    assert got == {a: "deltog", b: "deltog", c: "afbud", d: "", e: "udeblev"}
    assert minutes.unregistered(meeting.id) == (1, 5)
    assert audit.history("participant", a)[0].changes == {"attendance": ["Ikke registreret",
                                                                         "Deltog"]}
    assert minutes.all_signed_up_attended(meeting.id) == 0  # again: nothing more to do
    minutes.approve(meeting.id)
    with pytest.raises(ServiceError, match="Genåbn"):
        minutes.all_signed_up_attended(meeting.id)


# -- role clashes ------------------------------------------------------------------------------

def test_role_clashes(db):
    start = dt.datetime(2027, 1, 12, 14)
    chair = C.create(C.ContactInput(name="Fatima Ali"))
    taker = C.create(C.ContactInput(name="Jørgen Poulsen"))
    speaker = C.create(C.ContactInput(name="Jens Ørsted"))
    meeting = M.create(M.MeetingInput(title="Dialogmøde", starts_at=start, chair_id=chair.id,
                                      minute_taker_id=taker.id,
                                      ends_at=start + dt.timedelta(hours=2)))
    rows = {c.id: P.add_contact(meeting.id, c.id).id for c in (chair, taker, speaker)}
    A.add(meeting.id, A.ItemInput(title="Velkomst", presenter="Fatima Ali"))
    A.add(meeting.id, A.ItemInput(title="Nyt fra politiet", presenter="jens ørsted (politiet)"))
    A.add(meeting.id, A.ItemInput(title="Eventuelt", presenter="Jens Ørstedsen"))
    assert P.role_clashes(meeting.id) == []
    P.set_invitation(rows[chair.id], "afbud")
    P.set_invitation(rows[speaker.id], "afbud")
    minutes.set_attendance(rows[taker.id], "afbud")
    assert P.role_clashes(meeting.id) == [
        "Mødelederen, Fatima Ali, har meldt afbud.",
        "Referenten, Jørgen Poulsen, har meldt afbud.",
        "Oplægsholderen til punkt 1 (Velkomst), Fatima Ali, har meldt afbud.",
        "Oplægsholderen til punkt 2 (Nyt fra politiet), Jens Ørsted, har meldt afbud."]
    P.set_invitation(rows[chair.id], "tilmeldt")
    assert len(P.role_clashes(meeting.id)) == 2


def test_the_drejebog_warns_of_role_clashes_and_the_dagsorden_does_not(db):
    from io import BytesIO

    from pypdf import PdfReader

    from tryg_desktop.services.meetings import printing

    def text(data: bytes) -> str:
        return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(data)).pages)

    start = dt.datetime(2027, 1, 12, 14)
    chair = C.create(C.ContactInput(name="Fatima Ali"))
    meeting = M.create(M.MeetingInput(title="Dialogmøde", starts_at=start, chair_id=chair.id,
                                      ends_at=start + dt.timedelta(hours=2)))
    row = P.add_contact(meeting.id, chair.id)
    A.add(meeting.id, A.ItemInput(title="Velkomst", presenter="Fatima Ali"))
    assert "har meldt afbud" not in text(printing.agenda_pdf_bytes(meeting.id, runsheet=True))
    P.set_invitation(row.id, "afbud")
    runsheet = text(printing.agenda_pdf_bytes(meeting.id, runsheet=True))
    assert "Mødelederen, Fatima Ali, har meldt afbud." in runsheet
    assert "Oplægsholderen til punkt 1 (Velkomst), Fatima Ali, har meldt afbud." in runsheet
    assert "har meldt afbud" not in text(printing.agenda_pdf_bytes(meeting.id))
