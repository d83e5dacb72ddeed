"""The choice after two editors saved the same agenda item's minutes: both texts side by side,
read-only, and Behold min tekst / Brug deres tekst / Flet selv. Escape decides later (the
panel keeps my text and saves nothing for the item until the writer chooses)."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)
from tryg_desktop.views.kit.screen_fit import resize_within_screen

KEEP_MINE, TAKE_THEIRS, MERGE = "keep_mine", "take_theirs", "merge"
UNDECIDED = ("Ikke gemt: punktet er ændret et andet sted. Vælg med »Løs konflikt«, "
             "hvilken tekst der skal gælde.")


class MinutesConflictDialog(QDialog):
    """`choice` is KEEP_MINE, TAKE_THEIRS, MERGE, or None (decide later) once it closes."""

    def __init__(self, title: str, mine: tuple[str, str], theirs: tuple[str, str],
                 parent=None) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle("Referatet er ændret et andet sted")
        intro = QLabel(
            f"<b>{_escape(title)}</b><br>Punktets referat er gemt et andet sted, mens du "
            "skrev. Intet er overskrevet. Vælg, hvilken tekst der skal gælde; den anden "
            "gemmes i historikken.", wordWrap=True)
        grid = QGridLayout()
        self.texts: dict[str, QPlainTextEdit] = {}
        for column, (heading, key, (notes, decision)) in enumerate(
                (("Min tekst", "mine", mine), ("Deres tekst", "theirs", theirs))):
            grid.addWidget(QLabel(f"<b>{heading}</b>"), 0, column)
            shown = QPlainTextEdit(readOnly=True)
            shown.setPlainText(_as_text(notes, decision))
            grid.addWidget(shown, 1, column)
            self.texts[key] = shown
        self.keep_button = QPushButton("&Behold min tekst")
        self.take_button = QPushButton("Brug &deres tekst")
        self.merge_button = QPushButton("&Flet selv")
        self.later_button = QPushButton("Beslut &senere")
        buttons = QHBoxLayout()
        for button, choice in ((self.keep_button, KEEP_MINE), (self.take_button, TAKE_THEIRS),
                               (self.merge_button, MERGE)):
            button.setAutoDefault(False)  # Enter alone never overwrites anybody's text
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.later_button.setAutoDefault(False)
        self.later_button.clicked.connect(self.reject)
        buttons.addWidget(self.later_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)
        resize_within_screen(self, 760, 420)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def _as_text(notes: str, decision: str) -> str:
    return f"Referat:\n{notes or '(tomt)'}\n\nBeslutning:\n{decision or '(tom)'}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def replace_undoably(edit: QPlainTextEdit, text: str) -> None:
    """The editor's whole text as one edit, so Ctrl+Z brings back what was there
    (setPlainText would clear the undo history)."""
    if edit.toPlainText() == text:
        return
    cursor = edit.textCursor()
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(text)
    cursor.endEditBlock()
