"""Fremmøde in minutes mode: a check list the keyboard alone can fill in. The arrows move,
Space ticks "Deltog" (or takes it off again), D/A/U set Deltog/Afbud/Udeblev and Delete clears;
a tick or a D/A/U moves on to the next person, so 15 people are 15 keys, as down a paper list.
An afbud to the invitation shows as Afbud until something else is registered. Each change is
saved at once (one audit entry), and the line above says how many are still unregistered."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop.services.meetings import minutes, participants
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.views.kit.table_columns import fit_columns

KEYS = {Qt.Key.Key_D: "deltog", Qt.Key.Key_A: "afbud", Qt.Key.Key_U: "udeblev",
        Qt.Key.Key_Delete: "", Qt.Key.Key_Backspace: ""}
HINT = "Mellemrum: deltog · A: afbud · U: udeblev (og videre til den næste) · Delete: ryd"


def remaining_text(missing: int, total: int) -> str:
    if total == 0:
        return "Ingen inviterede."
    if missing == 0:
        return f"Alle {total} er registreret."
    return f"{missing} af {total} mangler registrering."


class _Table(QTableWidget):
    """Keys go to the list's handler first; what it does not take moves the cursor as usual."""

    def __init__(self, on_key) -> None:
        super().__init__(0, 4)
        self._on_key = on_key

    def keyPressEvent(self, event) -> None:
        if not self._on_key(event.key()):
            super().keyPressEvent(event)


class AttendanceList(QWidget):
    changed = Signal()

    def __init__(self, meeting_id: int, prompts, parent=None) -> None:
        super().__init__(parent)
        self.meeting_id = meeting_id
        self.prompts = prompts
        self.locked = False
        self.people: list[participants.ParticipantRow] = []
        self._loading = False
        self.table = _Table(self._key)
        self.table.setAccessibleName("Fremmøde")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setHorizontalHeaderLabels(["Deltager", "Organisation", "Svar", "Fremmøde"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The names whole first (the referent ticks by name); a long organisation is cut,
        # its full name in the tooltip.
        fit_columns(self.table, stretch=0, samples={
            2: tuple(label for _, label in participants.INVITATIONS),
            3: tuple(minutes.ATTENDANCE_LABELS.values())})
        # Compact rows: 15 people fit on a 768-pixel screen.
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setWordWrap(False)
        self.table.setAccessibleName("Fremmøde")
        self.table.setToolTip(HINT)
        self.table.itemChanged.connect(self._ticked)
        self.remaining_label = QLabel()
        self.all_button = QPushButton("Alle &tilmeldte deltog")
        self.all_button.setToolTip("Registrér alle, der har meldt sig til, som mødt. "
                                   "Det, der allerede er registreret, bliver stående.")
        self.all_button.clicked.connect(self.all_signed_up)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel("<b>Fremmøde</b>"))
        top.addWidget(self.remaining_label, 1)
        top.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(f"<small>{HINT}</small>"))

    def load(self, locked: bool) -> None:
        self.locked = locked
        current = max(self.table.currentRow(), 0)
        self.people = participants.of_meeting(self.meeting_id)
        self._loading = True
        try:
            self.table.setRowCount(len(self.people))
            for row, person in enumerate(self.people):
                name = QTableWidgetItem(person.name)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if not locked:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                name.setFlags(flags)
                self.table.setItem(row, 0, name)
                organisation = self._cell(
                    "Privatperson" if person.is_private else person.organisation_name)
                self.table.setItem(row, 1, organisation)
                self.table.setItem(row, 2, self._cell(person.invitation_label))
                self.table.setItem(row, 3, self._cell(""))
                self._show(row, person)
        finally:
            self._loading = False
        if self.people:
            self.table.setCurrentCell(min(current, len(self.people) - 1), 0)
        self.all_button.setEnabled(not locked and any(
            p.invitation == "tilmeldt" and not p.attendance for p in self.people))
        self._count()

    @staticmethod
    def _cell(text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        return item

    def _show(self, row: int, person: participants.ParticipantRow) -> None:
        value = person.registered_attendance
        self._loading, was = True, self._loading
        try:
            self.table.item(row, 0).setCheckState(
                Qt.CheckState.Checked if value == "deltog" else Qt.CheckState.Unchecked)
            label = minutes.ATTENDANCE_LABELS[value]
            if value == "afbud" and not person.attendance:
                label = "Afbud (svar)"  # from the invitation answer, not registered at the meeting
            cell = self.table.item(row, 3)
            cell.setText(label if value else "–")  # "Ikke registreret" is too wide for the column
            cell.setToolTip(label)
            self.table.item(row, 0).setData(Qt.ItemDataRole.AccessibleDescriptionRole, label)
        finally:
            self._loading = was

    def _count(self) -> None:
        missing = sum(1 for p in self.people if not p.registered_attendance)
        self.remaining_label.setText(remaining_text(missing, len(self.people)))

    # -- changes -------------------------------------------------------------------------------
    def _key(self, key) -> bool:
        row = self.table.currentRow()
        if not 0 <= row < len(self.people):
            return False
        if key == Qt.Key.Key_Space:
            current = self.people[row].attendance
            value = "" if current == "deltog" else "deltog"
        elif key in KEYS:
            value = KEYS[key]
        else:
            return False
        self.set(row, value)
        if value and row + 1 < len(self.people) and not self.locked:
            self.table.setCurrentCell(row + 1, 0)  # registered: on to the next person
        return True

    def _ticked(self, item: QTableWidgetItem) -> None:
        """A click in the check box."""
        if self._loading or item.column() != 0:
            return
        row = item.row()
        ticked = item.checkState() == Qt.CheckState.Checked
        if ticked != (self.people[row].registered_attendance == "deltog"):
            self.set(row, "deltog" if ticked else "")

    def set(self, row: int, value: str) -> None:
        if self.locked:
            return
        person = self.people[row]
        try:
            minutes.set_attendance(person.id, value)
        except ServiceError as error:
            self.prompts.warn(self, "Fremmøde", error.message)
            return
        self.people[row] = participants.get(person.id)
        self._show(row, self.people[row])
        self._count()
        self.all_button.setEnabled(any(p.invitation == "tilmeldt" and not p.attendance
                                       for p in self.people))
        self.changed.emit()

    def all_signed_up(self) -> None:
        try:
            minutes.all_signed_up_attended(self.meeting_id)
        except ServiceError as error:
            self.prompts.warn(self, "Fremmøde", error.message)
            return
        self.load(self.locked)
        self.table.setFocus()
        self.changed.emit()
