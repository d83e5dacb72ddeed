"""Møder: the list of meetings (kommende / tidligere / alle, search, forum) and a month
overview where the meetings of each day can be seen and opened."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from tryg_desktop import l10n
from tryg_desktop import settings as S
from tryg_desktop.services.meetings import forums, meetings
from tryg_desktop.views.kit.list_page import ListPage
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.colours import MUTED_TEXT, colour
from tryg_desktop.views.meetings.month_view import MonthView
from tryg_desktop.views.kit.paged_model import Column, PagedTableModel



def when_text(row: meetings.MeetingRow) -> str:
    """'tor. 03.12.2026 14.00–16.00': short enough for a column, sortable by eye."""
    return f"{l10n.weekday_date(row.starts_at)} {l10n.time_range(row.starts_at, row.ends_at)}"


COLUMNS = [
    Column("Tidspunkt", "starts_at", when_text, sample=fit.WEEKDAY_DATE_TIME_RANGE),
    Column("Titel", "title", lambda r: r.title, stretch=True),
    Column("Mødeforum", "forum", lambda r: r.forum_name),
    Column("Sted", "location", lambda r: r.location),
    Column("Status", "status", lambda r: r.status_label,
           sample=tuple(meetings.STATUS_LABELS.values())),
]
WHEN_CHOICES = [("Kommende", "upcoming"), ("Tidligere", "past"), ("Alle", "all")]


class MeetingModel(PagedTableModel):
    """The Møder list's rows; a cancelled (aflyst) meeting greyed and struck through, its
    Status column saying "Aflyst"."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index.row()) if index.isValid() else None
        if row is not None and row.status == "aflyst":
            if role == Qt.ItemDataRole.ForegroundRole:
                return colour(MUTED_TEXT)
            if role == Qt.ItemDataRole.FontRole and COLUMNS[index.column()].sort_key != "status":
                font = QFont()
                font.setStrikeOut(True)
                return font
        return super().data(index, role)


def make_model(parent=None) -> PagedTableModel:
    return MeetingModel(COLUMNS, meetings.fetch, meetings.count, meetings.MeetingFilter(), parent)


class MeetingList(ListPage):
    plural = "møder"
    singular = "møde"
    new_label = "&Nyt møde"
    search_placeholder = "Søg på titel, mødeforum, sted eller type (Ctrl+F)"
    has_active = False
    changed_meeting = Signal()

    def __init__(self, prompts, settings: S.Settings, parent=None) -> None:
        super().__init__(make_model(), prompts, parent)
        self.settings = settings

    def filter_widgets(self):
        self.when_combo = self.filter_combo("Hvornår", WHEN_CHOICES, "when")
        forum_choices = [("Alle mødefora", None)] + [(f.name, f.id) for f in forums.all_forums()]
        self.forum_combo = self.filter_combo("Mødeforum", forum_choices, "forum_id")
        return [self.when_combo, self.forum_combo]

    def service(self):
        return meetings

    def make_dialog(self, record_id, day: dt.date | None = None):
        from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

        return MeetingEditor(record_id, self.prompts, self.settings, self, day=day)

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


class MeetingsPage(QWidget):
    changed = Signal()

    def __init__(self, prompts, settings: S.Settings, parent=None) -> None:
        super().__init__(parent)
        self.list = MeetingList(prompts, settings)
        self.month = MonthView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.list, "&Liste")
        self.tabs.addTab(self.month, "&Månedsoversigt")
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

    def live_refresh(self) -> None:
        """A colleague changed a meeting (the team's server): the list keeps its place."""
        self.list.live_refresh()
        if self.tabs.currentWidget() is self.month:
            self.month.refresh()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.month:
            self.month.refresh()
            self.month.calendar.setFocus()  # the arrows, PgUp/PgDn and Enter work at once

    def _open_from_month(self, meeting_id: int) -> None:
        self.list.open_meeting(meeting_id)
        self.month.refresh()

    def _new_from_month(self, day: dt.date) -> None:
        self.list.new_record(day)
        self.month.refresh()
