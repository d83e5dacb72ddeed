"""The action editor (Handling): what, who, by when, and how it went. The Handlinger page opens
it for a row, the Referat for a new action agreed under an agenda item."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.meetings import actions, forums
from tryg_desktop.services.register import organisations
from tryg_desktop.views.kit.accessible import name_from_labels
from tryg_desktop.views.kit.date_field import DateField
from tryg_desktop.views.kit.error_label import error_label
from tryg_desktop.views.kit.picker import ContactField, organisation_search, responsible_search
from tryg_desktop.views.kit.record_dialog import explain_save_failure
from tryg_desktop.views.kit.screen_fit import resize_within_screen


class ActionDialog(QDialog):
    """One action: what, who, by when, and how it went."""

    def __init__(self, action_id: int | None, prompts, parent=None,
                 meeting_id: int | None = None, agenda_item_id: int | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.action_id = action_id
        self.saved_row: actions.ActionRow | None = None
        row = actions.get(action_id) if action_id is not None else None
        self.version = row.version if row else None
        # A new action agreed under an agenda item is linked to it (and so to its meeting).
        self._data = row.as_input() if row else actions.ActionInput(
            meeting_id=meeting_id, agenda_item_id=agenda_item_id)
        self.setWindowTitle("Handling" if row else "Ny handling")
        self.title_edit = QLineEdit(self._data.title, placeholderText="Hvem gør hvad")
        self.description_edit = QPlainTextEdit(self._data.description, tabChangesFocus=True)
        # The meeting's participants come first in the picker (views/kit/picker.py).
        self.responsible = ContactField(prompts, "Vælg ansvarlig", search=responsible_search(
            self._data.meeting_id, self._data.agenda_item_id))
        self.responsible.set(self._data.responsible_contact_id,
                             row.responsible_name if row and row.responsible_contact_id else "",
                             emit=False)
        # A whole organisation can be responsible, with or without a named person.
        self.organisation = ContactField(prompts, "Vælg ansvarlig organisation",
                                         search=organisation_search,
                                         prompt="Vælg en organisation:",
                                         name_of=lambda org_id: organisations.get(org_id).name)
        self.organisation.set(self._data.responsible_organisation_id,
                              organisations.get(self._data.responsible_organisation_id).name
                              if self._data.responsible_organisation_id else "", emit=False)
        self.has_due = QCheckBox("&Frist:")
        self.due_edit = DateField()
        # A new action starts with the deadline its meeting suggests (the forum's next
        # meeting, else the meeting + 14 days), ticked when it comes from a meeting.
        self.due_edit.setDate(self._data.due or actions.default_due(self._data.meeting_id))
        self.has_due.setChecked(self._data.due is not None
                                or (row is None and self._data.meeting_id is not None))
        self.due_edit.setEnabled(self.has_due.isChecked())
        self.has_due.toggled.connect(self.due_edit.setEnabled)
        self.status_combo = QComboBox()
        for code, label in actions.STATUSES:
            self.status_combo.addItem(label, code)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(self._data.status), 0))
        # The record drop-downs (and the place and effort services) load with the first action
        # opened, not with the Handlinger page (its first paint has a budget).
        from tryg_desktop.views.kit.record_combos import effort_combo, place_combo

        self.place_combo = place_combo(self._data.place_id, row.place_name if row else "")
        self.effort_combo = effort_combo(self._data.effort_id, row.effort_name if row else "")
        self._show_inherited()
        self.note_edit = QPlainTextEdit(self._data.completion_note, tabChangesFocus=True,
                                        placeholderText="Hvordan gik det? (opfølgning)")
        self.errors = error_label()
        form = QFormLayout()
        form.addRow("&Handling:", self.title_edit)
        form.addRow("&Beskrivelse:", self.description_edit)
        form.addRow("&Ansvarlig:", self.responsible)
        form.addRow("Ansvarlig o&rganisation:", self.organisation)
        due = QHBoxLayout()
        due.addWidget(self.due_edit.with_message())  # "Juni har kun 30 dage." under it
        due.addStretch(1)
        form.addRow(self.has_due, due)
        form.addRow("&Status:", self.status_combo)
        form.addRow("Vedrører st&ed:", self.place_combo)
        form.addRow("&Indsats:", self.effort_combo)
        form.addRow("&Opfølgning:", self.note_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.due_edit.setAccessibleName("Frist")  # named by its check box, not a label
        name_from_labels(self)
        resize_within_screen(self, 560, 480)

    def read_input(self) -> actions.ActionInput:
        data = actions.ActionInput(**vars(self._data))
        data.title = self.title_edit.text()
        data.description = self.description_edit.toPlainText()
        data.responsible_contact_id = self.responsible.contact_id
        data.responsible_organisation_id = self.organisation.contact_id
        data.due = self.due_edit.date().toPython() if self.has_due.isChecked() else None
        data.status = self.status_combo.currentData()
        data.completion_note = self.note_edit.toPlainText()
        data.place_id = self.place_combo.currentData()
        data.effort_id = self.effort_combo.currentData()
        return data

    def _show_inherited(self) -> None:
        """Without a place or effort of its own, an action counts under its meeting's (and
        forum's): the empty choice says which."""
        from tryg_desktop.services.meetings import meetings

        meeting = meetings.get(self._data.meeting_id) if self._data.meeting_id else None
        place = meeting.place_name if meeting else ""
        forum_id = self._data.forum_id or (meeting.forum_id if meeting else None)
        if not place and forum_id is not None:
            place = forums.get(forum_id).place_name
        if place:
            self.place_combo.setItemText(0, f"(som mødet: {place})")
        if meeting and meeting.effort_name:
            self.effort_combo.setItemText(0, f"(som mødet: {meeting.effort_name})")

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.errors.setText(" ".join(errors.values()))
        self.errors.show()

    def save(self) -> None:
        try:
            if self.action_id is None:
                self.saved_row = actions.create(self.read_input())
            else:
                self.saved_row = actions.update(self.action_id, self.read_input(), self.version)
        except ServiceError as error:
            explain_save_failure(self, self.prompts, error, self._show_errors, self.reject,
                                 self.reject)
            return
        self.accept()
