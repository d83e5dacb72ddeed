"""Hændelser: the anonymous episode log, newest first, with filters by place, category and
period; Ctrl+N records a new episode, Enter corrects one, Delete removes one (after asking).
"Gem som Excel …" saves the listed episodes (the page's filters) as an .xlsx file."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QPushButton

from tryg_desktop import l10n
from tryg_desktop.services.safety import episodes, safety_terms
from tryg_desktop.views.safety.episode_dialog import EpisodeDialog
from tryg_desktop.views.kit.list_page import ListPage
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.paged_model import Column, PagedTableModel

COLUMNS = [
    Column("Dato", "date", lambda r: l10n.short_date(r.occurred_on), sample=fit.DATE),
    Column("Tid", None, lambda r: r.time_text,
           sample=fit.TIME + tuple(label for _, label in safety_terms.TIME_BANDS)),
    Column("Sted", "place", lambda r: r.place_name),
    Column("Kategori", "category", lambda r: r.category_label,
           sample=tuple(label for _, label in safety_terms.EPISODE_CATEGORIES)),
    Column("Alvor", "severity", lambda r: r.severity_label,
           sample=tuple(label for _, label in safety_terms.SEVERITIES)),
    Column("Anmeldt af", "reporter", lambda r: r.reporter_label,
           sample=tuple(label for _, label in safety_terms.REPORTER_KINDS)),
    Column("Note", None, lambda r: r.note_first_line, stretch=True),
]


def period(name: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """A preset's first and last day (None: open)."""
    if name == "30 dage":
        return today - dt.timedelta(days=29), None
    if name == "12 måneder":
        return today - dt.timedelta(days=364), None
    if name == "i år":
        return dt.date(today.year, 1, 1), None
    if name == "sidste år":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    return None, None


PERIODS = [("Alle perioder", "alle"), ("Seneste 30 dage", "30 dage"),
           ("Seneste 12 måneder", "12 måneder"), ("I år", "i år"), ("Sidste år", "sidste år")]


def make_model(parent=None) -> PagedTableModel:
    return PagedTableModel(COLUMNS, episodes.fetch, episodes.count, episodes.EpisodeFilter(),
                           parent)


class EpisodesPage(ListPage):
    plural = "hændelser"
    singular = "hændelse"
    new_label = "&Ny hændelse"
    search_placeholder = "Søg i noterne (Ctrl+F)"
    has_active = False
    data_changed = Signal()  # an episode was saved or deleted: the Oversigt's figures moved

    def __init__(self, prompts=None, parent=None,
                 now: Callable[[], dt.datetime] | None = None) -> None:
        self._now = now or dt.datetime.now  # tests pin the clock (periods, the form's today)
        super().__init__(make_model(), prompts, parent)
        self.changed.connect(self.data_changed)
        # Newest first: the sort the page opens with is the one the header shows.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.excel_button = QPushButton("Gem som E&xcel …")
        self.excel_button.clicked.connect(self.save_excel)
        bottom = self.layout().itemAt(self.layout().count() - 1).layout()
        bottom.insertWidget(1, self.excel_button)  # beside the count, as Handlinger's list

    def filter_widgets(self):
        places = [("Alle steder", None)] + [(p.name, p.id) for p in episodes.place_choices(
            include_inactive=True)]
        self.place_combo = self.filter_combo("Sted", places, "place_id")
        self.place_combo.setMaximumWidth(200)
        categories = [("Alle kategorier", None)] + [
            (label, code) for code, label in safety_terms.EPISODE_CATEGORIES]
        self.category_combo = self.filter_combo("Kategori", categories, "category")
        self.category_combo.setMaximumWidth(230)
        self.period_combo = QComboBox(accessibleName="Periode")
        for label, name in PERIODS:
            self.period_combo.addItem(label, name)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        return [self.place_combo, self.category_combo, self.period_combo]

    def _period_changed(self) -> None:
        first, last = period(self.period_combo.currentData(), self._now().date())
        self.model.set_filter(date_from=first, date_to=last)

    def reload_places(self) -> None:
        """The Steder page added or renamed a place: the filter lists it as it is now."""
        chosen = self.place_combo.currentData()
        self.place_combo.blockSignals(True)
        self.place_combo.clear()
        self.place_combo.addItem("Alle steder", None)
        for place in episodes.place_choices(include_inactive=True):
            self.place_combo.addItem(place.name, place.id)
        self.place_combo.setCurrentIndex(max(self.place_combo.findData(chosen), 0))
        self.place_combo.blockSignals(False)
        if self.place_combo.currentData() != chosen:
            self.model.set_filter(place_id=None)

    def service(self):
        return episodes

    def save_excel(self) -> None:
        """Every episode the list shows (its filters and search), oldest first."""
        from dataclasses import replace
        from pathlib import Path

        from tryg_desktop.services.safety import episode_export
        from tryg_desktop.views.kit.excel_save import save_excel

        flt = replace(self.model.filter)  # the worker's own copy
        save_excel(self.prompts, self, "Gem hændelser som Excel", Path.home() / "Hændelser",
                   lambda path, allow_cpr: episode_export.write_xlsx(path, flt, allow_cpr))

    def make_dialog(self, record_id):
        return EpisodeDialog(record_id, self.prompts, self, now=self._now)

    def new_episode(self) -> None:
        """Fil → Registrér hændelse and Ctrl+N."""
        self.new_record()

    def new_record(self) -> None:
        dialog = self.make_dialog(None)
        self.prompts.run_dialog(dialog)
        # "Gem og ny" may have saved several before the dialog was closed with Esc.
        if dialog.saved_row is not None:
            self.model.reload()
            self.select_id(dialog.saved_row.id)
            self.changed.emit()

    def delete_record(self, row: episodes.EpisodeRow) -> bool:
        if not self.prompts.confirm(
                self, "Slet hændelse",
                f"Vil du slette hændelsen {l10n.short_date(row.occurred_on)} {row.time_text} ved "
                f"{row.place_name} ({row.category_label.lower()})?\n\n"
                "Den tæller så ikke længere med i tallene. Sletningen står i historikken.",
                yes="Slet", no="Annuller", destructive=True):
            return False
        episodes.delete(row.id, row.version)
        return True
