"""Slettefrister in the window (issue 13 point 2): the page lists what is due per kind, purges
the chosen kind or all after a confirmation that says what happens and that older backups keep
the data (in a worker), and says what was done; the start-up reminder's banner for an
administrator; Indstillinger › Slettefrister with the access log's minimum and its reason,
read-only for a koordinator on the server."""

from __future__ import annotations

import datetime as dt

import pytest

from tryg_desktop.db.models import Contact, utcnow
from tryg_desktop.db.place_models import Episode, Place
from tryg_desktop.db.privacy_models import AccessLogEntry
from tryg_desktop.services.data_protection import retention as R
from tryg_desktop.views.data_protection.retention_page import RetentionPage
from tryg_desktop.views.data_protection.retention_reminder import TEXT, remind_when_due

LONG_AGO = utcnow() - dt.timedelta(days=3 * 365)


def plant(person: bool = False) -> dict:
    place = Place.create(name="Kildeparken")
    ids = {"old": Episode.create(occurred_on=LONG_AGO.date(), place=place, category="uro",
                                 note="Gammel fritekst").id,
           "new": Episode.create(occurred_on=(utcnow() - dt.timedelta(days=9)).date(),
                                 place=place, category="uro", note="Ny fritekst").id}
    if person:
        from tryg_desktop.services.register import contacts as C

        row = C.create(C.ContactInput(name="Åse Quist", is_private=True))
        Contact.update(created_at=LONG_AGO, updated_at=LONG_AGO).where(
            Contact.id == row.id).execute()
        ids["person"] = row.id
    return ids


@pytest.fixture
def page(db, qtbot, prompts):
    def make():
        made = RetentionPage(prompts)
        qtbot.addWidget(made)
        made.show()
        qtbot.waitUntil(lambda: made.tree.topLevelItemCount() == len(R.KINDS))
        return made
    return make


def _top(page, key):
    from tryg_desktop.views.data_protection.retention_page import KIND_ROLE

    for i in range(page.tree.topLevelItemCount()):
        item = page.tree.topLevelItem(i)
        if item.data(0, KIND_ROLE) == key:
            return item
    raise AssertionError(key)


def test_the_page_lists_each_kind_with_its_period_status_and_records(page):
    plant()
    shown = page()
    notes = _top(shown, "episode_notes")
    assert [notes.text(c) for c in range(3)] == ["Fritekst i hændelser", "24 måneder (2 år)",
                                                 "1 skal slettes"]
    assert notes.childCount() == 1 and notes.child(0).text(0).startswith("Kildeparken, ")
    assert [_top(shown, "minutes").text(c) for c in (1, 2)] == ["gemmes (arkivloven)",
                                                                "Slettes ikke"]
    assert _top(shown, "access_log").text(2) == "Intet at slette"
    shown.tree.setCurrentItem(notes)
    assert "statistikken er uændret" in shown.reason.text()
    assert shown.purge_one_button.isEnabled() and shown.purge_all_button.isEnabled()
    shown.tree.setCurrentItem(_top(shown, "access_log"))
    assert not shown.purge_one_button.isEnabled()  # nothing due of that kind
    assert "Datatilsynet" in shown.reason.text()


def test_a_purge_is_confirmed_run_in_a_worker_and_told(page, prompts, qtbot):
    ids = plant()
    shown = page()
    shown.tree.setCurrentItem(_top(shown, "episode_notes"))
    prompts.confirm_answers = [False]
    assert shown.purge_chosen() is None  # answered Annuller: nothing happens
    assert Episode.get_by_id(ids["old"]).note == "Gammel fritekst"
    kind, title, text = prompts.asked[-1]
    assert kind == "confirm"
    assert "Fritekst i hændelser: 1 (ældre end " in text
    assert "Fritekstfeltet (note) tømmes" in text and "Ældre sikkerhedskopier" in text

    prompts.confirm_answers = [True]
    with qtbot.waitSignal(shown.purged, timeout=10000) as done:
        qtbot.mouseClick(shown.purge_one_button, qtbot_left())
    assert [r.count for r in done.args[0]] == [1]
    assert "Fritekst i hændelser: 1 fritekst tømt." in shown.result.text()
    assert shown.result.isVisible()
    assert Episode.get_by_id(ids["old"]).note == ""
    assert Episode.get_by_id(ids["new"]).note == "Ny fritekst"
    assert AccessLogEntry.select().where(AccessLogEntry.action == "purge").count() == 1
    qtbot.waitUntil(lambda: _top(shown, "episode_notes").text(2) == "Intet at slette")
    assert not shown.purge_all_button.isEnabled()


def test_purge_all_erases_a_quiet_privatperson(page, prompts, qtbot):
    pytest.importorskip("tryg_desktop.services.data_protection.erasure")
    plant(person=True)
    shown = page()
    people = _top(shown, "private_inactive")
    assert people.child(0).text(0) == "Åse Quist"
    prompts.confirm_answers = [True]
    with qtbot.waitSignal(shown.purged, timeout=15000):
        shown.purge_all()
    assert "Privatpersoner uden aktivitet: 1 (ældre end " in prompts.asked[-1][2]
    assert "Slettet person" in prompts.asked[-1][2]
    assert Contact.get_or_none(Contact.name == "Åse Quist") is None
    assert "Privatpersoner uden aktivitet: 1 person slettet." in shown.result.text()


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


# --- the reminder -------------------------------------------------------------------------------

