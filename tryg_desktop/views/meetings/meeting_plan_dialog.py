"""Mødeplan: plan a forum's meetings up to a date in one step, reviewed in a list before anything
is created (MeetingPlanDialog), and print the year's Mødeplan for all forums or one
(MeetingPlanPrintDialog)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from tryg_desktop import l10n
from tryg_desktop import settings as S
from tryg_desktop.services.meetings import forums
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.views.kit.accessible import name_from_labels
from tryg_desktop.views.kit.date_field import DateField
from tryg_desktop.views.kit.error_label import error_label
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit.screen_fit import resize_within_screen


def default_until(today: dt.date) -> dt.date:
    """The end of this year; in December, the end of next year (the year being planned)."""
    return dt.date(today.year + (1 if today.month == 12 else 0), 12, 31)


def default_year(today: dt.date) -> int:
    return today.year + (1 if today.month == 12 else 0)


def proposal_text(meeting: forums.ProposedMeeting) -> str:
    """'tirsdag den 12. januar 2027 kl. 9.30–11.00' (and why it moved)."""
    text = (f"{l10n.format_date(meeting.date, 'full')} kl. {l10n.format_time(meeting.starts_at)}"
            f"\u2013{l10n.format_time(meeting.ends_at)}")
    return f"{text}  \u2013  {meeting.reason}" if meeting.reason else text


class MeetingPlanDialog(QDialog):
    """"Planlæg møder frem til …": the proposed meetings are listed (date, time, moves) and
    created only on Opret, all in one transaction."""

    def __init__(self, forum_id: int, prompts: Prompts, parent=None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.forum_id = forum_id
        self.today = today or dt.date.today()
        self.created: list = []
        self.proposals: list[forums.ProposedMeeting] = []
        forum = forums.get(forum_id)
        self.setWindowTitle(f"Planlæg møder – {forum.name}")
        self.rule_label = QLabel(
            f"<b>{_html(forum.name)}</b><br>Rytme: {_html(forum.rhythm_label)}, "
            f"kl. {l10n.clock(forum.start_time)}, {forum.duration_minutes} min.",
            textFormat=Qt.TextFormat.RichText, wordWrap=True)
        self.until_edit = DateField(today=lambda: self.today)
        self.until_edit.setDate(default_until(self.today))
        self.until_edit.dateChanged.connect(lambda _date: self.refresh())
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.summary = QLabel(wordWrap=True)
        self.errors_label = error_label()
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton("&Opret møderne",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Annuller",
                                                    QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Planlæg møder &frem til:", self.until_edit.with_message())
        layout = QVBoxLayout(self)
        layout.addWidget(self.rule_label)
        layout.addLayout(form)
        heading = QLabel("Foreslåede mø&der (intet er oprettet endnu):")
        heading.setBuddy(self.list)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors_label)
        layout.addWidget(self.buttons)
        name_from_labels(self)
        resize_within_screen(self, 620, 520)
        self.refresh()
        self.until_edit.setFocus()

    def keyPressEvent(self, event) -> None:
        """Enter in the date field shows the new list; it does not create the meetings as well
        (Tab to "Opret" and Space, or Alt+O, does)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not self.create_button.hasFocus():
            event.accept()
            return
        super().keyPressEvent(event)

    def refresh(self) -> None:
        """The proposals for the chosen end date; nothing is written."""
        self.list.clear()
        self.proposals = []
        until = self.until_edit.date().toPython()
        try:
            self.proposals = forums.plan_until(self.forum_id, until, today=self.today)
        except ServiceError as error:
            self.errors_label.setText(error.message)
            self.errors_label.show()
        else:
            self.errors_label.hide()
        for meeting in self.proposals:
            item = QListWidgetItem(proposal_text(meeting))
            if meeting.reason:
                item.setToolTip(meeting.reason)
            self.list.addItem(item)
        count, moved = len(self.proposals), sum(1 for m in self.proposals if m.reason)
        self.summary.setText(
            "" if not count else
            f"{count} {'møde foreslås' if count == 1 else 'møder foreslås'}"
            + (f"; {moved} er flyttet væk fra en helligdag, lukkedag eller weekend."
               if moved else "."))
        self.create_button.setText(f"&Opret {count} {'møde' if count == 1 else 'møder'}"
                                   if count else "&Opret møderne")
        self.create_button.setEnabled(bool(count))
        if count:
            self.list.setCurrentRow(0)

    def create(self) -> None:
        if not self.proposals:
            return
        try:
            self.created = forums.create_planned(self.forum_id,
                                                 [m.date for m in self.proposals])
        except ServiceError as error:
            self.errors_label.setText(error.message)
            self.errors_label.show()
            return
        self.accept()


class MeetingPlanPrintDialog(QDialog):
    """"Udskriv mødeplan": a year, all forums or one; shown in the print preview or saved."""

    def __init__(self, prompts: Prompts, settings: S.Settings, parent=None,
                 forum_id: int | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.settings = settings
        self.saved: Path | None = None
        self.setWindowTitle("Udskriv mødeplan")
        today = today or dt.date.today()
        self.year_spin = QSpinBox(minimum=2000, maximum=2099, value=default_year(today))
        self.forum_combo = QComboBox()
        self.forum_combo.addItem("Alle mødefora", None)
        for forum in forums.all_forums():
            self.forum_combo.addItem(forum.name, forum.id)
        self.forum_combo.setCurrentIndex(max(self.forum_combo.findData(forum_id), 0)
                                         if forum_id is not None else 0)
        self.errors_label = error_label()
        form = QFormLayout()
        form.addRow("&År:", self.year_spin)
        form.addRow("&Mødeforum:", self.forum_combo)
        self.show_button = QPushButton("&Vis og udskriv …")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.preview)
        self.save_button = QPushButton("&Gem som PDF …")
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Luk")
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors_label)
        layout.addWidget(buttons)

    def _pdf(self) -> bytes | None:
        from tryg_desktop.services.meetings import meeting_plan_printing

        try:
            pdf = meeting_plan_printing.meeting_plan_pdf_bytes(
                self.year_spin.value(), self.forum_combo.currentData(),
                header=self.settings.get(S.HEADER_ORGANISATION))
        except ServiceError as error:
            self.errors_label.setText(error.message)
            self.errors_label.show()
            return None
        self.errors_label.hide()
        return pdf

    def file_name(self) -> str:
        forum = self.forum_combo.currentData()
        suffix = f" – {self.forum_combo.currentText()}" if forum is not None else ""
        return f"Mødeplan {self.year_spin.value()}{suffix}.pdf"

    def preview(self) -> None:
        from tryg_desktop.views.kit.pdf_printing import preview_dialog

        pdf = self._pdf()
        if pdf is not None:
            self.prompts.run_dialog(preview_dialog(self, pdf, self.file_name()[:-4]))

    def save(self) -> None:
        from tryg_desktop.services.files import write_atomically

        pdf = self._pdf()
        if pdf is None:
            return
        path = self.prompts.save_file(self, "Gem mødeplan", str(Path.home() / self.file_name()),
                                      "PDF (*.pdf)")
        if path is None:
            return
        try:
            self.saved = write_atomically(path.with_suffix(".pdf"), pdf)
        except ServiceError as error:  # write_atomically's Danish FileWriteError
            self.prompts.warn(self, "Gem mødeplan", error.message)
            return
        self.prompts.inform(self, "Mødeplan gemt", f"Mødeplanen er gemt i\n{self.saved}")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
