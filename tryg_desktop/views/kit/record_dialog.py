"""The editor shared by every versioned record: a form tab and a Historik tab, validation shown
next to each field with Gem disabled until the record is valid, a duplicate warning on create,
and never a silent overwrite when someone else saved first."""

from __future__ import annotations

from types import ModuleType

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop.services import db_health
from tryg_desktop.services.errors import ConflictError, NotFoundError, ServiceError, ValidationError
from tryg_desktop.views.kit.accessible import name_from_labels
from tryg_desktop.views.kit.history_view import HistoryView
from tryg_desktop.views.kit.colours import notice_style
from tryg_desktop.views.kit.live_changes import ChangedElsewhereBar, watch
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit.screen_fit import resize_within_screen


class AsksBeforeDiscarding:
    """For a QDialog with `prompts`, `_dirty` and `save() -> bool`: Esc, Annuller and the
    window's close button ask before typed text is thrown away. Put it before QDialog."""
    discard_title = "Ikke gemte ændringer"
    discard_text = "Du har ændringer, der ikke er gemt."
    discard_choice = "Kassér ændringer"

    def reject(self) -> None:
        if self._dirty:
            choice = self.prompts.choose(self, self.discard_title, self.discard_text,
                                         ["Gem", self.discard_choice], cancel="Fortsæt redigering")
            if choice is None or (choice == 0 and not self.save()):
                return
            if choice == 0:
                return  # save() accepted the dialog
        super().reject()

    def closeEvent(self, event) -> None:  # the window's close button goes through reject()
        event.ignore()
        self.reject()
        if not self.isVisible():
            event.accept()