def test_the_reminder_shows_a_banner_that_opens_the_page(window, qtbot):
    plant()
    reminder = remind_when_due(window)
    assert reminder is not None
    qtbot.waitUntil(lambda: reminder.banner is not None and reminder.banner.isVisible())
    from PySide6.QtWidgets import QLabel, QPushButton

    label = reminder.banner.findChild(QLabel, "retention_banner_text")
    assert label.text().startswith(TEXT) and "(1 post)" in label.text()
    go = next(b for b in reminder.banner.findChildren(QPushButton)
              if b.text() == "Vis Slettefrister")
    qtbot.mouseClick(go, qtbot_left())
    assert window.stack.currentWidget() is window.page("Slettefrister")
    assert reminder.banner is None


def test_no_banner_when_nothing_is_overdue(window, qtbot):
    reminder = remind_when_due(window)
    qtbot.waitUntil(lambda: reminder.count is not None)
    assert reminder.count == 0 and reminder.banner is None


# --- Indstillinger › Slettefrister --------------------------------------------------------------

def settings_dialog(qtbot, settings):
    from tryg_desktop.views.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.retention)
    return dialog


def test_periods_are_edited_and_saved_to_the_database(db, qtbot, settings):
    from tests.gui.test_mnemonics import clashes

    dialog = settings_dialog(qtbot, settings)
    assert clashes(dialog) == {}
    spins = dialog.retention.spins
    assert spins["access_log"].value() == 24 and spins["access_log"].minimum() == 6
    reason = dialog.retention.reasons["access_log"].text()
    assert reason.startswith("Mindst 6 måneder. Standard: 24 måneder (2 år).")
    assert "Datatilsynet forventer, at logningen gemmes i mindst 6 måneder" in reason
    spins["access_log"].lineEdit().selectAll()
    qtbot.keyClicks(spins["access_log"].lineEdit(), "3")
    spins["access_log"].interpretText()
    assert spins["access_log"].value() >= 6  # below the minimum is not accepted
    spins["episode_notes"].setValue(36)
    spins["access_log"].setValue(12)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert R.period("episode_notes") == 36 and R.period("access_log") == 12
    assert R.period("private_inactive") == 24


def test_without_a_database_the_tab_says_so(qtbot, settings, monkeypatch):
    from tryg_desktop.db import database

    monkeypatch.setattr(database, "obj", None)  # as before the app has opened one
    dialog = settings_dialog(qtbot, settings)
    assert dialog.retention.spins == {}
    assert "når en database er åben" in dialog.retention.note.text()


def test_a_koordinator_sees_the_periods_read_only(server_db, logins_gui, qtbot, settings):
    from tests.support.server import as_login
    from tryg_desktop.db import close_database
    from tryg_desktop.db.opening import open_server

    dialog = settings_dialog(qtbot, settings)
    assert all(spin.isEnabled() for spin in dialog.retention.spins.values())  # admin (owner)
    dialog.close()
    login = logins_gui("koord")
    close_database()
    open_server(as_login(server_db, login))
    dialog = settings_dialog(qtbot, settings)
    assert dialog.retention.spins and not any(
        spin.isEnabled() for spin in dialog.retention.spins.values())
    assert "Kun en administrator" in dialog.retention.note.text()
    assert dialog.retention.save() is None and R.period("access_log") == 24
    from PySide6.QtWidgets import QMainWindow

    assert remind_when_due(QMainWindow()) is None  # no reminder for a koordinator
    close_database()  # before the login is dropped


@pytest.fixture
def logins_gui(server, server_db):
    """A koordinator login on the test server (dropped afterwards)."""
    import os

    import psycopg

    from tryg_desktop.services import server_admin

    server_admin.init_server()
    made = []

    def make(prefix):
        name = f"h2_{os.getpid()}_{len(made)}_{prefix}"
        server_admin.add_user(name, "koordinator")
        made.append(name)
        return name

    yield make
    for name in made:
        with psycopg.connect(server.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


def test_the_page_in_the_window_has_one_widget_per_mnemonic(window, qtbot):
    from tests.gui.test_mnemonics import _letter, clashes

    window.show_named_page("Slettefrister")
    shown = window.page("Slettefrister")
    qtbot.waitUntil(lambda: shown.tree.topLevelItemCount() == len(R.KINDS))
    assert window.stack.currentWidget() is shown
    menus = [(_letter(action.text()), action.text()) for action in window.menuBar().actions()]
    assert clashes(window, menus) == {}


def test_a_read_only_database_lists_but_cannot_purge(db_path, qtbot, prompts, settings):
    from tryg_desktop.db import close_database, open_database

    open_database(db_path)
    plant()
    close_database()
    open_database(db_path, read_only=True)
    try:
        shown = RetentionPage(prompts)
        qtbot.addWidget(shown)
        shown.show()
        qtbot.waitUntil(lambda: shown.tree.topLevelItemCount() == len(R.KINDS))
        shown.tree.setCurrentItem(_top(shown, "episode_notes"))
        assert _top(shown, "episode_notes").text(2) == "1 skal slettes"
        assert not shown.purge_one_button.isEnabled()
        assert not shown.purge_all_button.isEnabled()
        assert "skrivebeskyttet" in shown.purge_all_button.toolTip()
        dialog = settings_dialog(qtbot, settings)
        assert dialog.retention.spins and not any(
            spin.isEnabled() for spin in dialog.retention.spins.values())
        assert "skrivebeskyttet" in dialog.retention.note.text()
    finally:
        close_database()
