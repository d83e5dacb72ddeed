"""Hjælp → Tastaturgenveje (issue 14, point 2): Ctrl+? shows every shortcut the window has,
read from its actions, with the page in view's own keys."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def _rows(dialog) -> list[tuple[str, str, str]]:
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]


def test_ctrl_question_mark_lists_the_windows_and_the_pages_shortcuts(window, prompts, qtbot):
    window.navigation.setCurrentRow(1)  # Kontakter: Ny kontakt, Søg and Slet have keys
    seen = {}

    def read(dialog):
        seen["rows"] = _rows(dialog)
        seen["title"] = dialog.windowTitle()
        return 0

    prompts.dialog_handlers.append(read)
    assert window.shortcuts_action.shortcut() == QKeySequence("Ctrl+?")
    window.shortcuts_action.trigger()
    rows = seen["rows"]
    assert seen["title"] == "Tastaturgenveje"
    native = QKeySequence.SequenceFormat.NativeText
    keys = {(where, what): key for where, key, what in rows}
    # From the menus (the same texts as there, without the mnemonic's &)
    assert keys[("Overalt", "Registrér hændelse")] == "Ctrl+H"
    assert keys[("Overalt", "Statusrapport")] == "Ctrl+R"
    assert keys[("Overalt", "Kontakter")] == "Ctrl+2"
    assert ("Overalt", "Ctrl+?", "Tastaturgenveje") in rows
    # The page in view's own
    assert keys[("Denne side", "Søg")] == QKeySequence(QKeySequence.StandardKey.Find).toString(
        native)
    assert any(where == "Denne side" and what.startswith("Ny kontakt") for where, _, what in rows)
    # Keys without an action of their own
    assert ("Overalt", "Esc", "Luk dialogen (Annuller)") in rows
    # Every key once where it works (Esc in a dialog and in the meeting editor differ)
    assert len({(where, key) for where, key, _ in rows}) == len(rows)
    assert ("Mødeeditoren", "Ctrl+Tab / Ctrl+Skift+Tab",
            "Næste / forrige fane (også Ctrl+PgDn / PgUp)") in rows


def test_the_list_follows_the_page(window, prompts, qtbot):
    window.navigation.setCurrentRow(0)  # the Oversigt has no list of its own
    seen = {}
    prompts.dialog_handlers.append(lambda dialog: seen.setdefault("rows", _rows(dialog)) and 0)
    window.show_shortcuts()
    assert not any(where == "Denne side" for where, _, _ in seen["rows"])
