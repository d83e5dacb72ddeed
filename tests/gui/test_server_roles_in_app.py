"""The app mirrors the server's roles (issue 12 point 2): a login with the læser role sees the
register but every way to change it is off, with a banner that says why; a koordinator's
window is as before. (The server refuses the writes anyway: tests/unit/test_server_admin.py.)"""

from __future__ import annotations

import os

import psycopg
import pytest

from tests.support.server import as_login

from tryg_desktop.db import close_database
from tryg_desktop.db.opening import open_server
from tryg_desktop.services import db_health, server_admin
from tryg_desktop.services.register import contacts


@pytest.fixture
def team(server):  # noqa: F811
    """A set-up server database with one contact, and a login for each role asked for."""
    url = server.fresh_database()
    open_server(url)
    server_admin.init_server()
    contacts.create(contacts.ContactInput(name="Anna Jensen"))
    made = []

    def login(role: str) -> str:
        name = f"gui_{os.getpid()}_{role}"
        server_admin.add_user(name, role)
        made.append(name)
        return as_login(url, name)

    yield login
    close_database()
    server.drop(url)
    with psycopg.connect(server.admin_url, autocommit=True) as admin:
        for name in made:
            admin.execute(f'DROP ROLE IF EXISTS "{name}"')


def _window(url, settings, prompts, qtbot):
    from tryg_desktop.views.main_window import MainWindow

    close_database()
    open_server(url, migrate=False)
    win = MainWindow(None, settings, prompts)
    qtbot.addWidget(win)
    win.show()
    return win


def test_a_reader_sees_the_register_with_every_change_off(team, settings, prompts, qtbot):
    from PySide6.QtWidgets import QLabel

    win = _window(team("laeser"), settings, prompts, qtbot)
    shown = [label.text() for label in win.findChildren(QLabel, "read_only_banner")]
    assert shown == [db_health.ROLE_READ_ONLY_BANNER]
    page = win.contacts_page
    win.navigation.setCurrentRow(1)  # Kontakter: its rows are read when it is first shown
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert not page.new_button.isEnabled()
    assert not any(action.isEnabled() for action in win.write_actions)


def test_a_coordinator_may_change_the_register(team, settings, prompts, qtbot):
    win = _window(team("koordinator"), settings, prompts, qtbot)
    from PySide6.QtWidgets import QLabel

    assert win.findChildren(QLabel, "read_only_banner") == []
    assert win.contacts_page.new_button.isEnabled()


