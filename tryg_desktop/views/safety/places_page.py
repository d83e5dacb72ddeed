"""Steder: the list of places (parks, squares, streets, neighbourhoods) and, one at a time,
a place's own page with everything linked to it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton

from tryg_desktop import l10n
from tryg_desktop.services import db_health
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.safety import measures, places
from tryg_desktop.services.safety.safety_terms import PLACE_KINDS
from tryg_desktop.views.kit.list_and_detail import ListAndDetailPage, ShowableList
from tryg_desktop.views.kit.list_page import ACTIVE_CHOICES
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.paged_model import Column, PagedTableModel
from tryg_desktop.views.safety.place_view import PlaceView

COLUMNS = [
    Column("Navn", "name", lambda r: r.name, stretch=True),
    Column("Bydel", "district", lambda r: r.district),
    Column("Type", "kind", lambda r: r.kind_label,
           sample=tuple(label for _, label in PLACE_KINDS)),
    Column("Hændelser seneste 12 mdr.", "episodes",
           lambda r: l10n.format_integer(r.episodes_12m or 0), align_right=True,
           sample=fit.COUNT),
    Column("Aktiv", "active", lambda r: "Ja" if r.active else "Nej", sample=fit.YES_NO),
]


def make_model(today: dt.date | None = None, parent=None) -> PagedTableModel:
    since = places.last_12_months_start(today or dt.date.today())
    return PagedTableModel(COLUMNS, places.fetch, places.count,
                           places.PlaceFilter(active=True, episodes_since=since), parent)


class PlaceList(ShowableList):
    entity = places.ENTITY  # the table: what the login's role may change
    plural = "steder"
    singular = "sted"
    new_label = "&Nyt sted"
    search_placeholder = "Søg på navn, bydel eller noter (Ctrl+F)"
    show_label = "Vis s&tedet"
    show_tooltip = "Alt, der er knyttet til stedet (Ctrl+Enter)"

    def __init__(self, prompts=None, parent=None, today: dt.date | None = None) -> None:
        super().__init__(make_model(today), prompts, parent)
        # Surveys and tryghedsvandringer from a CSV file (services/safety/measures_import.py).
        self.import_measures_button = QPushButton("&Importér tryghedsmålinger …")
        self.import_measures_button.setToolTip(
            "En CSV-fil med kolonnerne type;sted;bydel;fra;til;kilde;andel_trygge;"
            "besvarelser;fund. Målingerne vises på stedernes og indsatsernes sider.")
        self.import_measures_button.clicked.connect(self.import_measures)
        self.import_measures_button.setEnabled(db_health.may_change(measures.ENTITY))
        bottom = self.layout().itemAt(self.layout().count() - 1).layout()
        bottom.insertWidget(2, self.import_measures_button)  # after the count and the stretch

    def filter_widgets(self):
        districts = [("Alle bydele", None)] + [(d, d) for d in places.districts()]
        self.district_combo = self.filter_combo("Bydel", districts, "district")
        kinds = [("Alle typer", None)] + [(label, code) for code, label in PLACE_KINDS]
        self.kind_combo = self.filter_combo("Type", kinds, "kind")
        self.active_combo = self.filter_combo("Aktive", ACTIVE_CHOICES, "active")
        return [self.district_combo, self.kind_combo, self.active_combo]

    def refresh_districts(self) -> None:
        """A new district typed in the editor joins the filter's list."""
        current = self.district_combo.currentData()
        self.district_combo.blockSignals(True)
        self.district_combo.clear()
        self.district_combo.addItem("Alle bydele", None)
        for district in places.districts():
            self.district_combo.addItem(district, district)
        self.district_combo.setCurrentIndex(max(self.district_combo.findData(current), 0))
        self.district_combo.blockSignals(False)

    def service(self):
        return places

    def make_dialog(self, record_id):
        from tryg_desktop.views.safety.place_dialog import PlaceDialog

        return PlaceDialog(record_id, self.prompts, self)

    def delete_record(self, row: places.PlaceRow) -> bool:
        episodes = places.episode_count(row.id)
        if episodes:
            noun = "hændelse" if episodes == 1 else "hændelser"
            choice = self.prompts.choose(
                self, "Slet sted",
                f"»{row.name}« har {l10n.format_integer(episodes)} registrerede {noun} og kan "
                "ikke slettes: de ville forsvinde fra statistikken.\n\nMarkér stedet som "
                "inaktivt i stedet? Så kan det ikke vælges til nye registreringer, men tallene "
                "bevares.", ["Markér som inaktivt"], cancel="Annuller")
            if choice != 0 or not row.active:
                return False
            places.set_active(row.id, False, row.version)
            return True
        if not self.prompts.confirm(
                self, "Slet sted",
                f"Vil du slette stedet »{row.name}«?\n\nMøder, handlinger og mødefora på "
                "stedet beholdes uden sted. Sletningen står i historikken.",
                yes="Slet", no="Annuller", destructive=True):
            return False
        places.delete(row.id, row.version)
        return True

    def new_record(self) -> None:
        super().new_record()
        self.refresh_districts()

    def import_measures(self) -> None:
        """All or nothing: a refused line is named with its number, and nothing is kept."""
        from tryg_desktop.services.safety import measures_import

        title = "Importér tryghedsmålinger"
        path = self.prompts.open_file(self, title, "", "CSV-filer (*.csv *.txt);;Alle filer (*)")
        if path is None:
            return
        try:
            result = measures_import.import_file(path)
        except measures_import.MeasureImportError as error:
            lines = error.lines[:measures_import.MAX_SHOWN_ERRORS]
            more = len(error.lines) - len(lines)
            text = ("Intet er importeret. Ret linjerne, og prøv igen:\n\n" + "\n".join(lines)
                    + (f"\n… og {more} linjer mere." if more else "")) if lines else error.message
            self.prompts.warn(self, title, text)
            return
        except ServiceError as error:
            self.prompts.warn(self, title, error.message)
            return
        self.prompts.inform(self, title, f"{result.summary} De vises under »Tryghed målt "
                            "udefra« på stedernes og indsatsernes sider.")
        self.changed.emit()


class PlacesPage(ListAndDetailPage):
    """The list, and a place's page in its place (← Alle steder goes back)."""

    open_meeting = Signal(int)
    open_action = Signal(int)
    open_effort = Signal(int)
    open_forum = Signal(int)
    open_episode = Signal(int)
    forwarded = ("open_meeting", "open_action", "open_effort", "open_forum", "open_episode")

    def __init__(self, prompts=None, parent=None, today: dt.date | None = None) -> None:
        super().__init__(PlaceList(prompts, today=today),
                         PlaceView(today=today, prompts=prompts), parent)

    def show_place(self, place_id: int) -> None:
        self.show_record(place_id)

    def live_refresh(self) -> None:
        """A colleague changed one (the team's server): the list keeps its place, an open
        record's page shows it as it is now."""
        self.list.live_refresh()
        if self.stack.currentWidget() is self.view:
            self.view.refresh()
