"""Live refresh on the team's server (issue 12, point 6): a colleague's change (another
connection) shows on the page in view within a second, an open editor says who changed the
record before any conflict, and the meeting editor says who else has the meeting open."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from tests.support.server import on_own_thread


@pytest.fixture
def window(server_db, settings, prompts, qtbot):
    from tryg_desktop.views.main_window import MainWindow

    win = MainWindow(None, settings, prompts)
    qtbot.addWidget(win)
    win.show()
    assert win.live_changes is not None
    qtbot.waitUntil(win.live_changes.listener.listening.is_set, timeout=10000)
    yield win
    win.close()
    assert win.live_changes is None  # stopped with the window


def _names(page) -> list[str]:
    return [page.model.row_at(row).name for row in range(page.model.rowCount())]


def test_a_colleagues_new_contact_shows_on_the_contacts_page_within_a_second(window, qtbot):
    from tryg_desktop.services.register import contacts
    from tryg_desktop.views.main_window import PAGES

    window.navigation.setCurrentRow(PAGES.index("Kontakter"))
    page = window.contacts_page
    qtbot.waitUntil(lambda: page._loaded)
    contacts.create(contacts.ContactInput(name="Bente Først"))
    page.refresh()
    page.select_id(page.model.row_at(0).id)
    on_own_thread(lambda: contacts.create(contacts.ContactInput(name="Carl Kollega")))
    qtbot.waitUntil(lambda: "Carl Kollega" in _names(page), timeout=1000)
    assert page.current_record().name == "Bente Først"  # the selection stays


def test_a_hidden_page_is_reloaded_when_shown(window, qtbot):
    from tryg_desktop.services.register import organisations
    from tryg_desktop.views.main_window import PAGES

    window.navigation.setCurrentRow(PAGES.index("Organisationer"))
    page = window.organisations_page
    qtbot.waitUntil(lambda: page._loaded)
    window.navigation.setCurrentRow(PAGES.index("Oversigt"))
    on_own_thread(lambda: organisations.create(organisations.OrganisationInput(name="Politiet")))
    qtbot.waitUntil(lambda: "Organisationer" in window._live_stale, timeout=2000)
    window.navigation.setCurrentRow(PAGES.index("Organisationer"))
    assert "Politiet" in _names(page)


def test_an_open_contact_editor_says_who_changed_the_contact(window, qtbot, prompts):
    from tryg_desktop.services.register import contacts
    from tryg_desktop.views.register.contact_dialog import ContactDialog

    row = contacts.create(contacts.ContactInput(name="Dorte Dialog"))
    dialog = ContactDialog(row.id, prompts, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.changed_bar.isHidden()
    login = on_own_thread(lambda: (contacts.update(
        row.id, contacts.ContactInput(name="Dorte Dialog", phone="98 31 31 31"), row.version),
        _session_user())[1])
    qtbot.waitUntil(dialog.changed_bar.isVisible, timeout=2000)
    text = dialog.changed_bar.label.text()
    assert text.startswith(f"Ændret af {login} kl. ")
    assert dialog.changed_bar.reload_button.isVisible()
    # Typed text is not thrown away unasked: the answer here is "Fortsæt redigering".
    dialog.ui.nameEdit.setText("Dorte D.")
    dialog.ui.nameEdit.textEdited.emit("Dorte D.")
    prompts.confirm_answers = [False]
    dialog.changed_bar.reload_button.click()
    assert dialog.ui.nameEdit.text() == "Dorte D." and dialog.changed_bar.isVisible()
    prompts.confirm_answers = [True]
    dialog.changed_bar.reload_button.click()
    assert dialog.ui.phoneEdit.text() == "98 31 31 31"
    assert dialog.changed_bar.isHidden()
    dialog.reject()


def test_my_own_save_shows_no_line_in_my_other_editor(window, qtbot, prompts):
    """What this process saved it shows already: no "Ændret af" for it."""
    from tryg_desktop.services.register import contacts
    from tryg_desktop.views.register.contact_dialog import ContactDialog

    row = contacts.create(contacts.ContactInput(name="Egon Egen"))
    dialog = ContactDialog(row.id, prompts, window)
    qtbot.addWidget(dialog)
    dialog.show()
    contacts.update(row.id, contacts.ContactInput(name="Egon Egen", phone="98 31 31 32"),
                    row.version)
    other = on_own_thread(lambda: contacts.create(contacts.ContactInput(name="Fie Fremmed")).id)
    # The colleague's change arrived after mine: mine has been through the listener too.
    qtbot.waitUntil(lambda: "Fie Fremmed" in _names(window.contacts_page)
                    if window.contacts_page._loaded else True, timeout=2000)
    qtbot.wait(700)
    assert other and dialog.changed_bar.isHidden()
    dialog.reject()


def test_the_meeting_editor_shows_who_else_has_it_open(window, qtbot, prompts, settings):
    from tryg_desktop.services.meetings import meetings
    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

    now = dt.datetime.now().replace(microsecond=0)
    row = meetings.create(meetings.MeetingInput(title="Tryghedsmøde", starts_at=now,
                                                ends_at=now + dt.timedelta(hours=1)))
    editor = MeetingEditor(row.id, prompts, settings, window)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.presence_label.isHidden()
    from tryg_desktop.db import database

    with psycopg.connect(database.obj.database, autocommit=True) as colleague:
        login = colleague.execute("SELECT session_user").fetchone()[0]
        colleague.execute("SELECT tryg_presence_enter(%s)", (row.id,))
        qtbot.waitUntil(editor.presence_label.isVisible, timeout=2000)
        assert editor.presence_label.text() == f"Også åben hos: {login}"
        colleague.execute("UPDATE meeting SET title = 'Nyt navn', version = version + 1 "
                          "WHERE id = %s", (row.id,))
        qtbot.waitUntil(editor.changed_bar.isVisible, timeout=2000)
        assert editor.changed_bar.label.text().startswith(f"Ændret af {login} kl. ")
        colleague.execute("SELECT tryg_presence_leave(%s)", (row.id,))
        qtbot.waitUntil(editor.presence_label.isHidden, timeout=2000)
    editor.changed_bar.reload_button.click()
    assert editor.windowTitle() == "Møde: Nyt navn"
    editor.reject()
    assert database.execute_sql("SELECT count(*) FROM meeting_presence").fetchone()[0] == 0


def _session_user() -> str:
    from tryg_desktop.db import database

    return database.execute_sql("SELECT session_user").fetchone()[0]


def test_minutes_of_the_item_in_view_follow_a_colleague_unless_typed_here(
        window, qtbot, prompts, settings):
    from tryg_desktop.services.meetings import agenda, meetings, minutes
    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

    now = dt.datetime.now().replace(microsecond=0)
    row = meetings.create(meetings.MeetingInput(title="Referatmøde",
                                                starts_at=now - dt.timedelta(minutes=10),
                                                ends_at=now + dt.timedelta(hours=1)))
    first = agenda.add(row.id, agenda.ItemInput(title="Punkt A"))
    second = agenda.add(row.id, agenda.ItemInput(title="Punkt B"))
    editor = MeetingEditor(row.id, prompts, settings, window)
    qtbot.addWidget(editor)
    editor.show()
    editor.show_minutes()
    panel = editor.minutes
    panel.items.setCurrentRow(0)
    assert panel._item.id == first.id

    def colleague_writes(item_id, text):
        version = agenda.get(item_id).version
        return minutes.save_item_minutes(item_id, text, "", version)

    # The other item, by a colleague: saved; mine goes on undisturbed.
    on_own_thread(lambda: colleague_writes(second.id, "Bos referat af B"))
    # The item in view, nothing typed here: their text shows.
    on_own_thread(lambda: colleague_writes(first.id, "Bos referat af A"))
    qtbot.waitUntil(lambda: panel.notes_edit.toPlainText() == "Bos referat af A", timeout=2000)
    # Typed here and not yet saved: never replaced; the save goes on from their version.
    panel.notes_edit.setPlainText("Bos referat af A. Annes tilføjelse")
    on_own_thread(lambda: colleague_writes(second.id, "Bos referat af B, rettet"))
    qtbot.wait(600)
    assert panel.notes_edit.toPlainText() == "Bos referat af A. Annes tilføjelse"
    assert panel.save_now()
    saved = {item.id: item.notes for item in agenda.items(row.id)}
    assert saved == {first.id: "Bos referat af A. Annes tilføjelse",
                     second.id: "Bos referat af B, rettet"}
    editor.reject()


def test_minutes_typed_while_the_server_is_gone_wait_here_and_go_on_without_a_question(
        window, qtbot, prompts, settings, server, monkeypatch):
    """Issue 12 point 7 in the Referat: a save that meets a lost connection is kept on this PC
    ("Gemt på denne computer …"); when the window is back in touch it delivers the text, and
    the next save goes on top of it without a conflict question."""
    from tryg_desktop.db import database
    from tryg_desktop.services import pending_saves
    from tryg_desktop.services.meetings import agenda, meetings
    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

    now = dt.datetime.now().replace(microsecond=0)
    row = meetings.create(meetings.MeetingInput(title="Referatmøde",
                                                starts_at=now - dt.timedelta(minutes=10),
                                                ends_at=now + dt.timedelta(hours=1)))
    item = agenda.add(row.id, agenda.ItemInput(title="Punkt A"))
    editor = MeetingEditor(row.id, prompts, settings, window)
    qtbot.addWidget(editor)
    editor.show()
    editor.show_minutes()
    panel = editor.minutes
    panel.items.setCurrentRow(0)
    panel.notes_edit.setPlainText("Før bruddet")
    assert panel.save_now()

    db = database.obj
    real_connect = db._connect
    pid = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with psycopg.connect(server.admin_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))

    def refused():
        raise psycopg.OperationalError("connection refused")

    monkeypatch.setattr(db, "_connect", refused)
    panel.notes_edit.setPlainText("Før bruddet. Skrevet uden forbindelse")
    assert panel.save_now()
    assert panel.saved_label.text().startswith("Gemt på denne computer")
    assert [kept.kind for kept in pending_saves.pending()] == ["minutes"]

    monkeypatch.setattr(db, "_connect", real_connect)  # the server answers again
    db._retry_at = 0.0
    watch = window.connection_watch
    with qtbot.waitSignal(watch.delivered, timeout=5000):
        watch.state.emit(True)
    assert agenda.get(item.id).notes == "Før bruddet. Skrevet uden forbindelse"
    panel.notes_edit.setPlainText("Før bruddet. Skrevet uden forbindelse. Og videre")
    assert panel.save_now()
    assert panel._conflict is None and not prompts.dialogs
    assert agenda.get(item.id).notes == "Før bruddet. Skrevet uden forbindelse. Og videre"
    editor.reject()
