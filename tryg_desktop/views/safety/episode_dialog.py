"""The episode form (Hændelse), built for the keyboard: a trained user records an episode in
about 15 seconds. Enter moves to the next field, Ctrl+Enter saves, Ctrl+Shift+Enter saves and
starts the next one with the same date and place. No field can hold who was involved."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop.services.safety import episodes, safety_terms
from tryg_desktop.services.errors import ConnectionLostError, ServiceError
from tryg_desktop.services.privacy import quoted
from tryg_desktop.views.kit.accessible import name_from_labels
from tryg_desktop.views.kit.date_field import DateField
from tryg_desktop.views.safety.episode_fields import (
    KeyedCombo,
    PlaceField,
    SeverityField,
    day_name,
    with_error,
)
from tryg_desktop.views.kit.colours import ERROR_TEXT, SUCCESS_TEXT, muted_style, text_style
from tryg_desktop.views.kit.error_label import error_label
from tryg_desktop.views.kit.history_view import HistoryView
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit.record_dialog import AsksBeforeDiscarding, explain_save_failure
from tryg_desktop.views.kit.screen_fit import resize_within_screen

KEPT_OFFLINE = ("Forbindelsen til den fælles database er afbrudt. Hændelsen er gemt på denne "
                "computer og sendes, så snart forbindelsen virker igen.")


class EpisodeDialog(AsksBeforeDiscarding, QDialog):
    """New episode (episode_id None) or a correction of one, with its Historik."""

    saved = Signal(object)  # the EpisodeRow, after every save (also "Gem og ny")
    discard_title = "Ikke gemt hændelse"
    discard_text = "Du har skrevet noget, der ikke er gemt."
    discard_choice = "Kassér"

    def __init__(self, episode_id: int | None, prompts: Prompts | None = None, parent=None,
                 now: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts or Prompts()
        self.episode_id = episode_id
        self._now = now or dt.datetime.now  # tests pin the clock
        self.version: int | None = None
        self.saved_row: episodes.EpisodeRow | None = None
        self._touched: set[str] = set()
        self._loading = False
        self._dirty = False
        row = episodes.get(episode_id) if episode_id is not None else None

        # "1/12" typed in March is last December: the field's latest day is today.
        self.date_edit = DateField(display="long", today=lambda: self._now().date())
        self.date_edit.setMaximumDate(QDate(self._now().date()))
        self.date_edit.setMinimumDate(QDate(2000, 1, 1))
        self.time_edit = QLineEdit(placeholderText="fx 21.15")
        self.time_edit.setMaximumWidth(90)
        self.band_combo = KeyedCombo(safety_terms.TIME_BANDS, "Vælg tidsrum")
        self.place_field = PlaceField(episodes.place_choices(row.place_id if row else None))
        self.district_label = QLabel(styleSheet=muted_style(), minimumWidth=110)
        self.day_label = QLabel(styleSheet=muted_style())  # "i går", "mandag": is that the day?
        self.category_combo = KeyedCombo(safety_terms.EPISODE_CATEGORIES, "Vælg kategori (1–8)",
                                         numbered=True)
        self.severity = SeverityField()
        self.reporter_combo = KeyedCombo(safety_terms.REPORTER_KINDS, "Vælg hvem (1–7)",
                                         numbered=True)
        self.note_edit = QPlainTextEdit(tabChangesFocus=True)
        self.note_edit.setPlaceholderText("Hvad skete der?")
        self.note_edit.setFixedHeight(96)
        self.counter_label = QLabel(alignment=Qt.AlignmentFlag.AlignRight)
        self.hint_label = QLabel(safety_terms.EPISODE_NOTE_HINT, wordWrap=True,
                                 styleSheet=muted_style())
        self.errors = {name: error_label() for name in (
            "occurred_on", "time", "place_id", "category", "severity", "reporter_kind", "note")}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit.with_message())  # "Juni har kun 30 dage."
        date_row.addSpacing(6)
        date_row.addWidget(self.day_label)
        date_row.addStretch(1)
        form.addRow("&Dato:", with_error(date_row, self.errors["occurred_on"], self.date_edit))
        time_row = QHBoxLayout()
        time_row.addWidget(self.time_edit)
        band_label = QLabel("eller tids&rum:")
        band_label.setBuddy(self.band_combo)
        time_row.addWidget(band_label)
        time_row.addWidget(self.band_combo)
        time_row.addStretch(1)
        form.addRow("&Tidspunkt:", with_error(time_row, self.errors["time"], self.time_edit))
        place_row = QHBoxLayout()
        place_row.addWidget(self.place_field, 1)
        place_row.addSpacing(6)
        place_row.addWidget(self.district_label)
        form.addRow("&Sted:", with_error(place_row, self.errors["place_id"], self.place_field))
        form.addRow("&Kategori:", with_error(self.category_combo, self.errors["category"]))
        form.addRow("&Alvor:", with_error(self.severity, self.errors["severity"]))
        form.addRow("Anmeldt a&f:", with_error(self.reporter_combo,
                                                self.errors["reporter_kind"]))
        note_box = QVBoxLayout()
        note_box.setSpacing(2)
        note_box.addWidget(self.note_edit)
        below = QHBoxLayout()
        below.addWidget(self.hint_label, 1)
        below.addWidget(self.counter_label, 0, Qt.AlignmentFlag.AlignTop)
        note_box.addLayout(below)
        form.addRow("Not&e:", with_error(note_box, self.errors["note"], self.note_edit))
        form_page = QWidget()
        page_layout = QVBoxLayout(form_page)
        page_layout.addLayout(form)
        page_layout.addStretch(1)  # spare height below the note, not inside the form

        self.tabs = QTabWidget()
        self.tabs.addTab(form_page, "&Oplysninger")
        self.history = HistoryView(episodes.ENTITY, episodes.FIELD_LABELS)
        self.tabs.addTab(self.history, "&Historik")
        self.tabs.setTabEnabled(1, row is not None)

        self.status_label = QLabel(styleSheet=text_style(SUCCESS_TEXT))
        self.status_label.hide()
        keys = QLabel("Enter: næste felt · Ctrl+Enter: gem · Ctrl+Shift+Enter: gem og ny · "
                      "Esc: luk", styleSheet=muted_style())
        self.save_new_button = QPushButton("Gem og &ny", toolTip="Ctrl+Shift+Enter eller Alt+N")
        self.save_new_button.clicked.connect(self.save_and_new)
        self.save_button = QPushButton("&Gem", toolTip="Ctrl+Enter eller Ctrl+S")
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton("Annuller")
        cancel.clicked.connect(self.reject)
        for button in (self.save_new_button, self.save_button, cancel):
            button.setAutoDefault(False)  # Enter goes to the next field, it never saves
        self.save_new_button.setVisible(row is None)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_new_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.status_label)
        layout.addWidget(keys)
        layout.addLayout(buttons)

        for keys_ in ("Ctrl+Return", "Ctrl+Enter", QKeySequence.StandardKey.Save):
            QShortcut(QKeySequence(keys_), self, activated=self.save)
        for keys_ in ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"):
            QShortcut(QKeySequence(keys_), self, activated=self.save_and_new)

        self._connect_changes()
        self.place_field.lineEdit().entered.connect(self._place_entered)
        if row is None:
            self.setWindowTitle("Ny hændelse")
            self.date_edit.setDate(QDate(self._now().date()))
            self._dirty = False
        else:
            self._fill(row)
        self._validate()
        name_from_labels(self)
        resize_within_screen(self, 660, 500)
        self.date_edit.setFocus()

    # -- reading and filling ----------------------------------------------------------------
    def read_input(self) -> episodes.EpisodeInput:
        return episodes.EpisodeInput(
            occurred_on=self.date_edit.date().toPython(),
            occurred_time=self.time_edit.text(),
            time_band=self.band_combo.currentData() or "",
            place_id=self.place_field.place_id(),
            category=self.category_combo.currentData() or "",
            severity=self.severity.value(),
            reporter_kind=self.reporter_combo.currentData() or "",
            note=self.note_edit.toPlainText())

    def _fill(self, row: episodes.EpisodeRow) -> None:
        self._loading = True
        try:
            self.date_edit.setDate(QDate(row.occurred_on))
            self.time_edit.setText(row.time_text if row.occurred_time else "")
            self.band_combo.select(row.time_band)
            self.place_field.set_place(row.place_id)
            self.category_combo.select(row.category)
            self.severity.set(row.severity)
            self.reporter_combo.select(row.reporter_kind)
            self.note_edit.setPlainText(row.note)
        finally:
            self._loading = False
        self.version = row.version
        self._dirty = False
        self._touched.clear()
        self.setWindowTitle(f"Hændelse: {row.place_name}, {l10n.short_date(row.occurred_on)}")
        self.history.load(row.id)
        self._validate()

    def reload(self) -> None:
        self._fill(episodes.get(self.episode_id))

    def _clear_for_next(self) -> None:
        """After "Gem og ny": the same date and place, everything else blank."""
        self._loading = True
        try:
            self.time_edit.clear()
            self.band_combo.setCurrentIndex(0)
            self.category_combo.setCurrentIndex(0)
            self.severity.set(1)
            self.reporter_combo.setCurrentIndex(0)
            self.note_edit.clear()
        finally:
            self._loading = False
        self._dirty = False
        self._touched.clear()
        self._validate()
        self.tabs.setCurrentIndex(0)
        self.time_edit.setFocus()

    # -- validation ---------------------------------------------------------------------------
    def _connect_changes(self) -> None:
        self.date_edit.dateChanged.connect(lambda: self._changed("occurred_on"))
        self.time_edit.textChanged.connect(lambda: self._changed("time"))
        self.band_combo.currentIndexChanged.connect(lambda: self._changed("time"))
        self.place_field.editTextChanged.connect(lambda: self._changed("place_id"))
        self.category_combo.currentIndexChanged.connect(lambda: self._changed("category"))
        self.severity.changed.connect(lambda: self._changed("severity"))
        self.reporter_combo.currentIndexChanged.connect(lambda: self._changed("reporter_kind"))
        self.note_edit.textChanged.connect(lambda: self._changed("note"))

    def _changed(self, field: str) -> None:
        if self._loading:
            return
        self._dirty = True
        self._touched.add(field)
        self.status_label.hide()
        self._validate()

    def _errors(self) -> dict[str, str]:
        data, errors = episodes.clean(self.read_input(), self._now())
        # A typed time fills in its band; while a time is given the band cannot disagree.
        has_time = data.occurred_time is not None
        if has_time and self.band_combo.currentData() != data.time_band:
            self._loading, was = True, self._loading
            self.band_combo.select(data.time_band)
            self._loading = was
        self.band_combo.setEnabled(not has_time)
        for key in ("occurred_time", "time_band"):
            if key in errors:
                errors["time"] = errors.pop(key)
        typed = self.place_field.currentText().strip()
        if "place_id" in errors and self.place_field.count() == 0:
            errors["place_id"] = "Der er ingen steder endnu. Opret dem først under Steder."
        elif "place_id" in errors and typed and self.place_field.place_id() is None:
            match = self.place_field.best_match(typed)
            errors["place_id"] = (f"Tryk Enter for at vælge {match.name}." if match else
                                  f"Der er intet sted, der hedder {quoted(typed)}.")
        return errors

    def _validate(self) -> bool:
        errors = self._errors()
        for field, label in self.errors.items():
            message = errors.get(field, "") if field in self._touched else ""
            label.setText(message)
            label.setVisible(bool(message))
        self.district_label.setText(self.place_field.district())
        self.day_label.setText(day_name(self.date_edit.date().toPython(), self._now().date()))
        length = len(self.note_edit.toPlainText().strip())
        self.counter_label.setText(f"{length}/{safety_terms.EPISODE_NOTE_MAX} tegn")
        self.counter_label.setStyleSheet(
            text_style(ERROR_TEXT) if length > safety_terms.EPISODE_NOTE_MAX else muted_style())
        self.save_button.setEnabled(not errors)
        self.save_new_button.setEnabled(not errors)
        return not errors

    # -- keys -----------------------------------------------------------------------------------
    def _place_entered(self) -> None:
        self.place_field.resolve()
        self.focusNextChild()

    def keyPressEvent(self, event) -> None:
        # Enter is "next field" (the note takes it as a new line); Ctrl+Enter saves.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if not isinstance(self.focusWidget(), (QPushButton, QPlainTextEdit)):
                self.focusNextChild()
                return
            if isinstance(self.focusWidget(), QPushButton):
                self.focusWidget().click()
                return
        super().keyPressEvent(event)

    # -- saving -------------------------------------------------------------------------------
    def _save(self) -> bool:
        self.place_field.resolve()  # Ctrl+Enter straight from a half-typed place
        if not self._validate():
            self._touched.update(self.errors)
            self._validate()
            self._focus_first_error()
            return False
        data = self.read_input()
        try:
            if self.episode_id is None:
                row = episodes.create(data, self._now())
            else:
                row = episodes.update(self.episode_id, data, self.version, self._now())
        except ConnectionLostError:
            if self.episode_id is not None:
                raise
            return self._keep_for_later(data)
        except ServiceError as error:
            explain_save_failure(self, self.prompts, error, self.show_errors, self.reload,
                                 super().reject)
            return False
        self.saved_row, self.version = row, row.version
        self._dirty = False
        self.saved.emit(row)
        return True

    def _keep_for_later(self, data) -> bool:
        """The server could not be reached: the new episode waits on this PC and is saved when
        the connection works again (the main window delivers it)."""
        from tryg_desktop.services.safety import episodes_offline

        episodes_offline.keep_for_later(data)
        self._dirty = False
        self.prompts.inform(self, "Gemt på denne computer", KEPT_OFFLINE)
        return True

    def save(self) -> bool:
        if self._save():
            self.accept()
            return True
        return False

    def save_and_new(self) -> bool:
        if self.episode_id is not None or not self._save():
            return False
        row = self.saved_row
        self._clear_for_next()
        self.status_label.setText(f"Gemt: {row.place_name}, {l10n.short_date(row.occurred_on)} "
                                  f"{row.time_text}, {row.category_label}. Skriv den næste.")
        self.status_label.show()
        return True

    def show_errors(self, errors: dict[str, str]) -> None:
        self._touched.update(self.errors)
        self._validate()
        for field, message in errors.items():  # errors only the service could find
            key = "time" if field in ("occurred_time", "time_band") else field
            if key in self.errors and not self.errors[key].isVisible():
                self.errors[key].setText(message)
                self.errors[key].show()
        self._focus_first_error()

    def _focus_first_error(self) -> None:
        editors = {"occurred_on": self.date_edit, "time": self.time_edit,
                   "place_id": self.place_field, "category": self.category_combo,
                   "severity": self.severity.group.checkedButton(),
                   "reporter_kind": self.reporter_combo, "note": self.note_edit}
        for field, label in self.errors.items():
            if label.isVisible():
                self.tabs.setCurrentIndex(0)
                editors[field].setFocus()
                return
