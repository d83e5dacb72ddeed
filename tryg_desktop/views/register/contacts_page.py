"""Kontakter: the register of contact persons and residents."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from tryg_desktop import l10n
from tryg_desktop.services.register import contacts
from tryg_desktop.views.kit.list_page import ACTIVE_CHOICES, ListPage
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.paged_model import Column, PagedTableModel

COLUMNS = [
    Column("Navn", "name", lambda r: r.name + (" (privatperson)" if r.is_private else ""),
           stretch=True),
    Column("Organisation", "organisation", lambda r: r.organisation_name),
    Column("Titel/rolle", "title", lambda r: r.title),
    Column("Telefon", "phone", lambda r: l10n.format_phone(r.phone or r.mobile),
           sample=fit.PHONE),
    Column("E-mail", "email", lambda r: r.email),
]
KIND_CHOICES = [("Alle kontakter", None), ("Kontaktpersoner", False), ("Privatpersoner", True)]


def make_model(parent=None) -> PagedTableModel:
    return PagedTableModel(COLUMNS, contacts.fetch, contacts.count,
                           contacts.ContactFilter(active=True), parent)


class ContactsPage(ListPage):
    entity = contacts.ENTITY  # the table: what the login's role may change
    plural = "kontakter"
    singular = "kontakt"
    new_label = "&Ny kontakt"
    search_placeholder = "Søg på navn, organisation, titel, e-mail eller telefon (Ctrl+F)"

    def __init__(self, prompts=None, parent=None) -> None:
        super().__init__(make_model(), prompts, parent)

    def filter_widgets(self):
        self.active_combo = self.filter_combo("Status", ACTIVE_CHOICES, "active")
        self.kind_combo = self.filter_combo("Slags", KIND_CHOICES, "private")
        # Shown while the list is limited to one organisation ("Vis kontakter"); a click clears it.
        self.organisation_chip = QPushButton(toolTip="Vis kontakter fra alle organisationer")
        self.organisation_chip.clicked.connect(lambda: self.show_organisation(None))
        self.organisation_chip.hide()
        return [self.organisation_chip, self.active_combo, self.kind_combo]

    def show_organisation(self, org_id: int | None, name: str = "") -> None:
        self.organisation_chip.setText(f"Kun {name}  ✕")
        self.organisation_chip.setVisible(org_id is not None)
        self.model.set_filter(organisation_id=org_id)

    def service(self):
        return contacts

    def make_dialog(self, record_id):
        from tryg_desktop.views.register.contact_dialog import ContactDialog  # loaded on first use

        return ContactDialog(record_id, self.prompts, self,
                             organisation_id=self.model.filter.organisation_id)

    # -- data protection (issue 13): an administrator's work on one person ----------------------
    def extend_context_menu(self, menu, record) -> None:
        from tryg_desktop.services.data_protection.admin import is_admin

        if record is None or not is_admin():
            return
        menu.addSeparator()
        menu.addAction("&Indsigt (art. 15) …", self.answer_access_request)
        menu.addAction("Slet &person (art. 17) …", self.erase_person)

    def _chosen_contact(self, doing: str) -> contacts.ContactRow | None:
        record = self.current_record()
        if record is None:
            self.prompts.inform(self, doing, "Vælg først en kontakt i listen.")
        return record

    def answer_access_request(self) -> None:
        record = self._chosen_contact("Indsigt")
        if record is not None:
            from tryg_desktop.views.data_protection.access_request_dialog import (
                answer_access_request,
            )

            answer_access_request(self, record.id, self.prompts)

    def erase_person(self) -> None:
        record = self._chosen_contact("Slet person")
        if record is None:
            return
        from tryg_desktop.views.data_protection.erasure_dialog import erase_contact

        if erase_contact(self, record.id, self.prompts):
            self.model.reload()
            self.changed.emit()

    def delete_record(self, row: contacts.ContactRow) -> bool:
        if not self.prompts.confirm(
                self, "Slet kontakt",
                f"Vil du slette kontakten »{row.name}«?\n\nSletningen kan ikke fortrydes; "
                "den står i historikken.", yes="Slet", no="Annuller", destructive=True):
            return False
        contacts.delete(row.id, row.version)
        return True
