"""A read-only database in the main window: a banner says why, editing is off, browsing works;
and the quick check after start-up tells the user about a damaged file (issue 10 point 15)."""

import sqlite3

import pytest
from PySide6.QtWidgets import QLabel

from tryg_desktop.db import close_database, open_database
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.errors import ServiceError


def _seed(path):
    open_database(path)
    for name in ("Åge Holm", "Bo Berg"):
        C.create(C.ContactInput(name=name))
    close_database()


@pytest.fixture
def read_only_window(db_path, settings, prompts, qtbot):
    from tryg_desktop.views.main_window import MainWindow

    _seed(db_path)
    open_database(db_path, read_only=True)
    win = MainWindow(db_path, settings, prompts)
    qtbot.addWidget(win)
    win.show()
    yield win
    close_database()


def _banner(win, name):
    return win.findChild(QLabel, name)


def test_read_only_database_shows_why_and_turns_editing_off(read_only_window, qtbot):
    win = read_only_window
    banner = _banner(win, "read_only_banner")
    assert banner is not None and banner.isVisible()
    assert banner.text().startswith("Databasen er skrivebeskyttet")
    assert "Du kan se og udskrive, men ikke ændre." in banner.text()
    assert all(not action.isEnabled() for action in win.write_actions)

    page = win.page("Kontakter")
    win.navigation.setCurrentRow(1)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)  # browsing works
    page.table.selectRow(0)
    assert not page.new_button.isEnabled() and not page.new_action.isEnabled()
    assert not page.open_button.isEnabled() and not page.delete_button.isEnabled()
    assert not page.delete_action.isEnabled()


def test_a_record_opened_by_enter_shows_but_cannot_be_changed(read_only_window, prompts, qtbot):
    from tryg_desktop.views.register.contact_dialog import ContactDialog

    first = C.fetch(C.ContactFilter(), 0, 1)[0]
    dialog = ContactDialog(first.id, prompts=prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.nameEdit.text() == first.name
    assert not dialog.form_page.isEnabled() and not dialog.save_button.isVisible()


def test_restore_is_off_and_the_backups_are_still_found(read_only_window, db_path):
    """The file behind a read-only database (its name is a file: URI) is still the file: its
    backups folder is looked up beside it, not beside "file:"."""
    from tryg_desktop.services import auto_backup

    [restore] = [a for a in read_only_window.write_actions if "Gendan" in a.text()]
    assert not restore.isEnabled()
    folder = db_path.parent / "backups"
    folder.mkdir()
    name = f"{db_path.stem}-2026-12-01.sqlite3"
    (folder / name).write_bytes(b"kopi")
    assert [b.path.name for b in auto_backup.list_backups()] == [name]


def test_a_write_that_still_happens_fails_in_danish(read_only_window):
    with pytest.raises(ServiceError) as caught:
        C.create(C.ContactInput(name="Ny Person"))
    assert caught.value.message.startswith("Databasen er skrivebeskyttet")


def test_a_writable_database_has_no_banner(window):
    assert _banner(window, "read_only_banner") is None
    assert all(action.isEnabled() for action in window.write_actions)
    page = window.page("Kontakter")
    assert page.new_button.isEnabled()


def test_start_up_check_is_silent_when_healthy(window, prompts, qtbot):
    from tryg_desktop.views.database_banners import start_health_check

    task = start_health_check(window)
    with qtbot.waitSignal(task.signals.finished):
        pass
    assert _banner(window, "damaged_banner") is None and prompts.asked == []


def test_start_up_check_tells_of_a_damaged_file(db_path, settings, prompts, qtbot):
    from tryg_desktop.views.database_banners import DAMAGED_TITLE, start_health_check
    from tryg_desktop.views.main_window import MainWindow

    _seed(db_path)
    con = sqlite3.connect(db_path)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'organisation_sort_name'"
                       ).fetchone()[0]
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with open(db_path, "r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\x0d" + b"\xff" * 50)
    open_database(db_path)
    try:
        win = MainWindow(db_path, settings, prompts)
        qtbot.addWidget(win)
        win.show()
        start_health_check(win)
        qtbot.waitUntil(lambda: _banner(win, "damaged_banner") is not None)
        kind, title, text = prompts.asked[-1]
        assert (kind, title) == ("warn", DAMAGED_TITLE)
        assert "beskadiget" in text and "python main.py check" in text
    finally:
        close_database()


def test_sample_data_on_a_full_disk_says_so_in_danish(db_path, settings, prompts, qtbot,
                                                      monkeypatch):
    """The worker's own connection meets the full disk; the user reads "Disken er fuld",
    not "cannot rollback - no transaction is active", and nothing is half loaded."""
    from tryg_desktop.db import connection
    from tryg_desktop.views.main_window import MainWindow

    _seed(db_path)
    con = sqlite3.connect(db_path)
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    monkeypatch.setitem(connection.PRAGMAS, "max_page_count", pages + 3)
    open_database(db_path)
    try:
        win = MainWindow(db_path, settings, prompts)
        qtbot.addWidget(win)
        win.show()
        win.files.load_demo()
        qtbot.waitUntil(lambda: bool(prompts.asked), timeout=60000)
        kind, title, text = prompts.asked[-1]
        assert kind == "warn" and text.startswith("Disken er fuld"), prompts.asked
        raw = sqlite3.connect(db_path)
        assert raw.execute("SELECT COUNT(*) FROM organisation").fetchone()[0] == 0
        raw.close()
    finally:
        close_database()
