"""Start-up on the team's server database (issue 12 points 1 and 7): which database opens
(--server, TRYG_SERVER, the saved choice, the SQLite file), the password from the credential
store as a connection parameter, a server that cannot be reached as a Danish question with
"Prøv igen" / "Brug lokal database" / "Afslut", and the main window on a real server
database: who is logged in on the status bar, the SQLite-file-only work off with a reason."""

from __future__ import annotations


import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QMessageBox

from tryg_desktop import app
from tryg_desktop import settings as S
from tryg_desktop.services import server_login as L


def save_choice(settings, enabled=True, host="db.kommune.local", login="anne"):
    settings.set(S.SERVER_ENABLED, enabled)
    settings.set(S.SERVER_HOST, host)
    settings.set(S.SERVER_DATABASE, "tryg")
    settings.set(S.SERVER_LOGIN, login)


# -- which database ---------------------------------------------------------------------------------
def test_server_on_the_command_line_then_the_environment_then_the_saved_choice(
        settings, monkeypatch):
    assert app.chosen_server(None, None, settings) is None  # the SQLite file, as before
    save_choice(settings, enabled=False)
    assert app.chosen_server(None, None, settings) is None  # saved but switched off
    save_choice(settings)
    assert app.chosen_server(None, None, settings) == "postgresql://anne@db.kommune.local/tryg"
    assert app.chosen_server("egen.sqlite3", None, settings) is None  # a file named outright
    monkeypatch.setenv("TRYG_SERVER", "postgresql://miljo/tryg")
    assert app.chosen_server(None, None, settings) == "postgresql://miljo/tryg"
    assert app.chosen_server(None, "postgresql://cli/tryg", settings) == "postgresql://cli/tryg"
    # A file named outright beats TRYG_SERVER (a group policy may set it for everyone).
    assert app.chosen_server("egen.sqlite3", None, settings) is None


def test_the_command_line_hands_server_to_the_window(monkeypatch):
    seen = {}
    monkeypatch.setattr(app, "run_gui", lambda database, verbose=False, server_arg=None:
                        seen.update(database=database, server=server_arg) or 0)
    with pytest.raises(SystemExit):
        app.main(["--server", "postgresql://postgres@127.0.0.1/tryg"])
    assert seen == {"database": None, "server": "postgresql://postgres@127.0.0.1/tryg"}


# -- opening, and when it fails -------------------------------------------------------------------
def test_an_unreachable_server_asks_in_danish_until_told_what_to_do(tmp_path):
    url = "postgresql://postgres:hemmelig@127.0.0.1:1/tryg"
    asked = []
    answers = [app.RETRY, app.LOCAL]

    def ask(message):
        asked.append(message)
        return answers.pop(0)

    assert app.open_server_or_ask(url, ask) == app.LOCAL
    assert len(asked) == 2
    assert asked[0] == ("Den fælles database tryg på 127.0.0.1 kan ikke åbnes: serveren svarer "
                        "ikke (forkert adresse eller port, eller serveren kører ikke)")
    assert all("hemmelig" not in message for message in asked)
    assert app.open_server_or_ask(url, lambda message: app.QUIT) == app.QUIT


def test_try_again_opens_the_server_once_it_is_there(server):
    name = f"{server.prefix}_later"
    url = server.database_url(name)
    asked = []

    def ask(message):  # meanwhile IT creates the database
        asked.append(message)
        server._admin(f'CREATE DATABASE "{name}" TEMPLATE "{server.template}"')
        server._made.add(name)
        return app.RETRY

    try:
        assert app.open_server_or_ask(url, ask) == app.SERVER
        assert asked == [f"Den fælles database {name} på 127.0.0.1 kan ikke åbnes: databasen "
                         "eller login findes ikke på serveren"]
    finally:
        from tryg_desktop.db import close_database

        close_database()
        server.drop(url)


