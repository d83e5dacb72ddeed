from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.register import organisations as O


def test_navigation_status_bar_and_welcome_on_empty_database(window, db_path):
    # Qt adds " — Tryg Desktop" (the display name) itself: the name once, not twice.
    assert window.windowTitle() == "Tryg Aalborg"
    nav = window.navigation
    assert [nav.item(i).text() for i in range(nav.count())] == [
        "Oversigt", "Kontakter", "Organisationer", "Møder", "Mødefora", "Handlinger",
        "Hændelser", "Steder", "Indsatser", "Adgangslog", "Slettefrister"]
    # On a SQLite file the PC's user is its administrator: the data-protection pages show.
    assert not any(nav.isRowHidden(i) for i in range(nav.count()))
    assert all(action.isEnabled() for action in window.privacy_actions)
    assert str(db_path) in window.database_label.text()
    overview = window.overview_page
    assert overview.stack.currentWidget() is overview.welcome
    assert overview.demo_button.text() == "Indlæs &eksempeldata"
    assert overview.import_button.text() == "&Importér kontakter …"


def test_load_demo_from_welcome_page_fills_the_register(window, qtbot):
    window.overview_page.demo_button.click()
    # A bound on waiting, not a figure: the demo takes 6 s of CPU here, more on a busy machine.
    qtbot.waitUntil(lambda: window.overview_page.stack.currentWidget()
                    is window.overview_page.summary, timeout=60000)
    qtbot.waitUntil(lambda: window.overview_page.contacts_value.text() != "", timeout=10000)
    assert int(window.overview_page.contacts_value.text()) > 20
    window.navigation.setCurrentRow(1)
    assert window.stack.currentWidget() is window.contacts_page
    assert window.contacts_page.model.rowCount() > 20
    assert "kontakter" in window.contacts_page.count_label.text()


def test_view_shortcuts_switch_pages(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.navigation, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.contacts_page
    qtbot.keyClick(window.navigation, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.organisations_page


def test_qt_own_buttons_are_danish(window):
    from tryg_desktop.views.register.contact_dialog import ContactDialog

    dialog = ContactDialog(None, window.prompts, window)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Annuller"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).text().replace("&", "") == "Gem"
    dialog.deleteLater()


def test_show_contacts_of_an_organisation(window, qtbot):
    org = O.create(O.OrganisationInput(name="Blå Kors", kind="ngo"))
    C.create(C.ContactInput(name="Ole", organisation_id=org.id))
    C.create(C.ContactInput(name="Anne"))
    window.refresh_all()
    window.show_contacts_of(org.id, org.name)
    page = window.contacts_page
    assert [page.model.row_at(i).name for i in range(page.model.rowCount())] == ["Ole"]
    assert page.organisation_chip.isVisible()
    page.organisation_chip.click()
    assert page.model.rowCount() == 2


def test_database_on_a_network_share_is_flagged(db, db_path, settings, prompts, qtbot, monkeypatch):
    from tryg_desktop import paths
    from tryg_desktop.views.main_window import MainWindow

    monkeypatch.setattr(paths, "_mount_fs_type", lambda path: "cifs")
    win = MainWindow(db_path, settings, prompts)
    qtbot.addWidget(win)
    assert "netværksdrev" in win.database_label.text()


def test_ctrl_f_goes_to_search(window, qtbot):
    window.navigation.setCurrentRow(1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.contacts_page
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_edit.hasFocus()


def test_window_geometry_is_remembered(db, db_path, settings, prompts, qtbot):
    from tryg_desktop.views.main_window import MainWindow

    first = MainWindow(db_path, settings, prompts)
    qtbot.addWidget(first)
    first.resize(700, 500)  # the offscreen screen is 800×600
    first.close()
    second = MainWindow(db_path, settings, prompts)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)


def test_qt_text_field_menu_is_danish(qtbot):
    from PySide6.QtWidgets import QLineEdit

    edit = QLineEdit()
    qtbot.addWidget(edit)
    texts = [a.text().split("\t")[0] for a in edit.createStandardContextMenu().actions()]
    assert "&Fortryd" in texts and "&Sæt ind" in texts
