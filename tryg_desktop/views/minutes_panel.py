"""Referat: the minutes mode of a meeting. Attendance is ticked per participant; each agenda
item gets its discussion note (referat) and decision (beslutning), saved as they are typed, so
that a crash or a power cut loses at most about two seconds of typing. The minutes go from
Kladde to Til kommentering to Godkendt (locked); Genåbn is recorded in the audit trail."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop.services import agenda, minutes, participants
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.views.prompts import Prompts

AUTOSAVE_MS = 1000  # typed text reaches the database within about a second


class MinutesPanel(QWidget):
    changed = Signal()

    def __init__(self, meeting_id: int, prompts: Prompts | None = None, parent=None) -> None:
        super().__init__(parent)
        self.meeting_id = meeting_id
        self.prompts = prompts or Prompts()
        self._item: agenda.ItemRow | None = None
        self._loading = False

        self.state_label = QLabel()
        self.send_button = QPushButton("Send til &kommentering …")
        self.send_button.clicked.connect(self.send_for_comments)
        self.approve_button = QPushButton("&Godkend referatet")
        self.approve_button.clicked.connect(self.approve)
        self.reopen_button = QPushButton("Gen&åbn …")
        self.reopen_button.clicked.connect(self.reopen)
        top = QHBoxLayout()
        top.addWidget(self.state_label, 1)
        for button in (self.send_button, self.approve_button, self.reopen_button):
            top.addWidget(button)

        self.attendance = QTableWidget(0, 3)
        self.attendance.setHorizontalHeaderLabels(["Deltager", "Organisation", "Fremmøde"])
        self.attendance.verticalHeader().hide()
        header = self.attendance.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.attendance.setColumnWidth(0, 140)
        self.attendance.setColumnWidth(2, 130)
        self.attendance.setWordWrap(False)

        self.items = QListWidget()
        self.items.currentRowChanged.connect(self._show_item)
        self.item_title = QLabel(wordWrap=True)
        self.notes_edit = QPlainTextEdit(placeholderText="Referat: hvad blev der sagt?")
        self.decision_edit = QPlainTextEdit(placeholderText="Beslutning: hvad blev besluttet?")
        self.saved_label = QLabel()
        for edit in (self.notes_edit, self.decision_edit):
            edit.textChanged.connect(self._typed)
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)

        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.item_title)
        editor_layout.addWidget(QLabel("<b>Referat</b>"))
        editor_layout.addWidget(self.notes_edit, 2)
        editor_layout.addWidget(QLabel("<b>Beslutning</b>"))
        editor_layout.addWidget(self.decision_edit, 1)
        editor_layout.addWidget(self.saved_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>Fremmøde</b>"))
        left_layout.addWidget(self.attendance, 1)
        left_layout.addWidget(QLabel("<b>Punkter</b>"))
        left_layout.addWidget(self.items, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.reload()

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.save_now()
        state = minutes.status(self.meeting_id)
        self.locked = state.locked
        text = f"Referatets status: <b>{state.label}</b>"
        if getattr(state, "comment_deadline", None):
            text += f" (kommentarer senest {state.comment_deadline:%d.%m.%Y})"
        if getattr(state, "approved_on", None):
            text += f", godkendt {state.approved_on:%d.%m.%Y}"
        self.state_label.setText(text)
        self.send_button.setEnabled(not self.locked)
        self.approve_button.setEnabled(not self.locked)
        self.reopen_button.setEnabled(self.locked)
        self._fill_attendance()
        current = self.items.currentRow()
        self.items.blockSignals(True)
        self.items.clear()
        self._rows = agenda.items(self.meeting_id)
        for item in self._rows:
            mark = " (lukket)" if item.closed else ""
            self.items.addItem(QListWidgetItem(f"{item.number}. {item.title}{mark}"))
        self.items.blockSignals(False)
        self.items.setCurrentRow(max(0, min(current, len(self._rows) - 1)) if self._rows else -1)
        self._show_item()

    def _fill_attendance(self) -> None:
        people = participants.of_meeting(self.meeting_id)
        self.attendance.setRowCount(len(people))
        for row, person in enumerate(people):
            self.attendance.setItem(row, 0, QTableWidgetItem(person.name))
            self.attendance.setItem(row, 1, QTableWidgetItem(
                "Privatperson" if person.is_private else person.organisation_name))
            box = QComboBox(accessibleName=f"Fremmøde for {person.name}")
            for code, label in minutes.ATTENDANCE:
                box.addItem(label, code)
            box.setCurrentIndex(max(box.findData(person.attendance), 0))
            box.setEnabled(not self.locked)
            box.currentIndexChanged.connect(
                lambda _i, p=person, b=box: self._attend(p.id, b.currentData()))
            self.attendance.setCellWidget(row, 2, box)

    def _attend(self, participant_id: int, value: str) -> None:
        try:
            minutes.set_attendance(participant_id, value)
        except ServiceError as error:
            self.prompts.warn(self, "Fremmøde", error.message)
        self.changed.emit()

    def _show_item(self, *_args) -> None:
        self.save_now()
        row = self.items.currentRow()
        self._item = self._rows[row] if 0 <= row < len(self._rows) else None
        self._loading = True
        try:
            item = self._item
            self.item_title.setText(f"<h3>{item.number}. {item.title}</h3>" if item else "")
            self.notes_edit.setPlainText(item.notes if item else "")
            self.decision_edit.setPlainText(item.decision if item else "")
            for edit in (self.notes_edit, self.decision_edit):
                edit.setReadOnly(self.locked or item is None)
                edit.document().clearUndoRedoStacks()  # undo stays within this item
        finally:
            self._loading = False

    # -- saving as you type ------------------------------------------------------------------
    def _typed(self) -> None:
        if self._loading or self._item is None:
            return
        self.saved_label.setText("Gemmer …")
        self._timer.start()

    def save_now(self) -> bool:
        """Write the item's text now (also before switching item or closing)."""
        self._timer.stop()
        item = self._item
        if item is None or self._loading:
            return True
        notes, decision = self.notes_edit.toPlainText(), self.decision_edit.toPlainText()
        if (notes, decision) == (item.notes, item.decision):
            return True
        try:
            minutes.save_item_minutes(item.id, notes, decision)
        except ServiceError as error:
            self.saved_label.setText(error.message)
            return False
        self._item = agenda.get(item.id)
        self._rows = [self._item if r.id == item.id else r for r in self._rows]
        self.saved_label.setText(f"Gemt kl. {dt.datetime.now():%H.%M.%S}")
        self.changed.emit()
        return True

    def finish(self) -> None:
        """Leaving minutes mode: save, and write one audit entry per changed item."""
        self.save_now()
        for item in self._rows:
            minutes.finish_item_minutes(item.id)

    # -- the minutes' state ------------------------------------------------------------------
    def send_for_comments(self) -> None:
        self.finish()
        deadline = dt.date.today() + dt.timedelta(days=7)
        text = self.prompts.ask_text(self, "Send til kommentering",
                                     "Frist for kommentarer (dd.mm.åååå):",
                                     f"{deadline:%d.%m.%Y}")
        if not text:
            return
        try:
            day = dt.datetime.strptime(text, "%d.%m.%Y").date()
        except ValueError:
            self.prompts.warn(self, "Send til kommentering", "Skriv datoen som fx 04.12.2026.")
            return
        minutes.send_for_comments(self.meeting_id, day)
        self.reload()
        self.changed.emit()

    def approve(self) -> None:
        self.finish()
        missing = minutes.missing_decisions(self.meeting_id)
        if missing and not self.prompts.confirm(
                self, "Godkend referatet",
                "Disse beslutningspunkter har ingen beslutning: "
                + ", ".join(str(n) for n in missing) + ".\n\nVil du godkende alligevel?",
                yes="Godkend", no="Tilbage"):
            return
        minutes.approve(self.meeting_id)
        self.reload()
        self.changed.emit()

    def reopen(self) -> None:
        reason = self.prompts.ask_text(self, "Genåbn referatet",
                                       "Hvorfor skal det godkendte referat ændres?")
        if not reason:
            return
        minutes.reopen(self.meeting_id, reason)
        self.reload()
        self.changed.emit()
