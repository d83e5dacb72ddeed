"""Indsatser: the list of efforts in the three strands and, one at a time, an effort's own page
with its timeline and the episodes before and after its start."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal

from tryg_desktop import l10n
from tryg_desktop.services.safety import efforts
from tryg_desktop.services.safety.safety_terms import EFFORT_STATUSES, STRANDS
from tryg_desktop.views.safety.effort_view import EffortView
from tryg_desktop.views.kit.list_and_detail import ListAndDetailPage, ShowableList
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.paged_model import Column, PagedTableModel

COLUMNS = [
    Column("Titel", "title", lambda r: r.title, stretch=True),
    Column("Spor", "strand", lambda r: r.strand_label,
           sample=tuple(label for _, label in STRANDS)),
    Column("Status", "status", lambda r: r.status_label,
           sample=tuple(label for _, label in EFFORT_STATUSES)),
    Column("Start", "starts_on", lambda r: l10n.short_date(r.starts_on), sample=fit.DATE),
    Column("Slut", "ends_on", lambda r: l10n.short_date(r.ends_on) if r.ends_on else "",
           sample=fit.DATE),
    Column("Steder", None, lambda r: r.places_text),
    Column("Koordinator", "coordinator", lambda r: r.coordinator_name),
]


def make_model(parent=None) -> PagedTableModel:
    return PagedTableModel(COLUMNS, efforts.fetch, efforts.count, efforts.EffortFilter(), parent)


class EffortList(ShowableList):
    entity = efforts.ENTITY  # the table: what the login's role may change
    plural = "indsatser"
    singular = "indsats"
    new_label = "&Ny indsats"
    search_placeholder = "Søg på titel, mål eller sted (Ctrl+F)"
    has_active = False
    show_label = "Vis &indsatsen"
    show_tooltip = "Tidslinje og hændelser før og efter start (Ctrl+Enter)"

    def __init__(self, prompts=None, parent=None) -> None:
        super().__init__(make_model(), prompts, parent)
        self.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)

    def filter_widgets(self):
        strands = [("Alle spor", None)] + [(label, code) for code, label in STRANDS]
        self.strand_combo = self.filter_combo("Spor", strands, "strand")
        statuses = [("Alle statusser", None)] + [(label, code) for code, label in EFFORT_STATUSES]
        self.status_combo = self.filter_combo("Status", statuses, "status")
        return [self.strand_combo, self.status_combo]

    def service(self):
        return efforts

    def make_dialog(self, record_id, place_id: int | None = None):
        from tryg_desktop.views.safety.effort_dialog import EffortDialog

        return EffortDialog(record_id, self.prompts, self, place_id=place_id)

    def delete_record(self, row: efforts.EffortRow) -> bool:
        if not self.prompts.confirm(
                self, "Slet indsats",
                f"Vil du slette indsatsen »{row.title}«?\n\nDens møder og handlinger beholdes "
                "uden indsats. Sletningen står i historikken.",
                yes="Slet", no="Annuller", destructive=True):
            return False
        efforts.delete(row.id, row.version)
        return True


class EffortsPage(ListAndDetailPage):
    """The list, and an effort's page in its place (← Alle indsatser goes back)."""

    open_meeting = Signal(int)
    open_action = Signal(int)
    open_place = Signal(int)
    forwarded = ("open_meeting", "open_action", "open_place")

    def __init__(self, prompts=None, parent=None, today: dt.date | None = None) -> None:
        super().__init__(EffortList(prompts), EffortView(today=today, prompts=prompts), parent)

    def show_effort(self, effort_id: int) -> None:
        self.show_record(effort_id)

    def live_refresh(self) -> None:
        """A colleague changed one (the team's server): the list keeps its place, an open
        record's page shows it as it is now."""
        self.list.live_refresh()
        if self.stack.currentWidget() is self.view:
            self.view.refresh()
