"""The main window's data-protection parts (issue 13): the Databeskyttelse menu, the
administrator's pages (Adgangslog, Slettefrister), who sees them, and the Slettefrister reminder
after start-up. On for an administrator (tryg_admin on the server, the PC's user on a file);
for the others off, saying why — the server refuses them anyway (GRANTs)."""

from __future__ import annotations

from PySide6.QtCore import QTimer

ADMIN_PAGES = ("Adgangslog", "Slettefrister")
PRIVACY_ADMIN_TIP = ("Kun en administrator (rollen tryg_admin) kan se adgangsloggen, slette "
                     "personer, rydde op efter slettefristerne og besvare indsigt.")
REMIND_AFTER_MS = 3000  # the Slettefrister reminder's count, after start-up has settled


def build(window, add) -> None:
    """The Databeskyttelse menu (add: main_menus' way of adding an item); sets
    window.privacy_actions."""
    menu = window.menuBar().addMenu("Data&beskyttelse")
    menu.setToolTipsVisible(True)
    window.privacy_actions = [
        add(menu, "&Adgangslog", lambda: window.show_named_page("Adgangslog")),
        add(menu, "&Slettefrister", lambda: window.show_named_page("Slettefrister")),
        menu.addSeparator(),
        add(menu, "&Indsigt for en kontakt (art. 15) …", lambda: for_contact(window, "request")),
        add(menu, "Slet en &person (art. 17) …", lambda: for_contact(window, "erase")),
        menu.addSeparator(),
        add(menu, "&Fortegnelse over behandlinger (art. 30) …",
            lambda: processing_record(window))]


def fit(window, pages: list[str]) -> None:
    """Once the menus and the navigation exist: the pages, the Vis items and the menu for an
    administrator only; the reminder for an administrator."""
    from tryg_desktop.services.data_protection.admin import is_admin

    admin = is_admin()
    for name in ADMIN_PAGES:
        window.navigation.setRowHidden(pages.index(name), not admin)
        window.page_actions[name].setVisible(admin)
    for action in window.privacy_actions:
        if action.isSeparator():
            continue
        action.setEnabled(admin)
        if not admin:
            action.setToolTip(PRIVACY_ADMIN_TIP)
            action.setStatusTip(PRIVACY_ADMIN_TIP)
    if admin:
        # Well after the first paint and the Oversigt: a count of what is overdue.
        QTimer.singleShot(REMIND_AFTER_MS, window, lambda: _remind(window))


def _remind(window) -> None:
    from tryg_desktop.views.data_protection.retention_reminder import remind_when_due

    remind_when_due(window)


def for_contact(window, what: str) -> None:
    """Indsigt ("request") or Slet person ("erase") from the menu: for the contact chosen on
    the Kontakter page."""
    page = window.contacts_page
    if window.stack.currentWidget() is not page or page.current_record() is None:
        window.show_named_page("Kontakter")
        window.prompts.inform(window, "Vælg en kontakt",
                              "Vælg kontakten på siden Kontakter, og vælg så menupunktet igen "
                              "(eller højreklik på kontakten).")
        return
    (page.answer_access_request if what == "request" else page.erase_person)()


def processing_record(window) -> None:
    from tryg_desktop.views.data_protection.access_request_dialog import (
        print_processing_record,
    )

    print_processing_record(window, window.prompts)
