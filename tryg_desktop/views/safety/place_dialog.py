"""The place editor (Sted). The place drop-down the forum, meeting and action editors use is
in views/kit/record_combos.py."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tryg_desktop.services.safety import places
from tryg_desktop.services.safety.safety_terms import PLACE_KINDS
from tryg_desktop.views.kit.colours import muted_style
from tryg_desktop.views.kit.error_label import error_label
from tryg_desktop.views.kit.record_dialog import RecordDialog
from tryg_desktop.views.kit.screen_fit import resize_within_screen


class _PlaceService:
    """places, with clean() told which place is being edited (its own name is no duplicate)."""

    def __init__(self, dialog: PlaceDialog) -> None:
        self._dialog = dialog

    def clean(self, data):
        return places.clean(data, self._dialog.record_id)

    def __getattr__(self, name):  # no find_duplicates: a duplicate name is a field error
        return getattr(places, name)


class PlaceDialog(RecordDialog):
    entity = places.ENTITY
    what = places.WHAT
    noun = "sted"
    new_word = "Nyt"
    field_labels = places.FIELD_LABELS

    def __init__(self, record_id: int | None = None, prompts=None, parent=None) -> None:
        self.record_id = record_id  # _PlaceService reads it before RecordDialog sets it
        super().__init__(_PlaceService(self), record_id, prompts, parent)
        self.name_edit.setFocus()  # typing starts in the first field, not on the tab bar
        resize_within_screen(self, 520, 520)

    def build_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.name_edit = QLineEdit(placeholderText="Fx Kildeparken")
        self.district_combo = QComboBox(editable=True, accessibleName="Bydel")
        self.district_combo.addItem("")
        self.district_combo.addItems(places.districts())
        self.district_combo.lineEdit().setPlaceholderText("Fx Aalborg Midtby")
        self.kind_combo = QComboBox(accessibleName="Type")
        for code, label in PLACE_KINDS:
            self.kind_combo.addItem(label, code)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData("andet"))
        self.latitude_edit = QLineEdit(placeholderText="fx 57,0431", accessibleName="Breddegrad")
        self.longitude_edit = QLineEdit(placeholderText="fx 9,9262", accessibleName="Længdegrad")
        self.notes_edit = QPlainTextEdit(placeholderText="Hvad kendetegner stedet? "
                                         "(ingen oplysninger om enkeltpersoner)")
        self.active_check = QCheckBox("&Aktiv (kan vælges for møder, handlinger og hændelser)")
        self.active_check.setChecked(True)
        self._errors = {name: error_label() for name in
                        ("name", "district", "kind", "latitude", "longitude", "notes")}

        coordinates = QGridLayout()
        coordinates.addWidget(self.latitude_edit, 0, 0)
        coordinates.addWidget(QLabel("N"), 0, 1)
        coordinates.addWidget(self.longitude_edit, 0, 2)
        coordinates.addWidget(QLabel("Ø"), 0, 3)
        coordinates.addWidget(self._errors["latitude"], 1, 0, 1, 4)
        coordinates.addWidget(self._errors["longitude"], 2, 0, 1, 4)
        hint = QLabel("Valgfrit. Decimalkomma eller -punktum, fx 57,0431 og 9,9262.")
        hint.setStyleSheet(muted_style())
        coordinates.addWidget(hint, 3, 0, 1, 4)

        form.addRow("&Navn:", self.name_edit)
        form.addRow("", self._errors["name"])
        form.addRow("&Bydel:", self.district_combo)
        form.addRow("", self._errors["district"])
        form.addRow("&Type:", self.kind_combo)
        form.addRow("", self._errors["kind"])
        coordinates_label = QLabel("&Koordinater:")
        coordinates_label.setBuddy(self.latitude_edit)
        form.addRow(coordinates_label, coordinates)
        form.addRow("Note&r:", self.notes_edit)
        form.addRow("", self._errors["notes"])
        form.addRow("", self.active_check)
        return page

    def editors(self) -> dict[str, QWidget]:
        return {"name": self.name_edit, "district": self.district_combo, "kind": self.kind_combo,
                "latitude": self.latitude_edit, "longitude": self.longitude_edit,
                "notes": self.notes_edit, "active": self.active_check}

    def error_labels(self):
        return self._errors

    def connect_changes(self) -> None:
        # Coordinates come in pairs: typing one shows the error about the other as well
        # (connected first, so the check that follows sees both as touched).
        for edit in (self.latitude_edit, self.longitude_edit):
            edit.textEdited.connect(lambda *_: self._touched.update({"latitude", "longitude"}))
        super().connect_changes()

    def read_input(self) -> places.PlaceInput:
        return places.PlaceInput(
            name=self.name_edit.text(), district=self.district_combo.currentText(),
            kind=self.kind_combo.currentData(), latitude=self.latitude_edit.text(),
            longitude=self.longitude_edit.text(), notes=self.notes_edit.toPlainText(),
            active=self.active_check.isChecked())

    def fill(self, row: places.PlaceRow) -> None:
        self.name_edit.setText(row.name)
        self.district_combo.setCurrentText(row.district)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(row.kind), 0))
        self.latitude_edit.setText(_coordinate_text(row.latitude))
        self.longitude_edit.setText(_coordinate_text(row.longitude))
        self.notes_edit.setPlainText(row.notes)
        self.active_check.setChecked(row.active)


def _coordinate_text(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".").replace(".", ",")
