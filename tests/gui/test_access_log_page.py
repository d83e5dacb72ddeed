"""The Adgangslog page (issue 13, point 1) and the purpose asked before the register is
exported: real widgets on a real SQLite file (and the server for the role case)."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.register import contacts as C


def shown(page) -> list[list[str]]:
    model = page.model
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


@pytest.fixture
def people(db):
    anna = C.create(C.ContactInput(name="Anna Jensen"))
    bo = C.create(C.ContactInput(name="Bo Berg"))
    C.view(anna.id)
    C.view(bo.id)
    C.fetch(C.ContactFilter(search="Anna"))
    access_log.flush()
    return {"anna": anna.id, "bo": bo.id}


@pytest.fixture
def page(people, prompts, qtbot):
    from tryg_desktop.views.data_protection.access_log_page import AccessLogPage

    widget = AccessLogPage(prompts)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_page_shows_the_newest_first_in_danish(page, people):
    rows = shown(page)
    assert [r[2] for r in rows] == ["Søgning", "Visning", "Visning"]
    assert rows[1][3] == f"Kontakt {people['bo']} – Bo Berg"
    assert rows[0][4] == "Anna"
    today = access_log.local_time(dt.datetime.now(dt.timezone.utc).replace(tzinfo=None))

    assert rows[0][0].startswith(f"{today.date():%d.%m.%Y} kl. ")  # as the Historik tab
    assert page.count_label.text() == "3 indgange"
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(page.model.columnCount())]
    assert headers == ["Tidspunkt", "Bruger", "Handling", "Post", "Detaljer", "Formål"]


def test_the_filters_narrow_the_rows(page, people, qtbot):
    page.contact_edit.setText(str(people["anna"]))
    qtbot.waitUntil(lambda: len(shown(page)) == 1, timeout=3000)
    assert shown(page)[0][3] == f"Kontakt {people['anna']} – Anna Jensen"
    assert page.contact_name.text() == "Anna Jensen"
    page.contact_edit.clear()
    page.apply_filters()
    page.action_combo.setCurrentIndex(page.action_combo.findData("search"))
    assert [r[2] for r in shown(page)] == ["Søgning"]
    page.action_combo.setCurrentIndex(0)
    assert page.user_combo.count() == 2  # Alle brugere and the one user
    page.user_combo.setCurrentIndex(1)
    assert len(shown(page)) == 3
    page.to_field.setDate(dt.date.today() - dt.timedelta(days=3))
    assert shown(page) == [] and page.count_label.text() == "0 indgange"
    page.to_field.setDate(None)
    page.from_field.setDate(dt.date.today())
    assert len(shown(page)) == 3


def test_nothing_is_read_before_the_page_is_shown(people, prompts, qtbot):
    from tryg_desktop.views.data_protection.access_log_page import AccessLogPage

    hidden = AccessLogPage(prompts)
    qtbot.addWidget(hidden)
    hidden.refresh()
    assert hidden.model.rowCount() == 0 and hidden.count_label.text() == ""
    hidden.show()
    assert hidden.model.rowCount() == 3


def test_new_entries_appear_on_refresh(page, people):
    C.view(people["anna"])
    access_log.flush()
    page.refresh_button.click()
    assert len(shown(page)) == 4 and page.count_label.text() == "4 indgange"


def test_csv_export_parses_back(page, people, prompts, qtbot, tmp_path):
    page.contact_edit.setText(str(people["bo"]))
    page.apply_filters()
    target = tmp_path / "adgangslog.csv"
    prompts.save_paths.append(target)
    page.export_button.click()
    qtbot.waitUntil(lambda: any(a[1] == "Eksport færdig" for a in prompts.asked), timeout=10000)
    rows = list(csv.reader(target.read_bytes().decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:4] == ["Tidspunkt (UTC)", "Tidspunkt", "Bruger", "Handling"]
    assert [(r[3], r[6]) for r in rows[1:]] == [("Visning", f"Kontakt {people['bo']} – Bo Berg")]
    access_log.flush()
    [entry] = access_log.entries(access_log.LogFilter(action="export"))
    assert entry.detail.startswith("Adgangsloggen (CSV): 1 indgang")


def test_keyboard_reaches_the_filters(page):
    from PySide6.QtWidgets import QLabel

    buddies = {label.text(): label.buddy() for label in page.findChildren(QLabel)
               if label.buddy() is not None}
    assert buddies["&Person:"] is page.contact_edit
    assert buddies["Br&uger:"] is page.user_combo
    assert buddies["Ha&ndling:"] is page.action_combo
    assert buddies["F&ra:"] is page.from_field and buddies["&Til:"] is page.to_field
    assert page.table.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_one_widget_per_mnemonic_beside_the_windows_menus(page, window):
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    def letter(text: str) -> str | None:
        found = re.search(r"&([^&])", text.replace("&&", ""))
        return found.group(1).lower() if found else None

    letters = [letter(action.text()) for action in window.menuBar().actions()]
    letters += [letter(w.text()) for w in page.findChildren(QAbstractButton)]
    letters += [letter(w.text()) for w in page.findChildren(QLabel) if w.buddy() is not None]
    letters = [x for x in letters if x]
    assert len(letters) == len(set(letters)) == 12, letters


def test_the_page_refuses_a_coordinator_on_the_server(prompts, qtbot, monkeypatch, db):
    """The role check itself is tested on PostgreSQL (tests/unit/test_access_log_roles.py);
    here the page shows the service's refusal instead of rows."""
    from tryg_desktop.services import db_health
    from tryg_desktop.views.data_protection.access_log_page import AccessLogPage

    monkeypatch.setattr(db_health, "on_server", lambda: True)
    monkeypatch.setattr(db_health, "role", lambda: "tryg_koordinator")
    page = AccessLogPage(prompts)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 0
    assert page.message.text().startswith("Kun en administrator (rollen tryg_admin)")
    assert not page.export_button.isEnabled()


