"""Columns that read, for every list and table in the app (one mechanism):

- a fixed-content column (a date, a time range, a phone number, a status, a count) is as wide
  as its content, measured once from the font on representative texts, not by walking the
  rows (the lists are paged and large);
- one text column (name, title, note) stretches over what is left; the other text columns
  share the room by their visible content, so nothing runs past the window's edge;
- text that still does not fit is elided, and its full text is the cell's tooltip (only when
  it is cut: a tooltip repeating what is already readable is noise);
- a width the user sets by dragging stays (no refit on resize or reload after that).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QTreeView,
)

# Representative texts for the widths of fixed-content columns (the widest usual value).
DATE = ("28.12.2026", "00.00.0000")
WEEKDAY_DATE_TIME_RANGE = tuple(f"{day} 28.12.2026 20.00–22.00"
                                for day in ("man.", "ons.", "lør.", "søn."))
DATE_TIME = ("28.12.2026 kl. 20.00",)
DATE_TIME_SHORT = ("28.12.2026 20.00",)
TIME = ("20.00",)
PHONE = ("98 14 80 12", "+46 8 123 456 78")
COUNT = ("10.000",)
YES_NO = ("Ja", "Nej")
STRETCH_WEIGHT = 1.5  # when room is short, the stretching (main) column loses least


def text_margin(view: QAbstractItemView) -> int:
    """The space the style leaves on each side of a cell's text (QCommonStyle's)."""
    return view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1


def content_width(view: QAbstractItemView, texts: Iterable[str], column: int) -> int:
    """The width a column needs for the widest of texts, and for its header."""
    bold = QFont(view.font())
    bold.setBold(True)  # a marker line (an effort's start) is bold
    metrics = QFontMetrics(bold)
    cells = max((metrics.horizontalAdvance(text) for text in texts), default=0)
    cells += 2 * text_margin(view) + 2  # + the grid line
    if isinstance(view, QTreeView) and view.rootIsDecorated() and column == 0:
        cells += view.indentation()  # the branch arrow's room before the text
    return max(cells, _header(view).sectionSizeFromContents(column).width())


def _header(view: QAbstractItemView) -> QHeaderView:
    return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()


def share_room(wanted: dict[int, int], floors: dict[int, int], weights: dict[int, float],
               room: int) -> dict[int, int]:
    """Widths for text columns in room: a column whose text fits its share gets what it
    wants (short names stay whole), and the rest share what is left by weight, at least
    their header each; their long texts are elided (the tooltip has them in full)."""
    shared: dict[int, int] = {}
    left = dict(wanted)
    while left:
        unit = max(room, 0) / sum(weights[c] for c in left)
        fitting = {c: width for c, width in left.items() if width <= unit * weights[c]}
        if not fitting:
            shared.update({c: max(floors[c], int(unit * weights[c])) for c in left})
            break
        for column, width in fitting.items():
            shared[column] = width
            room -= width
            del left[column]
    return shared


class ElidingDelegate(QStyledItemDelegate):
    """Draws as Qt does (elided at the end, or in the middle for a path); its tooltip is the
    cell's full text when the cell shows it cut (and then the model's own tooltip under it),
    else the model's own tooltip, if any."""

    def cut_text(self, view: QAbstractItemView, index: QModelIndex,
                 option: QStyleOptionViewItem | None = None) -> str:
        """The full text of the cell if it does not fit its column; else ''."""
        opt = QStyleOptionViewItem(option) if option is not None else QStyleOptionViewItem()
        if option is None:
            opt.initFrom(view)
            opt.rect = view.visualRect(index)
            opt.font = view.font()
        self.initStyleOption(opt, index)
        text = opt.text
        if not text:
            return ""
        style = view.style()
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, view).width()
        needed = opt.fontMetrics.horizontalAdvance(text.split("\n")[0])
        return text if "\n" in text or needed > room - 2 * text_margin(view) else ""

    def tooltip(self, view: QAbstractItemView, index: QModelIndex,
                option: QStyleOptionViewItem | None = None) -> str:
        """What the cell's tooltip says: its cut text in full, and the model's own tooltip."""
        own = index.data(Qt.ItemDataRole.ToolTipRole) or ""
        cut = self.cut_text(view, index, option)
        return "\n".join(part for part in (cut, own if own != cut else "") if part)

    def helpEvent(self, event, view, option, index) -> bool:
        if event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        text = self.tooltip(view, index, option)
        if text:
            QToolTip.showText(event.globalPos(), text, view.viewport(),
                              view.visualRect(index))
        else:
            QToolTip.hideText()
        return True


