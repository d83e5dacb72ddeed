"""Slettefrister: one row per kind of data with its period and what has passed it now (the
records listed under it, to look at), the reason for the period beside the list, and "Slet /
anonymisér …" for the chosen kind or for all. Confirmed through the prompts seam, saying
exactly what will happen and that older backups keep the data; the purge runs in a worker
with progress, then the page says what was done and lists what is due afresh.

An administrator's page (the main window hides it from the others; the service refuses them
anyway). The lists are read in a worker too: they name persons and may be long."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop.views.kit.error_label import error_label
from tryg_desktop.views.kit.progress import run_with_progress
from tryg_desktop.views.kit.table_columns import fit_columns
from tryg_desktop.workers import Task

TITLE = "Slettefrister"
INTRO = ("Hver slags oplysninger gemmes i en bestemt periode. Her ses, hvad der har passeret "
         "sin slettefrist nu; det slettes eller anonymiseres først, når du beder om det. "
         "Fristerne ændres under Filer › Indstillinger › Slettefrister.")
KIND_ROLE = Qt.ItemDataRole.UserRole
READ_ONLY_TIP = "Databasen er åbnet skrivebeskyttet: intet kan slettes herfra."
COLUMNS = ["Oplysninger", "Slettefrist", "Status"]


class RetentionPage(QWidget):
    loaded = Signal()  # the lists are shown (after a refresh or a purge)
    purged = Signal(object)  # list[retention.Purged]

    def __init__(self, prompts, parent=None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.rows: list = []  # retention.Due, as last read
        self._task: Task | None = None
        self._running_task = None  # run_with_progress keeps the purge's task here
        heading = QLabel(f"<h2>{TITLE}</h2>")
        intro = QLabel(INTRO, wordWrap=True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setAccessibleName("Slettefrister")
        fit_columns(self.tree, stretch=0)
        self.tree.currentItemChanged.connect(self._chosen)
        self.reason = QLabel(wordWrap=True, objectName="retention_reason",
                             accessibleName="Hvorfor og sletning")
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result = QLabel(wordWrap=True, objectName="retention_result")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setVisible(False)
        self.error = error_label()
        self.refresh_button = QPushButton("&Opdatér")
        self.refresh_button.clicked.connect(self.refresh)
        self.purge_one_button = QPushButton("Slet/anonymisér &det valgte …")
        self.purge_one_button.setToolTip("Slet eller anonymisér det, der har passeret "
                                         "slettefristen, for den valgte slags oplysninger")
        self.purge_one_button.clicked.connect(self.purge_chosen)
        self.purge_all_button = QPushButton("Slet/anonymisér &alt …")
        self.purge_all_button.setToolTip("Slet eller anonymisér alt, der har passeret sin "
                                         "slettefrist")
        self.purge_all_button.clicked.connect(self.purge_all)
        buttons = QHBoxLayout()
        for button in (self.refresh_button, self.purge_one_button, self.purge_all_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        self.setTabOrder(self.tree, self.refresh_button)
        self.setTabOrder(self.refresh_button, self.purge_one_button)
        self.setTabOrder(self.purge_one_button, self.purge_all_button)
        self._fit_buttons()
        self.refresh()

    # -- reading --------------------------------------------------------------------------------
    def refresh(self) -> Task:
        """Read what is due in a worker; the tree shows it when it arrives."""
        from tryg_desktop.services.data_protection import retention

        self.refresh_button.setEnabled(False)
        task = Task(lambda progress, is_cancelled: retention.due())
        task.signals.finished.connect(self._show)
        task.signals.failed.connect(self._failed)
        self._task = task
        return task.start()

    def _show(self, rows) -> None:
        from tryg_desktop.services.data_protection import retention

        self._task = None
        self.rows = list(rows)
        chosen = self.chosen_kind()
        self.tree.clear()
        for row in self.rows:
            item = QTreeWidgetItem([row.label, retention.months_text(row.period_months),
                                    row.status])
            item.setData(0, KIND_ROLE, row.kind.key)
            item.setToolTip(0, row.kind.reason)
            for due in row.items:
                child = QTreeWidgetItem([due.label, "", ""])
                child.setData(0, KIND_ROLE, row.kind.key)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
        keys = [row.kind.key for row in self.rows]
        self.tree.setCurrentItem(self.tree.topLevelItem(keys.index(chosen) if chosen in keys
                                                        else 0))
        self.refresh_button.setEnabled(True)
        self.error.setVisible(False)
        self._fit_buttons()
        self.loaded.emit()

    def _failed(self, message: str) -> None:
        self._task = None
        self.refresh_button.setEnabled(True)
        self.error.setText(message)
        self.error.setVisible(True)
        self._fit_buttons()

    def row_of(self, key: str):
        return next((row for row in self.rows if row.kind.key == key), None)

    def chosen_kind(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, KIND_ROLE) if item is not None else None

    def _chosen(self, *_args) -> None:
        row = self.row_of(self.chosen_kind() or "")
        if row is None:
            self.reason.clear()
        else:
            self.reason.setText(f"<b>Hvorfor:</b> {row.kind.reason}<br><b>Sletning:</b> "
                                f"{row.kind.action}")
        self._fit_buttons()

    def _fit_buttons(self) -> None:
        from tryg_desktop.services import db_health

        idle = self._task is None
        writable = not db_health.is_read_only()
        row = self.row_of(self.chosen_kind() or "")
        self.purge_one_button.setEnabled(idle and writable and row is not None
                                         and row.count > 0 and row.period_months is not None)
        self.purge_all_button.setEnabled(idle and writable and any(r.count for r in self.rows))
        if not writable:
            for button in (self.purge_one_button, self.purge_all_button):
                button.setToolTip(READ_ONLY_TIP)

    # -- purging --------------------------------------------------------------------------------
    def purge_chosen(self) -> Task | None:
        key = self.chosen_kind()
        return self._purge([key]) if key else None

    def purge_all(self) -> Task | None:
        return self._purge([row.kind.key for row in self.rows if row.count])

    def confirmation(self, keys: list[str]) -> str:
        """Exactly what the purge will do, per kind, and where the data still is afterwards."""
        from tryg_desktop.services.data_protection import erasure

        lines = []
        for key in keys:
            row = self.row_of(key)
            if row is None or not row.count:
                continue
            since = f" (ældre end {l10n.short_date(row.cutoff)})" if row.cutoff else ""
            lines.append(f"• {row.label}: {row.count}{since}. {row.kind.action}")
        return ("Dette sker nu:\n\n" + "\n".join(lines) + "\n\nDet kan ikke fortrydes. "
                + erasure.backups_note())

    def _purge(self, keys: list[str]) -> Task | None:
        from tryg_desktop.services.data_protection.retention_purge import purge

        keys = [key for key in keys if (row := self.row_of(key)) and row.count]
        if not keys or self._task is not None:
            return None
        if not self.prompts.confirm(self, "Slet efter slettefristerne", self.confirmation(keys),
                                    yes="Slet/anonymisér", no="Annuller", destructive=True):
            return None
        self._task = run_with_progress(
            self, "Slettefrister", "Sletter og anonymiserer …",
            lambda progress, is_cancelled: purge(keys, progress, is_cancelled),
            self._purged, self._purge_failed)
        self._fit_buttons()
        return self._task

    def _purged(self, results) -> None:
        self._task = None
        done = sum(result.count for result in results)
        text = "\n".join(result.text for result in results)
        if not done:
            text += "\nIntet blev slettet."
        self.result.setText(text)
        self.result.setAccessibleName(text)
        self.result.setVisible(True)
        self.purged.emit(results)
        self.refresh()

    def _purge_failed(self, message: str) -> None:
        self._task = None
        self.prompts.warn(self, "Slettefrister", message)
        self.refresh()
