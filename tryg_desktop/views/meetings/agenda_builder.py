"""The agenda builder: numbered items with their planned start, reordered by drag and drop or
Alt+Up/Down, edited in the panel beside the list (saved as you type), with a warning when the
items run past the meeting's end."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop import settings as S
from tryg_desktop.services.meetings import agenda
from tryg_desktop.services.errors import ServiceError, ValidationError
from tryg_desktop.views.kit.colours import notice_style
from tryg_desktop.views.kit.error_label import error_label
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit.table_columns import fit_columns

MIME = "application/x-tryg-agenda-rows"
HEADERS = ["Nr.", "Start", "Punkt", "Type", "Oplægsholder", "Min.", ""]


class AgendaModel(QAbstractTableModel):
    """Rows are the meeting's agenda items with their planned start; it holds no query."""

    order_changed = Signal(list)  # item ids in the new order (after a drop)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._plan: list[agenda.PlannedItem] = []

    def set_plan(self, plan: agenda.TimePlan) -> None:
        self.beginResetModel()
        self._plan = list(plan.items)
        self.endResetModel()

    def refresh(self, plan: agenda.TimePlan) -> None:
        """New times and lengths for the same rows, without a reset: the selection and the
        item being edited stay where they are."""
        if [p.item.id for p in plan.items] != [p.item.id for p in self._plan]:
            return self.set_plan(plan)
        self._plan = list(plan.items)
        if self._plan:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._plan) - 1, len(HEADERS) - 1))

    def item_at(self, row: int) -> agenda.ItemRow | None:
        return self._plan[row].item if 0 <= row < len(self._plan) else None

    def row_of(self, item_id: int) -> int:
        return next((n for n, p in enumerate(self._plan) if p.item.id == item_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._plan)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._plan):
            return None
        planned = self._plan[index.row()]
        item = planned.item
        if role == Qt.ItemDataRole.DisplayRole:
            return [str(item.number), l10n.clock(planned.starts), item.title,
                    item.kind_label, item.presenter, str(item.minutes),
                    "Lukket" if item.closed else ""][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 1, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and item.closed:
            return "Lukket punkt: vises kun med nummer i deltagernes dagsorden."
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    # -- drag and drop: the model reports the wanted order; the builder saves it -------------
    def flags(self, index):
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self):
        return [MIME]

    def mimeData(self, indexes):
        rows = sorted({i.row() for i in indexes})
        data = QMimeData()
        data.setData(MIME, ",".join(str(self._plan[r].item.id) for r in rows).encode())
        return data

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        moving = [int(x) for x in bytes(data.data(MIME)).decode().split(",") if x]
        target = parent.row() if row < 0 and parent.isValid() else row
        if target < 0:
            target = len(self._plan)
        order = [p.item.id for p in self._plan]
        before = [i for i in order[:target] if i not in moving]
        after = [i for i in order[target:] if i not in moving]
        self.order_changed.emit(before + moving + after)
        return False  # the rows are not removed by the view: the builder reloads them


