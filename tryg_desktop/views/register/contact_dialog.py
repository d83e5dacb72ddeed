"""The contact editor (Kontakt), on the Designer form ui/contact_form.ui."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QFormLayout, QWidget

from tryg_desktop import l10n
from tryg_desktop.services.data_protection import consent
from tryg_desktop.services.errors import ValidationError
from tryg_desktop.services.register import contacts, organisations
from tryg_desktop.views.forms.contact_form_ui import Ui_ContactForm
from tryg_desktop.views.kit.date_field import DateField
from tryg_desktop.views.kit.record_dialog import RecordDialog

NO_ORGANISATION = "(ingen organisation)"
UNKNOWN_ORGANISATION = -1  # typed text that matches no organisation; clean() rejects it


# The consent's fields as the dialog names them (editors, error labels) → consent.clean's keys.
CONSENT_FIELDS = {"consent_given_on": "given_on", "consent_purpose": "purpose",
                  "consent_withdrawn_on": "withdrawn_on"}
NOT_PRIVATE_TIP = "Samtykke registreres kun for privatpersoner: andre nævnes altid ved navn."


class ContactDialog(RecordDialog):
    """The contact and, for a privatperson, the consent to be named
    (services/data_protection/consent.py), saved together: the contact through contacts.py
    with its version check, then the consent with the version that save returned, so a
    colleague's save in between is a conflict, never a lost update. The consent is checked
    before anything is written."""
    entity = contacts.ENTITY
    what = contacts.WHAT
    noun = "kontakt"
    field_labels = {**contacts.FIELD_LABELS, **consent.FIELD_LABELS}

    def __init__(self, record_id: int | None = None, prompts=None, parent=None,
                 organisation_id: int | None = None) -> None:
        self._initial_organisation = organisation_id
        # Opening a contact logs a view in the access log (contacts.view); saving also stores
        # the consent. Everything else is contacts.py's.
        service = SimpleNamespace(get=contacts.view, create=self._create, update=self._update,
                                  clean=contacts.clean, find_duplicates=contacts.find_duplicates)
        super().__init__(service, record_id, prompts, parent)
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
        self._build_consent()
        self.ui.privateCheck.toggled.connect(self._show_private_layout)
        self._show_private_layout(False)
        return page

    def _build_consent(self) -> None:
        """The two date fields (views/kit/date_field.py) in the form's consent group."""
        ui = self.ui
        layout = ui.consentLayout
        self.consent_given = DateField(optional=True)
        self.consent_withdrawn = DateField(optional=True)
        self.consent_given.setAccessibleName("Samtykke givet")
        self.consent_withdrawn.setAccessibleName("Samtykke trukket tilbage")
        self.consent_given.setMaximumDate(dt.date.today())
        self.consent_withdrawn.setMaximumDate(dt.date.today())
        layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.consent_given.with_message())
        layout.setWidget(5, QFormLayout.ItemRole.FieldRole,
                         self.consent_withdrawn.with_message())
        ui.consentGivenLabel.setBuddy(self.consent_given)
        ui.consentWithdrawnLabel.setBuddy(self.consent_withdrawn)
        QWidget.setTabOrder(ui.activeCheck, self.consent_given)
        QWidget.setTabOrder(self.consent_given, ui.consentPurposeEdit)
        QWidget.setTabOrder(ui.consentPurposeEdit, self.consent_withdrawn)

    def _show_private_layout(self, private: bool) -> None:
        """A resident gets name, phone and e-mail only (data minimisation)."""
        form = self.ui.formLayout
        for widget in (self.ui.titleEdit, self.ui.organisationCombo, self.ui.notesEdit):
            form.setRowVisible(widget, not private)
        self.ui.organisationError.setVisible(False)
        self.ui.notesError.setVisible(False)
        self.ui.privateNote.setVisible(private)
        self.ui.consentGroup.setEnabled(private)
        self.ui.consentGroup.setToolTip("" if private else NOT_PRIVATE_TIP)

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
                "active": ui.activeCheck, "consent_given_on": self.consent_given,
                "consent_purpose": ui.consentPurposeEdit,
                "consent_withdrawn_on": self.consent_withdrawn}

    def connect_changes(self) -> None:
        super().connect_changes()
        # A date picked in the calendar or stepped with the keys is no textEdited.
        for field, widget in (("consent_given_on", self.consent_given),
                              ("consent_withdrawn_on", self.consent_withdrawn)):
            widget.dateChanged.connect(lambda *_, f=field: self._changed(f))

    def error_labels(self):
        ui = self.ui
        return {"name": ui.nameError, "organisation_id": ui.organisationError,
                "phone": ui.phoneError, "mobile": ui.mobileError, "email": ui.emailError,
                "notes": ui.notesError, "consent_given_on": ui.consentGivenError,
                "consent_purpose": ui.consentPurposeError,
                "consent_withdrawn_on": ui.consentWithdrawnError}

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

    def consent_input(self) -> consent.ConsentRecord:
        return consent.ConsentRecord(_date(self.consent_given.date()),
                                     self.ui.consentPurposeEdit.text(),
                                     _date(self.consent_withdrawn.date()))

    def extra_errors(self) -> dict[str, str]:
        """consent.clean's errors under the dialog's field names."""
        _, errors = consent.clean(self.consent_input(), self.ui.privateCheck.isChecked())
        by_key = {key: field for field, key in CONSENT_FIELDS.items()}
        return {by_key[key]: message for key, message in errors.items()}

    # -- saving: the contact, then its consent with the version the contact's save returned ----
    def _checked_consent(self, is_private: bool) -> consent.ConsentRecord:
        record, errors = consent.clean(self.consent_input(), is_private)
        if errors:
            by_key = {key: field for field, key in CONSENT_FIELDS.items()}
            raise ValidationError({by_key[key]: text for key, text in errors.items()})
        return record

    def _create(self, data: contacts.ContactInput) -> contacts.ContactRow:
        record = self._checked_consent(data.is_private)
        row = contacts.create(data)
        if record.is_empty:
            return row
        return dataclasses.replace(row, version=consent.save(row.id, record, row.version))

    def _update(self, contact_id: int, data: contacts.ContactInput,
                version: int) -> contacts.ContactRow:
        record = self._checked_consent(data.is_private)
        row = contacts.update(contact_id, data, version)
        return dataclasses.replace(row, version=consent.save(contact_id, record, row.version))

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
        record = consent.get(row.id)
        self.consent_given.setDate(record.given_on)
        ui.consentPurposeEdit.setText(record.purpose)
        self.consent_withdrawn.setDate(record.withdrawn_on)

    def describe(self, row: contacts.ContactRow) -> str:
        return f"{row.name} ({row.organisation_name})" if row.organisation_name else row.name


def _date(value) -> dt.date | None:
    return None if value.isNull() else value.toPython()
