"""The date field as a user types into it: numbers, words, arrows, the calendar, undo, and
text that is not a date."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from tryg_desktop.views.kit.date_field import DateField

pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing",
                                       extend=True)
TODAY = dt.date(2026, 12, 3)
CTRL = Qt.KeyboardModifier.ControlModifier


WINDOWS = []  # qtbot holds its widgets weakly: the window lives while its test runs


def form(qtbot, **kw):
    """A window with the field and a line edit after it, so Tab has somewhere to go."""
    WINDOWS.clear()
    window = QWidget()
    WINDOWS.append(window)
    layout = QVBoxLayout(window)
    field = DateField(today=lambda: TODAY, **kw)
    after = QLineEdit()
    layout.addWidget(field.with_message())
    layout.addWidget(after)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    field.selectAll()
    return field, after


def typed(qtbot, field, text, key=Qt.Key.Key_Tab):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, key)


def test_typing_numbers_and_tab_gives_the_danish_long_form(qtbot):
    field, after = form(qtbot)
    assert field.date() == QDate(2026, 12, 3) and field.text() == "torsdag den 3. december 2026"
    changes = []
    field.dateChanged.connect(changes.append)
    typed(qtbot, field, "1.7.2027")
    assert QApplication.focusWidget() is after
    assert field.date().toPython() == dt.date(2027, 7, 1)
    assert field.text() == "torsdag den 1. juli 2027"
    assert changes == [QDate(2027, 7, 1)]
    for text, expected in (("01.07.27", "torsdag den 1. juli 2027"),
                           ("1/6", "tirsdag den 1. juni 2027"),  # half a year past: next
                           ("i morgen", "fredag den 4. december 2026"),
                           ("+2u", "torsdag den 17. december 2026"),
                           ("tirsdag", "tirsdag den 8. december 2026"),
                           ("d. 24. dec", "torsdag den 24. december 2026")):
        typed(qtbot, field, text)
        assert field.text() == expected, text
    # Enter takes the date as well as Tab does.
    typed(qtbot, field, "2027-03-05", Qt.Key.Key_Return)
    assert field.date() == QDate(2027, 3, 5) and field.text() == "fredag den 5. marts 2027"


def test_arrows_and_page_keys_step_a_day_and_a_month(qtbot):
    field, _ = form(qtbot)
    field.setDate(dt.date(2027, 1, 31))
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.date() == QDate(2027, 2, 1)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert field.date() == QDate(2027, 1, 30)
    qtbot.keyClick(field, Qt.Key.Key_PageUp)
    assert field.date() == QDate(2027, 2, 28)  # no 30 February: the month's last day
    qtbot.keyClick(field, Qt.Key.Key_PageDown)
    assert field.date() == QDate(2027, 1, 28)
    assert field.text() == "torsdag den 28. januar 2027"
    # "+" and "-" step a day on the date as shown ...
    qtbot.keyClicks(field, "++-")
    assert field.date() == QDate(2027, 1, 29)
    # ... but "+3" typed is three days from today.
    qtbot.keyClicks(field, "+3")
    assert field.text() == "+3"
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.date() == QDate(2026, 12, 6)
    # Typing the date itself: "-" inside "1-7-2027" is a separator, not a step.
    typed(qtbot, field, "1-7-2027")
    assert field.date() == QDate(2027, 7, 1)


def test_text_that_is_not_a_date_keeps_the_last_date_and_says_why(qtbot):
    field, _ = form(qtbot)
    field.setDate(QDate(2027, 7, 1))
    errors = []
    field.errorChanged.connect(errors.append)
    typed(qtbot, field, "31.6.2027")
    assert field.date() == QDate(2027, 7, 1)  # the last valid date stays
    assert field.text() == "31.6.2027"  # what was typed stays, to be put right
    assert field.error() == "Juni har kun 30 dage." and errors == ["Juni har kun 30 dage."]
    assert field._message.isVisible() and field._message.text() == "Juni har kun 30 dage."
    assert "border" in field.styleSheet() and field.toolTip() == "Juni har kun 30 dage."
    typed(qtbot, field, "abc")
    assert field.error() == "Skriv datoen som fx 1.7.2027." and field.date() == QDate(2027, 7, 1)
    typed(qtbot, field, "30.6.2027")
    assert field.error() == "" and not field._message.isVisible() and field.styleSheet() == ""
    assert field.date() == QDate(2027, 6, 30)


def test_ctrl_z_undoes_typing_as_in_any_line_edit(qtbot):
    field, _ = form(qtbot)
    field.setDate(QDate(2027, 7, 1))
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "15.8.2027")
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.text() == "torsdag den 1. juli 2027"
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.date() == QDate(2027, 7, 1)
    # A date taken and shown in full is undone too: back in the field, Ctrl+Z.
    typed(qtbot, field, "15.8.2027")
    assert field.text() == "søndag den 15. august 2027"
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.text() == "torsdag den 1. juli 2027"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.date() == QDate(2027, 7, 1)


def test_esc_takes_back_what_was_typed(qtbot):
    field, _ = form(qtbot)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "1.7")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "torsdag den 3. december 2026" and field.date() == QDate(2026, 12, 3)


def test_the_range_is_kept_and_named(qtbot):
    field, _ = form(qtbot)
    field.setMaximumDate(QDate(TODAY))  # an episode cannot lie ahead
    field.setDate(field.date().addDays(1))
    assert field.date() == QDate(TODAY)  # clamped, as QDateEdit does
    typed(qtbot, field, "1/12")
    assert field.date() == QDate(2026, 12, 1)
    typed(qtbot, field, "5/12")  # a yearless date after the last allowed: last year's
    assert field.date() == QDate(2025, 12, 5)
    typed(qtbot, field, "5.12.2026")
    assert field.error() == "Datoen kan ikke ligge efter torsdag den 3. december 2026."
    assert field.date() == QDate(2025, 12, 5)


def test_the_calendar_opens_by_keyboard_danish_and_monday_first(qtbot):
    field, _ = form(qtbot)
    field.setDate(QDate(2027, 7, 1))
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar()
    assert calendar.isVisible() and calendar.selectedDate() == QDate(2027, 7, 1)
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    assert calendar.locale().monthName(7) == "juli"
    days = QApplication.focusWidget()  # the month's grid inside the calendar
    assert calendar.isAncestorOf(days)
    qtbot.keyClick(days, Qt.Key.Key_Right)
    qtbot.keyClick(days, Qt.Key.Key_Return)
    assert not calendar.isVisible() and field.date() == QDate(2027, 7, 2)
    assert field.text() == "fredag den 2. juli 2027"
    qtbot.keyClick(field, Qt.Key.Key_F4)
    assert calendar.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not calendar.isVisible() and field.date() == QDate(2027, 7, 2)


def test_an_optional_field_can_be_empty(qtbot):
    field, _ = form(qtbot, optional=True)
    assert field.date().isNull() and field.text() == ""
    typed(qtbot, field, "1.7.27")
    assert field.date() == QDate(2027, 7, 1)
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.date().isNull() and field.error() == ""


def test_the_meeting_editor_takes_a_typed_date(db, qtbot, prompts, settings):
    """The issue's case: "01.07.2027" typed into the meeting's Dato reverted; now it is kept,
    shown in full and saved."""
    from tryg_desktop.services.meetings import meetings as M
    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

    editor = MeetingEditor(None, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClicks(editor.title_edit, "Netværksmøde Midtby")
    editor.date_edit.setFocus()
    editor.date_edit.selectAll()
    qtbot.keyClicks(editor.date_edit, "31.6.2027")
    qtbot.keyClick(editor.date_edit, Qt.Key.Key_Tab)
    assert editor.date_edit._message.isVisible()  # said under the field
    assert editor.date_edit._message.text() == "Juni har kun 30 dage."
    editor.date_edit.setFocus()
    editor.date_edit.selectAll()
    qtbot.keyClicks(editor.date_edit, "01.07.2027")
    qtbot.keyClick(editor.date_edit, Qt.Key.Key_Tab)
    assert editor.date_edit.text() == "torsdag den 1. juli 2027"
    assert not editor.date_edit._message.isVisible()
    assert editor.save()
    assert M.get(editor.meeting_id).starts_at.date() == dt.date(2027, 7, 1)


def test_the_comment_deadline_is_typed_as_any_date(db, qtbot, prompts, settings):
    """"Send til kommentering" asks for the deadline as text: "fredag" or "+7" is a date too,
    and what is not a date gets the field's Danish sentence."""
    from tryg_desktop.date_input import parse_date
    from tryg_desktop.services.meetings import agenda as A
    from tryg_desktop.services.meetings import meetings as M
    from tryg_desktop.services.meetings import minutes as MIN
    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

    start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=1), dt.time(14))
    meeting = M.create(M.MeetingInput(title="Dialogmøde Kærby", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2)))
    A.add(meeting.id, A.ItemInput(title="Velkomst"))
    editor = MeetingEditor(meeting.id, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.show_minutes()
    prompts.text_answers.append("31.6")
    editor.minutes.send_for_comments()
    assert prompts.asked[-1] == ("warn", "Send til kommentering", "Juni har kun 30 dage.")
    assert MIN.status(meeting.id).status == "kladde"
    prompts.text_answers.append("fredag")
    editor.minutes.send_for_comments()
    friday = parse_date("fredag", dt.date.today()).date
    assert friday.weekday() == 4
    assert MIN.status(meeting.id).comment_deadline == friday


def test_a_click_into_the_date_selects_it_so_typing_replaces_it(qtbot):
    field, after = form(qtbot)
    after.setFocus()
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: field.selectedText() == "torsdag den 3. december 2026")
    qtbot.keyClicks(field, "24.12")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.date() == QDate(2026, 12, 24)


