"""A register whose records each have a page of their own (Steder, Indsatser): the list with a
"Vis …" button, the record's page with "← Alle …" back, both in one stack, and the tree helpers
those pages fill their tables with."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop.services.errors import NotFoundError
from tryg_desktop.views.kit import colours
from tryg_desktop.views.kit.colours import Role
from tryg_desktop.views.kit.list_page import ListPage
from tryg_desktop.views.kit.table_columns import fit_columns

KIND_ROLE = Qt.ItemDataRole.UserRole  # what a tree line is ("meeting", "action", …)
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # and the id of the record it opens


def html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def short_date(day: dt.date) -> str:
    return l10n.short_date(day)


# -- the trees on a record's page ------------------------------------------------------------------
def record_tree(headers: list[str], samples: dict | None = None) -> QTreeWidget:
    """A tree whose column 1 (the title) stretches; samples: the fixed-content columns'
    representative texts (views/kit/table_columns.py)."""
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    fit_columns(tree, stretch=1, samples=samples)
    return tree


def add_item(parent, texts: list[str], kind: str | None = None, record_id: int | None = None,
             colour: Role | None = None, tooltip: str = "") -> QTreeWidgetItem:
    item = QTreeWidgetItem(parent, texts)
    item.setData(0, KIND_ROLE, kind)
    item.setData(0, ID_ROLE, record_id)
    if colour:
        for column in range(len(texts)):
            item.setForeground(column, QBrush(colours.colour(colour)))
    if tooltip:
        for column in range(len(texts)):
            item.setToolTip(column, tooltip)
    return item


def add_group(tree: QTreeWidget, title: str) -> QTreeWidgetItem:
    item = QTreeWidgetItem(tree, [title])
    font = QFont(item.font(0))
    font.setBold(True)
    item.setFont(0, font)
    item.setFirstColumnSpanned(True)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    return item


def add_none(parent, text: str = "Ingen") -> None:
    item = QTreeWidgetItem(parent, [text])
    item.setForeground(0, QBrush(colours.colour(colours.MUTED_TEXT)))
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setFirstColumnSpanned(True)  # the line reads across the columns, not cut in the first


# -- the list ----------------------------------------------------------------------------------
class ShowableList(ListPage):
    """A ListPage whose current record can be shown on its own page: a button, Ctrl+Enter and
    the context menu ask for it (Enter and a double-click still open the editor)."""

    show_label = "&Vis"
    show_tooltip = ""
    show_requested = Signal(int)  # the record's id: show its page

    def __init__(self, model, prompts=None, parent=None) -> None:
        super().__init__(model, prompts, parent)
        self.show_button = QPushButton(self.show_label)
        self.show_button.setToolTip(self.show_tooltip)
        self.show_button.clicked.connect(self.show_current)
        bottom = self.layout().itemAt(self.layout().count() - 1).layout()
        bottom.insertWidget(2, self.show_button)  # after the count and the stretch
        self.show_action = QAction(self.show_label.replace("&", ""), self,
                                   shortcut=QKeySequence("Ctrl+Return"),
                                   shortcutContext=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.show_action.triggered.connect(self.show_current)
        self.addAction(self.show_action)
        self.table.selectionModel().currentRowChanged.connect(self._update_show)
        self.model.modelReset.connect(self._update_show)
        self._update_show()

    def _update_show(self, *_args) -> None:
        self.show_button.setEnabled(self.current_record() is not None)

    def show_current(self) -> None:
        record = self.current_record()
        if record is not None:
            self.show_requested.emit(record.id)

    def extend_context_menu(self, menu, record) -> None:
        if record is not None:
            menu.insertAction(menu.actions()[0], self.show_action)


# -- the record's page ---------------------------------------------------------------------------
class DetailView(QWidget):
    """A record's page: ← back (also Alt+Left), its title, Redigér, a line of facts, and what the
    subclass adds below. fetch() loads the record; a record deleted meanwhile goes back."""

    back_requested = Signal()
    edit_requested = Signal(int)

    def __init__(self, back_text: str, edit_text: str, parent=None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._today = today  # tests pin the date; None: the real date each time
        self.record_id: int | None = None

        self.back_button = QPushButton(back_text)
        self.back_button.clicked.connect(self.back_requested)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.back_requested.emit)
        self.edit_button = QPushButton(edit_text)
        self.edit_button.clicked.connect(
            lambda: self.record_id is not None and self.edit_requested.emit(self.record_id))
        self.title_label = QLabel(textFormat=Qt.TextFormat.RichText)
        self.facts_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.facts_label)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def show_record(self, record_id: int) -> None:
        self.record_id = record_id
        self.refresh()

    def refresh(self) -> None:
        if self.record_id is None:
            return
        try:
            self.fetch(self.record_id)
        except NotFoundError:
            self.record_id = None
            self.back_requested.emit()
            return
        self.fill()

    def fetch(self, record_id: int) -> None:
        """Load the record and what is linked to it (NotFoundError: it has been deleted)."""
        raise NotImplementedError

    def fill(self) -> None:
        """Show what fetch() loaded."""
        raise NotImplementedError

    def openers(self) -> dict:
        """A tree line's kind → the signal that opens its record."""
        return {}

    def activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        signal = self.openers().get(item.data(0, KIND_ROLE))
        record_id = item.data(0, ID_ROLE)
        if signal is not None and record_id is not None:
            signal.emit(record_id)


# -- both in one page ------------------------------------------------------------------------------
class ListAndDetailPage(QWidget):
    """The list, and a record's page in its place. The subclass declares the view's open_*
    signals it passes on (as Signals of its own) and names them in `forwarded`."""

    changed = Signal()
    forwarded: tuple[str, ...] = ()

    def __init__(self, list_page: ShowableList, view: DetailView, parent=None) -> None:
        super().__init__(parent)
        self.list = list_page
        self.prompts = list_page.prompts
        self.view = view
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.list.changed.connect(self.changed)
        self.list.show_requested.connect(self.show_record)
        self.view.back_requested.connect(self.show_list)
        self.view.edit_requested.connect(self.edit_record)
        for name in self.forwarded:
            getattr(self.view, name).connect(getattr(self, name))

    @property
    def table(self):  # the main window focuses it when the page is shown
        showing_list = self.stack.currentWidget() is self.list
        return self.list.table if showing_list else self.view.focus_widget

    def refresh(self) -> None:
        self.list.refresh()
        if self.stack.currentWidget() is self.view:
            self.view.refresh()

    def new_record(self) -> None:
        self.show_list()
        self.list.new_record()

    def show_record(self, record_id: int) -> None:
        self.view.show_record(record_id)
        self.stack.setCurrentWidget(self.view)
        self.view.focus_widget.setFocus()

    def show_list(self) -> None:
        if self.view.record_id is not None:
            self.list.select_id(self.view.record_id)
        self.stack.setCurrentWidget(self.list)
        self.list.table.setFocus()

    def edit_record(self, record_id: int) -> None:
        dialog = self.list.make_dialog(record_id)
        self.prompts.run_dialog(dialog)
        self.view.refresh()
        self.list.refresh()
        if dialog.saved_row is not None:
            self.changed.emit()
