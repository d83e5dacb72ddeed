"""The forum's open actions in the minutes: status, new deadline and a note per action."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.meetings.actions import STATUSES as ACTION_STATUSES
from tryg_desktop.views.kit.date_field import DateField
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit.table_columns import fit_columns


class FollowUpTable(QWidget):
    """The forum's open actions under "Opfølgning på handlinger": status, new deadline and a
    note per action, each change saved at once into the action's history."""

    changed = Signal()

    def __init__(self, prompts: Prompts, parent=None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.rows = []
        self.table = QTableWidget(0, 5, accessibleName="Handlinger til opfølgning")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setHorizontalHeaderLabels(["Handling", "Ansvarlig", "Frist", "Status",
                                              "Opfølgning"])
        self.table.verticalHeader().hide()
        # Frist and Status are widgets per row: their columns as wide as one of those.
        date, status = DateField(display="short", optional=True), QComboBox()
        status.addItems([label for _, label in ACTION_STATUSES])
        fit_columns(self.table, stretch=0, samples={2: date.sizeHint().width(),
                                                    3: status.sizeHint().width()})
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Mødeforummets åbne handlinger</b> (overskredne først)"))
        layout.addWidget(self.table)

    def load(self, meeting_id: int, readonly: bool = False) -> None:
        from tryg_desktop.services.meetings import actions, meetings

        forum_id = meetings.get(meeting_id).forum_id
        self.rows = actions.open_for_forum(forum_id) if forum_id else []
        self.table.setRowCount(len(self.rows))
        for row, action in enumerate(self.rows):
            title = QTableWidgetItem(action.title + (" (overskredet)"
                                                     if action.is_overdue() else ""))
            self.table.setItem(row, 0, title)
            self.table.setItem(row, 1, QTableWidgetItem(action.responsible_name
                                                        or "mangler ansvarlig"))
            due = DateField(display="short", optional=True)  # no deadline: empty, not today
            due.setDate(action.due)
            due.setEnabled(not readonly)
            due.dateChanged.connect(lambda d, a=action: d.isNull() or self._update(
                a, due=d.toPython()))
            self.table.setCellWidget(row, 2, due)
            status = QComboBox()
            for code, label in actions.STATUSES:
                status.addItem(label, code)
            status.setCurrentIndex(max(status.findData(action.status), 0))
            status.setEnabled(not readonly)
            status.currentIndexChanged.connect(
                lambda _i, a=action, box=status: self._update(a, status=box.currentData()))
            self.table.setCellWidget(row, 3, status)
            note = QLineEdit(placeholderText="Ny note …")
            note.setEnabled(not readonly)
            note.editingFinished.connect(
                lambda a=action, edit=note: self._note(a, edit))
            self.table.setCellWidget(row, 4, note)
        if not self.rows:
            self.table.setRowCount(1)
            self.table.setItem(0, 0, QTableWidgetItem("Ingen åbne handlinger i mødeforummet."))

    def _current(self, action):
        from tryg_desktop.services.meetings import actions

        return actions.get(action.id)  # the newest version: several fields may change in turn

    def _update(self, action, **change) -> None:
        from tryg_desktop.services.meetings import actions

        try:
            fresh = self._current(action)
            actions.follow_up_update(fresh.id, fresh.version, **change)
        except ServiceError as error:
            self.prompts.warn(self, "Opfølgning", error.message)
        self.changed.emit()

    def _note(self, action, edit: QLineEdit) -> None:
        if edit.text().strip():
            self._update(action, note=edit.text())
            edit.clear()
