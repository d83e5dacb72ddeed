"""'Tryghed målt udefra' on a place's and an effort's page (issue 15, point 9): the surveys and
tryghedsvandringer of the places and their districts in a small table, one sentence that puts
the share who feel safe next to the episode trend the page shows, and Ny måling / Redigér /
Slet. A login that may not change measures (a læser, a referent, a read-only file) sees them
but cannot add, edit or delete."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QVBoxLayout,
)

from tryg_desktop.services import db_health
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.safety import measures
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.colours import muted_style
from tryg_desktop.views.kit.list_and_detail import ID_ROLE, add_item
from tryg_desktop.views.kit.prompts import Prompts

TITLE = "Tryghed målt udefra"
EMPTY = ("Ingen tryghedsmålinger endnu. Tilføj en med Ny måling … eller importér en CSV-fil "
         "(Steder: Importér tryghedsmålinger …).")
ROLE_TIP = ("Din rolle må se tryghedsmålingerne, men ikke ændre dem. Spørg en koordinator.")
HEADERS = ["Periode", "Type", "Hvor", "Kilde", "Resultat", "Ændring"]


class MeasuresPanel(QGroupBox):
    changed = Signal()  # a measure was added, changed or deleted: the page reloads

    def __init__(self, prompts: Prompts | None = None, parent=None) -> None:
        super().__init__(TITLE, parent)
        self.prompts = prompts or Prompts()  # the page's, which are the window's
        self.rows: list[measures.MeasureRow] = []
        self.place_ids: list[int] = []
        self.sentence_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.sentence_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty_label = QLabel(EMPTY, wordWrap=True)
        self.empty_label.setStyleSheet(muted_style())
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(HEADERS)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        # Resultat (a walk's findings) stretches; the period and the kind as wide as needed.
        fit.fit_columns(self.tree, stretch=4, samples={
            0: ("30.12.2026–31.12.2026",), 1: tuple(measures.KIND_LABELS.values())})
        self.tree.setAccessibleName(TITLE)
        self.tree.setMinimumHeight(90)
        self.tree.itemActivated.connect(lambda *_: self.edit_current())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.new_button = QPushButton("&Ny måling …")
        self.new_button.clicked.connect(self.new_measure)
        self.edit_button = QPushButton("Redi&gér …")
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton("S&let")
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sentence_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    # -- filling -------------------------------------------------------------------------------
    def may_change(self) -> bool:
        return db_health.may_change(measures.ENTITY)

    def load(self, place_ids: list[int], episode_change: int | None) -> None:
        """The measures of the places and their districts; episode_change: the page's episode
        trend in whole per cent (None: none to compare)."""
        self.place_ids = list(place_ids)
        self.rows = measures.for_places(self.place_ids)
        self.sentence_label.setText(
            measures.trend_sentence(self.rows, episode_change, self.place_ids))
        self.sentence_label.setVisible(bool(self.sentence_label.text()))
        self.empty_label.setVisible(not self.rows)
        self.tree.setVisible(bool(self.rows))
        current = self.current_id()
        self.tree.clear()
        for row in self.rows:
            item = add_item(self.tree, [row.period_text, row.kind_label, row.where, row.source,
                                        row.result_text, row.change_text],
                            measures.ENTITY, row.id, tooltip=row.findings)
            if row.id == current:
                self.tree.setCurrentItem(item)
        self._update_buttons()

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, ID_ROLE)

    def current_row(self) -> measures.MeasureRow | None:
        return next((r for r in self.rows if r.id == self.current_id()), None)

    def _update_buttons(self) -> None:
        writable = self.may_change()
        chosen = self.current_id() is not None
        self.new_button.setEnabled(writable and bool(self.place_ids))
        self.delete_button.setEnabled(writable and chosen)
        self.edit_button.setEnabled(chosen)  # a reader opens it to read it and its history
        self.edit_button.setText("Redi&gér …" if writable else "Vi&s …")
        for button in (self.new_button, self.delete_button):
            button.setToolTip("" if writable else ROLE_TIP)

    # -- the buttons ---------------------------------------------------------------------------
    def _dialog(self, measure_id: int | None):
        from tryg_desktop.views.safety.measure_dialog import MeasureDialog

        place_id = self.place_ids[0] if self.place_ids else None
        return MeasureDialog(measure_id, self.prompts, self, place_id=place_id)

    def _run(self, measure_id: int | None) -> None:
        """The dialog for a new measure (None) or this one; the page reloads after a save."""
        dialog = self._dialog(measure_id)
        self.prompts.run_dialog(dialog)
        if dialog.saved_row is not None:
            self.changed.emit()

    def new_measure(self) -> None:
        if self.may_change():
            self._run(None)

    def edit_current(self) -> None:
        measure_id = self.current_id()
        if measure_id is not None:
            self._run(measure_id)

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None or not self.may_change():
            return
        if not self.prompts.confirm(
                self, "Slet måling",
                f"Vil du slette målingen »{row.kind_label}, {row.where}, {row.period_text}«?"
                "\n\nSletningen står i historikken.", yes="Slet", no="Annuller",
                destructive=True):
            return
        try:
            measures.delete(row.id, row.version)
        except ServiceError as error:
            self.prompts.warn(self, "Kunne ikke slette", error.message)
        self.changed.emit()
