"""Filer → Indstillinger → Fælles database (issue 12 point 1): the server choice in the
settings, its password in the credential store (never in the settings file), a missing store
as a Danish message, and "Test forbindelsen" against a real PostgreSQL server, off the GUI
thread, while the open database stays the one that was open."""

from __future__ import annotations


import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QDialogButtonBox

from tests.gui.test_mnemonics import clashes
from tryg_desktop import settings as S
from tryg_desktop.services import server_login as L
from tryg_desktop.settings import Settings
from tryg_desktop.views.kit.server_choice import saved_server_url
from tryg_desktop.views.settings_dialog import SettingsDialog


@pytest.fixture
def no_store():
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def dialog(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def fill(qtbot, dialog, host="127.0.0.1", database="tryg", login="postgres", port=5432):
    for edit, text in ((dialog.host_edit, host), (dialog.database_edit, database),
                       (dialog.login_edit, login)):
        edit.clear()
        qtbot.keyClicks(edit, text)
    dialog.port_spin.setValue(port)


# -- the URL and the store ------------------------------------------------------------------------
def test_the_url_is_built_from_the_fields_each_part_quoted():
    assert L.server_url("tryg.kommune.local", 5432, "tryg", "anne") == \
        "postgresql://anne@tryg.kommune.local/tryg"
    assert L.server_url("::1", 5433, "tryg team", "a@b:c", "verify-full") == \
        "postgresql://a%40b%3Ac@[::1]:5433/tryg%20team?sslmode=verify-full"
    assert L.server_url("/var/run/postgresql", 5432, "tryg") == \
        "postgresql://%2Fvar%2Frun%2Fpostgresql/tryg"  # a socket folder, as libpq reads it
    url = L.server_url("DB.kommune.local", 5432, "tryg", "a@b")
    assert L.keyring_user(url) == "a@b@db.kommune.local/tryg"
    assert L.keyring_user("postgresql://db/tryg") is None  # no login: Kerberos or pgpass
    assert L.keyring_user("postgresql://anne:x@db/tryg") is None  # the URL has its own


def test_the_choice_says_in_danish_what_is_missing():
    assert L.ServerChoice(host="", database="").problems() == [
        "Skriv serverens navn eller adresse.", "Skriv databasens navn."]
    assert L.ServerChoice(host="db", database="tryg").problems() == []


def test_a_switch_saved_as_text_reads_back_as_a_switch(tmp_path):
    path = str(tmp_path / "s.ini")
    for value in (True, False):
        first = Settings(path)
        first.set(S.SERVER_ENABLED, value)
        first.sync()
        assert Settings(path).get(S.SERVER_ENABLED) is value
    assert Settings(str(tmp_path / "new.ini")).get(S.SERVER_ENABLED) is False


def test_no_credential_store_is_a_danish_message_not_a_crash(no_store):
    url = L.server_url("db", 5432, "tryg", "anne")
    with pytest.raises(L.PasswordStoreError, match="nøglering"):
        L.save_password(url, "hemmelig")
    assert L.password_for_start(url)[0] is None
    assert "nøglering" in L.password_for_start(url)[1]


# -- the dialog -----------------------------------------------------------------------------------
def test_saving_keeps_the_choice_in_the_settings_and_the_password_in_the_store(
        qtbot, dialog, settings, store, tmp_path):
    fill(qtbot, dialog, host="tryg.kommune.local", login="anne", port=5433)
    qtbot.keyClicks(dialog.password_edit, "hemmelig-42")
    dialog.sslmode_combo.setCurrentIndex(dialog.sslmode_combo.findData("require"))
    dialog.use_server.setChecked(True)
    assert save_button(dialog).isEnabled()
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert store.saved == {("Tryg Desktop", "anne@tryg.kommune.local/tryg"): "hemmelig-42"}
    assert "hemmelig" not in (tmp_path / "settings.ini").read_text()
    assert saved_server_url(settings) == \
        "postgresql://anne@tryg.kommune.local:5433/tryg?sslmode=require"
    again = SettingsDialog(settings)
    qtbot.addWidget(again)
    assert again.use_server.isChecked() and again.host_edit.text() == "tryg.kommune.local"
    assert again.password_edit.text() == ""  # never shown, only said to be there
    assert again.password_edit.placeholderText() == "gemt i nøgleringen"


def test_switched_on_without_a_server_cannot_be_saved(qtbot, dialog, settings):
    dialog.use_server.setChecked(True)
    fill(qtbot, dialog, host="", database="tryg")
    assert not save_button(dialog).isEnabled()
    assert "Fælles database: Skriv serverens navn" in dialog.error.text()
    assert not dialog.test_button.isEnabled()
    dialog.use_server.setChecked(False)  # off: the rest of the settings may still be saved
    assert save_button(dialog).isEnabled()
    dialog.save()
    assert settings.get(S.SERVER_ENABLED) is False and saved_server_url(settings) is None


def test_a_password_without_a_credential_store_is_refused_in_danish(qtbot, dialog, settings,
                                                                   no_store):
    fill(qtbot, dialog)
    qtbot.keyClicks(dialog.password_edit, "hemmelig")
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "nøglering" in dialog.test_result.text() and dialog.test_result.isVisible()
    assert "hemmelig" not in dialog.test_result.text()
    assert settings.get(S.SERVER_HOST) == ""  # nothing saved
    dialog.password_edit.clear()  # without it the rest is saved: pgpass or Kerberos may do
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert settings.get(S.SERVER_HOST) == "127.0.0.1"


def test_forgetting_the_password_removes_it_from_the_store(qtbot, dialog, store):
    fill(qtbot, dialog)
    store.saved[("Tryg Desktop", "postgres@127.0.0.1/tryg")] = "gammel"
    qtbot.mouseClick(dialog.forget_button, qtbot_left())
    assert store.saved == {}
    assert dialog.test_result.text() == "Den gemte adgangskode er slettet."


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_every_mnemonic_of_the_dialog_reaches_one_widget(dialog):
    assert clashes(dialog) == {}
    for name in ("use_server", "test_button", "forget_button"):
        assert "&" in getattr(dialog, name).text()


def test_the_connection_test_says_the_version_and_the_login(qtbot, dialog, db, db_path, server,
                                                           store):
    url = server.fresh_database()
    name = url.rsplit("/", 1)[1]
    fill(qtbot, dialog, database=name)
    qtbot.mouseClick(dialog.test_button, qtbot_left())
    assert not dialog.test_button.isEnabled()  # one test at a time
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith("Forbindelsen virker"),
                    timeout=15000)
    assert dialog.test_result.text().startswith("Forbindelsen virker: PostgreSQL 1")
    assert dialog.test_result.text().endswith(", logget ind som postgres")
    assert dialog.test_button.isEnabled()
    from tryg_desktop.db import database, is_server

    assert not is_server() and database.obj.file == db_path  # the open database is untouched
    server.drop(url)


def test_a_server_that_cannot_be_reached_is_a_danish_reason(qtbot, dialog, store):
    fill(qtbot, dialog, port=1)
    qtbot.keyClicks(dialog.password_edit, "hemmelig")
    qtbot.mouseClick(dialog.test_button, qtbot_left())
    qtbot.waitUntil(lambda: "mislykkedes" in dialog.test_result.text(), timeout=15000)
    assert dialog.test_result.text() == ("Forbindelsen mislykkedes: serveren svarer ikke (forkert "
                                         "adresse eller port, eller serveren kører ikke)")
    assert store.saved == {}  # testing stores nothing


def test_a_password_in_a_url_never_reaches_the_message():
    result = L.test_connection("postgresql://postgres:hemmelig@127.0.0.1:1/tryg")
    assert not result.ok and "hemmelig" not in result.text
