"""The keyboard-first fields of the episode form: drop-downs picked by digit or first letter,
the place typed in part, Alvor by the keys 1-3 (the date is views/kit/date_field.py's)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop.services.safety import episodes, safety_terms

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
_COMMAND_KEYS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                 | Qt.KeyboardModifier.MetaModifier)


class KeyedCombo(QComboBox):
    """A drop-down picked by key: the digit of an item (shown before it, when numbered) or the
    first letter of its label, pressed again for the next item with that letter."""

    def __init__(self, choices: list[tuple[object, str]], placeholder: str,
                 numbered: bool = False) -> None:
        super().__init__()
        self._labels = [label for _, label in choices]
        self.addItem(placeholder, None)
        for number, (code, label) in enumerate(choices, 1):
            self.addItem(f"{number}  {label}" if numbered else label, code)
        self._numbered = numbered

    def keyPressEvent(self, event) -> None:
        number = _DIGITS.get(event.key())
        if self._numbered and number is not None and number <= len(self._labels):
            self.setCurrentIndex(number)
            return
        text = event.text().lower()
        if text.isalpha() and not event.modifiers() & _COMMAND_KEYS:
            count = len(self._labels)
            start = max(self.currentIndex(), 0)  # the item after the current one first
            for step in range(1, count + 1):
                index = (start - 1 + step) % count
                if self._labels[index].lower().startswith(text):
                    self.setCurrentIndex(index + 1)
                    return
            return
        super().keyPressEvent(event)

    def select(self, code) -> None:
        self.setCurrentIndex(max(self.findData(code), 0))


class PlaceLineEdit(QLineEdit):
    """Enter takes the best matching place and goes on; the completer sends Enter here too."""

    entered = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & _COMMAND_KEYS):
            self.entered.emit()
            return
        super().keyPressEvent(event)


class PlaceField(QComboBox):
    """An editable drop-down of places: typing part of a name ("kild") and Enter or Tab picks
    the first place that starts with it, else the first that contains it."""

    def __init__(self, choices: list[episodes.PlaceChoice]) -> None:
        super().__init__()
        self.setEditable(True)
        self.setLineEdit(PlaceLineEdit())
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText("Skriv begyndelsen af stedets navn")
        self._choices = choices
        for choice in choices:
            self.addItem(choice.name, choice.id)
        completer = QCompleter([c.name for c in choices], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setCurrentIndex(-1)
        self.lineEdit().editingFinished.connect(self.resolve)

    def place_id(self) -> int | None:
        """The place whose name is typed in full (any case); None while only part is typed."""
        choice = self._exact(self.currentText())
        return choice.id if choice else None

    def district(self) -> str:
        choice = self._exact(self.currentText())
        return choice.district if choice else ""

    def set_place(self, place_id: int | None) -> None:
        self.setCurrentIndex(self.findData(place_id) if place_id is not None else -1)
        if place_id is None:
            self.setEditText("")

    def _exact(self, text: str):
        text = text.strip().lower()
        return next((c for c in self._choices if c.name.lower() == text), None)

    def best_match(self, text: str):
        text = text.strip().lower()
        if not text:
            return None
        names = [(c, c.name.lower()) for c in self._choices]
        return (next((c for c, n in names if n == text), None)
                or next((c for c, n in names if n.startswith(text)), None)
                or next((c for c, n in names if text in n), None))

    def resolve(self) -> None:
        self.completer().popup().hide()
        choice = self.best_match(self.currentText())
        if choice is not None and self.currentText() != choice.name:
            self.setCurrentIndex(self.findData(choice.id))


class SeverityField(QWidget):
    """Alvor 1–3 as radio buttons; the keys 1, 2 and 3 choose while the field has focus."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for value, label in safety_terms.SEVERITIES:
            button = QRadioButton(label)
            button.installEventFilter(self)
            self.group.addButton(button, value)
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.idToggled.connect(self._toggled)
        self.set(1)

    def _toggled(self, _id: int, on: bool) -> None:
        if on:
            self.setFocusProxy(self.group.checkedButton())  # the form label's Alt+A lands here
            self.changed.emit()

    def value(self) -> int:
        return self.group.checkedId()

    def set(self, value: int) -> None:
        button = self.group.button(value)
        if button is not None:
            button.setChecked(True)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and _DIGITS.get(event.key()) in (1, 2, 3):
            self.set(_DIGITS[event.key()])
            self.group.checkedButton().setFocus()
            return True
        return super().eventFilter(watched, event)


def day_name(day: dt.date, today: dt.date) -> str:
    if day == today:
        return "i dag"
    if day == today - dt.timedelta(days=1):
        return "i går"
    locale = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)
    return locale.dayName(day.isoweekday())


def with_error(field: QWidget | QHBoxLayout | QVBoxLayout, error: QLabel,
                focus: QWidget | None = None) -> QWidget:
    """The field with its error line under it; the form label's mnemonic focuses the field."""
    box = QWidget()
    # A label's Alt+letter does nothing when its buddy has NoFocus (Alt+D, Alt+K were dead).
    # Set before the proxy: Qt passes a policy set later on to the field (no Tab stop then).
    box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    box.setFocusProxy(focus or field)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    if isinstance(field, QWidget):
        layout.addWidget(field)
    else:
        layout.addLayout(field)
    layout.addWidget(error)
    return box
