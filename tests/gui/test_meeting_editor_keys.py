"""Issue 14 point 2 in the meeting editor: Escape closes the topmost thing only and asks before
typing on the Mødet tab is thrown away; Ctrl+Tab reaches every tab from anywhere; the editor
opens with the focus in Titel. Real editor, real SQLite database, keys sent with qtbot."""

from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.gui.test_meeting_editor_saving import a_meeting
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.views.kit.prompts import Prompts, with_mnemonics
from tryg_desktop.views.meetings.editor_keys import ESCAPE_AGAIN
from tryg_desktop.views.meetings.meeting_editor import MeetingEditor


def open_editor(qtbot, prompts, settings, meeting_id):
    editor = MeetingEditor(meeting_id, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return editor


def escape(qtbot):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def test_opens_with_the_focus_in_titel(db, qtbot, prompts, settings):
    editor = open_editor(qtbot, prompts, settings, a_meeting().id)
    assert QApplication.focusWidget() is editor.title_edit


def test_escape_in_the_minutes_text_goes_back_to_the_items_then_closes(
        db, qtbot, prompts, settings):
    meeting = a_meeting()
    editor = open_editor(qtbot, prompts, settings, meeting.id)
    editor.show_minutes()
    editor.minutes.notes_edit.setFocus()
    qtbot.keyClicks(editor.minutes.notes_edit, "Gadeteamet fortalte om Kildeparken.")
    escape(qtbot)
    assert editor.isVisible()  # not the whole editor at once
    assert QApplication.focusWidget() is editor.minutes.items
    assert editor.saved_label.text() == ESCAPE_AGAIN
    escape(qtbot)
    assert not editor.isVisible()
    assert A.items(meeting.id)[0].notes == "Gadeteamet fortalte om Kildeparken."  # kept
    assert not prompts.asked


def test_escape_in_an_agenda_field_goes_back_to_the_agenda(db, qtbot, prompts, settings):
    editor = open_editor(qtbot, prompts, settings, a_meeting().id)
    editor.tabs.setCurrentWidget(editor.agenda)
    editor.agenda.table.selectRow(0)
    editor.agenda.title_edit.setFocus()
    escape(qtbot)
    assert editor.isVisible()
    assert QApplication.focusWidget() is editor.agenda.table
    assert editor.saved_label.text() == ESCAPE_AGAIN
    editor.show_minutes()
    assert editor.saved_label.text() == ""  # said for the Dagsorden tab only


def test_escape_with_typing_on_the_moedet_tab_asks(db, qtbot, prompts, settings):
    meeting = a_meeting()
    editor = open_editor(qtbot, prompts, settings, meeting.id)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_End)
    qtbot.keyClicks(editor.title_edit, " ekstra")
    prompts.choose_answers.append(None)  # Fortsæt redigering: nothing happens
    escape(qtbot)
    assert prompts.asked[-1][:2] == ("choose", "Ikke gemte ændringer")
    assert editor.isVisible()
    assert editor.title_edit.text() == "Dialogmøde Kærby ekstra"
    prompts.choose_answers.append(1)  # Kassér ændringer
    escape(qtbot)
    assert not editor.isVisible()
    assert M.get(meeting.id).title == "Dialogmøde Kærby"  # the typing was not written


def test_escape_asks_and_gem_saves(db, qtbot, prompts, settings):
    meeting = a_meeting()
    editor = open_editor(qtbot, prompts, settings, meeting.id)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_End)
    qtbot.keyClicks(editor.title_edit, " ekstra")
    prompts.choose_answers.append(0)  # Gem
    escape(qtbot)
    assert not editor.isVisible()
    assert M.get(meeting.id).title == "Dialogmøde Kærby ekstra"


def test_escape_without_changes_closes_at_once(db, qtbot, prompts, settings):
    editor = open_editor(qtbot, prompts, settings, a_meeting().id)
    escape(qtbot)
    assert not editor.isVisible()
    assert not prompts.asked


def test_ctrl_tab_walks_the_tabs_from_a_field(db, qtbot, prompts, settings):
    editor = open_editor(qtbot, prompts, settings, a_meeting().id)
    seen = []
    for _ in range(editor.tabs.count()):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab,
                       Qt.KeyboardModifier.ControlModifier)
        seen.append(editor.tabs.tabText(editor.tabs.currentIndex()).replace("&", ""))
    assert seen == ["Deltagere", "Dagsorden", "Referat", "Historik", "Mødet"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp,
                   Qt.KeyboardModifier.ControlModifier)
    assert editor.tabs.tabText(editor.tabs.currentIndex()) == "&Historik"


def test_every_answer_in_a_question_has_its_own_alt_letter(qtbot):
    assert with_mnemonics(["Gem", "Kassér ændringer", "Fortsæt redigering"]) == [
        "&Gem", "&Kassér ændringer", "&Fortsæt redigering"]
    assert with_mnemonics(["Genindlæs", "Gem"]) == ["&Genindlæs", "G&em"]
    assert with_mnemonics(["&Slet", "Stop"]) == ["&Slet", "S&top"]
    seen = {}

    def answer():  # the real message box: read its buttons, then answer by Alt+K
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        try:
            seen["texts"] = sorted(button.text() for button in box.buttons())
            box.activateWindow()
            qtbot.waitUntil(box.isActiveWindow, timeout=2000)
            qtbot.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_K,
                           Qt.KeyboardModifier.AltModifier)
            qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)  # an animated click
        finally:
            if box.isVisible():  # the mnemonic did not answer: close it, the test then fails
                box.reject()

    QTimer.singleShot(0, answer)
    choice = Prompts().choose(None, "Ikke gemte ændringer", "Ændret, ikke gemt.",
                              ["Gem", "Kassér ændringer"], cancel="Fortsæt redigering")
    assert seen["texts"] == ["&Fortsæt redigering", "&Gem", "&Kassér ændringer"]
    assert choice == 1


def test_tab_leaves_a_time_at_once_and_a_new_meeting_does_not_scold(db, qtbot, prompts,
                                                                   settings):
    editor = MeetingEditor(None, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    assert QApplication.focusWidget() is editor.title_edit
    assert editor.errors_label.isHidden()  # nothing typed yet: no "Titlen skal udfyldes."
    assert not editor.save_button.isEnabled()
    editor.start_edit.setFocus()
    qtbot.keyClick(editor.start_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.end_edit  # not the minutes of "fra"
    qtbot.keyClick(editor.end_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.location_edit
    qtbot.keyClick(editor.location_edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is editor.end_edit
    qtbot.keyClicks(editor.title_edit, "x")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Backspace)
    assert editor.errors_label.isVisible()  # emptied by the user: now it is said
    editor._dirty = False  # closed by the test's end