# --- the purpose dialog and Filer › Eksportér kontakter -----------------------------------------

def test_the_purpose_dialog_keeps_gem_off_until_filled(qtbot):
    from tryg_desktop.views.data_protection.purpose_dialog import PurposeDialog

    dialog = PurposeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.field, "   ")
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.field, "Invitation  til møde")
    assert dialog.save_button.isEnabled()
    assert dialog.purpose == "Invitation til møde"
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_purpose_dialog_closes_on_escape(qtbot):
    from tryg_desktop.views.data_protection.purpose_dialog import PurposeDialog

    dialog = PurposeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.field, "Noget")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def answer_purpose(text: str):
    """A prompts.dialog_handlers entry: types the purpose and presses Gem."""
    def answer(dialog):
        dialog.field.setText(text)
        dialog.save_button.click()
        return dialog.result()
    return answer


def test_export_from_the_menu_asks_the_purpose_first(window, prompts, qtbot, tmp_path):
    C.create(C.ContactInput(name="Åse Ørsted", email="ase@example.dk"))
    prompts.dialog_handlers.append(lambda dialog: dialog.reject() or dialog.result())
    window.files.export_contacts()  # cancelled: no file asked for, nothing written
    assert prompts.save_paths == [] and len(prompts.dialogs) == 1

    out = tmp_path / "kontakter.csv"
    prompts.dialog_handlers.append(answer_purpose("Invitation til dialogmøde"))
    prompts.save_paths.append(out)
    window.files.export_contacts()
    qtbot.waitUntil(lambda: any(a[1] == "Eksport færdig" for a in prompts.asked), timeout=10000)
    assert "Åse Ørsted" in out.read_bytes().decode("utf-8-sig")
    access_log.flush()
    [entry] = access_log.entries(access_log.LogFilter(action="export"))
    assert entry.purpose == "Invitation til dialogmøde"


def test_the_person_is_picked_by_name(page, people, prompts):
    def pick(dialog):
        dialog.edit.setText("Bo")
        dialog.refresh()
        dialog.list.setCurrentRow(0)
        dialog.accept()
        return dialog.result()

    prompts.dialog_handlers.append(pick)
    page.pick_button.click()
    assert page.contact_edit.text() == str(people["bo"])
    assert [r[3] for r in shown(page)] == [f"Kontakt {people['bo']} – Bo Berg"]


# --- on the team's server: a coordinator's window gets no rows -----------------------------------

@pytest.fixture
def coordinator_url(server):
    import os

    import psycopg

    from tests.support.server import as_login
    from tryg_desktop.db import close_database
    from tryg_desktop.db.opening import open_server
    from tryg_desktop.services import server_admin

    url = server.fresh_database()
    open_server(url)
    server_admin.init_server()
    C.view(C.create(C.ContactInput(name="Anna Jensen")).id)
    access_log.flush()
    name = f"gui_{os.getpid()}_adgangslog_koord"
    server_admin.add_user(name, "koordinator")
    close_database()
    open_server(as_login(url, name), migrate=False)
    yield url
    close_database()
    server.drop(url)
    with psycopg.connect(server.admin_url, autocommit=True) as admin:
        admin.execute(f'DROP ROLE IF EXISTS "{name}"')


def test_a_coordinator_on_the_server_gets_the_refusal_not_the_rows(coordinator_url, prompts,
                                                                   qtbot):
    from tryg_desktop.views.data_protection.access_log_page import AccessLogPage

    page = AccessLogPage(prompts)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 0
    assert page.message.text().startswith("Kun en administrator (rollen tryg_admin)")
    assert not page.export_button.isEnabled() and not page.user_combo.isEnabled()
    page.show_contact(1)  # from elsewhere in the window: refused the same way
    assert page.model.rowCount() == 0
    with pytest.raises(access_log.NotAllowedError):
        access_log.page(access_log.LogFilter())
