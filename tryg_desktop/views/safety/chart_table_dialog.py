"""The figures behind a chart as a table (issue 14: a chart's table reachable from the chart):
for a screen reader, a magnifier and anyone who wants the exact numbers; Kopiér puts them on
the clipboard with tabs between the columns, ready for Excel."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)
from PySide6.QtCore import Qt

from tryg_desktop.views.kit.screen_fit import resize_within_screen


class ChartTableDialog(QDialog):
    def __init__(self, title: str, headings: list[str], rows: list[list[str]],
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Tallene bag diagrammet: {title}")
        self.headings, self.rows = headings, rows
        self.table = QTableWidget(len(rows), len(headings))
        self.table.setAccessibleName(title)
        self.table.setHorizontalHeaderLabels(headings)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c:  # figures to the right, as in a spreadsheet
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton("&Kopiér", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.table.setFocus()
        # As wide as the columns need (six places and more), within the screen.
        self.table.resizeColumnsToContents()
        wanted = header.length() + self.table.frameWidth() * 2 + 40
        resize_within_screen(self, max(420, wanted), 480)

    def as_text(self) -> str:
        return "\n".join("\t".join(line) for line in [self.headings, *self.rows])

    def copy(self) -> None:
        QApplication.clipboard().setText(self.as_text())
