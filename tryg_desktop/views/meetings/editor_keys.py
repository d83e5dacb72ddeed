"""The meeting editor by keyboard: Escape closes the topmost thing only, Ctrl+Tab moves between
the tabs from anywhere in the editor, and the editor opens with the focus in its first field.

Escape, in layers (as the date field takes back typing before the dialog closes):
1. in an item's fields on Dagsorden or Referat: back to that page's list of items (the text is
   saved as it was typed; a second Escape goes on);
2. with changes on the Mødet tab not saved yet: ask Gem / Kassér ændringer / Fortsæt
   redigering, instead of saving them unasked;
3. otherwise the editor closes as Luk does (what the pages hold is saved as they go).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

ESCAPE_AGAIN = "Esc igen lukker mødet."


class EditorKeys(QObject):
    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.editor = editor
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+PgDown", 1),
                           ("Ctrl+Shift+Tab", -1), ("Ctrl+PgUp", -1)):
            QShortcut(QKeySequence(keys), editor, activated=lambda s=step: self.next_tab(s),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        editor.tabs.currentChanged.connect(self._forget_hint)

    def _forget_hint(self) -> None:
        """"Esc igen lukker mødet." belongs to the tab it was said on."""
        if self.editor.saved_label.text() == ESCAPE_AGAIN:
            self.editor.saved_label.clear()

    def next_tab(self, step: int) -> None:
        """The next enabled tab, round; the focus follows into it, as a QTabWidget does."""
        tabs = self.editor.tabs
        index = tabs.currentIndex()
        for _ in range(tabs.count()):
            index = (index + step) % tabs.count()
            if tabs.isTabEnabled(index):
                tabs.setCurrentIndex(index)
                tabs.tabBar().setFocus(Qt.FocusReason.TabFocusReason)
                return

    def item_list_for(self, focus: QWidget | None) -> QWidget | None:
        """The list of items above the focused field on Dagsorden or Referat, if any."""
        if focus is None:
            return None
        pages = self.editor._pages
        for name, list_of in (("agenda", lambda page: page.table),
                              ("minutes", lambda page: page.items)):
            page = pages.get(name)
            if page is not None and page.isAncestorOf(focus) and focus is not list_of(page):
                return list_of(page)
        return None

    def escape(self) -> None:
        editor = self.editor
        items = self.item_list_for(QApplication.focusWidget())
        if items is not None:
            items.setFocus(Qt.FocusReason.ShortcutFocusReason)
            editor.saved_label.setText(ESCAPE_AGAIN)
            return
        if editor._dirty and editor.meeting_id is not None:
            editor._autosave.stop()  # asked, not saved behind the user's back meanwhile
            choice = editor.prompts.choose(
                editor, "Ikke gemte ændringer", "Mødets oplysninger er ændret, men ikke gemt.",
                ["Gem", "Kassér ændringer"], cancel="Fortsæt redigering")
            if choice is None:
                editor._autosave.start()
                return
            if choice == 0 and not editor.save():
                return
            if choice == 1:
                editor.reload()  # the saved values back; nothing of the typing is written
        editor.reject()
