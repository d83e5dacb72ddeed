"""Choose one record by typing part of its name: a search field over a short result list."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

Search = Callable[[str], list[tuple[int, str]]]  # text → [(id, label)], a screenful at most


class PickerDialog(QDialog):
    def __init__(self, title: str, prompt: str, search: Search, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.search = search
        self.chosen_id: int | None = None
        self.edit = QLineEdit(placeholderText="Skriv for at søge …", clearButtonEnabled=True)
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.refresh)
        self.edit.textChanged.connect(self._timer.start)
        self.edit.returnPressed.connect(self.accept)
        self.resize(480, 460)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for record_id, label in self.search(self.edit.text()):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.list.count() > 0)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen_id = item.data(Qt.ItemDataRole.UserRole)
        super().accept()


def contact_search(text: str) -> list[tuple[int, str]]:
    from tryg_desktop.services import contacts

    rows = contacts.fetch(contacts.ContactFilter(search=text, active=True), 0, 50)
    return [(r.id, f"{r.name} – {r.organisation_name}" if r.organisation_name else r.name)
            for r in rows]


def organisation_search(text: str) -> list[tuple[int, str]]:
    from tryg_desktop.services import organisations

    rows = organisations.fetch(organisations.OrganisationFilter(search=text, active=True), 0, 50)
    return [(r.id, f"{r.name} ({r.contact_count} kontakter)") for r in rows]
