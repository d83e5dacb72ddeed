"""Møder: the list of meetings (kommende / tidligere / alle, search, forum) and a month
overview where the meetings of each day can be seen and opened."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop.services import forums, meetings
from tryg_desktop.views.list_page import ListPage
from tryg_desktop.views.paged_model import Column, PagedTableModel

WEEKDAYS = ["man.", "tir.", "ons.", "tor.", "fre.", "lør.", "søn."]


def when_text(row: meetings.MeetingRow) -> str:
    """'tor. 03.12.2026 14.00–16.00': short enough for a column, sortable by eye."""
    start, end = row.starts_at, row.ends_at
    return (f"{WEEKDAYS[start.weekday()]} {start:%d.%m.%Y} "
            f"{start:%H.%M}–{end:%H.%M}")


COLUMNS = [
    Column("Tidspunkt", "starts_at", when_text),
    Column("Titel", "title", lambda r: r.title),
    Column("Mødeforum", "forum", lambda r: r.forum_name),
    Column("Sted", "location", lambda r: r.location),
    Column("Status", "status", lambda r: r.status_label),
]
WHEN_CHOICES = [("Kommende", "upcoming"), ("Tidligere", "past"), ("Alle", "all")]


def make_model(parent=None) -> PagedTableModel:
    return PagedTableModel(COLUMNS, meetings.fetch, meetings.count, meetings.MeetingFilter(),
                           parent)


class MeetingList(ListPage):
    plural = "møder"
    singular = "møde"
    new_label = "&Nyt møde"
    search_placeholder = "Søg på titel, mødeforum, sted eller type (Ctrl+F)"
    has_active = False
    changed_meeting = Signal()

    def __init__(self, prompts=None, parent=None) -> None:
        super().__init__(make_model(), prompts, parent)
        for column, width in enumerate((175, 230, 210, 220)):
            self.table.setColumnWidth(column, width)

    def filter_widgets(self):
        self.when_combo = self.filter_combo("Hvornår", WHEN_CHOICES, "when")
        forum_choices = [("Alle mødefora", None)] + [(f.name, f.id) for f in forums.all_forums()]
        self.forum_combo = self.filter_combo("Mødeforum", forum_choices, "forum_id")
        return [self.when_combo, self.forum_combo]

    def service(self):
        return meetings

    def make_dialog(self, record_id, day: dt.date | None = None):
        from tryg_desktop.views.meeting_editor import MeetingEditor

        return MeetingEditor(record_id, self.prompts, self, day=day)

    def new_record(self, day: dt.date | None = None) -> None:
        editor = self.make_dialog(None, day)
        self.prompts.run_dialog(editor)
        if editor.meeting_id is not None:
            self.model.reload()
            self.select_id(editor.meeting_id)
            self.changed.emit()

    def open_meeting(self, meeting_id: int) -> None:
        editor = self.make_dialog(meeting_id)
        self.prompts.run_dialog(editor)
        self.refresh()
        if editor.saved:
            self.changed.emit()

    def open_row(self, row: int) -> None:
        record = self.model.row_at(row)
        if record is not None:
            self.open_meeting(record.id)

    def delete_record(self, row: meetings.MeetingRow) -> bool:
        text = f"Vil du slette mødet »{row.title}« {when_text(row)}?"
        if meetings.has_minutes(row.id):
            text += ("\n\nMødet har referat. Referatet, dagsordenen og deltagerlisten slettes "
                     "også.")
        if not self.prompts.confirm(self, "Slet møde", text + "\n\nSletningen står i historikken.",
                                    yes="Slet", no="Annuller", destructive=True):
            return False
        meetings.delete(row.id, row.version)
        return True


class MonthView(QWidget):
    """A calendar with the days that have meetings in bold; the chosen day's meetings beside."""

    open_requested = Signal(int)
    new_requested = Signal(object)  # the chosen date

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.currentPageChanged.connect(lambda *_: self.refresh())
        self.calendar.selectionChanged.connect(self.show_day)
        self.day_label = QLabel()
        self.day_list = QListWidget()
        self.day_list.itemActivated.connect(
            lambda item: self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.new_button = QPushButton("Nyt møde denne dag …")
        self.new_button.clicked.connect(
            lambda: self.new_requested.emit(self.calendar.selectedDate().toPython()))
        side = QVBoxLayout()
        side.addWidget(self.day_label)
        side.addWidget(self.day_list, 1)
        side.addWidget(self.new_button)
        layout = QHBoxLayout(self)
        layout.addWidget(self.calendar, 3)
        layout.addLayout(side, 2)
        self._by_day: dict[dt.date, list[meetings.MeetingRow]] = {}

    def refresh(self) -> None:
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clear the old marks
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        self._by_day = {}
        for row in meetings.in_month(year, month):
            self._by_day.setdefault(row.starts_at.date(), []).append(row)
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        bold.setBackground(Qt.GlobalColor.yellow)
        for day, rows in self._by_day.items():
            bold.setToolTip("\n".join(f"{r.starts_at:%H.%M} {r.title}" for r in rows))
            self.calendar.setDateTextFormat(QDate(day), bold)
        self.show_day()

    def show_day(self) -> None:
        day = self.calendar.selectedDate().toPython()
        from tryg_desktop import l10n

        self.day_label.setText(f"<b>{l10n.format_date(day, 'full').capitalize()}</b>")
        self.day_list.clear()
        for row in self._by_day.get(day, []):
            item = QListWidgetItem(f"{row.starts_at:%H.%M}–{row.ends_at:%H.%M}  {row.title}"
                                   + (f" ({row.status_label.lower()})" if row.status != "planlagt"
                                      else ""))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.day_list.addItem(item)
        if not self._by_day.get(day):
            self.day_list.addItem(QListWidgetItem("Ingen møder denne dag."))
            self.day_list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)


class MeetingsPage(QWidget):
    changed = Signal()

    def __init__(self, prompts=None, parent=None) -> None:
        super().__init__(parent)
        self.list = MeetingList(prompts)
        self.month = MonthView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.list, "&Liste")
        self.tabs.addTab(self.month, "Måned&soversigt")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.month.open_requested.connect(self._open_from_month)
        self.month.new_requested.connect(self._new_from_month)
        self.list.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    @property
    def table(self):  # the main window focuses the list's table when the page is shown
        return self.list.table

    def refresh(self) -> None:
        self.list.refresh()
        if self.tabs.currentWidget() is self.month:
            self.month.refresh()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.month:
            self.month.refresh()

    def _open_from_month(self, meeting_id: int) -> None:
        self.list.open_meeting(meeting_id)
        self.month.refresh()

    def _new_from_month(self, day: dt.date) -> None:
        self.list.new_record(day)
        self.month.refresh()
