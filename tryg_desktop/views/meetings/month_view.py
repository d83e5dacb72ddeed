"""Månedsoversigt: a month of meetings as Outlook's month view shows it. Each day cell lists its
meetings' start times and titles ("14.00 Dialogmøde Kærby"), a cancelled one greyed and struck
through with "Aflyst:", and "+2 flere" when the cell is full; weekends and Danish public
holidays are shaded. Arrows move a day, PgUp/PgDn a month, Enter opens the day's first meeting
(on a free day: a new meeting that day).
The chosen day's meetings are listed beside the calendar, to open one of several."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop.services.meetings import meeting_calendar, meetings
from tryg_desktop.views.kit import colours
from tryg_desktop.views.kit.colours import colour

# Colour roles (views/kit/colours.py), resolved for the palette at paint time.
WEEKEND_FILL = colours.CALENDAR_WEEKEND
OTHER_MONTH_FILL = colours.CALENDAR_OTHER_MONTH
ENTRY_FILL = colours.CALENDAR_ENTRY  # a meeting's block, as in Outlook
ENTRY_BAR = colours.CALENDAR_ENTRY_BAR
CANCELLED_FILL = colours.CALENDAR_CANCELLED
MUTED_TEXT = colours.CALENDAR_MUTED_TEXT
TEXT = colours.CALENDAR_TEXT


def holiday_name(day: dt.date) -> str:
    """The helligdag (or other day the municipal office is closed, e.g. juleaftensdag) as the
    meeting planner knows it, capitalised for the cell ("2. juledag", "Juleaftensdag")."""
    name = meeting_calendar.closed_days(day.year).get(day, "")
    return name if name[:1].isdigit() else name[:1].upper() + name[1:]


def entry_text(row: meetings.MeetingRow) -> str:
    """One meeting as its day cell shows it: '14.00 Dialogmøde Kærby', or for a cancelled one
    '14.00 Aflyst: Dialogmøde Kærby'."""
    cancelled = "Aflyst: " if row.status == "aflyst" else ""
    return f"{l10n.clock(row.starts_at)} {cancelled}{row.title}"


def fitted(rows: list, capacity: int) -> tuple[list, int]:
    """The rows a cell with room for `capacity` lines shows, and how many are left for the
    "+N flere" line (which takes the last line itself)."""
    if len(rows) <= capacity:
        return rows, 0
    shown = max(capacity - 1, 0)
    return rows[:shown], len(rows) - shown


class MonthCalendar(QCalendarWidget):
    """A QCalendarWidget whose day cells paint the day's meetings."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setGridVisible(True)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
        colours.readable_weekends(self)
        self.by_day: dict[dt.date, list[meetings.MeetingRow]] = {}
        # The weekday names and week numbers are row 0 and column 0 of the inner table; by
        # default they get a day's share of the room, which the meetings need.
        view = self.findChild(QTableView)
        if view is not None:
            for header, size in ((view.horizontalHeader(), 34),
                                 (view.verticalHeader(), self.line_height() + 6)):
                header.setMinimumSectionSize(10)
                header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
                header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(0, size)

    def line_height(self) -> int:
        return QFontMetrics(self.font()).height() + 3

    def capacity(self, rect: QRect) -> int:
        """How many meeting lines fit under the day number in a cell of this size."""
        return max((rect.height() - self.line_height() - 4) // self.line_height(), 1)

    def cell_lines(self, day: dt.date, capacity: int | None = None) -> list[str]:
        """The meeting lines the cell of `day` shows (what paintCell draws), for a cell with
        room for `capacity` lines (None: all of them)."""
        rows = self.by_day.get(day, [])
        shown, more = fitted(rows, len(rows) if capacity is None else capacity)
        return [entry_text(r) for r in shown] + ([f"+{more} flere"] if more else [])

    def paintCell(self, painter: QPainter, rect: QRect, date: QDate) -> None:
        day = date.toPython()
        in_month = date.month() == self.monthShown() and date.year() == self.yearShown()
        holiday = holiday_name(day)
        painter.save()
        painter.setClipRect(rect)
        fill = (colour(WEEKEND_FILL) if day.weekday() >= 5 or holiday
                else self.palette().color(QPalette.ColorRole.Base))
        painter.fillRect(rect, fill if in_month else colour(OTHER_MONTH_FILL))
        metrics = QFontMetrics(self.font())
        line = self.line_height()
        inner = rect.adjusted(4, 2, -4, -2)
        # The day number (bold and blue today), and the holiday's name beside it.
        head = QFont(self.font())
        head.setBold(day == dt.date.today())
        painter.setFont(head)
        painter.setPen(colour(ENTRY_BAR if day == dt.date.today()
                              else (TEXT if in_month else MUTED_TEXT)))
        number = str(date.day()) if date.day() != 1 else f"{date.day()}. {_month_short(day)}"
        painter.drawText(QRect(inner.left(), inner.top(), inner.width(), line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, number)
        if holiday:
            small = QFont(self.font())
            small.setPointSizeF(max(self.font().pointSizeF() - 1.5, 6))
            painter.setFont(small)
            painter.setPen(colour(MUTED_TEXT))
            left = inner.left() + QFontMetrics(head).horizontalAdvance(number) + 6
            width = inner.right() - left
            painter.drawText(QRect(left, inner.top(), width, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             QFontMetrics(small).elidedText(holiday, Qt.TextElideMode.ElideRight,
                                                            width))
        rows = self.by_day.get(day, [])
        shown, more = fitted(rows, self.capacity(rect))
        top = inner.top() + line + 2
        # A long title wraps onto the lines the day has to spare (most days have one meeting).
        lines_each = max(1, min(3, self.capacity(rect) // max(len(shown), 1))) if not more else 1
        for row in shown:
            top += line * self._paint_entry(painter, QRect(inner.left(), top, inner.width(),
                                                           line - 1), row, metrics, lines_each)
        if more:
            painter.setFont(self.font())
            painter.setPen(colour(MUTED_TEXT))
            painter.drawText(QRect(inner.left() + 4, top, inner.width() - 4, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"+{more} flere")
        if date == self.selectedDate():
            pen = painter.pen()
            pen.setColor(self.palette().color(QPalette.ColorRole.Highlight))
            pen.setWidth(3)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()

    def _paint_entry(self, painter: QPainter, box: QRect, row: meetings.MeetingRow,
                     metrics: QFontMetrics, lines: int) -> int:
        """Paint one meeting from the top of `box` (one line high) on up to `lines` lines;
        returns how many it took."""
        cancelled = row.status == "aflyst"
        text_box = box.adjusted(6, 0, -2, 0)
        line = self.line_height()
        # "09.30 Aflyst: " plain, a cancelled meeting's title struck through.
        lead = f"{l10n.clock(row.starts_at)} " + ("Aflyst: " if cancelled else "")
        title_font = QFont(self.font())
        title_font.setStrikeOut(cancelled)
        title_metrics = QFontMetrics(title_font)
        indent = metrics.horizontalAdvance(lead)
        wrapped = wrap(row.title, title_metrics, text_box.width() - indent, text_box.width(),
                       lines)
        used = max(len(wrapped), 1)
        box.setHeight(line * used - 1)
        painter.fillRect(box, colour(CANCELLED_FILL if cancelled else ENTRY_FILL))
        painter.fillRect(QRect(box.left(), box.top(), 3, box.height()),
                         colour(MUTED_TEXT if cancelled else ENTRY_BAR))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.setPen(colour(MUTED_TEXT if cancelled else TEXT))
        painter.setFont(self.font())
        painter.drawText(QRect(text_box.left(), text_box.top(), text_box.width(), line - 1),
                         align, metrics.elidedText(lead, Qt.TextElideMode.ElideRight,
                                                   text_box.width()))
        painter.setFont(title_font)
        for number, text in enumerate(wrapped):
            left = text_box.left() + (indent if number == 0 else 0)
            painter.drawText(QRect(left, text_box.top() + number * line,
                                   text_box.right() - left, line - 1), align, text)
        return used


def wrap(text: str, metrics: QFontMetrics, first_width: int, width: int,
         lines: int) -> list[str]:
    """Word-wrapped lines (the first one shorter, after the time); the last one elided."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        room = first_width if not out else width
        if not out and lines > 1 and metrics.horizontalAdvance(words[0]) > room:
            out.append("")  # the title starts under the time rather than cut short
            continue
        if len(out) == lines - 1:
            out.append(metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, room))
            break
        taken = 1
        while taken < len(words) and metrics.horizontalAdvance(
                " ".join(words[:taken + 1])) <= room:
            taken += 1
        piece = " ".join(words[:taken])
        out.append(metrics.elidedText(piece, Qt.TextElideMode.ElideRight, room))
        words = words[taken:]
    return out


def _month_short(day: dt.date) -> str:
    """'1. dec.' marks where a month begins, as Outlook does."""
    return l10n.format_date(day, "MMM")


class MonthView(QWidget):
    """The month calendar, and beside it the chosen day's meetings with "Nyt møde denne dag"."""

    open_requested = Signal(int)
    new_requested = Signal(object)  # the chosen date

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.calendar = MonthCalendar()
        self.calendar.currentPageChanged.connect(lambda *_: self.refresh())
        self.calendar.selectionChanged.connect(self.show_day)
        self.calendar.activated.connect(self._open_first)
        self.day_label = QLabel()
        self.day_label.setWordWrap(True)
        self.day_list = QListWidget()
        self.day_list.setWordWrap(True)
        self.day_list.itemActivated.connect(self._open_item)
        self.new_button = QPushButton("Nyt møde denne dag …")
        self.new_button.clicked.connect(
            lambda: self.new_requested.emit(self.calendar.selectedDate().toPython()))
        side_panel = QWidget()
        side_panel.setMaximumWidth(250)  # the month gets the room
        side = QVBoxLayout(side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.day_label)
        side.addWidget(self.day_list, 1)
        side.addWidget(self.new_button)
        layout = QHBoxLayout(self)
        layout.addWidget(self.calendar, 1)
        layout.addWidget(side_panel)

    @property
    def _by_day(self) -> dict[dt.date, list[meetings.MeetingRow]]:
        return self.calendar.by_day

    def shown_period(self) -> tuple[dt.date, dt.date]:
        """The six weeks the calendar shows (with a margin): fetched in one query."""
        first = dt.date(self.calendar.yearShown(), self.calendar.monthShown(), 1)
        start = first - dt.timedelta(days=first.weekday() + 7)
        return start, start + dt.timedelta(days=7 * 7 - 1)

    def refresh(self) -> None:
        start, end = self.shown_period()
        by_day: dict[dt.date, list[meetings.MeetingRow]] = {}
        for row in meetings.in_period(start, end):
            by_day.setdefault(row.starts_at.date(), []).append(row)
        self.calendar.by_day = by_day
        # Tooltips with the full lines (a cell may cut a long title).
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        for day, rows in by_day.items():
            tip = QTextCharFormat()
            tip.setToolTip("\n".join(_list_text(r) for r in rows))
            self.calendar.setDateTextFormat(QDate(day), tip)
        self.calendar.updateCells()
        self.show_day()

    def show_day(self) -> None:
        day = self.calendar.selectedDate().toPython()
        holiday = holiday_name(day)
        self.day_label.setText(f"<b>{l10n.format_date(day, 'full').capitalize()}</b>"
                               + (f"<br>{holiday}" if holiday else ""))
        self.day_list.clear()
        for row in self._by_day.get(day, []):
            item = QListWidgetItem(_list_text(row))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            if row.status == "aflyst":
                font = item.font()
                font.setStrikeOut(True)
                item.setFont(font)
                item.setForeground(colour(colours.MUTED_TEXT))  # a list on the base
            self.day_list.addItem(item)
        if not self._by_day.get(day):
            self.day_list.addItem(QListWidgetItem("Ingen møder denne dag."))
            self.day_list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
            self.day_list.item(0).setForeground(colour(colours.MUTED_TEXT))  # not disabled grey

    def _open_first(self, date: QDate) -> None:
        """Enter or a double click: the day's first meeting, or on a free day a new one (as
        Outlook does)."""
        rows = self._by_day.get(date.toPython())
        if rows:
            self.open_requested.emit(rows[0].id)
        else:
            self.new_requested.emit(date.toPython())

    def _open_item(self, item: QListWidgetItem) -> None:
        meeting_id = item.data(Qt.ItemDataRole.UserRole)
        if meeting_id is not None:
            self.open_requested.emit(meeting_id)


def _list_text(row: meetings.MeetingRow) -> str:
    text = f"kl. {l10n.time_range(row.starts_at, row.ends_at)}  {row.title}"
    return text + (f" ({row.status_label.lower()})" if row.status != "planlagt" else "")