class ColumnFit(QObject):
    """Fits a table's or tree's columns to the room it has (see the module's note)."""

    def __init__(self, view: QAbstractItemView, stretch: int,
                 samples: dict[int, Iterable[str] | int] | None = None,
                 elide_middle: bool = False) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        # A column of widgets (a combo box per row) gives its width in pixels instead.
        self.samples = {column: texts if isinstance(texts, int) else tuple(texts)
                        for column, texts in (samples or {}).items()}
        self.user_sized = False  # the user dragged a column: the widths are the user's now
        self._fitting = False
        self._store = None  # (settings, setting): where dragged widths are kept, if anywhere
        view.setItemDelegate(ElidingDelegate(view))
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle if elide_middle
                              else Qt.TextElideMode.ElideRight)
        if isinstance(view, QTableView):
            view.setWordWrap(False)
            view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = _header(view)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._resized)
        header.sectionHandleDoubleClicked.connect(self.forget)
        # A refit when the rows arrive or change (after the event loop: the layout is done),
        # but not when scrolling fetches the next page: the columns would jump under the eye.
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.dataChanged):
            signal.connect(self._timer.start)
        model.rowsInserted.connect(self._rows_inserted)
        view.viewport().installEventFilter(self)
        self.fit()

    def _rows_inserted(self, _parent, first: int, _last: int) -> None:
        if first == 0:  # the first rows of a fresh fill
            self._timer.start()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._timer.start()
        return False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        header = _header(self.view)
        # A section resized while a mouse button is down is the user's drag.
        if not self._fitting and column != self.stretch and header.isVisible() \
                and header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive \
                and QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self.user_sized = True
            if self._store is not None:
                settings, setting = self._store
                settings.set(setting, ",".join(str(header.sectionSize(c))
                                               for c in range(header.count())))

    def remember(self, settings, setting) -> None:
        """Keep dragged widths in settings, and use the ones kept from before."""
        self._store = (settings, setting)
        kept = [int(w) for w in settings.get(setting).split(",") if w.strip().isdigit()]
        header = _header(self.view)
        if len(kept) != header.count():
            return  # none kept, or from a table with other columns
        self._fitting = True
        try:
            for column, width in enumerate(kept):
                if column != self.stretch:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False
        self.user_sized = True

    def forget(self, *_args) -> None:
        """A double-click on a column edge: fitted to the window again, from now on."""
        self.user_sized = False
        if self._store is not None:
            settings, setting = self._store
            settings.set(setting, "")
        self.fit()

    def widths(self) -> dict[int, int]:
        """Each column's width for the room the view has now (the stretching one: the rest)."""
        view = self.view
        header = _header(view)
        columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        fixed = {c: self.samples[c] if isinstance(self.samples[c], int)
                 else content_width(view, self.samples[c], c)
                 for c in columns if c in self.samples}
        room = view.viewport().width() - sum(fixed.values())
        text_columns = [c for c in columns if c not in fixed]
        floors = {c: header.sectionSizeFromContents(c).width() for c in text_columns}
        # What each text column's visible rows need (Qt looks at the rows in view only).
        wanted = {c: max(view.sizeHintForColumn(c), floors[c]) for c in text_columns}
        weights = {c: STRETCH_WEIGHT if c == self.stretch else 1.0 for c in text_columns}
        shared = share_room(wanted, floors, weights, room)
        shared.pop(self.stretch, None)  # it takes what is left (QHeaderView.Stretch)
        return {**fixed, **shared}

    def fit(self) -> None:
        if self.user_sized or self.view.model() is None:
            return
        header = _header(self.view)
        self._fitting = True
        try:
            for column, width in self.widths().items():
                header.resizeSection(column, width)
            if 0 <= self.stretch < header.count():
                header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Stretch)
        finally:
            self._fitting = False


def elide_with_tooltips(view: QAbstractItemView) -> None:
    """For a one-column list: a cut line's full text as its tooltip."""
    view.setItemDelegate(ElidingDelegate(view))
    view.setTextElideMode(Qt.TextElideMode.ElideRight)


def fit_columns(view: QAbstractItemView, stretch: int,
                samples: dict[int, Iterable[str] | int] | None = None,
                elide_middle: bool = False) -> ColumnFit:
    """Fit view's columns (kept by the view: the fit lives as long as the table)."""
    return ColumnFit(view, stretch, samples, elide_middle)