def test_a_referent_reads_the_register_and_writes_episodes(team, settings, prompts, qtbot):
    """A referent's window: the register and places are for reading (no New, and a contact
    opens with Luk only); episodes are theirs to record."""
    from PySide6.QtWidgets import QLabel

    from tryg_desktop.views.register.contact_dialog import ContactDialog

    win = _window(team("referent"), settings, prompts, qtbot)
    assert win.findChildren(QLabel, "read_only_banner") == []  # not a read-only database
    assert not win.contacts_page.new_button.isEnabled()
    assert not win.places_page.list.new_button.isEnabled()
    assert win.episodes_page.new_button.isEnabled()
    dialog = ContactDialog(1, prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.form_page.isEnabled() and not dialog.save_button.isVisible()



@pytest.mark.parametrize("role", ["laeser", "referent"])
def test_no_backup_for_a_login_that_cannot_see_the_closed_items(team, settings, prompts, qtbot,
                                                                 role):
    """Filer › Tag sikkerhedskopi is off, saying why: the server would refuse a copy that
    silently lacks the closed items (a læser prints nothing internal)."""
    from tryg_desktop.views.file_actions import BACKUP_REFUSED_TIP

    win = _window(team(role), settings, prompts, qtbot)
    action = win.backup_action
    assert not action.isEnabled()
    assert action.toolTip() == action.statusTip() == BACKUP_REFUSED_TIP
    win.files.backup()  # even if called: told why, no file asked for
    assert prompts.asked == [("warn", "Sikkerhedskopi", BACKUP_REFUSED_TIP)]


def test_a_coordinator_takes_a_backup_of_the_server_from_the_menu(team, settings, prompts,
                                                                 qtbot, tmp_path):
    import sqlite3

    win = _window(team("koordinator"), settings, prompts, qtbot)
    assert win.backup_action.isEnabled()
    # At once, while the start-up's reads (the Oversigt's workers) still run: the copy is
    # opened beside the server's database, so they read the server, not the copy.
    copy = tmp_path / "kopi.sqlite3"
    prompts.save_paths.append(copy)
    win.backup_action.trigger()
    qtbot.waitUntil(lambda: any(a[1].startswith("Sikkerhedskopi") for a in prompts.asked),
                    timeout=20000)
    [(kind, title, text)] = prompts.asked
    assert (kind, title) == ("inform", "Sikkerhedskopi gemt"), text
    assert text.startswith(f"Sikkerhedskopi af den fælles database gemt: {copy} (")
    with sqlite3.connect(copy) as raw:
        assert raw.execute("SELECT name FROM contact").fetchall() == [("Anna Jensen",)]




def test_a_referent_gets_the_menu_items_that_write_the_register_off(team, settings, prompts,
                                                                    qtbot):
    """A referent writes meetings, minutes, actions and episodes, and reads the register:
    "Ny kontakt …" took them to Kontakter and did nothing; now it, "Ny organisation …",
    "Importér kontakter …" and "Indlæs eksempeldata" (in the menu and on the Oversigt) are
    off, saying why. "Nyt møde …" and "Registrér hændelse …" stay on."""
    referent, koordinator = team("referent"), team("koordinator")
    win = _window(referent, settings, prompts, qtbot)
    menu = {action.text().replace("&", ""): action for action in win.action_tables}
    off = ["Ny kontakt …", "Ny organisation …", "Importér kontakter …", "Indlæs eksempeldata"]
    for text in off:
        assert not menu[text].isEnabled(), text
        assert menu[text].toolTip() == db_health.ROLE_LIMITED_TIP
    for text in ("Nyt møde …", "Registrér hændelse …"):
        assert menu[text].isEnabled(), text
    overview = win.overview_page
    assert not overview.import_button.isEnabled() and not overview.demo_button.isEnabled()
    # A koordinator's window has them all.
    win = _window(koordinator, settings, prompts, qtbot)
    assert all(action.isEnabled() for action in win.action_tables)
    assert win.overview_page.demo_button.isEnabled()


def test_only_an_administrator_has_the_data_protection_menu_and_pages(team, settings, prompts,
                                                                       qtbot):
    """Issue 13 point 7: the Adgangslog and Slettefrister pages, and the Databeskyttelse menu,
    are tryg_admin's; a koordinator's window has the menu off with the reason and no pages, and
    Kontakter's context menu has no Indsigt or Slet person."""
    from PySide6.QtWidgets import QMenu

    from tryg_desktop.views.data_protection.privacy_menu import ADMIN_PAGES, PRIVACY_ADMIN_TIP
    from tryg_desktop.views.main_window import PAGES

    coordinator_url, admin_url = team("koordinator"), team("admin")
    coordinator = _window(coordinator_url, settings, prompts, qtbot)
    assert all(coordinator.navigation.isRowHidden(PAGES.index(name)) for name in ADMIN_PAGES)
    usable = [a for a in coordinator.privacy_actions if not a.isSeparator()]
    assert usable and not any(a.isEnabled() for a in usable)
    assert {a.toolTip() for a in usable} == {PRIVACY_ADMIN_TIP}
    assert not any(coordinator.page_actions[name].isVisible() for name in ADMIN_PAGES)
    menu = QMenu()
    coordinator.contacts_page.extend_context_menu(menu, object())
    assert [a.text() for a in menu.actions()] == []
    coordinator.close()

    admin = _window(admin_url, settings, prompts, qtbot)
    assert not any(admin.navigation.isRowHidden(PAGES.index(name)) for name in ADMIN_PAGES)
    assert all(a.isEnabled() for a in admin.privacy_actions if not a.isSeparator())
    menu = QMenu()
    admin.contacts_page.extend_context_menu(menu, object())
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "&Indsigt (art. 15) …", "Slet &person (art. 17) …"]
    admin.navigation.setCurrentRow(PAGES.index("Adgangslog"))
    assert admin.stack.currentWidget() is admin.page("Adgangslog")
