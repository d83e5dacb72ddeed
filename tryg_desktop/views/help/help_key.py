"""F1: the user guide at the section for what is in use, the page in view or the open dialog.

F1 is the shortcut of Hjælp → Brugervejledning, a QAction of the main window. A shortcut of the
main window is blocked while a modal dialog is open (Qt's modality), so each dialog gets an F1
shortcut of its own (its child: it goes with the dialog) as it gets the focus. Not the window's
action itself: PySide then counts the action as the dialog's, and once a message box Qt made and
deleted had it, the action's Python side was called deleted and every later dialog raised
RuntimeError. This hangs on QApplication.focusChanged, a signal: an application event filter in
Python (the other generic way) runs for every event of the program, and with QtCharts it crashed
PySide."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from tryg_desktop.views.help.topics import topic_for


F1_NAME = "tryg_help_key"  # the dialog's own F1 shortcut


class HelpKey(QObject):
    """One per main window (its child: it goes with the window). window.guide_action is the
    menu item with F1 (views/main_menus.py)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.guide = None  # GuideWindow, made at the first F1
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        top = now.window() if now is not None else None
        if (isinstance(top, QDialog) and self.window.isVisible()
                and top.findChild(QShortcut, F1_NAME) is None):
            shortcut = QShortcut(QKeySequence("F1"), top)
            shortcut.setObjectName(F1_NAME)
            shortcut.activated.connect(lambda: self.show_help())

    def show_help(self, widget: QWidget | None = None) -> None:
        """The guide at the section for widget (by default the one with the focus)."""
        widget = widget or QApplication.focusWidget() or self.window
        item = self.window.navigation.currentItem()
        anchor = topic_for(widget, self.window, item.text() if item is not None else "")
        # Over a modal dialog the guide must be that dialog's child window, or the dialog's
        # modality blocks it too: it could be seen but not scrolled.
        modal = QApplication.activeModalWidget()
        guide = self._guide(modal if isinstance(modal, QDialog) else self.window)
        guide.show_topic(anchor)
        if guide.isVisible():
            guide.raise_()  # open behind the work: to the front (a new window shows on top)
        guide.show()
        guide.activateWindow()

    def _guide(self, owner: QWidget):
        if self.guide is None:
            from tryg_desktop.views.help.guide_window import GuideWindow

            self.guide = GuideWindow(self.window.prompts, self.window)
            self.guide.destroyed.connect(self._forget)
        if self.guide.parentWidget() is not owner:
            self._move_to(owner)
            if owner is not self.window:
                # When the dialog closes, the guide stays open, with the main window.
                owner.finished.connect(self._give_back_to_window)
        return self.guide

    def _move_to(self, owner: QWidget) -> None:
        guide = self.guide
        visible, geometry = guide.isVisible(), guide.geometry()
        guide.setParent(owner, guide.windowFlags())  # (this hides it)
        if visible:
            guide.setGeometry(geometry)
            guide.show()

    def _give_back_to_window(self) -> None:
        if self.guide is not None and self.guide.parentWidget() is not self.window:
            self._move_to(self.window)

    def _forget(self) -> None:
        self.guide = None
