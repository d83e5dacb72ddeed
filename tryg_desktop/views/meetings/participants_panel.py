"""The Deltagere tab of a meeting: who is invited and their answer, changed on the spot."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop.services.meetings import participants
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.views.kit.colours import WARNING_TEXT, text_style
from tryg_desktop.views.kit.table_columns import fit_columns
from tryg_desktop.views.kit.picker import PickerDialog, contact_search, organisation_search
from tryg_desktop.views.kit.prompts import Prompts


class ParticipantsPanel(QWidget):
    changed = Signal()

    def __init__(self, meeting_id: int, prompts: Prompts | None = None, parent=None,
                 load: bool = True) -> None:
        super().__init__(parent)
        self.loaded = False  # load=False: filled by the first reload() (the tab's first show)
        self.meeting_id = meeting_id
        self.prompts = prompts or Prompts()
        self.rows: list[participants.ParticipantRow] = []
        self.table = QTableWidget(0, 4, accessibleName="Deltagere")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setHorizontalHeaderLabels(["Navn", "Organisation", "E-mail", "Svar"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        answer = QComboBox()  # the Svar column holds one per row: as wide as one
        answer.addItems([label for _, label in participants.INVITATIONS])
        fit_columns(self.table, stretch=1, samples={3: answer.sizeHint().width()})
        self.add_contact_button = QPushButton("Tilføj &kontakt …")
        self.add_contact_button.clicked.connect(self.add_contact)
        self.add_org_button = QPushButton("Tilføj &organisation …")
        self.add_org_button.clicked.connect(self.add_organisation)
        self.guest_button = QPushButton("Ny g&æst …")
        self.guest_button.setToolTip("Opret en ny kontakt og invitér vedkommende")
        self.guest_button.clicked.connect(self.add_guest)
        self.remove_button = QPushButton("&Fjern")
        self.remove_button.clicked.connect(self.remove)
        self.count_label = QLabel()
        # Afbud from the mødeleder, the referent or an oplægsholder: said where it is entered.
        self.clash_label = QLabel(wordWrap=True)
        self.clash_label.setStyleSheet(text_style(WARNING_TEXT))
        self.clash_label.hide()
        buttons = QHBoxLayout()
        for button in (self.add_contact_button, self.add_org_button, self.guest_button,
                       self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.clash_label)
        layout.addWidget(self.table, 1)
        if load:
            self.reload()

    def reload(self) -> None:
        self.loaded = True
        self.rows = participants.of_meeting(self.meeting_id)
        self.table.setRowCount(len(self.rows))
        for row, person in enumerate(self.rows):
            organisation = "Privatperson" if person.is_private else person.organisation_name
            for column, text in enumerate((person.name, organisation, person.email)):
                self.table.setItem(row, column, QTableWidgetItem(text))
            answer = QComboBox(accessibleName=f"Svar fra {person.name}")
            for code, label in participants.INVITATIONS:
                answer.addItem(label, code)
            answer.setCurrentIndex(answer.findData(person.invitation))
            answer.currentIndexChanged.connect(
                lambda _i, p=person, box=answer: self._answer(p, box.currentData()))
            self.table.setCellWidget(row, 3, answer)
        counts = {code: sum(1 for p in self.rows if p.invitation == code)
                  for code, _ in participants.INVITATIONS}
        self.count_label.setText(f"{len(self.rows)} inviterede · {counts['tilmeldt']} tilmeldt · "
                                 f"{counts['afbud']} afbud")
        self.remove_button.setEnabled(bool(self.rows))
        clashes = participants.role_clashes(self.meeting_id, self.rows)
        self.clash_label.setText("⚠ " + " ".join(clashes) if clashes else "")
        self.clash_label.setVisible(bool(clashes))

    def _answer(self, person: participants.ParticipantRow, invitation: str) -> None:
        participants.set_invitation(person.id, invitation)
        self.reload()
        self.changed.emit()

    def _pick(self, title: str, prompt: str, search) -> int | None:
        dialog = PickerDialog(title, prompt, search, self)
        return dialog.chosen_id if self.prompts.run_dialog(dialog) else None

    def add_contact(self) -> None:
        contact_id = self._pick("Tilføj deltager", "Vælg en kontakt:", contact_search)
        if contact_id is None:
            return
        try:
            participants.add_contact(self.meeting_id, contact_id)
        except ServiceError as error:
            self.prompts.warn(self, "Tilføj deltager", error.message)
        self.reload()
        self.changed.emit()

    def add_organisation(self) -> None:
        org_id = self._pick("Tilføj organisation",
                            "Alle organisationens aktive kontakter inviteres:", organisation_search)
        if org_id is None:
            return
        added, already = participants.add_organisation(self.meeting_id, org_id)
        self.prompts.inform(self, "Tilføj organisation",
                            f"{added} inviteret" + (f", {already} var allerede inviteret."
                                                    if already else "."))
        self.reload()
        self.changed.emit()

    def add_guest(self) -> None:
        """A guest who is not in the register yet: create the contact, then invite."""
        from tryg_desktop.views.register.contact_dialog import ContactDialog

        dialog = ContactDialog(None, self.prompts, self)
        if self.prompts.run_dialog(dialog) and dialog.saved_row is not None:
            participants.add_contact(self.meeting_id, dialog.saved_row.id)
            self.reload()
            self.changed.emit()

    def remove(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        person = self.rows[row]
        if self.prompts.confirm(self, "Fjern deltager", f"Fjern {person.name} fra mødet?",
                                yes="Fjern", no="Annuller"):
            participants.remove(person.id)
            self.reload()
            self.changed.emit()


