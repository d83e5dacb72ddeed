"""The date field of every form: a line edit that takes a date as a Dane types it ("1.7.2027",
"01.07.27", "1/7", "i morgen", "+3", "tirsdag"; see date_input.py) and shows the Danish long form
("torsdag den 1. juli 2027") once the field is left.

Why a line edit and not QDateEdit: QDateEdit's sections turn "01.07.2027" into a revert and
"27" typed into a part into "000027"; a line edit takes any text, keeps its own undo (Ctrl+Z)
and lets one parser decide. Keys: Up/Down a day, PgUp/PgDn a month, "+"/"-" a day on the date
as shown, Alt+Down or F4 the calendar, Esc takes back what was typed. Text that is not a date
gets a red border and one Danish sentence (tooltip, errorChanged, with_message()) and the last
valid date stays: nothing is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLineEdit,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop.date_input import add_months, parse_date
from tryg_desktop.views.kit.colours import ERROR_TEXT, hex_of, readable_weekends
from tryg_desktop.views.kit.error_label import error_label
from tryg_desktop.views.kit.screen_fit import height_within_screen

FIRST, LAST = QDate(1900, 1, 1), QDate(2099, 12, 31)
_COMMAND_KEYS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                 | Qt.KeyboardModifier.MetaModifier)
_WIDEST = {"full": "onsdag den 30. september 2026", "long": "30. september 2026",
           "short": "30.09.2026"}


def _calendar_icon(colour: QColor) -> QIcon:
    """A small calendar sheet drawn in the text colour (no icon theme on Windows)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(colour)
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(1, 2, 14, 3, colour)
    for x in (4, 7, 10):
        for y in (7, 10):
            painter.fillRect(x, y, 2, 2, colour)
    painter.end()
    return QIcon(pixmap)


