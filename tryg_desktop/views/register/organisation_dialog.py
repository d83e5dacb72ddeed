"""The organisation editor (Organisation), on the Designer form ui/organisation_form.ui."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tryg_desktop import l10n
from tryg_desktop.services.register import organisations
from tryg_desktop.views.forms.organisation_form_ui import Ui_OrganisationForm
from tryg_desktop.views.kit.record_dialog import RecordDialog


class OrganisationDialog(RecordDialog):
    entity = organisations.ENTITY
    what = organisations.WHAT
    noun = "organisation"
    field_labels = organisations.FIELD_LABELS

    def build_form(self) -> QWidget:
        page = QWidget()
        self.ui = Ui_OrganisationForm()
        self.ui.setupUi(page)
        for code, label in organisations.KINDS:
            self.ui.kindCombo.addItem(label, code)
        self.ui.kindCombo.setCurrentIndex(self.ui.kindCombo.findData("andet"))
        return page

    def editors(self) -> dict[str, QWidget]:
        ui = self.ui
        return {"name": ui.nameEdit, "kind": ui.kindCombo, "street": ui.streetEdit,
                "postal_code": ui.postalCodeEdit, "city": ui.cityEdit, "phone": ui.phoneEdit,
                "email": ui.emailEdit, "website": ui.websiteEdit, "notes": ui.notesEdit,
                "active": ui.activeCheck}

    def error_labels(self):
        ui = self.ui
        return {"name": ui.nameError, "postal_code": ui.postalCodeError, "phone": ui.phoneError,
                "email": ui.emailError, "website": ui.websiteError, "notes": ui.notesError}

    def read_input(self) -> organisations.OrganisationInput:
        ui = self.ui
        return organisations.OrganisationInput(
            name=ui.nameEdit.text(), kind=ui.kindCombo.currentData(), street=ui.streetEdit.text(),
            postal_code=ui.postalCodeEdit.text(), city=ui.cityEdit.text(),
            phone=ui.phoneEdit.text(), email=ui.emailEdit.text(), website=ui.websiteEdit.text(),
            notes=ui.notesEdit.toPlainText(), active=ui.activeCheck.isChecked())

    def fill(self, row: organisations.OrganisationRow) -> None:
        ui = self.ui
        ui.nameEdit.setText(row.name)
        ui.kindCombo.setCurrentIndex(max(ui.kindCombo.findData(row.kind), 0))
        ui.streetEdit.setText(row.street)
        ui.postalCodeEdit.setText(row.postal_code)
        ui.cityEdit.setText(row.city)
        ui.phoneEdit.setText(l10n.format_phone(row.phone))
        ui.emailEdit.setText(row.email)
        ui.websiteEdit.setText(row.website)
        ui.notesEdit.setPlainText(row.notes)
        ui.activeCheck.setChecked(row.active)
