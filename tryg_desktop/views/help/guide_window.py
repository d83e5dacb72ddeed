"""The user guide (Brugervejledning) in a window beside the work: a QTextBrowser on the guide's
HTML file, at the section asked for, with "Åbn i browser" for the same file in the default
browser. Everything is in resources/guide/, so it reads offline."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from tryg_desktop.views.help.topics import GUIDE, START
from tryg_desktop.views.kit.screen_fit import resize_within_screen


class GuideWindow(QWidget):
    def __init__(self, prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)  # its own window, never modal
        self.prompts = prompts
        self.setWindowTitle("Brugervejledning")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Brugervejledning")
        self.browser.setOpenLinks(True)

        self.back_button = QPushButton("&Tilbage", enabled=False)
        self.back_button.setAccessibleName("Tilbage")
        self.back_button.setToolTip("Tilbage til det afsnit, du læste før (Alt+Venstre)")
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.contents_button = QPushButton("&Indhold")
        self.contents_button.setAccessibleName("Indhold")
        self.contents_button.setToolTip("Vejledningens indholdsfortegnelse")
        self.contents_button.clicked.connect(lambda: self.show_topic(START))
        self.browser_button = QPushButton("Åbn i &browser")
        self.browser_button.setAccessibleName("Åbn i browser")
        self.browser_button.setToolTip("Vis vejledningen i din webbrowser, fx for at udskrive den")
        self.browser_button.clicked.connect(self.open_in_browser)
        close_button = QPushButton("&Luk")
        close_button.setAccessibleName("Luk")
        close_button.clicked.connect(self.close)

        buttons = QHBoxLayout()
        for button in (self.back_button, self.contents_button, self.browser_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        resize_within_screen(self, 920, 700)

    def keyPressEvent(self, event) -> None:
        # Esc closes, as in a dialog: the browser leaves the key to its window.
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.close()
        else:
            super().keyPressEvent(event)

    def show_topic(self, anchor: str) -> None:
        """The guide at anchor's section (its start for START)."""
        url = QUrl.fromLocalFile(str(GUIDE))
        if anchor:
            url.setFragment(anchor)
        self.browser.setSource(url)
        self.browser.setFocus()

    def open_in_browser(self) -> None:
        # The file itself: a #fragment on a file URL is lost by some systems' "open" commands.
        self.prompts.open_with_default_program(GUIDE)
