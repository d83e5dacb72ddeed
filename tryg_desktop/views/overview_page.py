"""Oversigt: a welcome on an empty database, else the register at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop.services import register
from tryg_desktop.workers import Task


def _card(title: str, value_label: QLabel) -> QFrame:
    frame = QFrame(objectName="card")
    layout = QVBoxLayout(frame)
    caption = QLabel(title, objectName="cardCaption")
    value_label.setObjectName("cardValue")
    layout.addWidget(value_label)
    layout.addWidget(caption)
    return frame


class OverviewPage(QWidget):
    load_demo_requested = Signal()
    import_requested = Signal()
    new_contact_requested = Signal()
    new_organisation_requested = Signal()
    open_page_requested = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.stack = QStackedLayout(self)
        self.welcome = self._build_welcome()
        self.summary = self._build_summary()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.summary)

    def _build_welcome(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        title = QLabel("<h1>Velkommen til Tryg Desktop</h1>", alignment=Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            "Her holder du styr på samarbejdspartnere og kontaktpersoner i Tryg Aalborg.<br>"
            "Databasen er tom. Kom i gang med eksempeldata, eller hent dine egne kontakter "
            "fra en CSV-fil (Excel) eller et vCard (Outlook).",
            alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        text.setFixedWidth(560)
        self.demo_button = QPushButton("Indlæs &eksempeldata")
        self.demo_button.clicked.connect(self.load_demo_requested)
        self.import_button = QPushButton("&Importér kontakter …")
        self.import_button.clicked.connect(self.import_requested)
        self.demo_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(text)
        centred.addStretch(1)
        layout.addWidget(title)
        layout.addLayout(centred)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    def _build_summary(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("<h2>Oversigt</h2>"))
        self.organisations_value = QLabel()
        self.contacts_value = QLabel()
        self.private_value = QLabel()
        self.inactive_value = QLabel()
        grid = QGridLayout()
        grid.addWidget(_card("aktive organisationer", self.organisations_value), 0, 0)
        grid.addWidget(_card("aktive kontaktpersoner", self.contacts_value), 0, 1)
        grid.addWidget(_card("privatpersoner", self.private_value), 0, 2)
        grid.addWidget(_card("inaktive kontakter", self.inactive_value), 0, 3)
        layout.addLayout(grid)
        buttons = QHBoxLayout()
        for text, signal in (("Ny &kontakt …", self.new_contact_requested),
                             ("Ny &organisation …", self.new_organisation_requested),
                             ("&Importér kontakter …", self.import_requested)):
            button = QPushButton(text)
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.recent = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.recent.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(QLabel("<h3>Seneste ændringer</h3>"))
        layout.addWidget(self.recent, 1)
        return page

    def refresh(self) -> None:
        if register.is_empty():
            self.stack.setCurrentWidget(self.welcome)
            return
        lines = [f"{l10n.format_datetime(e.at_local)} · {e.user} · {e.action_label.lower()}: "
                 f"{e.what} <b>{_html(e.label)}</b>" for e in register.recent_changes(8)]
        self.recent.setText("<br>".join(lines) or "Ingen ændringer endnu.")
        self.stack.setCurrentWidget(self.summary)
        # Counting reads every contact (a few ms per 100,000): a worker does it, so that
        # start-up does not grow with the register.
        self._counts_task = Task(lambda progress, is_cancelled: register.counts())
        self._counts_task.signals.finished.connect(self._show_counts)
        self._counts_task.start()

    def _show_counts(self, counts: register.Counts) -> None:
        self.organisations_value.setText(l10n.format_integer(counts.active_organisations))
        self.contacts_value.setText(l10n.format_integer(counts.active_contacts))
        self.private_value.setText(l10n.format_integer(counts.private_contacts))
        self.inactive_value.setText(l10n.format_integer(counts.inactive_contacts))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
