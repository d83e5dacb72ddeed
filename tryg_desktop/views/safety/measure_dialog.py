"""The editor of a safety measure (Tryghedsmåling): a survey's share who feel safe, or a
tryghedsvandring's findings, for a place or a whole district and a period. Validation from
services/safety/measures.clean shown beside each field; Gem is off while anything is wrong."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop.services.safety import measures, places
from tryg_desktop.views.kit.colours import muted_style
from tryg_desktop.views.kit.date_field import DateField
from tryg_desktop.views.kit.error_label import add_form_row, error_label
from tryg_desktop.views.kit.record_dialog import RecordDialog
from tryg_desktop.views.kit.screen_fit import resize_within_screen

NO_PLACE = "(ingen – målingen gælder en hel bydel)"
FIELDS = ("kind", "place_id", "district", "period_start", "period_end", "source", "value",
          "respondents", "findings")


class MeasureDialog(RecordDialog):
    entity = measures.ENTITY
    what = measures.WHAT
    noun = "måling"
    new_word = "Ny"
    field_labels = measures.FIELD_LABELS

    def __init__(self, record_id: int | None = None, prompts=None, parent=None,
                 place_id: int | None = None, today: dt.date | None = None) -> None:
        self._preset_place = place_id  # a new measure starts at the page's place
        self._today = today or dt.date.today()
        super().__init__(measures, record_id, prompts, parent)
        self.kind_combo.setFocus()
        resize_within_screen(self, 560, 560)

    def build_form(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # the room left goes below the fields, not between them
        self.kind_combo = QComboBox(accessibleName="Type")
        for code, label in measures.KINDS:
            self.kind_combo.addItem(label, code)
        self.place_combo = QComboBox(accessibleName="Sted")
        self.place_combo.addItem(NO_PLACE, None)
        for place_id, name in places.choices(keep_id=self._preset_place):
            self.place_combo.addItem(name, place_id)
        self.place_combo.setCurrentIndex(max(self.place_combo.findData(self._preset_place), 0))
        self.district_combo = QComboBox(editable=True, accessibleName="Bydel")
        self.district_combo.addItem("")
        self.district_combo.addItems(places.districts())
        self.district_combo.lineEdit().setPlaceholderText("Fx Aalborg Midtby")
        year = self._today.year
        self.start_edit = DateField(today=lambda: self._today)
        self.start_edit.setDate(QDate(year, 1, 1))
        self.end_edit = DateField(today=lambda: self._today)
        self.end_edit.setDate(QDate(year, 12, 31))
        self.start_edit.setAccessibleName("Fra")
        self.end_edit.setAccessibleName("Til")
        self.source_edit = QLineEdit(
            placeholderText="Fx Nordjyllands Politi, tryghedsundersøgelse")
        self.value_edit = QLineEdit(placeholderText="fx 62 eller 62,5")
        self.respondents_edit = QLineEdit(placeholderText="fx 1.204")
        self.findings_edit = QPlainTextEdit(
            placeholderText="En tryghedsvandrings fund, fx »Mørk sti langs Vesterbro«, eller en "
                            "note om undersøgelsen. Ingen navne eller CPR-numre.")
        self.findings_edit.setMaximumHeight(110)
        self._errors = {name: error_label() for name in FIELDS}

        def row(label: str, field, error: str, buddy=None) -> None:
            add_form_row(form, label, field, self._errors[error], buddy)

        period = QHBoxLayout()
        period.addWidget(self.start_edit.with_message())
        until = QLabel("t&il")
        until.setBuddy(self.end_edit)
        period.addWidget(until)
        period.addWidget(self.end_edit.with_message())
        period.addStretch(1)
        hint = QLabel("En undersøgelse: andelen, der føler sig trygge. En tryghedsvandring: "
                      "fundene (andelen kan stå tom). Et helt kalenderår vises som årstallet.")
        hint.setWordWrap(True)
        hint.setStyleSheet(muted_style())

        row("&Type:", self.kind_combo, "kind")
        row("&Sted:", self.place_combo, "place_id")
        row("&Bydel:", self.district_combo, "district")
        row("&Periode fra:", period, "period_start", self.start_edit)
        form.addRow("", self._errors["period_end"])
        row("&Kilde:", self.source_edit, "source")
        row("&Andel trygge (%):", self.value_edit, "value")
        row("Bes&varelser:", self.respondents_edit, "respondents")
        row("F&und / note:", self.findings_edit, "findings")
        form.addRow("", hint)
        self.place_combo.currentIndexChanged.connect(self._place_chosen)
        self._place_chosen()
        return page

    def _place_chosen(self) -> None:
        """A place's measure has no district of its own (the place's district is its own)."""
        has_place = self.place_combo.currentData() is not None
        if has_place:
            self.district_combo.setCurrentText("")
        self.district_combo.setEnabled(not has_place)

    def editors(self) -> dict[str, QWidget]:
        return {"kind": self.kind_combo, "place_id": self.place_combo,
                "district": self.district_combo, "period_start": self.start_edit,
                "period_end": self.end_edit, "source": self.source_edit,
                "value": self.value_edit, "respondents": self.respondents_edit,
                "findings": self.findings_edit}

    def error_labels(self):
        return self._errors

    def connect_changes(self) -> None:
        for field in ("kind", "place_id", "district", "source", "value", "respondents",
                      "findings"):
            _signal(self.editors()[field]).connect(lambda *_, f=field: self._changed(f))
        self.start_edit.dateChanged.connect(lambda *_: self._changed("period_start"))
        self.end_edit.dateChanged.connect(lambda *_: self._changed("period_end"))
        for edit, field in ((self.start_edit, "period_start"), (self.end_edit, "period_end")):
            edit.errorChanged.connect(lambda *_, f=field: self._changed(f))

    def extra_errors(self) -> dict[str, str]:
        """A date typed wrong: the field says why under itself; Gem stays off meanwhile."""
        return {field: edit.error() for field, edit in (("period_start", self.start_edit),
                                                        ("period_end", self.end_edit))
                if edit.error()}

    def read_input(self) -> measures.MeasureInput:
        return measures.MeasureInput(
            kind=self.kind_combo.currentData(), place_id=self.place_combo.currentData(),
            district=self.district_combo.currentText(),
            period_start=self.start_edit.date().toPython(),
            period_end=self.end_edit.date().toPython(), source=self.source_edit.text(),
            value=self.value_edit.text(), respondents=self.respondents_edit.text(),
            findings=self.findings_edit.toPlainText())

    def fill(self, row: measures.MeasureRow) -> None:
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(row.kind), 0))
        if row.place_id is not None and self.place_combo.findData(row.place_id) < 0:
            self.place_combo.addItem(row.place_name, row.place_id)  # an inactive place
        self.place_combo.setCurrentIndex(max(self.place_combo.findData(row.place_id), 0))
        self.district_combo.setCurrentText(row.district)
        self.start_edit.setDate(row.period_start)
        self.end_edit.setDate(row.period_end)
        self.source_edit.setText(row.source)
        self.value_edit.setText("" if row.value is None else measures.number_text(row.value))
        self.respondents_edit.setText("" if row.respondents is None else str(row.respondents))
        self.findings_edit.setPlainText(row.findings)

    def row_title(self, row: measures.MeasureRow) -> str:
        return f"{row.kind_label}, {row.where}, {row.period_text}"


def _signal(widget):
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QPlainTextEdit):
        return widget.textChanged
    return widget.currentTextChanged if widget.isEditable() else widget.currentIndexChanged
