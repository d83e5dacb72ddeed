"""Statusrapport (Ctrl+R): choose a period and what it is about (the whole city, a place or an
effort), then preview and print it, save it as PDF, or save its figures as CSV or Excel.
The report is built by a worker: a year of figures at a large city takes a second or two."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from tryg_desktop import settings as S
from tryg_desktop.services.safety import efforts, places
from tryg_desktop.services.safety.statistics import Scope
from tryg_desktop.views.kit.accessible import name_from_labels
from tryg_desktop.views.kit.date_field import DateField
from tryg_desktop.views.kit.error_label import error_label
from tryg_desktop.views.kit.progress import run_with_progress
from tryg_desktop.views.kit.prompts import confirm_despite_cpr
from tryg_desktop.views.kit.screen_fit import resize_within_screen

PERIODS = [("Dette år", "this_year"), ("Sidste år", "last_year"),
           ("Seneste 12 måneder", "last_12"), ("Valgfri periode", "custom")]


def period_of(name: str, today: dt.date) -> tuple[dt.date, dt.date]:
    if name == "last_year":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if name == "last_12":
        from tryg_desktop.services.safety.statistics import last_12_months

        return last_12_months(today)
    return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportDialog(QDialog):
    def __init__(self, prompts, settings: S.Settings, parent=None, place_id: int | None = None,
                 effort_id: int | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Statusrapport")
        self.prompts, self.settings = prompts, settings
        self.today = today or dt.date.today()
        self.saved_path: Path | None = None

        self.period = QComboBox()
        for label, name in PERIODS:
            self.period.addItem(label, name)
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.start, self.end = (DateField(display="long", today=lambda: self.today)
                                for _ in range(2))
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._dates_edited)
        dates = QHBoxLayout()
        dates.addWidget(self.start.with_message())  # a bad date says why under it
        dates.addWidget(QLabel("til"))
        dates.addWidget(self.end.with_message())
        dates.addStretch(1)
        self.scope = QComboBox()
        self.scope.addItem("Hele byen", Scope())
        for place in places.list_places(active=None):
            self.scope.addItem(f"Sted: {place.name}", Scope(place_id=place.id))
        for effort in efforts.list_efforts():
            self.scope.addItem(f"Indsats: {effort.title}", Scope(effort_id=effort.id))
        self.scope.setCurrentIndex(max(0, self._scope_index(place_id, effort_id)))
        self.error = error_label()
        self.result_label = QLabel(wordWrap=True)

        form = QFormLayout()
        form.addRow("P&eriode:", self.period)
        from_label = QLabel("&Fra:")  # a row of a layout gets no buddy: "&Fra:" showed as is
        from_label.setBuddy(self.start)
        form.addRow(from_label, dates)
        form.addRow("&Omfang:", self.scope)
        # Luk added last: made first, it came first in the Tab order and Tab skipped it and
        # "Vis og udskriv …".
        buttons = QDialogButtonBox()
        self.preview_button = QPushButton("Vis og &udskriv …")
        self.pdf_button = QPushButton("Gem som &PDF …")
        self.csv_button = QPushButton("Gem &tal som CSV …")
        self.excel_button = QPushButton("Gem som E&xcel …")
        for button, slot in ((self.preview_button, self.preview), (self.pdf_button, self.save_pdf),
                             (self.csv_button, self.save_csv),
                             (self.excel_button, self.save_excel)):
            button.clicked.connect(slot)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Rapporten samler møder, deltagelse, handlinger og hændelser "
                                "for perioden, klar til Udsatterådet eller byrådet.",
                                wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        # Set once the button is in the dialog: before, Qt ignored it and Enter in a field gave
        # the first button of the Tab order (Luk), not the PDF.
        self.pdf_button.setDefault(True)
        self.end.setAccessibleName("Til")
        name_from_labels(self)  # Fra: names the first date
        self._period_chosen()
        resize_within_screen(self, 560, self.sizeHint().height())

    # -- the choices ---------------------------------------------------------------------------
    def _scope_index(self, place_id, effort_id) -> int:
        for index in range(self.scope.count()):
            scope = self.scope.itemData(index)
            if (scope.place_id, scope.effort_id) == (place_id, effort_id):
                return index
        return 0

    def _period_chosen(self) -> None:
        name = self.period.currentData()
        if name == "custom":
            self.start.setFocus()
            return
        first, last = period_of(name, self.today)
        self._setting_dates = True
        self.start.setDate(_qdate(first))
        self.end.setDate(_qdate(last))
        self._setting_dates = False
        self._check()

    def _dates_edited(self) -> None:
        if not getattr(self, "_setting_dates", False):
            self.period.blockSignals(True)
            self.period.setCurrentIndex(self.period.findData("custom"))
            self.period.blockSignals(False)
        self._check()

    def chosen(self) -> tuple[dt.date, dt.date, Scope]:
        return (self.start.date().toPython(), self.end.date().toPython(),
                self.scope.currentData())

    def _check(self) -> bool:
        start, end, _scope = self.chosen()
        message = "Perioden slutter før den begynder." if end < start else ""
        self.error.setText(message)
        self.error.setVisible(bool(message))
        for button in (self.preview_button, self.pdf_button, self.csv_button, self.excel_button):
            button.setEnabled(not message)
        return not message

    # -- building ------------------------------------------------------------------------------
    def _build(self, then, allow_cpr: bool = False) -> None:
        """The PDF bytes from a worker; then(pdf) runs on the GUI thread. Possible CPR numbers
        are shown first, and printing them anyway is the user's explicit, audited choice."""
        from tryg_desktop.services.safety import report_printing
        from tryg_desktop.services.errors import CprFoundError

        start, end, scope = self.chosen()
        header = self.settings.get(S.HEADER_ORGANISATION)
        today = self.today

        def work(progress, is_cancelled):
            try:
                return report_printing.status_report_pdf_bytes(start, end, scope, header, today,
                                                               allow_cpr=allow_cpr)
            except CprFoundError as error:
                return error

        def done(result) -> None:
            if not isinstance(result, CprFoundError):
                then(result)
                return
            if confirm_despite_cpr(self.prompts, self, "rapporten", "den", result.where):
                self._build(then, allow_cpr=True)

        run_with_progress(self, "Statusrapport", "Samler tallene og tegner rapporten …", work,
                          done, self._failed, cancellable=False)

    def _failed(self, message: str) -> None:
        self.prompts.warn(self, "Rapporten kan ikke laves", message)

    def _ask_path(self, title: str, name: str, filters: str) -> Path | None:
        folder = Path(self.settings.get(S.LAST_EXPORT_DIR) or Path.home())
        path = self.prompts.save_file(self, title, str(folder / name), filters)
        if path is not None:
            self.settings.set(S.LAST_EXPORT_DIR, str(Path(path).parent))
        return path

    def preview(self) -> None:
        from tryg_desktop.views.kit.pdf_printing import preview_dialog

        if self._check():
            self._build(lambda pdf: self.prompts.run_dialog(
                preview_dialog(self, pdf, "Statusrapport")))

    def save_pdf(self) -> None:
        from tryg_desktop.services.safety import report_printing

        if not self._check():
            return
        start, end, scope = self.chosen()
        path = self._ask_path("Gem statusrapport", report_printing.suggested_file_name(
            start, end, scope), "PDF (*.pdf)")
        if path is not None:
            self._build(lambda pdf: self._write(Path(path).with_suffix(".pdf"), pdf))

    def _write(self, path: Path, data: bytes) -> None:
        from tryg_desktop.services.errors import ServiceError
        from tryg_desktop.services.files import write_atomically

        try:
            write_atomically(path, data)
        except (ServiceError, OSError) as error:
            self._failed(getattr(error, "message", None) or str(error))
            return
        self.saved_path = path
        self.result_label.setText(f"Gemt: {path}")

    def save_csv(self) -> None:
        from tryg_desktop.services.safety import report_printing
        from tryg_desktop.services.errors import ServiceError

        if not self._check():
            return
        start, end, scope = self.chosen()
        name = Path(report_printing.suggested_file_name(start, end, scope)).with_suffix(".csv")
        path = self._ask_path("Gem tal som CSV", name.name.replace("Statusrapport", "Tal"),
                              "CSV til Excel (*.csv)")
        if path is None:
            return
        try:
            data, _months = report_printing.monthly_csv_bytes(start, end, scope, self.today)
        except ServiceError as error:
            self._failed(error.message)
            return
        self._write(Path(path).with_suffix(".csv"), data)

    def save_excel(self) -> None:
        """The report's figures as an .xlsx file, one sheet per table (report_xlsx.py)."""
        from tryg_desktop.services.safety import report_printing, report_xlsx
        from tryg_desktop.views.kit.excel_save import save_excel

        if not self._check():
            return
        start, end, scope = self.chosen()
        name = report_printing.suggested_file_name(start, end, scope).replace("Statusrapport",
                                                                             "Tal")
        folder = Path(self.settings.get(S.LAST_EXPORT_DIR) or Path.home())
        today = self.today

        def write(path: Path, allow_cpr: bool) -> None:
            report_xlsx.write_xlsx(path, start, end, scope, today, allow_cpr)

        def done(path: Path) -> None:
            self.saved_path = path
            self.result_label.setText(f"Gemt: {path}")

        path = save_excel(self.prompts, self, "Gem som Excel", folder / name, write, done)
        if path is not None:
            self.settings.set(S.LAST_EXPORT_DIR, str(path.parent))
