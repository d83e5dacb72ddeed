"""The Møder page's Månedsoversigt (times and titles in the day cells, as Outlook's month view)
and how a cancelled (aflyst) meeting shows in it and in the list."""

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont

from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.views.meetings.meetings_page import MeetingsPage
from tryg_desktop.views.meetings.month_view import holiday_name

DAY = dt.date(2027, 3, 9)  # a Tuesday


def meeting(title, day, hour=14, minute=0, status="planlagt"):
    starts = dt.datetime.combine(day, dt.time(hour, minute))
    return M.create(M.MeetingInput(title=title, starts_at=starts,
                                   ends_at=starts + dt.timedelta(hours=2), status=status))


def month_page(qtbot, prompts, settings, day=DAY):
    page = MeetingsPage(prompts, settings)
    qtbot.addWidget(page)
    page.resize(1180, 680)
    page.show()
    page.tabs.setCurrentWidget(page.month)
    page.month.calendar.setSelectedDate(QDate(day))
    return page


def test_day_cell_shows_time_and_title(db, qtbot, prompts, settings):
    meeting("Netværksmøde Kildeparken", DAY)
    meeting("Dialogmøde Kærby", DAY + dt.timedelta(days=1), 9, 30)
    page = month_page(qtbot, prompts, settings)
    calendar = page.month.calendar
    assert calendar.cell_lines(DAY) == ["14.00 Netværksmøde Kildeparken"]
    assert calendar.cell_lines(DAY + dt.timedelta(days=1)) == ["09.30 Dialogmøde Kærby"]
    assert calendar.cell_lines(DAY + dt.timedelta(days=2)) == []
    # The day's list beside the calendar, with the full time.
    assert page.month.day_list.item(0).text() == "kl. 14.00–16.00  Netværksmøde Kildeparken"


def test_meetings_of_the_neighbouring_months_show_in_their_cells(db, qtbot, prompts, settings):
    meeting("Tryghedsforum Nørresundby", dt.date(2027, 4, 1), 16, 30)  # in March's last row
    page = month_page(qtbot, prompts, settings)
    assert page.month.calendar.cell_lines(dt.date(2027, 4, 1)) == [
        "16.30 Tryghedsforum Nørresundby"]


def test_a_full_day_says_how_many_more(db, qtbot, prompts, settings):
    for hour in (8, 10, 12, 14, 16):
        meeting(f"Møde kl. {hour}", DAY, hour)
    page = month_page(qtbot, prompts, settings)
    calendar = page.month.calendar
    assert calendar.cell_lines(DAY, capacity=3) == ["08.00 Møde kl. 8", "10.00 Møde kl. 10",
                                                    "+3 flere"]
    assert len(calendar.cell_lines(DAY)) == 5
    assert page.month.day_list.count() == 5


def test_keyboard_moves_by_day_and_month_and_enter_opens_the_meeting(db, qtbot, prompts, settings):
    first = meeting("Første møde", DAY, 9)
    meeting("Andet møde", DAY, 13)
    page = month_page(qtbot, prompts, settings, DAY - dt.timedelta(days=1))
    calendar = page.month.calendar
    calendar.setFocus()
    target = calendar.focusWidget()  # the calendar's inner table has the keyboard
    qtbot.keyClick(target, Qt.Key.Key_Right)
    assert calendar.selectedDate() == QDate(DAY)
    opened = []

    def look(editor):
        opened.append(editor.meeting_id)
        return 0

    prompts.dialog_handlers.append(look)
    qtbot.keyClick(target, Qt.Key.Key_Return)
    assert opened == [first.id]  # the day's first meeting
    qtbot.keyClick(target, Qt.Key.Key_PageDown)
    assert (calendar.yearShown(), calendar.monthShown()) == (2027, 4)
    assert calendar.selectedDate() == QDate(2027, 4, 9)
    qtbot.keyClick(target, Qt.Key.Key_PageUp)
    qtbot.keyClick(target, Qt.Key.Key_PageUp)
    assert calendar.selectedDate() == QDate(2027, 2, 9)
    # On a free day Enter starts a new meeting that day.
    new_day = {}

    def fill(editor):
        new_day["date"] = editor.date_edit.date().toPython()
        return 0

    prompts.dialog_handlers.append(fill)
    qtbot.keyClick(target, Qt.Key.Key_Return)
    assert new_day == {"date": dt.date(2027, 2, 9)}


def test_cancelled_meeting_is_marked_in_month_view_and_list(db, qtbot, prompts, settings):
    meeting("Netværksmøde Aalborg Midtby", DAY, 9, 30, status="aflyst")
    meeting("Dialogmøde Kærby", DAY + dt.timedelta(days=2))
    page = month_page(qtbot, prompts, settings)
    assert page.month.calendar.cell_lines(DAY) == ["09.30 Aflyst: Netværksmøde Aalborg Midtby"]
    assert "(aflyst)" in page.month.day_list.item(0).text()
    assert page.month.day_list.item(0).font().strikeOut()

    page.tabs.setCurrentWidget(page.list)
    page.list.when_combo.setCurrentIndex(2)  # Alle
    model = page.list.model
    rows = {model.row_at(r).title: r for r in range(model.rowCount())}
    cancelled, planned = rows["Netværksmøde Aalborg Midtby"], rows["Dialogmøde Kærby"]
    assert model.data(model.index(cancelled, 4)) == "Aflyst"
    title_font = model.data(model.index(cancelled, 1), Qt.ItemDataRole.FontRole)
    assert isinstance(title_font, QFont) and title_font.strikeOut()
    assert model.data(model.index(cancelled, 1), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(planned, 1), Qt.ItemDataRole.FontRole) is None


def test_public_holidays_are_known_by_name():
    assert holiday_name(dt.date(2027, 3, 25)) == "Skærtorsdag"
    assert holiday_name(dt.date(2027, 12, 25)) == "Juledag"
    assert holiday_name(dt.date(2027, 12, 24)) == "Juleaftensdag"  # the planner avoids it too
    assert holiday_name(DAY) == ""
