"""Importér kontakter: choose a CSV or vCard file, confirm the column mapping, import with
progress and Annuller, and see what was imported, skipped and rejected (with line numbers)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import settings as S
from tryg_desktop.views.kit.progress import run_with_progress
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit.screen_fit import resize_within_screen
from tryg_desktop.views.kit.table_columns import fit_columns

FILE_FILTERS = "Kontakter (*.csv *.vcf *.vcard);;CSV fra Excel (*.csv);;vCard fra Outlook (*.vcf *.vcard)"
NAME_PARTS = [("first_name", "Fornavn"), ("last_name", "Efternavn")]
ENCODING_NAMES = {"utf-8-sig": "UTF-8 med BOM", "utf-8": "UTF-8", "cp1252": "Windows-1252",
                  "utf-16": "UTF-16 (Unicode-tekst)"}
DELIMITER_NAMES = {";": "semikolon", ",": "komma", "\t": "tabulator"}


class ImportDialog(QDialog):
    def __init__(self, prompts: Prompts, settings: S.Settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Importér kontakter")
        self.prompts = prompts
        self.settings = settings
        self.path: Path | None = None
        self.preview = None
        self.outcome = None
        self.task = None
        self.imported = 0

        self.file_label = QLabel("Vælg en CSV-fil (fx gemt fra Excel) eller en vCard-fil (fx fra Outlook).")
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton("&Vælg fil …")
        self.choose_button.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)

        self.mapping_table = QTableWidget(0, 3, accessibleName="Kolonner i filen")
        self.mapping_table.setHorizontalHeaderLabels(["Kolonne i filen", "Eksempel", "Indlæs som"])
        self.mapping_table.verticalHeader().hide()
        fit_columns(self.mapping_table, stretch=1)
        self.mapping_hint = QLabel()
        self.mapping_hint.setWordWrap(True)
        mapping_page = QWidget()
        mapping_layout = QVBoxLayout(mapping_page)
        mapping_layout.setContentsMargins(0, 0, 0, 0)
        mapping_layout.addWidget(self.mapping_hint)
        mapping_layout.addWidget(self.mapping_table)

        self.result_text = QPlainTextEdit(readOnly=True)
        self.pages = QStackedWidget()
        self.pages.addWidget(mapping_page)
        self.pages.addWidget(self.result_text)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("&Importér", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        resize_within_screen(self, 760, 520)

    # -- step 1: the file and its mapping ----------------------------------------------------
    def choose_file(self) -> None:
        folder = self.settings.get(S.LAST_IMPORT_DIR) or str(Path.home())
        path = self.prompts.open_file(self, "Vælg fil med kontakter", folder, FILE_FILTERS)
        if path is not None:
            self.settings.set(S.LAST_IMPORT_DIR, str(path.parent))
            self.load_file(path)

    def load_file(self, path: Path) -> None:
        from tryg_desktop.services.register import contact_import
        from tryg_desktop.services.errors import ServiceError

        self.path, self.preview = None, None
        self.pages.setCurrentIndex(0)
        self.mapping_table.setRowCount(0)
        self.import_button.setEnabled(False)
        try:
            if path.suffix.lower() == ".csv":
                self.preview = contact_import.read_csv_preview(path)
            else:  # missing, a folder, a FIFO or device, too big: say so now
                contact_import.check_source(path)
        except ServiceError as error:
            self.file_label.setText(f"<b>{path.name}</b>: {error.message}")
            return
        self.path = path
        if self.preview is None:
            self.file_label.setText(f"<b>{path.name}</b> (vCard). Klik Importér for at indlæse kontakterne.")
            self.mapping_hint.setText("Felterne i et vCard (navn, organisation, titel, telefon, "
                                      "e-mail, note) indlæses direkte.")
        else:
            p = self.preview
            self.file_label.setText(
                f"<b>{path.name}</b>: {p.row_count} rækker, tegnsæt "
                f"{ENCODING_NAMES.get(p.encoding, p.encoding)}, kolonner adskilt med "
                f"{DELIMITER_NAMES.get(p.delimiter, repr(p.delimiter))}.")
            self.mapping_hint.setText("Kontrollér, hvilket felt hver kolonne skal indlæses som. "
                                      "Kolonner sat til »(indlæses ikke)« springes over.")
            self._fill_mapping(p)
        self.import_button.setEnabled(True)
        self.import_button.setDefault(True)

    def _fill_mapping(self, preview) -> None:
        from tryg_desktop.services.register.contact_import import IMPORT_FIELDS

        choices = [("(indlæses ikke)", None), *[(label, f) for f, label in IMPORT_FIELDS],
                   *[(label, f) for f, label in NAME_PARTS]]
        table = self.mapping_table
        table.setRowCount(len(preview.headers))
        for column, header in enumerate(preview.headers):
            samples = [row[column] for row in preview.sample_rows if column < len(row) and row[column]]
            table.setItem(column, 0, QTableWidgetItem(header))
            table.setItem(column, 1, QTableWidgetItem(" · ".join(samples[:3])))
            combo = QComboBox()
            for label, field in choices:
                combo.addItem(label, field)
            combo.setCurrentIndex(max(combo.findData(preview.mapping.get(column)), 0))
            combo.setAccessibleName(f"Indlæs kolonnen {header} som")
            table.setCellWidget(column, 2, combo)

    def mapping(self) -> dict[int, str | None] | None:
        if self.preview is None:
            return None
        return {row: self.mapping_table.cellWidget(row, 2).currentData()
                for row in range(self.mapping_table.rowCount())}

    # -- step 2: the import itself -----------------------------------------------------------
    def start_import(self) -> None:
        if self.path is None:
            return
        mapping = self.mapping()
        if mapping is not None and "name" not in mapping.values() and not (
                {"first_name", "last_name"} & set(mapping.values())):
            self.prompts.warn(self, "Importér kontakter",
                              "Vælg, hvilken kolonne der indeholder navnet.")
            return
        path = self.path

        def work(progress, is_cancelled):
            from tryg_desktop.services.register.contact_import import import_file

            return import_file(path, mapping, progress=progress, is_cancelled=is_cancelled)

        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.task = run_with_progress(self, "Importér kontakter", f"Importerer {path.name} …",
                                      work, self.show_result, self.show_failure)

    def show_result(self, result) -> None:
        self.outcome = result
        self.imported = result.imported
        if result.cancelled:
            text = "Importen blev annulleret. Der er ikke gemt noget."
        else:
            text = result.summary()
        self.result_text.setPlainText(text)
        self.pages.setCurrentIndex(1)
        self.close_button.setText("Luk")
        self.choose_button.setEnabled(True)

    def show_failure(self, message: str) -> None:
        self.prompts.warn(self, "Importen mislykkedes", message)
        self.import_button.setEnabled(True)
        self.choose_button.setEnabled(True)
