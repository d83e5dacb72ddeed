"""Choose one record by typing part of its name: a search field over a short result list, and
ContactField, the form row that shows the chosen record and opens the picker."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit.screen_fit import resize_within_screen

# text → [(id, label)], a screenful at most; an id of None is a heading ("Mødets deltagere")
Search = Callable[[str], list[tuple[int | None, str]]]


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
        resize_within_screen(self, 480, 460)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        first = None
        for record_id, label in self.search(self.edit.text()):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            if record_id is None:  # a heading: shown, never chosen, skipped by the arrows
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setForeground(self.list.palette().color(QPalette.ColorRole.Text))
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            elif first is None:
                first = self.list.count()
            self.list.addItem(item)
        if first is not None:
            self.list.setCurrentRow(first)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(first is not None)

    def choices(self) -> list[tuple[int | None, str]]:
        """What the list shows, in order (headings with id None)."""
        return [(self.list.item(n).data(Qt.ItemDataRole.UserRole), self.list.item(n).text())
                for n in range(self.list.count())]

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None or item.data(Qt.ItemDataRole.UserRole) is None:
            return
        self.chosen_id = item.data(Qt.ItemDataRole.UserRole)
        super().accept()


def contact_search(text: str) -> list[tuple[int, str]]:
    from tryg_desktop.services.register import contacts

    rows = contacts.fetch(contacts.ContactFilter(search=text, active=True), 0, 50)
    return [(r.id, f"{r.name} – {r.organisation_name}" if r.organisation_name else r.name)
            for r in rows]


def responsible_search(meeting_id: int | None, agenda_item_id: int | None = None) -> Search:
    """"Vælg ansvarlig" for an action: the meeting's participants first, under the heading
    "Mødets deltagere", then everyone else; the search covers both. Without a meeting, the
    ordinary contact search."""
    if meeting_id is None and agenda_item_id is not None:
        from tryg_desktop.services.meetings import agenda

        meeting_id = agenda.get(agenda_item_id).meeting_id
    if meeting_id is None:
        return contact_search

    from tryg_desktop.services.meetings import participants

    invited = participants.of_meeting(meeting_id)  # once: the list does not change meanwhile

    def search(text: str) -> list[tuple[int | None, str]]:
        words = text.casefold().split()
        people = [p for p in invited
                  if all(w in f"{p.name} {p.organisation_name} {p.title}".casefold()
                         for w in words)]
        ids = {p.contact_id for p in people}
        others = [(i, label) for i, label in contact_search(text) if i not in ids]
        if not people:
            return others
        found: list[tuple[int | None, str]] = [(None, "Mødets deltagere")]
        found += [(p.contact_id, f"{p.name} – {p.organisation_name}" if p.organisation_name
                   else p.name) for p in people]
        if others:
            found += [(None, "Alle andre kontakter"), *others]
        return found

    return search


def organisation_search(text: str) -> list[tuple[int, str]]:
    from tryg_desktop.services.register import organisations

    rows = organisations.fetch(organisations.OrganisationFilter(search=text, active=True), 0, 50)
    return [(r.id, f"{r.name} ({r.contact_count} kontakter)") for r in rows]


class ContactField(QWidget):
    """A contact (or, with another search, an organisation) chosen with the picker: the
    register may hold 100,000, so no drop-down. `contact_id` is the chosen record's id."""

    changed = Signal()

    def __init__(self, prompts: Prompts, title: str, parent=None, search: Search | None = None,
                 prompt: str = "Vælg en kontakt:", name_of=None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.title = title
        self.search = search or contact_search
        self.prompt = prompt
        self.name_of = name_of or _contact_name
        self.contact_id: int | None = None
        self.label = QLineEdit(readOnly=True, placeholderText="(ingen)")
        self.choose = QPushButton("Vælg …")
        self.choose.clicked.connect(self.pick)
        self.clear = QPushButton("Ryd")
        for button in (self.choose, self.clear):  # Enter after choosing saves, not picks again
            button.setAutoDefault(False)
        self.clear.clicked.connect(lambda: self.set(None, ""))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.choose)
        layout.addWidget(self.clear)
        # The row's Alt+letter goes to Vælg … (a label's buddy must take focus; no Tab stop).
        self.setFocusProxy(self.choose)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def set_accessible_label(self, text: str) -> None:
        """Screen readers: the field reads "Mødeleder", its buttons "Vælg mødeleder" …"""
        self.label.setAccessibleName(text)
        self.choose.setAccessibleName(f"Vælg {text.lower()}")
        self.clear.setAccessibleName(f"Ryd {text.lower()}")

    def set(self, contact_id: int | None, name: str, emit: bool = True) -> None:
        self.contact_id = contact_id
        self.label.setText(name)
        if emit:
            self.changed.emit()

    def pick(self) -> None:
        dialog = PickerDialog(self.title, self.prompt, self.search, self)
        if self.prompts.run_dialog(dialog) and dialog.chosen_id is not None:
            self.set(dialog.chosen_id, self.name_of(dialog.chosen_id))


def _contact_name(contact_id: int) -> str:
    from tryg_desktop.services.register import contacts

    return contacts.get(contact_id).name