class _Calendar(QCalendarWidget):
    """The popup month: Danish names, Monday first, ISO weeks; Enter or a click picks."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setLocale(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
        readable_weekends(self)
        self.clicked.connect(self.picked)
        self.activated.connect(self.picked)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class DateField(QLineEdit):
    """date()/setDate()/dateChanged/setMinimumDate/setMaximumDate as QDateEdit has them, so a
    form swaps one for the other. optional=True lets the field be empty (date() is then a
    null QDate)."""

    dateChanged = Signal(QDate)
    errorChanged = Signal(str)  # "" when the error is gone

    def __init__(self, parent: QWidget | None = None, *, display: str = "full",
                 today: Callable[[], dt.date] | None = None, optional: bool = False) -> None:
        super().__init__(parent)
        self._display = display
        self._today = today or dt.date.today
        self._optional = optional
        self._date = QDate() if optional else QDate(self._today())
        self._min, self._max = FIRST, LAST
        self._error = ""
        self._sign_start: QDate | None = None  # "+"/"-" stepped from here (see keyPressEvent)
        self._sign = ""
        self._calendar: _Calendar | None = None
        self._message: QWidget | None = None
        self.setPlaceholderText("(ingen)" if optional else "")  # as the app's empty fields
        self.setToolTip("Skriv fx 1.7.2027, 1/7, i morgen, +3 eller uge 27. "
                        "Pil op/ned: en dag, Page Up/Down: en måned, Alt+Ned: kalender.")
        self._default_tip = self.toolTip()
        button = QAction(_calendar_icon(self.palette().color(QPalette.ColorRole.Text)),
                         "Vis kalender (Alt+Ned)", self)
        button.triggered.connect(self.show_calendar)
        self.addAction(button, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action = button
        # As wide as the longest date (not the whole form row, as a plain line edit grows).
        width = self.fontMetrics().horizontalAdvance(_WIDEST.get(display, _WIDEST["full"]))
        self.setMinimumWidth(width + 44)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.editingFinished.connect(self.commit)
        self._show(self._date)

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), super().sizeHint().height())

    # -- QDateEdit's API ----------------------------------------------------------------------
    def date(self) -> QDate:
        """The date as typed, once it is one (a save by shortcut before the field is left
        saves what the user sees); else the last valid date."""
        if self.isModified():
            parsed, _ = self._parse(self.text())
            if parsed is not None:
                return parsed
        return QDate(self._date)

    def setDate(self, value: QDate | dt.date | None) -> None:
        """Set from code: clamped into the range, as QDateEdit does; clears what was typed."""
        date = self._qdate(value)
        if date.isNull() and not self._optional:
            return
        if not date.isNull():
            date = max(self._min, min(self._max, date))
        self._set_error("")
        changed = date != self._date
        self._date = date
        self._show(date)
        if changed:
            self.dateChanged.emit(QDate(date))

    def clear(self) -> None:
        self.setDate(None) if self._optional else super().clear()

    def minimumDate(self) -> QDate:
        return QDate(self._min)

    def maximumDate(self) -> QDate:
        return QDate(self._max)

    def setMinimumDate(self, value: QDate | dt.date) -> None:
        self._min = self._qdate(value)
        self._max = max(self._max, self._min)
        self._clamp()

    def setMaximumDate(self, value: QDate | dt.date) -> None:
        self._max = self._qdate(value)
        self._min = min(self._min, self._max)
        self._clamp()

    def setDateRange(self, first: QDate | dt.date, last: QDate | dt.date) -> None:
        self.setMinimumDate(first)
        self.setMaximumDate(last)

    def error(self) -> str:
        return self._error

    def with_message(self) -> QWidget:
        """The field with its error line under it, for a form row (focus goes to the field)."""
        box = QWidget()
        # A label's Alt+letter skips a NoFocus buddy. Set before the proxy: Qt passes a policy
        # set later on to the field itself (which then was no Tab stop).
        box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        box.setFocusProxy(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self)
        self._message = error_label()
        self._message.setWordWrap(False)  # one line, even where the field is narrow
        self._message.setText(self._error)
        self._message.setVisible(bool(self._error))
        layout.addWidget(self._message)
        return box

    # -- typing -------------------------------------------------------------------------------
    def commit(self) -> None:
        """The field is left (or Enter): what was typed becomes the date, or the error shows
        and the last valid date stays."""
        if not self.isModified():
            return
        text = self.text()
        if self._optional and not text.strip():
            self._accept(QDate())
            return
        date, message = self._parse(text)
        if date is None:
            self._set_error(message)  # the typed text stays, to be put right
            return
        self._accept(date)

    def _parse(self, text: str) -> tuple[QDate | None, str]:
        """The date typed, or None and the Danish sentence that says why not."""
        today = self._today()
        latest = self._max.toPython() if self._max <= QDate(today) else None
        parsed = parse_date(text, today, latest=latest)
        if parsed.date is None:
            return None, parsed.error
        date = QDate(parsed.date)
        if date < self._min:
            return None, f"Datoen kan ikke ligge før {self._format(self._min)}."
        if date > self._max:
            return None, f"Datoen kan ikke ligge efter {self._format(self._max)}."
        return date, ""

    def _accept(self, date: QDate) -> None:
        changed = date != self._date
        self._date = date
        self._set_error("")
        self._show(date, undoable=True)
        if changed:
            self.dateChanged.emit(QDate(date))

    def _step(self, days: int = 0, months: int = 0) -> None:
        current = self.date()
        if current.isNull():
            current = QDate(self._today())
        target = current.addDays(days) if days else QDate(add_months(current.toPython(), months))
        self._accept(max(self._min, min(self._max, target)))
        self.selectAll()  # the next typed date replaces it

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        text = event.text()
        if self._sign_start is not None and text.isdigit() and len(text) == 1:
            # "+3" typed on a shown date: the "+" was not a step but the start of "+3".
            start, sign = self._sign_start, self._sign
            self._sign_start = None
            self._accept(start)
            self.selectAll()
            self.insert(sign + text)
            return
        if key not in (Qt.Key.Key_Plus, Qt.Key.Key_Minus):
            self._sign_start = None
        if (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier) or (
                key == Qt.Key.Key_F4 and not mods & _COMMAND_KEYS):
            self.show_calendar()
            return
        if not mods & _COMMAND_KEYS:
            steps = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0),
                     Qt.Key.Key_PageUp: (0, 1), Qt.Key.Key_PageDown: (0, -1)}
            if key in steps:
                self._step(*steps[key])
                return
            if text in ("+", "-") and not self.isModified() and self.text():
                if self._sign_start is None:
                    self._sign_start = QDate(self._date)
                self._sign = text
                self._step(1 if text == "+" else -1)
                return
            if key == Qt.Key.Key_Escape and self.isModified():
                self._set_error("")
                self._show(self._date, undoable=True)  # typing taken back; Esc again closes
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.isModified():
                self.commit()
                if self._error:  # "Juni har kun 30 dage.": the dialog's default button waits
                    return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if event.reason() == Qt.FocusReason.MouseFocusReason and not self.isModified():
            # A click into the shown date selects it, so typing replaces it; a second click
            # places the cursor. (Tab selects all by itself.) After the press is handled:
            QTimer.singleShot(0, self.selectAll)

    # -- the calendar -------------------------------------------------------------------------
    def show_calendar(self) -> None:
        self.commit()
        if self._calendar is None:
            self._calendar = _Calendar(self)
            self._calendar.picked.connect(self._picked)
        calendar = self._calendar
        calendar.setDateRange(self._min, self._max)
        date = self._date if not self._date.isNull() else QDate(self._today())
        calendar.setSelectedDate(date)
        calendar.adjustSize()
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus()

    def calendar(self) -> QCalendarWidget | None:
        return self._calendar

    def _picked(self, date: QDate) -> None:
        self._calendar.close()
        self._accept(date)
        self.setFocus()
        self.selectAll()

    # -- showing ------------------------------------------------------------------------------
    def _format(self, date: QDate) -> str:
        if date.isNull():
            return ""
        return l10n.format_date(date.toPython(), self._display)

    def _show(self, date: QDate, undoable: bool = False) -> None:
        text = self._format(date)
        if undoable:  # selectAll + insert is on the undo stack; setText would clear it
            if self.text() != text:
                self.selectAll()
                self.insert(text)
        else:
            self.setText(text)
        self.setModified(False)
        if not self.hasFocus():
            self.setCursorPosition(0)  # the start of a long form that does not fit

    def _set_error(self, message: str) -> None:
        if message == self._error:
            return
        self._error = message
        self.setStyleSheet(f"QLineEdit {{ border: 2px solid {hex_of(ERROR_TEXT)}; }}"
                           if message else "")
        self.setToolTip(message or self._default_tip)
        if self._message is not None:
            self._message.setText(message)
            self._message.setVisible(bool(message))
            if message:
                self._make_room()
        elif message and self.isVisible():  # no line under the field: say it at once
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), message, self)
        self.errorChanged.emit(message)

    def _make_room(self) -> None:
        """A window laid out to its content (word-wrapped labels) does not grow by itself for
        the new line under the field; without this the field is squeezed flat."""
        window = self.window()
        layout = window.layout()
        if layout is None or window is self:
            return
        layout.invalidate()
        if layout.hasHeightForWidth():
            need = layout.totalHeightForWidth(window.width())
        else:
            need = layout.totalMinimumSize().height()
        if window.height() < need:
            window.resize(window.width(), height_within_screen(window, need))

    def _clamp(self) -> None:
        if not self._date.isNull() and not self._min <= self._date <= self._max:
            self.setDate(self._date)

    @staticmethod
    def _qdate(value) -> QDate:
        if value is None:
            return QDate()
        if isinstance(value, QDate):
            return QDate(value)
        return QDate(value.year, value.month, value.day)
