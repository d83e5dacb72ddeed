"""Adgangslog: who viewed, searched, printed, exported, mailed, backed up or deleted which
personal data, when and why (issue 13, point 1). For an administrator (tryg_admin on the
server; on a SQLite file the PC's user): the main window shows the page to them alone, and the
service refuses everyone else (NotAllowedError), which the page then says instead of rows.

The log grows to hundreds of thousands of entries: the table gets them a page at a time as it
scrolls (PagedTableModel over access_log.page, newest first, one query for the page and one
for the names in it); the filters are conditions in the database. "Eksportér CSV …" writes the
filtered entries in a worker, and that export is itself an entry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop.services.data_protection import access_log
from tryg_desktop.views.kit.date_field import DateField
from tryg_desktop.views.kit.error_label import error_label
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.paged_model import Column, PagedTableModel
from tryg_desktop.views.kit.table_columns import fit_columns

COLUMNS = [
    Column("Tidspunkt", None, lambda e: e.at_text, sample=fit.DATE_TIME),
    Column("Bruger", None, lambda e: e.user),
    Column("Handling", None, lambda e: e.action_label),
    Column("Post", None, lambda e: e.record_label, stretch=True),
    Column("Detaljer", None, lambda e: e.detail),
    Column("Formål", None, lambda e: e.purpose),
]
ALL_USERS = "Alle brugere"
EXPLANATION = ("Hvem har set, søgt i, udskrevet, eksporteret, mailet, sikkerhedskopieret eller "
               "slettet hvilke personoplysninger, hvornår og hvorfor. Loggen kan ikke ændres; "
               "kun slettefristen fjerner gamle indgange. Tidspunkter i dansk tid.")


def _fetch(where: access_log.LogFilter, offset: int, limit: int) -> list[access_log.LogEntry]:
    return access_log.page(where, offset, limit)


class AccessLogPage(QWidget):
    """Alt+P person, Alt+G pick by name, Alt+U user, Alt+N action, Alt+R/Alt+T period, Alt+O
    refresh, Alt+C export (the window's menus hold F, V, B and H).
    refresh(): the rows afresh (the filters kept); live_refresh(): the same, keeping the
    rows scrolled into. Nothing is read until the page is first shown."""

    def __init__(self, prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.setObjectName("accessLogPage")
        self.model = PagedTableModel(COLUMNS, _fetch, access_log.count, access_log.LogFilter(),
                                     self)
        self._loaded = False

        # -- filters -----------------------------------------------------------------------
        self.contact_edit = QLineEdit(placeholderText="Kontakt-id", clearButtonEnabled=True)
        self.contact_edit.setValidator(QIntValidator(1, 2_000_000_000, self))
        self.contact_edit.setToolTip("Kun indgange om denne kontakt (kontaktens id). "
                                     "Vælg … finder den på navnet.")
        self.contact_edit.setMaximumWidth(130)
        self.pick_button = QPushButton("Væl&g …")
        self.pick_button.setToolTip("Find kontakten på navnet")
        self.contact_name = QLabel()
        self.user_combo = QComboBox()
        self.user_combo.addItem(ALL_USERS, "")
        self.user_combo.setMinimumContentsLength(16)
        self.action_combo = QComboBox()
        self.action_combo.addItem("Alle handlinger", "")
        for code, label in access_log.ACTIONS.items():
            self.action_combo.addItem(label, code)
        self.from_field = DateField(display="short", optional=True)
        self.to_field = DateField(display="short", optional=True)
        self.refresh_button = QPushButton("&Opdatér")
        self.refresh_button.setToolTip("Hent loggen igen (F5)")
        self.refresh_button.setShortcut("F5")
        self.export_button = QPushButton("Eksportér &CSV …")
        self.export_button.setToolTip("Gem indgangene, som filtrene viser dem, som CSV til "
                                      "Excel. Eksporten skrives selv i loggen.")

        grid = QGridLayout()
        row = 0
        for column, (text, widget) in enumerate((("&Person:", self.contact_edit),
                                                 ("Br&uger:", self.user_combo),
                                                 ("Ha&ndling:", self.action_combo))):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, column * 2)
            if widget is self.contact_edit:
                box = QHBoxLayout()
                box.addWidget(self.contact_edit)
                box.addWidget(self.pick_button)
                box.addWidget(self.contact_name)
                grid.addLayout(box, row, 1)
            else:
                grid.addWidget(widget, row, column * 2 + 1)
        row = 1
        for column, (text, widget) in enumerate((("F&ra:", self.from_field),
                                                 ("&Til:", self.to_field))):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, column * 2)
            grid.addWidget(widget, row, column * 2 + 1, Qt.AlignmentFlag.AlignLeft)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        grid.addLayout(buttons, row, 4, 1, 2)
        grid.setColumnStretch(6, 1)  # the filters keep their width; the space goes right

        # -- the table -----------------------------------------------------------------------
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Adgangslog")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        stretch, samples = self.model.column_plan()
        self.columns = fit_columns(self.table, stretch, samples)
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.message = error_label()  # "Kun en administrator …", a failed export
        self.count_label = QLabel()

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Adgangslog</h2>"))
        explanation = QLabel(EXPLANATION, wordWrap=True)
        layout.addWidget(explanation)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        # Tab order: the filters as they read, then the buttons, then the table.
        chain = [self.contact_edit, self.pick_button, self.user_combo, self.action_combo,
                 self.from_field, self.to_field, self.refresh_button, self.export_button,
                 self.table]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

        # A contact id typed digit by digit: one query when the typing pauses.
        self._contact_timer = QTimer(self, singleShot=True, interval=300)
        self._contact_timer.timeout.connect(self.apply_filters)
        self.contact_edit.textChanged.connect(self._contact_timer.start)
        self.contact_edit.returnPressed.connect(self.apply_filters)
        self.pick_button.clicked.connect(self.pick_contact)
        self.user_combo.currentIndexChanged.connect(self.apply_filters)
        self.action_combo.currentIndexChanged.connect(self.apply_filters)
        self.from_field.dateChanged.connect(self.apply_filters)
        self.to_field.dateChanged.connect(self.apply_filters)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export_csv)
        self.model.modelReset.connect(self._show_count)
        self.model.rowsInserted.connect(self._show_count)
        self._total: int | None = None
        self._export_task = None  # kept alive until its signal has arrived

    # -- loading ---------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        if not self._loaded:
            self._loaded = True
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """The users' list and the rows afresh, with the filters as they are (nothing before
        the page is first shown: the window refreshes every page after an import)."""
        if not self._loaded:
            return
        if not self._allowed():
            return
        self._fill_users()
        self.apply_filters()

    def live_refresh(self) -> None:
        """New entries arrived (a colleague's, or the queue written): the rows again, as far
        down as they were scrolled, the view where it was."""
        if not self._loaded or not access_log.is_admin():
            return
        bar = self.table.verticalScrollBar()
        scrolled, fetched = bar.value(), self.model.rowCount()
        self._reload()
        while self.model.rowCount() < fetched and self.model.canFetchMore():
            self.model.fetchMore()
        bar.setValue(scrolled)

    def _allowed(self) -> bool:
        try:
            access_log.require_admin()
        except access_log.NotAllowedError as refused:
            self._refuse(refused.message)
            return False
        return True

    def _refuse(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
        for widget in (self.contact_edit, self.pick_button, self.user_combo, self.action_combo,
                       self.from_field, self.to_field, self.refresh_button, self.export_button):
            widget.setEnabled(False)
        self.export_button.setToolTip(message)
        self.count_label.clear()

    def _fill_users(self) -> None:
        chosen = self.user_combo.currentData() or ""
        self.user_combo.blockSignals(True)
        self.user_combo.clear()
        self.user_combo.addItem(ALL_USERS, "")
        for user in access_log.users():
            self.user_combo.addItem(user, user)
        found = self.user_combo.findData(chosen)
        self.user_combo.setCurrentIndex(max(found, 0))
        self.user_combo.blockSignals(False)

    # -- filters ---------------------------------------------------------------------------
    def current_filter(self) -> access_log.LogFilter:
        since, until = access_log.day_range(_day(self.from_field.date()),
                                            _day(self.to_field.date()))
        text = self.contact_edit.text().strip()
        contact_id = int(text) if text.isdigit() else None
        return access_log.LogFilter(
            since=since, until=until, user=self.user_combo.currentData() or "",
            action=self.action_combo.currentData() or "",
            record_type="contact" if contact_id is not None else "", record_id=contact_id)

    def apply_filters(self) -> None:
        if not self._loaded:
            return
        self._contact_timer.stop()
        first, last = _day(self.from_field.date()), _day(self.to_field.date())
        if first is not None and last is not None and last < first:
            self.message.setText("Perioden slutter før den begynder.")
            self.message.show()
            return
        self.message.hide()
        self._show_contact_name()
        where = self.current_filter()
        if where == self.model.filter and self.model.rowCount():
            self._reload()  # "Opdatér": the same filter, the rows afresh
            return
        self.model.set_filter(**{name: getattr(where, name) for name in
                                 ("since", "until", "user", "action", "record_type",
                                  "record_id")})
        self._count()

    def _reload(self) -> None:
        self.model.reload()
        self._count()

    def _count(self) -> None:
        known = self.model.known_total()
        self._total = known if known is not None else access_log.count(self.model.filter)
        self._show_count()

    def _show_count(self) -> None:
        if self._total is None:
            return
        shown = self.model.rowCount()
        noun = "indgang" if self._total == 1 else "indgange"
        self.count_label.setText(f"{self._total} {noun}" if shown >= self._total
                                 else f"{self._total} {noun}, de nyeste {shown} vist")

    def _show_contact_name(self) -> None:
        text = self.contact_edit.text().strip()
        name = ""
        if text.isdigit():
            from tryg_desktop.services.errors import NotFoundError
            from tryg_desktop.services.register import contacts

            try:
                name = contacts.get(int(text)).name
            except NotFoundError:
                name = "(findes ikke længere)"
        self.contact_name.setText(name)

    def pick_contact(self) -> None:
        from tryg_desktop.views.kit.picker import PickerDialog, contact_search

        dialog = PickerDialog("Vælg person", "Hvis indgange vil du se?", contact_search, self)
        if self.prompts.run_dialog(dialog) and dialog.chosen_id is not None:
            self.contact_edit.setText(str(dialog.chosen_id))
            self.apply_filters()
        dialog.deleteLater()

    def show_contact(self, contact_id: int) -> None:
        """The entries about one person (from the contact's own menu, or an access request)."""
        self.contact_edit.setText(str(contact_id))
        if not self._loaded:
            self._loaded = True
            self.refresh()  # the users' list too
        elif self._allowed():
            self.apply_filters()

    # -- export ----------------------------------------------------------------------------
    def export_csv(self) -> None:
        from tryg_desktop.views.kit.progress import run_with_progress

        if not self._allowed():
            return
        where = self.current_filter()
        suggested = f"Adgangslog {dt.date.today():%Y-%m-%d}.csv"
        path = self.prompts.save_file(self, "Eksportér adgangsloggen",
                                      str(Path.home() / suggested), "CSV til Excel (*.csv)")
        if path is None:
            return
        if path.suffix.lower() != ".csv":
            path = path.with_suffix(".csv")

        def work(progress, is_cancelled):
            return access_log.write_csv(path, where)

        def done(count: int) -> None:
            self._export_task = None
            noun = "indgang" if count == 1 else "indgange"
            self.prompts.inform(self, "Eksport færdig", f"{count} {noun} er gemt i\n{path}")

        def failed(message: str) -> None:
            self._export_task = None
            self.prompts.warn(self, "Eksporten mislykkedes", message)

        self._export_task = run_with_progress(
            self, "Eksportér adgangsloggen", f"Eksporterer til {path.name} …", work, done,
            failed, cancellable=False)


def _day(value: QDate) -> dt.date | None:
    return None if value.isNull() else value.toPython()
