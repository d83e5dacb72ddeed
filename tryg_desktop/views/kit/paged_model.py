"""A table model that receives rows a page at a time from a service.

It never queries: it calls fetch(filter, offset, limit) and count(filter), keeps the rows it has
been given (with their ids), and asks for the next page only when the view scrolls there
(canFetchMore/fetchMore). Sorting and filtering are the service's job, done in the database.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from tryg_desktop.views.kit.colours import ERROR_TEXT, MUTED_TEXT, colour


@dataclass(frozen=True)
class Column:
    title: str
    sort_key: str | None  # the service's sort name; None: not sortable
    text: Callable[[Any], str]
    align_right: bool = False
    # How the column is sized (views/kit/table_columns.py): representative texts for a
    # fixed-content column (a date, a phone number, a status), or the one that stretches.
    sample: tuple[str, ...] = ()
    stretch: bool = False


class PagedTableModel(QAbstractTableModel):
    PAGE_SIZE = 100  # a screenful or three; more arrive as the view scrolls

    def __init__(self, columns: list[Column], fetch: Callable, count: Callable, flt: Any,
                 parent=None, warn: Callable[[Any], bool] | None = None) -> None:
        super().__init__(parent)
        self._warn = warn  # rows to show in the warning colour (an overdue action)
        self._columns = columns
        self._fetch = fetch
        self._count = count
        self._filter = flt
        self._rows: list = []
        self._has_more = False
        self._loaded = False

    # -- what the page changes -------------------------------------------------------------
    @property
    def filter(self):
        return self._filter

    def set_filter(self, **changes) -> None:
        self._filter = replace(self._filter, **changes)
        self.reload()

    def reload(self) -> None:
        self._loaded = True
        self.beginResetModel()
        self._rows = self._fetch(self._filter, 0, self.PAGE_SIZE)
        self._has_more = len(self._rows) == self.PAGE_SIZE
        self.endResetModel()

    def known_total(self) -> int | None:
        """How many rows match, when every one has been fetched; else None (ask count())."""
        return None if self._has_more else len(self._rows)

    def count_query(self):
        """A function that counts the current filter's rows; it touches no widget or model
        state, so a worker thread may run it."""
        count, flt = self._count, self._filter
        return lambda: count(flt)

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_id(self, record_id: int) -> int:
        for number, item in enumerate(self._rows):
            if item.id == record_id:
                return number
        return -1

    def column_plan(self) -> tuple[int, dict[int, tuple[str, ...]]]:
        """The stretching column and the fixed-content columns' samples, for fit_columns."""
        stretch = next((n for n, c in enumerate(self._columns) if c.stretch), 0)
        return stretch, {n: c.sample for n, c in enumerate(self._columns) if c.sample}

    def sort_column(self) -> int:
        for number, column in enumerate(self._columns):
            if column.sort_key == self._filter.sort:
                return number
        return 0

    # -- QAbstractTableModel ----------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._warn is not None and self._warn(item):
            return colour(ERROR_TEXT)
        if role == Qt.ItemDataRole.ForegroundRole and not getattr(item, "active", True):
            # An inactive record is content, not a disabled control: muted, yet 4.5:1 (the
            # palette's disabled text was 1.9:1).
            return colour(MUTED_TEXT)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title
        return None

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or not self._has_more:
            return
        page = self._fetch(self._filter, len(self._rows), self.PAGE_SIZE)
        self._has_more = len(page) == self.PAGE_SIZE
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._columns[column].sort_key
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (self._loaded and (key, descending) == (
                self._filter.sort, self._filter.descending)):
            return  # QTableView.sortByColumn asks twice; the rows are already in this order
        self._filter = replace(self._filter, sort=key,
                               descending=order == Qt.SortOrder.DescendingOrder)
        self.reload()