class AgendaBuilder(QWidget):
    changed = Signal()

    def __init__(self, meeting_id: int, prompts: Prompts | None, settings: S.Settings,
                 parent=None, load: bool = True) -> None:
        super().__init__(parent)
        self.loaded = False  # load=False: filled by the first reload() (the tab's first show)
        self.meeting_id = meeting_id
        self.prompts = prompts or Prompts()
        self.settings = settings
        self._current: agenda.ItemRow | None = None
        self._plan: agenda.TimePlan | None = None
        self._loading = False

        self.model = AgendaModel(self)
        self.model.order_changed.connect(self._reorder)
        self.table = QTableView(accessibleName="Dagsorden")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDropIndicatorShown(True)
        self.table.verticalHeader().hide()
        kinds = tuple(label for _, label in agenda.KINDS)
        fit_columns(self.table, stretch=2, samples={0: ("99",), 1: fit.TIME, 3: kinds,
                                                    5: ("120",), 6: ("Lukket",)})
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

        self.add_button = QPushButton("&Nyt punkt")
        self.add_button.clicked.connect(self.add_item)
        self.delete_button = QPushButton("&Slet punkt")
        self.delete_button.clicked.connect(self.delete_item)
        self.up_button = QPushButton("Op (Alt+↑)")
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton("Ned (Alt+↓)")
        self.down_button.clicked.connect(lambda: self.move(1))
        QShortcut(QKeySequence("Alt+Up"), self.table, activated=lambda: self.move(-1))
        QShortcut(QKeySequence("Alt+Down"), self.table, activated=lambda: self.move(1))
        self.template_combo = QComboBox(accessibleName="Skabelon")
        self.insert_template_button = QPushButton("Indsæt sk&abelon")
        self.insert_template_button.clicked.connect(self.insert_template)
        self.save_template_button = QPushButton("Gem som s&kabelon …")
        self.save_template_button.clicked.connect(self.save_as_template)

        self.warning = QLabel(wordWrap=True)
        self.warning.setStyleSheet(notice_style())
        self.warning.hide()
        self.summary = QLabel()

        self.panel = self._build_panel()
        splitter = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        templates = QHBoxLayout()
        templates.addWidget(QLabel("Skabelon:"))
        templates.addWidget(self.template_combo, 1)
        templates.addWidget(self.insert_template_button)
        templates.addWidget(self.save_template_button)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.warning)
        left_layout.addLayout(templates)
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._save_timer = QTimer(self, singleShot=True, interval=600)
        self._save_timer.timeout.connect(self.save_current)
        self.reload_templates()
        if load:
            self.reload()

    def _build_panel(self) -> QWidget:
        panel = QWidget()
        form = QFormLayout(panel)
        self.title_edit = QLineEdit(placeholderText="Punktets overskrift")
        self.kind_combo = QComboBox()
        for code, label in agenda.KINDS:
            self.kind_combo.addItem(label, code)
        self.presenter_edit = QLineEdit(placeholderText="Fx Gadeteamet eller navn")
        self.minutes_spin = QSpinBox(minimum=0, maximum=600, singleStep=5, suffix=" min.")
        self.case_number_edit = QLineEdit(placeholderText="Fx 27.00.00-A00-1-26", maxLength=60)
        self.closed_check = QCheckBox("&Lukket punkt (kun for mødeleder og referent)")
        self.background_edit = QPlainTextEdit(  # Tab goes on to the next field, as in a form
            placeholderText="Sagsfremstilling: baggrund for punktet", tabChangesFocus=True)
        self.proposal_edit = QPlainTextEdit(
            placeholderText="Indstilling: hvad mødet bedes beslutte", tabChangesFocus=True)
        self.chair_notes_edit = QPlainTextEdit(
            placeholderText="Det mødelederen skal huske: kun i drejebogen, aldrig til deltagerne",
            tabChangesFocus=True)
        self.chair_notes_edit.setAccessibleName("Noter til mødeleder")
        self.item_error = error_label()
        form.addRow("&Titel:", self.title_edit)
        form.addRow("T&ype:", self.kind_combo)
        form.addRow("&Oplægsholder:", self.presenter_edit)
        form.addRow("&Varighed:", self.minutes_spin)
        form.addRow("Sagsnumm&er:", self.case_number_edit)
        form.addRow("", self.closed_check)
        form.addRow("Sags&fremstilling:", self.background_edit)
        form.addRow("&Indstilling:", self.proposal_edit)
        chair_label = QLabel("Noter til m&ødeleder (kun i drejebogen):")
        chair_label.setBuddy(self.chair_notes_edit)
        form.addRow(chair_label)
        form.addRow(self.chair_notes_edit)
        from tryg_desktop.views.meetings.attachments_panel import AttachmentsPanel

        self.attachments = AttachmentsPanel(self.prompts, self.settings)  # the item's bilag (H6)
        self.attachments.changed.connect(self.changed)
        form.addRow("Bilag:", self.attachments)
        form.addRow("", self.item_error)
        for edit in (self.title_edit, self.presenter_edit, self.case_number_edit):
            edit.textEdited.connect(self._edited)
        for edit in (self.background_edit, self.proposal_edit, self.chair_notes_edit):
            edit.textChanged.connect(self._edited)
        self.kind_combo.currentIndexChanged.connect(self._edited)
        self.minutes_spin.valueChanged.connect(self._edited)
        self.minutes_spin.valueChanged.connect(self._length_changed)
        self.closed_check.toggled.connect(self._edited)
        panel.setEnabled(False)
        return panel

    # -- loading -----------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        self.loaded = True
        current = select_id or (self._current.id if self._current else None)
        plan = agenda.time_plan(self.meeting_id)
        self.model.set_plan(plan)
        self._show_plan(plan)
        row = self.model.row_of(current) if current else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._show_current()

    def reload_templates(self) -> None:
        self.template_combo.clear()
        for template in agenda.templates():
            self.template_combo.addItem(template.name, template.id)

    def _show_current(self, *_args) -> None:
        self.save_current()
        item = self.model.item_at(self.table.currentIndex().row())
        self._current = item
        self.panel.setEnabled(item is not None)
        for button in (self.delete_button, self.up_button, self.down_button):
            button.setEnabled(item is not None)
        self._loading = True
        try:
            self.title_edit.setText(item.title if item else "")
            self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(item.kind), 0)
                                            if item else 0)
            self.presenter_edit.setText(item.presenter if item else "")
            self.minutes_spin.setValue(item.minutes if item else 0)
            self.closed_check.setChecked(item.closed if item else False)
            self.background_edit.setPlainText(item.background if item else "")
            self.proposal_edit.setPlainText(item.proposal if item else "")
            self.chair_notes_edit.setPlainText(item.chair_notes if item else "")
            self.case_number_edit.setText(item.case_number if item else "")
            self.attachments.set_item(item.id if item else None)
            self.item_error.hide()
        finally:
            self._loading = False

    # -- editing -----------------------------------------------------------------------------
    def _edited(self, *_args) -> None:
        # Not restarted while typing goes on: the text is saved at least every 0.6 s.
        if not self._loading and self._current is not None and not self._save_timer.isActive():
            self._save_timer.start()

    def panel_input(self) -> agenda.ItemInput:
        return agenda.ItemInput(
            title=self.title_edit.text(), kind=self.kind_combo.currentData(),
            presenter=self.presenter_edit.text(), minutes=self.minutes_spin.value(),
            background=self.background_edit.toPlainText(),
            proposal=self.proposal_edit.toPlainText(), closed=self.closed_check.isChecked(),
            case_number=self.case_number_edit.text(),
            chair_notes=self.chair_notes_edit.toPlainText())

    def save_current(self) -> bool:
        """Save the panel's text into the current item (also called before anything else
        happens to the agenda, so that no typed text is lost)."""
        self._save_timer.stop()
        item = self._current
        if item is None or self._loading:
            return True
        data = self.panel_input()
        if data == item.as_input():
            return True
        try:
            saved = agenda.update(item.id, data, item.version)
        except ValidationError as error:
            self.item_error.setText(" ".join(error.errors.values()))
            self.item_error.show()
            return False
        except ServiceError as error:
            self.prompts.warn(self, "Dagsorden", error.message)
            return False
        self.item_error.hide()
        self._current = saved
        row = self.model.row_of(saved.id)
        plan = agenda.time_plan(self.meeting_id)
        self.model.set_plan(plan)
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
        self._show_plan(plan)
        self.changed.emit()
        return True

    def _show_plan(self, plan: agenda.TimePlan) -> None:
        """The total, the end and the overrun warning: always from the items as they are."""
        self._plan = plan
        count = len(plan.items)
        self.summary.setText(f"{count} {'punkt' if count == 1 else 'punkter'}, i alt "
                             f"{plan.total_minutes} minutter; slutter kl. "
                             f"{l10n.clock(plan.ends)}.")
        self.warning.setText(plan.warning)
        self.warning.setVisible(bool(plan.warning))

    def _length_changed(self, minutes: int) -> None:
        """The total and the start times follow the length as it is typed, before it is
        saved."""
        if self._loading or self._current is None or self._plan is None:
            return
        plan = self._plan.with_minutes(self._current.id, minutes)
        self.model.refresh(plan)
        self._show_plan(plan)

    def _refused(self, error: ServiceError) -> None:
        self.prompts.warn(self, "Dagsorden", error.message)

    def add_item(self) -> None:
        self.save_current()
        at = self.table.currentIndex().row() + 2 if self._current else None
        try:
            item = agenda.add(self.meeting_id, agenda.ItemInput(title="Nyt punkt"), at=at)
        except ServiceError as error:
            return self._refused(error)
        self._current = None
        self.reload(select_id=item.id)
        self.title_edit.setFocus()
        self.title_edit.selectAll()
        self.changed.emit()

    def delete_item(self) -> None:
        item = self._current
        if item is None:
            return
        files = len(self.attachments.names())  # the item's bilag go with it
        also = f" Punktets {files} bilag slettes også." if files else ""
        if not self.prompts.confirm(self, "Slet punkt", f"Vil du slette punkt {item.number} "
                                    f"»{item.title}«?{also}", yes="Slet", no="Annuller",
                                    destructive=True):
            return
        try:
            agenda.delete(item.id)
        except ServiceError as error:
            return self._refused(error)
        self._current = None
        self.reload()
        self.changed.emit()

    def move(self, delta: int) -> None:
        item = self._current
        if item is None or not self.save_current():
            return
        try:
            agenda.move(item.id, delta)
        except ServiceError as error:
            return self._refused(error)
        self.reload(select_id=item.id)
        self.changed.emit()

    def _reorder(self, ordered_ids: list[int]) -> None:
        self.save_current()
        try:
            agenda.reorder(self.meeting_id, ordered_ids)
        except ServiceError as error:
            self.prompts.warn(self, "Dagsorden", error.message)
        QTimer.singleShot(0, self.reload)  # after the view has finished its drop
        self.changed.emit()

    def insert_template(self) -> None:
        template_id = self.template_combo.currentData()
        if template_id is None:
            return
        self.save_current()
        try:
            agenda.apply_template(self.meeting_id, template_id)
        except ServiceError as error:
            return self._refused(error)
        self.reload()
        self.changed.emit()

    def save_as_template(self) -> None:
        self.save_current()
        name = self.prompts.ask_text(self, "Gem som skabelon", "Skabelonens navn:")
        if not name:
            return
        try:
            agenda.save_as_template(self.meeting_id, name)
        except ValidationError as error:
            if not self.prompts.confirm(self, "Gem som skabelon",
                                        f"{error.errors['name']}\n\nVil du erstatte den?",
                                        yes="Erstat", no="Annuller"):
                return
            try:
                agenda.save_as_template(self.meeting_id, name, replace_existing=True)
            except ValidationError as again:
                self.prompts.warn(self, "Gem som skabelon", again.errors["name"])
                return
        self.reload_templates()
        self.template_combo.setCurrentIndex(self.template_combo.findText(name))
