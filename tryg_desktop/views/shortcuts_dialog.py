"""Hjælp → Tastaturgenveje (Ctrl+?): every keyboard shortcut the window has, read from its
actions (the menus' and the page in view's), so the list cannot drift from what the keys do."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from tryg_desktop.views.kit.screen_fit import resize_within_screen

# Keys that work without an action of their own (Qt's dialogs and tables).
GENERAL = [("Tab / Skift+Tab", "Næste / forrige felt eller knap"),
           ("Piletaster", "Flyt i en liste eller tabel"),
           ("Enter", "Åbn den valgte række, eller dialogens standardknap"),
           ("Esc", "Luk dialogen (Annuller)"),
           ("Alt+understreget bogstav", "Gå til feltet eller knappen med det bogstav")]
# The meeting editor's own keys (views/meetings/editor_keys.py): it is a dialog, not a page.
MEETING_EDITOR = [("Ctrl+Tab / Ctrl+Skift+Tab", "Næste / forrige fane (også Ctrl+PgDn / PgUp)"),
                  ("Esc", "Fra et punkts felter tilbage til listen over punkter; ellers luk "
                          "mødet (spørger først, hvis noget ikke er gemt)")]


def _key(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def _name(action: QAction) -> str:
    return action.text().replace("&", "").replace(" …", "").strip()


def shortcuts(window) -> list[tuple[str, str, str]]:
    """(where, key, what) for every action with a shortcut: the window's menus, then the page
    in view, then the general keys."""
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for where, actions in (("Overalt", window.actions()),
                           ("Denne side", window.stack.currentWidget().actions())):
        for action in actions:
            key = _key(action)
            if key and action.isEnabled() and key not in seen:
                seen.add(key)
                rows.append((where, key, _name(action)))
    rows += [("Overalt", key, what) for key, what in GENERAL]
    rows += [("Mødeeditoren", key, what) for key, what in MEETING_EDITOR]
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setWindowTitle("Tastaturgenveje")
        intro = QLabel("Alt i programmet kan nås med tastaturet. Genvejene her gælder hele "
                       "vinduet og den side, der er åben nu.", wordWrap=True)
        rows = shortcuts(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setAccessibleName("Tastaturgenveje")
        self.table.setHorizontalHeaderLabels(["Hvor", "Genvej", "Handling"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        resize_within_screen(self, 560, 520)
