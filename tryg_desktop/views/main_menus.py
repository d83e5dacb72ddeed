"""The main window's menus (Filer, Vis, Hjælp), and which of their items write what: the window
turns off what the open database or the login's role does not allow (views/database_banners.py).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from tryg_desktop import APP_NAME
from tryg_desktop.views.data_protection import privacy_menu

SERVER_RESTORE_TIP = ("Gendannelse fra sikkerhedskopi gælder kun en lokal databasefil. Den "
                      "fælles database sikkerhedskopieres og gendannes af IT på serveren.")

# The tables each kind of write touches, for a role that may change only some of them (a
# referent on the server). The sample data: only a role that may change all of it loads it.
IMPORT_TABLES = ("contact", "organisation")
DEMO_TABLES = ("organisation", "contact", "place", "effort", "meeting", "episode")


def build(window, pages: list[str]) -> None:
    """The main window's menu bar; Vis lists the pages. Sets window.write_actions (off on a
    read-only database), window.action_tables (menu items and Oversigt buttons -> the tables
    they write), backup_action and restore_action."""
    def add(menu, text, slot, shortcut=None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            window.addAction(action)  # the shortcut works even while no menu has been opened
        return action

    file_menu = window.menuBar().addMenu("&Filer")
    file_menu.setToolTipsVisible(True)  # why an item is off (on the server database)
    new_contact = add(file_menu, "Ny &kontakt …", window.new_contact)
    new_organisation = add(file_menu, "Ny &organisation …", window.new_organisation)
    new_meeting = add(file_menu, "Nyt &møde …", window.new_meeting)
    new_episode = add(file_menu, "Registrér &hændelse …", window.new_episode, "Ctrl+H")
    file_menu.addSeparator()
    add(file_menu, "Status&rapport …", window.status_report, "Ctrl+R")
    add(file_menu, "Møde&plan …", window.meeting_plan)
    file_menu.addSeparator()
    files = window.files
    import_contacts = add(file_menu, "&Importér kontakter …", files.import_contacts, "Ctrl+I")
    export_contacts = add(file_menu, "&Eksportér kontakter …", files.export_contacts, "Ctrl+E")
    if window.db_path is None:  # (on a file the PC's user may export: start-up skips the check)
        files.fit_export_action(export_contacts)  # not for a læser on the server
    file_menu.addSeparator()
    window.backup_action = add(file_menu, "Tag &sikkerhedskopi …", files.backup)
    files.fit_backup_action(window.backup_action)  # not for a referent or læser
    window.restore_action = add(file_menu, "&Gendan fra sikkerhedskopi …", files.restore)
    demo = add(file_menu, "Indlæs e&ksempeldata", files.load_demo)
    file_menu.addSeparator()
    add(file_menu, "In&dstillinger …", window.edit_settings)
    file_menu.addSeparator()
    add(file_menu, "&Afslut", window.close, QKeySequence.StandardKey.Quit)

    window.write_actions = [new_contact, new_organisation, new_meeting, new_episode,
                            import_contacts, demo]
    if window.db_path is None:
        window.restore_action.setEnabled(False)
        window.restore_action.setStatusTip(SERVER_RESTORE_TIP)
        window.restore_action.setToolTip(SERVER_RESTORE_TIP)
    else:
        window.write_actions.append(window.restore_action)
    overview = window.overview_page
    window.action_tables = {new_contact: ("contact",), new_organisation: ("organisation",),
                            new_meeting: ("meeting",), new_episode: ("episode",),
                            import_contacts: IMPORT_TABLES, demo: DEMO_TABLES,
                            overview.import_button: IMPORT_TABLES,
                            overview.demo_button: DEMO_TABLES}

    view_menu = window.menuBar().addMenu("&Vis")
    window.page_actions = {}
    for number, name in enumerate(pages):
        window.page_actions[name] = add(
            view_menu, name, lambda _=False, n=number: window.navigation.setCurrentRow(n),
            f"Ctrl+{number + 1}" if number < 9 else None)

    privacy_menu.build(window, add)

    help_menu = window.menuBar().addMenu("&Hjælp")
    # F1; views/help/help_key.py adds this action to each dialog too (modality blocks ours).
    window.guide_action = add(help_menu, "&Brugervejledning", lambda: window.help_key.show_help(),
                              "F1")
    window.shortcuts_action = add(help_menu, "&Tastaturgenveje", window.show_shortcuts,
                                  "Ctrl+?")
    add(help_menu, f"&Om {APP_NAME}", window.about)
