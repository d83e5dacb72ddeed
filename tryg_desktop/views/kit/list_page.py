"""A register page: search-as-you-type, filters, a lazily filled table and the record actions
(new, open, (de)activate, delete) on buttons, keys and a context menu."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop.services import db_health
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.views.kit.paged_model import PagedTableModel
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit.table_columns import fit_columns
from tryg_desktop.workers import Task


class RecordTable(QTableView):
    """Enter opens the current row (QTableView would otherwise start editing or do nothing)."""

    activated_row = Signal(int)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


ACTIVE_CHOICES = [("Aktive", True), ("Inaktive", False), ("Alle", None)]


class ListPage(QWidget):
    changed = Signal()  # a record was created, changed or deleted here
    plural = "poster"
    singular = "post"
    new_label = "&Ny"
    search_placeholder = "Søg …"
    has_active = True  # records that can be deactivated (contacts, organisations)
    entity = ""  # the record's table, for the server's roles (a referent reads the register)

    def __init__(self, model: PagedTableModel, prompts: Prompts | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts or Prompts()
        self.model = model

        self.search_edit = QLineEdit(placeholderText=self.search_placeholder, clearButtonEnabled=True)
        self.search_edit.setAccessibleName("Søg")
        self._search_timer = QTimer(self, singleShot=True, interval=120)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_edit.textChanged.connect(self._search_timer.start)

        self.table = RecordTable()
        self.table.setAccessibleName(self.plural.capitalize())
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSortIndicator(model.sort_column(),
                                                        Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        stretch, samples = model.column_plan()
        self.columns = fit_columns(self.table, stretch, samples)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.activated_row.connect(self.open_row)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        model.modelReset.connect(self._update_count)
        model.rowsInserted.connect(self._count_if_all_loaded)

        self.count_label = QLabel()
        self._count_generation = 0
        self._count_tasks: set[Task] = set()  # kept alive until their signal has arrived
        self.new_button = QPushButton(self.new_label)
        self.new_button.clicked.connect(self.new_record)
        self.open_button = QPushButton("&Redigér")
        self.open_button.clicked.connect(lambda: self.open_row(self.current_row()))
        self.active_button = QPushButton("&Deaktivér")
        self.active_button.clicked.connect(self.toggle_active)
        self.delete_button = QPushButton("&Slet")
        self.delete_button.clicked.connect(self.delete_current)

        self.new_action = QAction(self.new_label.replace("&", "") + " …", self,
                                  shortcut=QKeySequence.StandardKey.New,
                                  shortcutContext=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(self.new_record)
        self.find_action = QAction("Søg", self, shortcut=QKeySequence.StandardKey.Find,
                                   shortcutContext=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.delete_action = QAction("Slet …", self, shortcut=QKeySequence.StandardKey.Delete,
                                     shortcutContext=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_current)
        self.table.addAction(self.delete_action)
        self.addActions([self.new_action, self.find_action])

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 3)
        for widget in self.filter_widgets():
            top.addWidget(widget)
        top.addStretch(0)
        top.addWidget(self.new_button)

        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        for button in (self.open_button, self.active_button, self.delete_button):
            bottom.addWidget(button)

        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{self.plural.capitalize()}</h2>")
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.active_button.setVisible(self.has_active)
        # A read-only database (no write access to the file): browse, print, export; no edits.
        self.read_only = not db_health.may_change(self.entity)
        for widget in (self.new_button, self.new_action, self.delete_action):
            widget.setEnabled(not self.read_only)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        model.modelReset.connect(self._update_buttons)
        self._loaded = False  # the rows are fetched when the page is first shown

    def showEvent(self, event) -> None:
        if not self._loaded:
            self._loaded = True
            self._order_tabs()
            # Enabling sorting sorts once by the indicator's column: that is the first load.
            self.table.setSortingEnabled(True)
        super().showEvent(event)

    def _order_tabs(self) -> None:
        """Tab goes as the page reads: search, filters, Ny, the table, then the buttons under
        it left to right (subclasses add buttons to the rows after this class is built)."""
        layout = self.layout()
        rows = [layout.itemAt(i) for i in range(layout.count())]
        chain: list[QWidget] = []
        for item in rows:
            if item.widget() is self.table:
                chain.append(self.table)
            elif item.layout() is not None:
                row = item.layout()
                chain += [row.itemAt(i).widget() for i in range(row.count())
                          if row.itemAt(i).widget() is not None
                          and row.itemAt(i).widget().focusPolicy() & Qt.FocusPolicy.TabFocus]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)

    # -- hooks --------------------------------------------------------------------------------
    def filter_widgets(self) -> list[QWidget]:
        return []

    def filter_combo(self, name: str, choices: list[tuple[str, object]], field: str) -> QComboBox:
        """A drop-down that sets one field of the model's filter."""
        combo = QComboBox(accessibleName=name)
        for label, value in choices:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(
            lambda: self.model.set_filter(**{field: combo.currentData()}))
        return combo

    def make_dialog(self, record_id: int | None):
        raise NotImplementedError

    def service(self):
        raise NotImplementedError

    def delete_record(self, row) -> bool:
        raise NotImplementedError

    # -- behaviour ------------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self._loaded:
            return
        current = self.current_record()
        self.model.reload()
        if current is not None:
            self.select_id(current.id)

    def live_refresh(self) -> None:
        """A colleague changed what the list shows (the team's server): the rows as they are
        now, with the selection and the scroll position kept where the rows allow (the pages
        scrolled into before are fetched again, so the same rows are on screen)."""
        if not self._loaded:
            return
        current = self.current_record()
        bar = self.table.verticalScrollBar()
        scrolled, fetched = bar.value(), self.model.rowCount()
        self.model.reload()
        while self.model.rowCount() < fetched and self.model.canFetchMore():
            self.model.fetchMore()
        if current is not None:
            row = self.model.row_of_id(current.id)
            if row >= 0:
                # Current and selected, without scrolling to it: the view stays put.
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
        bar.setValue(scrolled)

    def apply_search(self) -> None:
        self.model.set_filter(search=self.search_edit.text())
        if self.model.rowCount():
            self.table.selectRow(0)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def current_record(self):
        return self.model.row_at(self.current_row())

    def select_id(self, record_id: int) -> None:
        row = self.model.row_of_id(record_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _update_count(self) -> None:
        known = self.model.known_total()
        if known is not None:
            self._count_generation += 1  # a count still running is out of date
            self._show_count(known)
            return
        # Counting every match can take tens of milliseconds at 100,000 contacts: the rows are
        # on screen at once, and the figure follows from a worker with its own connection.
        self._count_generation += 1
        self.count_label.setEnabled(False)  # the old figure, greyed, until the new one arrives
        generation, count = self._count_generation, self.model.count_query()
        task = Task(lambda progress, is_cancelled: (generation, count()))
        task.signals.finished.connect(self._count_arrived)
        self._count_tasks.add(task)
        for signal in (task.signals.finished, task.signals.failed):
            signal.connect(lambda _result, t=task: self._count_tasks.discard(t))
        task.start()

    def _count_if_all_loaded(self) -> None:
        """Scrolling fetched another page: the total is the same, unless now all are loaded."""
        if self.model.known_total() is not None:
            self._update_count()

    def _count_arrived(self, result) -> None:
        generation, total = result
        if generation == self._count_generation:
            self._show_count(total)

    def _show_count(self, total: int) -> None:
        noun = self.singular if total == 1 else self.plural
        self.count_label.setText(f"{l10n.format_integer(total)} {noun}")
        self.count_label.setEnabled(True)

    def _update_buttons(self, *_args) -> None:
        record = self.current_record()
        for button in (self.open_button, self.active_button, self.delete_button):
            button.setEnabled(record is not None and not self.read_only)
        if self.has_active:
            self.active_button.setText("&Aktivér" if record is not None and not record.active
                                       else "&Deaktivér")

    def new_record(self) -> None:
        if self.read_only:
            return
        dialog = self.make_dialog(None)
        if self.prompts.run_dialog(dialog) and dialog.saved_row is not None:
            self.model.reload()
            self.select_id(dialog.saved_row.id)
            self.changed.emit()

    def open_row(self, row: int) -> None:
        record = self.model.row_at(row)
        if record is None:
            return
        dialog = self.make_dialog(record.id)
        self.prompts.run_dialog(dialog)
        # Reload even after Annuller: a conflict reload or a deletion elsewhere may have happened.
        self.refresh()
        if dialog.saved_row is not None:
            self.changed.emit()

    def toggle_active(self) -> None:
        record = self.current_record()
        if record is None or self.read_only:
            return
        try:
            self.service().set_active(record.id, not record.active, record.version)
        except ServiceError as error:
            self.prompts.warn(self, "Kunne ikke gemme", error.message)
        self.refresh()
        self.changed.emit()

    def delete_current(self) -> None:
        record = self.current_record()
        if record is None or self.read_only:
            return
        try:
            deleted = self.delete_record(record)
        except ServiceError as error:
            self.prompts.warn(self, "Kunne ikke slette", error.message)
            deleted = True  # the list is out of date; show what is there now
        if deleted:
            row = self.current_row()
            self.model.reload()
            if self.model.rowCount():
                self.table.selectRow(min(row, self.model.rowCount() - 1))
            self.changed.emit()

    def _context_menu(self, pos) -> None:
        index: QModelIndex = self.table.indexAt(pos)
        if index.isValid():
            self.table.selectRow(index.row())
        record = self.current_record()
        menu = QMenu(self)
        menu.addAction(self.new_action)
        if record is not None and not self.read_only:
            menu.addAction("Redigér …", lambda: self.open_row(self.current_row()))
            if self.has_active:
                menu.addAction("Aktivér" if not record.active else "Deaktivér",
                               self.toggle_active)
            menu.addSeparator()
            menu.addAction(self.delete_action)
        self.extend_context_menu(menu, record)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def extend_context_menu(self, menu: QMenu, record) -> None:
        pass
