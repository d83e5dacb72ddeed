"""Indsatser: the list of efforts in the three strands and, one at a time, an effort's own page
with its timeline and the episodes before and after its start."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QStackedWidget, QVBoxLayout, QWidget

from tryg_desktop.services import efforts
from tryg_desktop.services.safety_terms import EFFORT_STATUSES, STRANDS
from tryg_desktop.views.effort_view import EffortView
from tryg_desktop.views.list_page import ListPage
from tryg_desktop.views.paged_model import Column, PagedTableModel

COLUMNS = [
    Column("Titel", "title", lambda r: r.title),
    Column("Spor", "strand", lambda r: r.strand_label),
    Column("Status", "status", lambda r: r.status_label),
    Column("Start", "starts_on", lambda r: f"{r.starts_on:%d.%m.%Y}"),
    Column("Slut", "ends_on", lambda r: f"{r.ends_on:%d.%m.%Y}" if r.ends_on else ""),
    Column("Steder", None, lambda r: r.places_text),
    Column("Koordinator", "coordinator", lambda r: r.coordinator_name),
]


def make_model(parent=None) -> PagedTableModel:
    return PagedTableModel(COLUMNS, efforts.fetch, efforts.count, efforts.EffortFilter(), parent)


class EffortList(ListPage):
    plural = "indsatser"
    singular = "indsats"
    new_label = "&Ny indsats"
    search_placeholder = "Søg på titel, mål eller sted (Ctrl+F)"
    has_active = False
    show_requested = Signal(int)

    def __init__(self, prompts=None, parent=None) -> None:
        super().__init__(make_model(), prompts, parent)
        self.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        for column, width in enumerate((230, 195, 70, 85, 85, 170)):
            self.table.setColumnWidth(column, width)
        self.show_button = QPushButton("&Vis indsatsen")
        self.show_button.setToolTip("Tidslinje og hændelser før og efter start (Ctrl+Enter)")
        self.show_button.clicked.connect(self.show_current)
        bottom = self.layout().itemAt(self.layout().count() - 1).layout()
        bottom.insertWidget(2, self.show_button)
        self.show_action = QAction("Vis indsatsen", self, shortcut=QKeySequence("Ctrl+Return"),
                                   shortcutContext=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.show_action.triggered.connect(self.show_current)
        self.addAction(self.show_action)
        self.table.selectionModel().currentRowChanged.connect(self._update_show)
        self.model.modelReset.connect(self._update_show)
        self._update_show()

    def filter_widgets(self):
        strands = [("Alle spor", None)] + [(label, code) for code, label in STRANDS]
        self.strand_combo = self.filter_combo("Spor", strands, "strand")
        statuses = [("Alle statusser", None)] + [(label, code) for code, label in EFFORT_STATUSES]
        self.status_combo = self.filter_combo("Status", statuses, "status")
        return [self.strand_combo, self.status_combo]

    def _update_show(self, *_args) -> None:
        self.show_button.setEnabled(self.current_record() is not None)

    def show_current(self) -> None:
        record = self.current_record()
        if record is not None:
            self.show_requested.emit(record.id)

    def service(self):
        return efforts

    def make_dialog(self, record_id, place_id: int | None = None):
        from tryg_desktop.views.effort_dialog import EffortDialog

        return EffortDialog(record_id, self.prompts, self, place_id=place_id)

    def delete_record(self, row: efforts.EffortRow) -> bool:
        if not self.prompts.confirm(
                self, "Slet indsats",
                f"Vil du slette indsatsen »{row.title}«?\n\nDens møder og handlinger beholdes "
                "uden indsats. Sletningen står i historikken.",
                yes="Slet", no="Annuller", destructive=True):
            return False
        efforts.delete(row.id, row.version)
        return True

    def extend_context_menu(self, menu, record) -> None:
        if record is not None:
            menu.insertAction(menu.actions()[0], self.show_action)


class EffortsPage(QWidget):
    """The list, and an effort's page in its place (← Alle indsatser goes back)."""

    changed = Signal()
    open_meeting = Signal(int)
    open_action = Signal(int)
    open_place = Signal(int)

    def __init__(self, prompts=None, parent=None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.list = EffortList(prompts, self)
        self.prompts = self.list.prompts
        self.view = EffortView(self, today=today)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.list.changed.connect(self.changed)
        self.list.show_requested.connect(self.show_effort)
        self.view.back_requested.connect(self.show_list)
        self.view.edit_requested.connect(self.edit_effort)
        for name in ("open_meeting", "open_action", "open_place"):
            getattr(self.view, name).connect(getattr(self, name))

    @property
    def table(self):  # the main window focuses it when the page is shown
        showing_list = self.stack.currentWidget() is self.list
        return self.list.table if showing_list else self.view.focus_widget

    def refresh(self) -> None:
        self.list.refresh()
        if self.stack.currentWidget() is self.view:
            self.view.refresh()

    def new_record(self) -> None:
        self.show_list()
        self.list.new_record()

    def show_effort(self, effort_id: int) -> None:
        self.view.show_effort(effort_id)
        self.stack.setCurrentWidget(self.view)
        self.view.focus_widget.setFocus()

    def show_list(self) -> None:
        if self.view.effort_id is not None:
            self.list.select_id(self.view.effort_id)
        self.stack.setCurrentWidget(self.list)
        self.list.table.setFocus()

    def edit_effort(self, effort_id: int) -> None:
        from tryg_desktop.views.effort_dialog import EffortDialog

        dialog = EffortDialog(effort_id, self.prompts, self)
        self.prompts.run_dialog(dialog)
        self.view.refresh()
        self.list.refresh()
        if dialog.saved_row is not None:
            self.changed.emit()
