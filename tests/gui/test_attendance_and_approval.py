"""Issue 9 points 6–8 in the real minutes tab: attendance by keyboard alone with the count of
those still unregistered, "Alle tilmeldte deltog", and approval that asks or refuses."""

import datetime as dt

from PySide6.QtCore import Qt

from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.meetings import minutes as MIN
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

ANSWERS = {"Anna": "tilmeldt", "Bo": "tilmeldt", "Carl": "afbud", "Dorte": "inviteret",
           "Erik": "inviteret"}


def a_meeting(days_from_now: int = -1, status: str = "planlagt"):
    start = dt.datetime.combine(dt.date.today() + dt.timedelta(days=days_from_now),
                                dt.time(14))
    meeting = M.create(M.MeetingInput(title="Dialogmøde Kærby", starts_at=start, status=status,
                                      ends_at=start + dt.timedelta(hours=2)))
    for name, answer in ANSWERS.items():
        row = P.add_contact(meeting.id, C.create(C.ContactInput(name=name)).id)
        if answer != "inviteret":
            P.set_invitation(row.id, answer)
    return meeting


def open_minutes(qtbot, prompts, settings, meeting_id):
    editor = MeetingEditor(meeting_id, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.show_minutes()
    return editor


def attendance(meeting_id):
    return {p.name: p.registered_attendance for p in P.of_meeting(meeting_id)}


def test_attendance_by_keyboard_alone(db, qtbot, prompts, settings):
    meeting = a_meeting()
    panel = open_minutes(qtbot, prompts, settings, meeting.id).minutes
    board, table = panel.attendance, panel.attendance.table
    assert board.remaining_label.text() == "4 af 5 mangler registrering."  # Carl's afbud counts
    assert table.item(2, 3).text() == "Afbud (svar)"

    board.all_button.click()  # "Alle tilmeldte deltog": one action
    assert attendance(meeting.id) == {"Anna": "deltog", "Bo": "deltog", "Carl": "afbud",
                                      "Dorte": "", "Erik": ""}
    assert board.remaining_label.text() == "2 af 5 mangler registrering."
    assert not board.all_button.isEnabled()  # nothing left for it to do

    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, " ")  # Anna did not come after all: Space takes the tick off
    assert attendance(meeting.id)["Anna"] == ""
    assert table.item(0, 0).checkState() == Qt.CheckState.Unchecked
    qtbot.keyClick(table, "u")  # … she stayed away (and the cursor moves on to Bo)
    for _ in range(2):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentRow() == 3
    qtbot.keyClick(table, " ")  # Dorte came (on to Erik)
    qtbot.keyClick(table, "a")  # Erik sent word on the day
    assert attendance(meeting.id) == {"Anna": "udeblev", "Bo": "deltog", "Carl": "afbud",
                                      "Dorte": "deltog", "Erik": "afbud"}
    assert table.item(3, 0).checkState() == Qt.CheckState.Checked
    assert table.item(4, 3).text() == "Afbud"
    assert board.remaining_label.text() == "Alle 5 er registreret."
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # a mistake undone
    assert board.remaining_label.text() == "1 af 5 mangler registrering."


def test_approval_asks_about_unregistered_attendance_and_marks_afholdt(db, qtbot, prompts,
                                                                       settings):
    meeting = a_meeting()
    editor = open_minutes(qtbot, prompts, settings, meeting.id)
    panel = editor.minutes
    prompts.confirm_answers.append(False)
    panel.approve_button.click()
    assert prompts.asked[-1][2].startswith("4 af 5 deltagere har intet fremmøde registreret.")
    assert MIN.status(meeting.id).status == "kladde"
    prompts.confirm_answers.append(True)
    panel.approve_button.click()
    assert MIN.status(meeting.id).locked
    assert M.get(meeting.id).status == "afholdt"
    assert "Godkendt</b> den " in panel.state_label.text()  # "Godkendt den 3. december 2026"
    assert not panel.attendance.all_button.isEnabled()
    # The Mødet tab follows, so a later save there does not put "Planlagt" back.
    assert editor.status_combo.currentData() == "afholdt"


def test_approval_is_refused_before_the_meeting(db, qtbot, prompts, settings):
    meeting = a_meeting(days_from_now=2)
    panel = open_minutes(qtbot, prompts, settings, meeting.id).minutes
    assert panel.notice.isVisible() and "ikke begyndt endnu" in panel.notice.text()
    panel.approve_button.click()
    assert prompts.asked[-1][0] == "warn"
    assert "referatet kan ikke godkendes endnu" in prompts.asked[-1][2]
    assert MIN.status(meeting.id).status == "kladde"


def test_an_aflyst_meeting_has_no_referat(db, qtbot, prompts, settings, tmp_path):
    meeting = a_meeting(status="aflyst")
    editor = open_minutes(qtbot, prompts, settings, meeting.id)
    panel = editor.minutes
    assert panel.notice.text() == "Mødet er aflyst, så der skrives ikke referat."
    assert not panel.approve_button.isEnabled() and not panel.attendance.all_button.isEnabled()
    actions = {a.text().replace("&", ""): a for a in editor.documents_button.menu().actions()}
    prompts.save_paths.append(tmp_path / "referat.pdf")
    actions["Gem referat som PDF …"].trigger()
    assert prompts.asked[-1][0] == "warn"
    assert prompts.asked[-1][2] == "Mødet er aflyst, så det har intet referat."
    assert not (tmp_path / "referat.pdf").exists()


def test_one_key_a_person_down_the_list(db, qtbot, prompts, settings):
    """A tick or a letter registers the person and moves on: five people, five keys."""
    meeting = a_meeting()
    table = open_minutes(qtbot, prompts, settings, meeting.id).minutes.attendance.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    for key in (" ", "d", "a", "u", " "):
        qtbot.keyClick(table, key)
    assert attendance(meeting.id) == {"Anna": "deltog", "Bo": "deltog", "Carl": "afbud",
                                      "Dorte": "udeblev", "Erik": "deltog"}
    assert table.currentRow() == 4  # the last stays the last
    qtbot.keyClick(table, " ")  # a second Space takes the tick off again and stays
    assert attendance(meeting.id)["Erik"] == "" and table.currentRow() == 4