def test_the_stored_password_is_sent_only_when_the_server_asks_for_one(store):
    """A server that wants a password (a stand-in: the real one here trusts every login)
    is first tried without one, as psql does; then with the credential store's, given as a
    connection parameter. Wrong there too: the Danish question, with libpq's reason."""
    from tests.support.password_server import PasswordServer

    fake = PasswordServer()
    url = fake.url()
    store.saved[("Tryg Desktop", "anne@127.0.0.1/tryg")] = "fra-noeglering"
    asked = []
    try:
        assert app.open_server_or_ask(url, lambda message: asked.append(message)
                                      or app.QUIT) == app.QUIT
    finally:
        fake.close()
    assert fake.attempts == [None, "fra-noeglering"]
    assert len(asked) == 1 and "adgangskode blev afvist" in asked[0]
    assert "fra-noeglering" not in asked[0]


def test_a_server_that_asks_for_no_password_never_opens_the_store(server, store,
                                                                  monkeypatch):
    """Kerberos, a pgpass file, or (here) a trusting server: start-up does not touch the
    credential store at all (a tenth of a second or more at every start)."""
    from tryg_desktop.db import close_database, database

    opened = []
    monkeypatch.setattr(store, "get_password", lambda *args: opened.append(args))
    url = server.fresh_database()
    try:
        assert app.open_server_or_ask(url, lambda message: app.QUIT) == app.SERVER
        assert not database.connection().info.password
        assert opened == []
    finally:
        close_database()
        server.drop(url)


def test_without_a_credential_store_libpq_still_gets_in(server):
    from tryg_desktop.db import close_database, database

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    url = server.fresh_database()
    try:  # trust here; pgpass or Kerberos at a municipality
        assert app.open_server_or_ask(url, lambda message: app.QUIT) == app.SERVER
        assert not database.connection().info.password
    finally:
        keyring.set_keyring(before)
        close_database()
        server.drop(url)


def test_the_question_has_retry_local_and_quit(qtbot):
    box = app.unreachable_box("Den fælles database tryg på db kan ikke åbnes: …")
    qtbot.addWidget(box)
    buttons = {button.text(): button.property("answer") for button in box.buttons()}
    assert buttons == {"&Prøv igen": app.RETRY, "Brug &lokal database": app.LOCAL,
                       "&Afslut": app.QUIT}
    assert box.defaultButton().property("answer") == app.RETRY
    assert box.escapeButton().property("answer") == app.QUIT
    assert box.icon() == QMessageBox.Icon.Warning


# -- the main window on the server ----------------------------------------------------------------
def test_the_status_bar_names_the_server_database_and_the_login(server_window, server_db):
    name = server_db.rsplit("/", 1)[1]
    assert server_window.database_label.text() == \
        f"Fælles database {name} på 127.0.0.1 · logget ind som postgres"
    assert server_window.database_description == server_window.database_label.text()


def test_what_only_a_sqlite_file_has_is_off_with_a_reason(server_window, prompts):
    restore = server_window.restore_action
    assert not restore.isEnabled()
    assert "kun en lokal databasefil" in restore.statusTip()
    assert restore.toolTip() == restore.statusTip()  # the menu shows it on hover
    assert server_window.files.start_daily_backup() is None  # no file to keep copies beside
    server_window.files.restore()  # a shortcut that got through: a word, not a crash
    assert prompts.asked[-1][0] == "inform" and "IT" in prompts.asked[-1][2]
    assert not server_window.findChildren(type(server_window.database_label),
                                          "read_only_banner")


def test_the_about_box_names_the_server_database(server_window, prompts):
    prompts.dialog_handlers.append(lambda dialog: dialog.labels["Database"].text())
    server_window.about()
    assert prompts.dialogs[-1].labels["Database"].text().startswith("Fælles database ")


def test_the_pages_open_on_the_server(server_window, qtbot, qapp):
    from PySide6.QtCore import QThreadPool

    from tryg_desktop.views.main_window import PAGES

    for number in range(len(PAGES)):
        server_window.navigation.setCurrentRow(number)
        qtbot.wait(10)
        # Each page's work in the pool has arrived before the next (and before the database
        # is dropped): an error in what arrives fails here, not by chance in a later test.
        QThreadPool.globalInstance().waitForDone(10000)
        qapp.processEvents()
        qtbot.wait(10)
    assert server_window.stack.currentWidget() is server_window.page(PAGES[-1])


def test_the_sqlite_window_is_as_before(window, db_path):
    assert window.database_label.text() == f"Database: {db_path}"
    assert window.restore_action.isEnabled() and window.restore_action in window.write_actions
    assert L.open_server_description() is None