class RecordDialog(AsksBeforeDiscarding, QDialog):
    entity = ""
    what = ""  # "Kontakten"
    noun = ""  # "kontakt"
    new_word = "Ny"  # "Nyt" for a neuter noun (et sted): the title "Nyt sted"
    field_labels: dict[str, str] = {}

    def __init__(self, service: ModuleType, record_id: int | None = None,
                 prompts: Prompts | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.prompts = prompts or Prompts()
        self.record_id = record_id
        self.version: int | None = None
        self.saved_row = None
        self._touched: set[str] = set()
        self._said_on_leaving: set[str] = set()  # editable combos: a name being typed
        self._loading = False
        self._dirty = False

        # "Ændret af … kl. … – Genindlæs": a colleague saved this record (the team's server).
        self.changed_bar = ChangedElsewhereBar()
        self.changed_bar.reload_requested.connect(self._reload_after_change)
        self.tabs = QTabWidget()
        self.form_page = self.build_form()
        self.tabs.addTab(self.form_page, "&Oplysninger")
        self.history = HistoryView(self.entity, self.field_labels)
        self.tabs.addTab(self.history, "&Historik")

        self.duplicate_label = QLabel()
        self.duplicate_label.setWordWrap(True)
        self.duplicate_label.setStyleSheet(notice_style())
        self.duplicate_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.changed_bar)
        layout.addWidget(self.tabs)
        layout.addWidget(self.duplicate_label)
        layout.addWidget(self.buttons)

        self._duplicate_timer = QTimer(self, singleShot=True, interval=300)
        self._duplicate_timer.timeout.connect(self._check_duplicates)
        self.connect_changes()
        if record_id is None:
            self.setWindowTitle(f"{self.new_word} {self.noun}")
            self.history.setEnabled(False)
            self.tabs.setTabEnabled(1, False)
        else:
            self.reload()
        self._validate()
        if not db_health.may_change(self.entity):
            # Browsing only (the main window's banner says why): the record and its history
            # show, nothing can be typed or saved.
            self.form_page.setEnabled(False)
            self.save_button.hide()
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Luk")
        name_from_labels(self)
        # Typing starts in the first field (after Ctrl+N it was lost on the tab bar).
        next(iter(self.editors().values())).setFocus()
        resize_within_screen(self, 560, 620)
        watch(self, self._colleague_changed)

    # -- hooks for the concrete editors ------------------------------------------------------
    def build_form(self) -> QWidget:
        raise NotImplementedError

    def read_input(self):
        raise NotImplementedError

    def fill(self, row) -> None:
        raise NotImplementedError

    def error_labels(self) -> dict[str, QLabel]:
        raise NotImplementedError

    def editors(self) -> dict[str, QWidget]:
        """Field name → the widget whose edits mark that field touched."""
        raise NotImplementedError

    def row_title(self, row) -> str:
        return row.name

    # -- behaviour ------------------------------------------------------------------------------
    def connect_changes(self) -> None:
        for field, widget in self.editors().items():
            signal = _change_signal(widget)
            signal.connect(lambda *_, f=field: self._changed(f))
            if widget.isWidgetType() and getattr(widget, "isEditable", lambda: False)():
                # "Frel" while typing "Frelsens Hær" is not wrong yet: said on leaving
                # the field (or at Gem), not at every key.
                self._said_on_leaving.add(field)
        if self._said_on_leaving:
            # A combo's line edit says no editingFinished when the focus leaves it.
            QApplication.instance().focusChanged.connect(self._focus_moved)

    def _changed(self, field: str) -> None:
        if self._loading:
            return
        self._dirty = True
        if field not in self._said_on_leaving:
            self._touched.add(field)
        self._validate()
        if self.record_id is None:
            self._duplicate_timer.start()

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is None or new.window() is not self:  # its completer's list, another window
            return
        for field in self._said_on_leaving:
            widget = self.editors()[field]
            if _inside(widget, old) and not _inside(widget, new):
                self._left(field)

    def _left(self, field: str) -> None:
        if self._loading or not self._dirty:
            return
        self._touched.add(field)
        self._validate()

    def extra_errors(self) -> dict[str, str]:
        """Field errors of what the service's clean() does not see (a form's extra part)."""
        return {}

    def _validate(self) -> bool:
        _, errors = self.service.clean(self.read_input())
        errors = {**errors, **self.extra_errors()}
        for field, label in self.error_labels().items():
            message = errors.get(field, "") if field in self._touched else ""
            label.setText(message)
            label.setVisible(bool(message))
        self.save_button.setEnabled(not errors)
        return not errors

    def show_errors(self, errors: dict[str, str]) -> None:
        self._touched.update(errors)
        self._validate()
        first = next((self.editors()[f] for f in errors if f in self.editors()), None)
        if first is not None:
            self.tabs.setCurrentIndex(0)
            first.setFocus()

    def _check_duplicates(self) -> list:
        # A service without find_duplicates, or a record without a name (a measure), has none.
        find = getattr(self.service, "find_duplicates", None)
        data = self.read_input()
        duplicates = find(data) if find and getattr(data, "name", "").strip() else []
        if duplicates:
            names = ", ".join(self.describe(row) for row in duplicates[:3])
            self.duplicate_label.setText(f"Mulig dublet: {names} findes allerede.")
        self.duplicate_label.setVisible(bool(duplicates))
        return duplicates

    def describe(self, row) -> str:
        return row.name

    def reload(self) -> None:
        row = self.service.get(self.record_id)
        self._loading = True
        try:
            self.fill(row)
        finally:
            self._loading = False
        self.version = row.version
        self._dirty = False
        self._touched.clear()
        self.setWindowTitle(f"{self.noun.capitalize()}: {self.row_title(row)}")
        self.history.load(self.record_id)
        self._validate()
        self.changed_bar.clear()

    def _colleague_changed(self, change) -> None:
        if (self.record_id is not None and change.table == self.entity
                and change.record_id == self.record_id):
            self.changed_bar.show_change(change.login, change.action)

    def _reload_after_change(self) -> None:
        """Genindlæs on the "Ændret af" line: typed text is never thrown away unasked."""
        if self._dirty and not self.prompts.confirm(
                self, "Genindlæs",
                "Du har ændringer, der ikke er gemt. Genindlæser du, går de tabt.",
                yes="Genindlæs og kassér mine ændringer", no="Fortsæt redigering"):
            return
        try:
            self.reload()
        except NotFoundError as error:
            self.prompts.warn(self, "Findes ikke længere", error.message)
            super().reject()

    def save(self) -> bool:
        if not self.save_button.isEnabled():
            self._touched.update(self.error_labels())
            self._validate()
            return False
        data = self.read_input()
        try:
            if self.record_id is None:
                duplicates = self._check_duplicates()
                if duplicates and not self.prompts.confirm(
                        self, "Mulig dublet",
                        f"Der findes allerede: {', '.join(self.describe(r) for r in duplicates[:3])}."
                        f"\n\nVil du oprette {self.noun}en alligevel?",
                        yes="Opret alligevel", no="Tilbage"):
                    return False
                row = self.service.create(data)
            else:
                row = self.service.update(self.record_id, data, self.version)
        except ServiceError as error:
            explain_save_failure(self, self.prompts, error, self.show_errors, self.reload,
                                 super().reject)
            return False
        self.saved_row = row
        self.record_id, self.version = row.id, row.version
        self._dirty = False
        self.accept()
        return True

    def keyPressEvent(self, event) -> None:
        # Enter in a one-line field saves; in the notes field it is a new line.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(
                self.focusWidget(), QPlainTextEdit):
            return
        super().keyPressEvent(event)


def explain_save_failure(dialog, prompts: Prompts, error: ServiceError, show_errors, reload,
                         close) -> None:
    """What an editor shows when a save fails: field errors beside their fields; a record
    saved elsewhere meanwhile, with an offer to reload (never a silent overwrite); a record
    that is gone; or any other service error as it is."""
    if isinstance(error, ValidationError):
        show_errors(error.errors)
    elif isinstance(error, ConflictError):
        if prompts.choose(dialog, "Ændret et andet sted", error.message, ["Genindlæs"],
                          cancel="Fortsæt redigering") == 0:
            reload()
    elif isinstance(error, NotFoundError):
        prompts.warn(dialog, "Findes ikke længere", error.message)
        close()
    else:
        prompts.warn(dialog, "Kunne ikke gemme", error.message)


def _inside(field: QWidget, widget: QWidget | None) -> bool:
    return widget is not None and (widget is field or field.isAncestorOf(widget))


def _change_signal(widget):
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QPlainTextEdit):
        return widget.textChanged
    if hasattr(widget, "toggled"):
        return widget.toggled
    return widget.currentIndexChanged if not widget.isEditable() else widget.currentTextChanged
