"""The contact editor (Kontakt), on the Designer form ui/contact_form.ui."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QWidget

from tryg_desktop import l10n
from tryg_desktop.services.register import contacts, organisations
from tryg_desktop.views.forms.contact_form_ui import Ui_ContactForm
from tryg_desktop.views.kit.record_dialog import RecordDialog

NO_ORGANISATION = "(ingen organisation)"
UNKNOWN_ORGANISATION = -1  # typed text that matches no organisation; clean() rejects it


class ContactDialog(RecordDialog):
    entity = contacts.ENTITY
    what = contacts.WHAT
    noun = "kontakt"
    field_labels = contacts.FIELD_LABELS

    def __init__(self, record_id: int | None = None, prompts=None, parent=None,
                 organisation_id: int | None = None) -> None:
        self._initial_organisation = organisation_id
        super().__init__(contacts, record_id, prompts, parent)
        if record_id is None and organisation_id is not None:
            self._select_organisation(organisation_id)

    def build_form(self) -> QWidget:
        page = QWidget()
        self.ui = Ui_ContactForm()
        self.ui.setupUi(page)
        combo = self.ui.organisationCombo
        combo.addItem(NO_ORGANISATION, None)
        for org_id, name in organisations.choices():
            combo.addItem(name, org_id)
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setCompleter(completer)
        self.ui.privateCheck.toggled.connect(self._show_private_layout)
        return page

    def _show_private_layout(self, private: bool) -> None:
        """A resident gets name, phone and e-mail only (data minimisation)."""
        form = self.ui.formLayout
        for widget in (self.ui.titleEdit, self.ui.organisationCombo, self.ui.notesEdit):
            form.setRowVisible(widget, not private)
        self.ui.organisationError.setVisible(False)
        self.ui.notesError.setVisible(False)
        self.ui.privateNote.setVisible(private)

    def _select_organisation(self, org_id: int | None) -> None:
        combo = self.ui.organisationCombo
        index = combo.findData(org_id)
        if index < 0 and org_id is not None:  # an inactive organisation is still shown
            row = organisations.get(org_id)
            combo.addItem(row.name, row.id)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

    def editors(self) -> dict[str, QWidget]:
        ui = self.ui
        return {"name": ui.nameEdit, "is_private": ui.privateCheck, "title": ui.titleEdit,
                "organisation_id": ui.organisationCombo, "phone": ui.phoneEdit,
                "mobile": ui.mobileEdit, "email": ui.emailEdit, "notes": ui.notesEdit,
                "active": ui.activeCheck}

    def error_labels(self):
        ui = self.ui
        return {"name": ui.nameError, "organisation_id": ui.organisationError,
                "phone": ui.phoneError, "mobile": ui.mobileError, "email": ui.emailError,
                "notes": ui.notesError}

    def _organisation_id(self) -> int | None:
        combo = self.ui.organisationCombo
        text = combo.currentText().strip()
        if not text or text == NO_ORGANISATION:
            return None
        index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
        return combo.itemData(index) if index >= 0 else UNKNOWN_ORGANISATION

    def read_input(self) -> contacts.ContactInput:
        ui = self.ui
        return contacts.ContactInput(
            name=ui.nameEdit.text(), title=ui.titleEdit.text(),
            organisation_id=self._organisation_id(), phone=ui.phoneEdit.text(),
            mobile=ui.mobileEdit.text(), email=ui.emailEdit.text(),
            notes=ui.notesEdit.toPlainText(), active=ui.activeCheck.isChecked(),
            is_private=ui.privateCheck.isChecked())

    def fill(self, row: contacts.ContactRow) -> None:
        ui = self.ui
        ui.nameEdit.setText(row.name)
        ui.privateCheck.setChecked(row.is_private)
        ui.titleEdit.setText(row.title)
        self._select_organisation(row.organisation_id)
        ui.phoneEdit.setText(l10n.format_phone(row.phone))
        ui.mobileEdit.setText(l10n.format_phone(row.mobile))
        ui.emailEdit.setText(row.email)
        ui.notesEdit.setPlainText(row.notes)
        ui.activeCheck.setChecked(row.active)

    def describe(self, row: contacts.ContactRow) -> str:
        return f"{row.name} ({row.organisation_name})" if row.organisation_name else row.name
