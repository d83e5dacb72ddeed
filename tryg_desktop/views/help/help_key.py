"""F1: the user guide at the section for what is in use, the page in view or the open dialog.

An application event filter, not a QShortcut: a shortcut of the main window is blocked while a
modal dialog is open (Qt's modality), and a shortcut per dialog would need every dialog to be
found as it opens. The filter sees the F1 key press wherever it goes; Hjælp → Brugervejledning
(F1) handles the key in the main window itself, as a menu item with its shortcut. The filter
costs a comparison per event (under a microsecond)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from tryg_desktop.views.help.topics import topic_for


class HelpKey(QObject):
    """Installed once per main window (its child: it goes with the window)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.guide = None  # GuideWindow, made at the first F1
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            if (event.key() == Qt.Key.Key_F1 and not event.modifiers()
                    and isinstance(watched, QWidget) and self.window.isVisible()
                    and not (self.guide is not None and watched.window() is self.guide)):
                self.show_help(watched)
                return True
        elif kind == QEvent.Type.Hide and self.guide is not None \
                and watched is self.guide.parentWidget() and watched is not self.window:
            self._give_back_to_window()
        return False

    def show_help(self, widget: QWidget | None = None) -> None:
        """The guide at the section for widget (by default the one with the focus)."""
        widget = widget or QApplication.focusWidget() or self.window
        item = self.window.navigation.currentItem()
        anchor = topic_for(widget, self.window, item.text() if item is not None else "")
        # Over a modal dialog the guide must be that dialog's child window, or the dialog's
        # modality blocks it too: it could be seen but not scrolled.
        guide = self._guide(QApplication.activeModalWidget() or self.window)
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
        return self.guide

    def _move_to(self, owner: QWidget) -> None:
        guide = self.guide
        visible, geometry = guide.isVisible(), guide.geometry()
        guide.setParent(owner, guide.windowFlags())  # (this hides it)
        if visible:
            guide.setGeometry(geometry)
            guide.show()

    def _give_back_to_window(self) -> None:
        """The dialog the guide was opened over closes: the guide stays, with the main window."""
        self._move_to(self.window)

    def _forget(self) -> None:
        self.guide = None
