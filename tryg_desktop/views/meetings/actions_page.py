"""Handlinger: every action across meetings (who does what by when), with filters, overdue
ones in red, and status changes for several selected actions at once."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QMenu, QPushButton

from tryg_desktop import l10n
from tryg_desktop import settings as S
from tryg_desktop.services.meetings import actions, forums
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.views.kit.list_page import ListPage
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.paged_model import Column, PagedTableModel
from tryg_desktop.views.kit.prompts import confirm_despite_cpr
from tryg_desktop.views.meetings.action_dialog import ActionDialog


OVERDUE = " (overskredet)"


def due_text(row: actions.ActionRow) -> str:
    if row.due is None:
        return ""
    return l10n.short_date(row.due) + (OVERDUE if row.is_overdue() else "")


COLUMNS = [
    Column("Frist", "due", due_text, sample=tuple(d + OVERDUE for d in fit.DATE)),
    Column("Handling", "title", lambda r: r.title, stretch=True),
    Column("Ansvarlig", "responsible",
           lambda r: r.responsible_name or ("mangler ansvarlig" if r.missing_responsible else "")),
    Column("Organisation", "organisation", lambda r: r.organisation_name),
    Column("Mødeforum", None, lambda r: r.forum_name),
    Column("Status", "status", lambda r: r.status_label,
           sample=tuple(actions.STATUS_LABELS.values())),
]
SHOW_CHOICES = [("Åbne og i gang", set(actions.OPEN_STATUSES)), ("Alle", None),
                ("Udførte", {"udført"}), ("Annullerede", {"annulleret"})]


def make_model(parent=None) -> PagedTableModel:
    return PagedTableModel(COLUMNS, actions.fetch, actions.count,
                           actions.ActionFilter(statuses=set(actions.OPEN_STATUSES)), parent,
                           warn=lambda row: row.is_overdue())


class ActionsPage(ListPage):
    plural = "handlinger"
    singular = "handling"
    new_label = "&Ny handling"
    search_placeholder = "Søg på handling, beskrivelse eller ansvarlig (Ctrl+F)"
    has_active = False

    def __init__(self, prompts, settings: S.Settings, parent=None) -> None:
        super().__init__(make_model(), prompts, parent)
        self.settings = settings
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.status_button = QPushButton("Sæt s&tatus")
        menu = QMenu(self.status_button)
        for code, label in actions.STATUSES:
            # Alt+T, then Å/I/U/A: each status by its first letter
            menu.addAction("&" + label, lambda c=code: self.set_status(c))
        self.status_button.setMenu(menu)
        self.print_button = QPushButton("Handlings&liste")
        print_menu = QMenu(self.print_button)
        # The participants' version first; the internal one (with the actions agreed under
        # closed items) only as its own, explicitly named choice.
        print_menu.addAction("Vis og udskriv …", self.preview_list)
        print_menu.addAction("Gem som PDF …", self.save_list)
        print_menu.addAction("Gem listen som CSV (Excel) …", self.save_csv)
        self.excel_action = print_menu.addAction("Gem som Excel …", self.save_excel)
        print_menu.addSection("Intern udgave – med lukkede punkter")
        self.internal_preview_action = print_menu.addAction(
            "Vis og udskriv intern udgave …", lambda: self.preview_list(full=True))
        self.internal_save_action = print_menu.addAction(
            "Gem intern udgave som PDF …", lambda: self.save_list(full=True))
        self.internal_csv_action = print_menu.addAction(
            "Gem intern udgave som CSV (Excel) …", lambda: self.save_csv(full=True))
        self.internal_excel_action = print_menu.addAction(
            "Gem intern udgave som Excel …", lambda: self.save_excel(full=True))
        self.print_button.setMenu(print_menu)
        bottom = self.layout().itemAt(self.layout().count() - 1).layout()
        bottom.insertWidget(1, self.status_button)
        bottom.insertWidget(2, self.print_button)

    def filter_widgets(self):
        self.show_combo = self.filter_combo("Vis", SHOW_CHOICES, "statuses")
        forum_choices = [("Alle mødefora", None)] + [(f.name, f.id) for f in forums.all_forums()]
        self.forum_combo = self.filter_combo("Mødeforum", forum_choices, "forum_id")
        self.forum_combo.setMaximumWidth(200)
        self.overdue_check = QCheckBox("Kun &overskredne")
        self.overdue_check.toggled.connect(
            lambda on: self.model.set_filter(overdue_only=on))
        # One responsible person or organisation at a time; a second click shows all again.
        self.person_button = QPushButton("Ansvarlig: alle")
        self.person_button.clicked.connect(lambda: self.pick("responsible_contact_id"))
        self.org_button = QPushButton("Organisation: alle")
        self.org_button.clicked.connect(lambda: self.pick("organisation_id"))
        return [self.show_combo, self.forum_combo, self.person_button, self.org_button,
                self.overdue_check]

    def pick(self, field: str) -> None:
        from tryg_desktop.services.register import contacts, organisations
        from tryg_desktop.views.kit.picker import PickerDialog, contact_search, organisation_search

        person = field == "responsible_contact_id"
        button = self.person_button if person else self.org_button
        label = "Ansvarlig" if person else "Organisation"
        if getattr(self.model.filter, field) is not None:
            self.model.set_filter(**{field: None})
            button.setText(f"{label}: alle")
            return
        dialog = PickerDialog(label, "Vis handlinger for:",
                              contact_search if person else organisation_search, self)
        if not (self.prompts.run_dialog(dialog) and dialog.chosen_id is not None):
            return
        name = (contacts.get(dialog.chosen_id).name if person
                else organisations.get(dialog.chosen_id).name)
        self.model.set_filter(**{field: dialog.chosen_id})
        button.setText(f"{label}: {name}  ✕")

    def service(self):
        return actions

    def make_dialog(self, record_id):
        return ActionDialog(record_id, self.prompts, self)

    def selected_rows(self) -> list[actions.ActionRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows if self.model.row_at(r) is not None]

    def set_status(self, status: str) -> None:
        chosen = self.selected_rows()
        if not chosen:
            return
        try:
            actions.set_status_many([(r.id, r.version) for r in chosen], status)
        except ServiceError as error:
            self.prompts.warn(self, "Sæt status", error.message)
        self.model.reload()
        self.changed.emit()

    # -- the printed action list (open actions; the page's forum and overdue filters apply) ---
    def _list_pdf(self, full: bool = False) -> bytes | None:
        from tryg_desktop.services.meetings import printing
        from tryg_desktop.services.errors import CprFoundError

        flt = self.model.filter

        def build(allow_cpr: bool = False) -> bytes:
            return printing.actions_pdf_bytes(forum_id=flt.forum_id, overdue_only=flt.overdue_only,
                                              header=self.settings.get(S.HEADER_ORGANISATION),
                                              allow_cpr=allow_cpr, full=full)

        try:
            return build()
        except CprFoundError as error:
            if confirm_despite_cpr(self.prompts, self, "handlingslisten", "den", error.where):
                return build(allow_cpr=True)
            return None
        except ServiceError as error:
            self.prompts.warn(self, "Handlingsliste", error.message)
            return None

    def preview_list(self, full: bool = False) -> None:
        from tryg_desktop.views.kit.pdf_printing import preview_dialog

        pdf = self._list_pdf(full)
        if pdf is not None:
            title = "Handlingsliste (intern udgave)" if full else "Handlingsliste"
            self.prompts.run_dialog(preview_dialog(self, pdf, title))

    def save_list(self, full: bool = False) -> None:
        from pathlib import Path

        from tryg_desktop.services.files import write_atomically

        name = "Handlingsliste intern udgave.pdf" if full else "Handlingsliste.pdf"
        path = self.prompts.save_file(self, "Gem intern handlingsliste" if full
                                      else "Gem handlingsliste",
                                      str(Path.home() / name), "PDF (*.pdf)")
        pdf = self._list_pdf(full) if path is not None else None
        if pdf is not None:
            try:
                write_atomically(path.with_suffix(".pdf"), pdf)
            except ServiceError as error:
                self.prompts.warn(self, "Handlingsliste", error.message)

    def save_csv(self, full: bool = False) -> None:
        """The listed actions (the page's filters) as CSV; the participants' version leaves
        out those agreed under closed items."""
        from pathlib import Path

        from tryg_desktop.services.meetings import action_export
        from tryg_desktop.services.errors import CprFoundError

        name = "Handlinger intern udgave.csv" if full else "Handlinger.csv"
        path = self.prompts.save_file(self, "Gem handlinger som CSV",
                                      str(Path.home() / name), "CSV til Excel (*.csv)")
        if path is None:
            return
        path = path.with_suffix(".csv")
        try:
            try:
                action_export.write_csv(path, self.model.filter, full=full)
            except CprFoundError as error:
                if confirm_despite_cpr(self.prompts, self, "filen", "den", error.where):
                    action_export.write_csv(path, self.model.filter, full=full,
                                            allow_cpr=True)
        except ServiceError as error:
            self.prompts.warn(self, "Gem handlinger som CSV", error.message)

    def save_excel(self, full: bool = False) -> None:
        """The listed actions (the page's filters) as .xlsx, by the same rule as the CSV."""
        import dataclasses
        from pathlib import Path

        from tryg_desktop.services.meetings import action_export
        from tryg_desktop.views.kit.excel_save import save_excel

        flt = dataclasses.replace(self.model.filter)  # the worker's own copy
        name = "Handlinger intern udgave" if full else "Handlinger"
        save_excel(self.prompts, self, "Gem handlinger som Excel", Path.home() / name,
                   lambda path, allow_cpr: action_export.write_xlsx(path, flt, full, allow_cpr))

    def delete_record(self, row: actions.ActionRow) -> bool:
        if not self.prompts.confirm(self, "Slet handling", f"Vil du slette handlingen "
                                    f"»{row.title}«?\n\nSletningen står i historikken.",
                                    yes="Slet", no="Annuller", destructive=True):
            return False
        actions.delete(row.id, row.version)
        return True
