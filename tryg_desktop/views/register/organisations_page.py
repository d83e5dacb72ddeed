"""Organisationer: the partners."""

from __future__ import annotations

from PySide6.QtCore import Signal

from tryg_desktop import l10n
from tryg_desktop.services.register import organisations
from tryg_desktop.views.kit.list_page import ACTIVE_CHOICES, ListPage
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.paged_model import Column, PagedTableModel

COLUMNS = [
    Column("Navn", "name", lambda r: r.name, stretch=True),
    Column("Type", "kind", lambda r: r.kind_label,
           sample=tuple(organisations.KIND_LABELS.values())),
    Column("By", "city", lambda r: " ".join(p for p in (r.postal_code, r.city) if p)),
    Column("Telefon", "phone", lambda r: l10n.format_phone(r.phone), sample=fit.PHONE),
    Column("E-mail", "email", lambda r: r.email),
    Column("Kontakter", "contact_count", lambda r: l10n.format_integer(r.contact_count),
           align_right=True, sample=fit.COUNT),
]


def make_model(parent=None) -> PagedTableModel:
    return PagedTableModel(COLUMNS, organisations.fetch, organisations.count,
                           organisations.OrganisationFilter(active=True), parent)


class OrganisationsPage(ListPage):
    entity = organisations.ENTITY  # the table: what the login's role may change
    plural = "organisationer"
    singular = "organisation"
    new_label = "&Ny organisation"
    search_placeholder = "Søg på navn, type, by, e-mail eller telefon (Ctrl+F)"
    show_contacts = Signal(int, str)  # organisation id and name

    def __init__(self, prompts=None, parent=None) -> None:
        super().__init__(make_model(), prompts, parent)

    def filter_widgets(self):
        kinds = [("Alle typer", None)] + [(label, code) for code, label in organisations.KINDS]
        self.kind_combo = self.filter_combo("Type", kinds, "kind")
        self.active_combo = self.filter_combo("Status", ACTIVE_CHOICES, "active")
        return [self.kind_combo, self.active_combo]

    def service(self):
        return organisations

    def make_dialog(self, record_id):
        from tryg_desktop.views.register.organisation_dialog import OrganisationDialog

        return OrganisationDialog(organisations, record_id, self.prompts, self)

    def delete_record(self, row: organisations.OrganisationRow) -> bool:
        if row.contact_count:
            noun = "kontaktperson" if row.contact_count == 1 else "kontaktpersoner"
            choice = self.prompts.choose(
                self, "Slet organisation",
                f"»{row.name}« har {row.contact_count} {noun}.\n\nVil du slette organisationen "
                f"og beholde {noun}ne uden organisation?",
                ["Slet og fjern tilknytningen"], cancel="Annuller")
            if choice != 0:
                return False
            organisations.delete(row.id, row.version, unlink_contacts=True)
            return True
        if not self.prompts.confirm(
                self, "Slet organisation",
                f"Vil du slette organisationen »{row.name}«?\n\nSletningen kan ikke fortrydes; "
                "den står i historikken.", yes="Slet", no="Annuller", destructive=True):
            return False
        organisations.delete(row.id, row.version)
        return True

    def extend_context_menu(self, menu, record) -> None:
        if record is None:
            return
        menu.addSeparator()
        menu.addAction("Ny kontakt i organisationen …", lambda: self.new_contact(record.id))
        menu.addAction("Vis kontakter", lambda: self.show_contacts.emit(record.id, record.name))

    def new_contact(self, org_id: int) -> None:
        from tryg_desktop.views.register.contact_dialog import ContactDialog

        dialog = ContactDialog(None, self.prompts, self, organisation_id=org_id)
        if self.prompts.run_dialog(dialog):
            self.refresh()
            self.changed.emit()
