"""Filer → Gendan fra sikkerhedskopi …: the database's backups, newest first, with date, time
and size; Gendan (Enter) asks once more and then hands the chosen file to the caller, which
restores it off the GUI thread. Anden fil … picks a backup made with Tag sikkerhedskopi.
Escape closes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from tryg_desktop import l10n
from tryg_desktop.services.meetings.attachments import size_text
from tryg_desktop.services.auto_backup import BackupFile
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.screen_fit import resize_within_screen
from tryg_desktop.views.kit.table_columns import fit_columns

COLUMNS = ["Tidspunkt", "Størrelse", "Slags"]


def kind_text(backup: BackupFile) -> str:
    return "Før gendannelse" if backup.before_restore else "Daglig"


class RestoreDialog(QDialog):
    def __init__(self, prompts: Prompts, backups: list[BackupFile], db_name: str,
                 parent=None, other_folder: str = "") -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.other_folder = other_folder
        self.backups = backups
        self.db_name = db_name
        self.chosen: Path | None = None
        self.setWindowTitle("Gendan fra sikkerhedskopi")

        intro = QLabel(
            "Vælg den sikkerhedskopi, du vil gendanne. Den database, der er åben nu, gemmes "
            "først ved siden af, så intet går tabt." if backups else
            "Der er endnu ingen sikkerhedskopier. Den første tages automatisk, når "
            "programmet startes.")
        intro.setWordWrap(True)

        self.list = QTreeWidget(objectName="backups")
        self.list.setHeaderLabels(COLUMNS)
        self.list.setRootIsDecorated(False)
        self.list.setAccessibleName("Sikkerhedskopier")
        for backup in backups:
            row = QTreeWidgetItem([l10n.format_datetime(backup.taken_at), size_text(backup.size),
                                   kind_text(backup)])
            row.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(row)
        fit_columns(self.list, stretch=2, samples={0: fit.DATE_TIME})
        self.list.itemDoubleClicked.connect(lambda *_: self.restore())

        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("&Gendan …",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        other = buttons.addButton("&Anden fil …", QDialogButtonBox.ButtonRole.ActionRole)
        other.clicked.connect(self.restore_other)
        close = buttons.addButton("&Luk", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)  # Enter restores the selected backup
        self.restore_button.setEnabled(bool(backups))
        # The buttons' own accepted/rejected would close without the question; Escape rejects.
        self.restore_button.clicked.connect(self.restore)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        resize_within_screen(self, 520, 360)
        if backups:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self.list.setFocus()

    def selected(self) -> BackupFile | None:
        row = self.list.indexOfTopLevelItem(self.list.currentItem()) \
            if self.list.currentItem() is not None else -1
        return self.backups[row] if row >= 0 else None

    def restore(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        self._confirm(backup.path, f"sikkerhedskopien fra {l10n.format_datetime(backup.taken_at)}")

    def restore_other(self) -> None:
        path = self.prompts.open_file(self, "Vælg sikkerhedskopi", self.other_folder,
                                      "SQLite-database (*.sqlite3 *.db);;Alle filer (*)")
        if path is not None:
            self._confirm(path, f"»{path.name}«")

    def _confirm(self, path: Path, what: str) -> None:
        if not self.prompts.confirm(
                self, "Gendan sikkerhedskopi",
                f"Gendan {what}?\n\n"
                "Det, der er ændret siden da, forsvinder fra databasen. Den database, der er "
                f"åben nu, gemmes først som »{self.db_name}.før-gendannelse-…« i samme mappe.",
                yes="Gendan", no="Annuller", destructive=True):
            return
        self.chosen = path
        self.accept()