def test_a_deadline_typed_in_the_follow_up_table_is_saved(db, qtbot, prompts, settings):
    """Under "Opfølgning på handlinger" an action without a deadline shows an empty field
    (not today's date); "+7" typed there is saved as the deadline."""
    from tryg_desktop.services.meetings import actions as X
    from tryg_desktop.services.meetings import agenda as A
    from tryg_desktop.services.meetings import forums as F
    from tryg_desktop.services.meetings import meetings as M
    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

    today = dt.date.today()
    forum = F.create(F.ForumInput(name="Netværket i Kærby"))
    made = []
    for ago in (30, 1):
        start = dt.datetime.combine(today - dt.timedelta(days=ago), dt.time(14))
        made.append(M.create(M.MeetingInput(title="Netværksmøde", forum_id=forum.id,
                                            starts_at=start,
                                            ends_at=start + dt.timedelta(hours=2))))
    action = X.create(X.ActionInput(title="Bestil lys", meeting_id=made[0].id))
    A.add(made[1].id, A.ItemInput(title="Velkomst"))
    A.add(made[1].id, A.ItemInput(title="Opfølgning på handlinger"))
    editor = MeetingEditor(made[1].id, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.show_minutes()
    editor.minutes.items.setCurrentRow(1)
    field = editor.minutes.follow_up.table.cellWidget(0, 2)
    assert isinstance(field, DateField) and field.text() == "" and field.date().isNull()
    qtbot.keyClicks(field, "+7")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert X.get(action.id).due == today + dt.timedelta(days=7)


def test_the_message_under_a_field_gets_its_room(db, qtbot, prompts, settings):
    """In the Statusrapport dialog (laid out to its word-wrapped text) the line under a bad
    date makes the dialog taller instead of squeezing the field flat."""
    from tryg_desktop.views.safety.report_dialog import ReportDialog

    dialog = ReportDialog(prompts, settings, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    height = dialog.height()
    dialog.end.setFocus()
    dialog.end.selectAll()
    qtbot.keyClicks(dialog.end, "31.6")
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    assert dialog.end._message.text() == "Juni har kun 30 dage."
    qtbot.waitUntil(lambda: dialog.end.height() >= dialog.end.sizeHint().height())
    assert dialog.height() > height
    assert dialog.chosen()[1] == dt.date(2026, 12, 31)  # the last valid date stays
