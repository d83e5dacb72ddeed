"""The main window: navigation on the left, one page at a time, the database in the status bar.
On the team's server database (db_path None) what only a SQLite file has is off: the daily
backup beside the file, restoring a backup over it, the network-drive warning."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import paths
from tryg_desktop import settings as S
from tryg_desktop.views import database_banners, main_menus
from tryg_desktop.views.data_protection import privacy_menu
from tryg_desktop.views.kit.colours import ERROR_TEXT, text_style
from tryg_desktop.views.file_actions import FileActions
from tryg_desktop.views.help.help_key import HelpKey
from tryg_desktop.views.safety.overview_page import OverviewPage
from tryg_desktop.views.kit.page_stack import PageStack, scrolled
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit.screen_fit import fit_within_screen, resize_within_screen, screen_key

if TYPE_CHECKING:
    from tryg_desktop.views.meetings.actions_page import ActionsPage
    from tryg_desktop.views.register.contacts_page import ContactsPage
    from tryg_desktop.views.safety.efforts_page import EffortsPage
    from tryg_desktop.views.safety.episodes_page import EpisodesPage
    from tryg_desktop.views.meetings.forums_page import ForumsPage
    from tryg_desktop.views.meetings.meetings_page import MeetingsPage
    from tryg_desktop.views.register.organisations_page import OrganisationsPage
    from tryg_desktop.views.safety.places_page import PlacesPage

PAGES = ["Oversigt", "Kontakter", "Organisationer", "Møder", "Mødefora", "Handlinger",
         "Hændelser", "Steder", "Indsatser", "Adgangslog", "Slettefrister"]

# A colleague's change on the team's server (views/kit/live_changes.py): the pages that show
# rows of each table. The Oversigt counts the tables in OVERVIEW_TABLES.
LIVE_PAGES = {
    "contact": ("Kontakter", "Organisationer"),  # Organisationer counts their contacts
    "organisation": ("Organisationer", "Kontakter"),
    "forum": ("Mødefora", "Møder"),
    "meeting": ("Møder", "Mødefora"),
    "action_item": ("Handlinger",),
    "episode": ("Hændelser",),
    "place": ("Steder", "Hændelser"),
    "effort": ("Indsatser",),
    "safety_measure": ("Steder", "Indsatser"),  # the pages' Tryghed målt udefra
}
OVERVIEW_TABLES = {"contact", "organisation", "meeting", "action_item", "episode", "place",
                   "effort"}
STATUS_GAP = 16  # pixels between the status bar's message and the database
LIVE_COALESCE_MS = 300  # a burst of changes (an import) is one reload per page


class MainWindow(QMainWindow):
    def __init__(self, db_path: Path | None, settings: S.Settings,
                 prompts: Prompts | None = None) -> None:
        super().__init__()
        # The SQLite file, or None: the open database is the team's server database.
        self.db_path = Path(db_path) if db_path is not None else None
        self.database_description = self._describe_database()
        self.settings = settings
        self.prompts = prompts or Prompts()
        # Qt adds the application's display name: "Tryg Aalborg — Tryg Desktop" (with the
        # name here too the bar read "Tryg Desktop – Tryg Aalborg — Tryg Desktop").
        self.setWindowTitle("Tryg Aalborg")

        self.navigation = QListWidget(objectName="navigation")
        self.navigation.addItems(PAGES)
        self.navigation.setFixedWidth(180)
        self.navigation.setAccessibleName("Navigation")

        self.overview_page = OverviewPage()
        self.stack = PageStack()  # the page in view sets the minimum; a tall one scrolls
        self.stack.addWidget(self.overview_page)
        self._pages: dict[str, QWidget] = {}
        # The method that builds each page; all but the Oversigt are built on first use.
        self._page_builders: dict[str, Callable[[], QWidget]] = {
            "Kontakter": self._build_contacts, "Organisationer": self._build_organisations,
            "Møder": self._build_meetings, "Mødefora": self._build_forums,
            "Handlinger": self._build_actions, "Hændelser": self._build_episodes,
            "Steder": self._build_places, "Indsatser": self._build_efforts,
            "Adgangslog": self._build_access_log, "Slettefrister": self._build_retention}
        self.navigation.currentRowChanged.connect(self.show_page)

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.banners = QVBoxLayout()  # about the database: read-only, or damaged
        column.addLayout(self.banners)
        layout = QHBoxLayout()
        column.addLayout(layout, 1)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(scrolled(self.stack), 1)
        self.setCentralWidget(central)

        self.files = FileActions(self, self.prompts, settings, self.db_path)
        self.files.data_changed.connect(self.refresh_all)
        self.files.database_replaced.connect(self.reload_pages)
        self.help_key = HelpKey(self)  # F1 → the user guide, also over a modal dialog
        main_menus.build(self, PAGES)
        self._build_status_bar()
        self._connect_pages()
        database_banners.install(self)

        # As the user left it on this screen (the old single setting until then), kept inside it.
        geometry = (settings.get(S.window_geometry(screen_key(self)))
                    or settings.get(S.WINDOW_GEOMETRY))
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            resize_within_screen(self, 1180, 740)
        elif not self.isMaximized():
            fit_within_screen(self)
        self._start_live_changes()
        from tryg_desktop.views.kit.access_log_writer import AccessLogWriter

        self.access_log_writer = AccessLogWriter(self)
        privacy_menu.fit(self, PAGES)
        self.navigation.setCurrentRow(0)
        if settings.get(S.OPEN_MINUTES):
            QTimer.singleShot(0, self.recover_minutes)

    # -- construction -------------------------------------------------------------------------
    def _describe_database(self) -> str:
        if self.db_path is not None:
            return str(self.db_path)
        from tryg_desktop.services.server_login import open_server_description

        return open_server_description() or "Fælles database"

    def _build_status_bar(self) -> None:
        """Two labels side by side that never run together: the messages (showMessage's, shown
        by message_label, elided) and the database (elided in the middle: the file name at the
        end matters), each with its full text as tooltip when cut."""
        from tryg_desktop.views.kit.elided_label import ElidedLabel

        bar = self.statusBar()
        text = (self.database_description if self.db_path is None
                else f"Database: {self.db_path}")
        self.database_label = ElidedLabel(text, Qt.TextElideMode.ElideMiddle,
                                          objectName="database_label")
        self.message_label = ElidedLabel(objectName="status_message")
        for label in (self.message_label, self.database_label):
            label.setContentsMargins(STATUS_GAP // 2, 0, STATUS_GAP // 2, 0)
        # Permanent widgets both: QStatusBar paints a message only left of the first one, so
        # its own (unelided) painting has no room, and the label shows the message instead.
        bar.addPermanentWidget(self.message_label, 3)
        bar.addPermanentWidget(self.database_label, 2)
        self.database_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.messageChanged.connect(self.message_label.setText)
        if self.db_path is not None and paths.is_network_path(self.db_path):
            self.database_label.setText(f"⚠ Database på netværksdrev: {self.db_path}")
            self.database_label.setStyleSheet(text_style(ERROR_TEXT))

    def _connect_pages(self) -> None:
        overview = self.overview_page
        overview.load_demo_requested.connect(self.files.load_demo)
        overview.import_requested.connect(self.files.import_contacts)
        overview.new_contact_requested.connect(self.new_contact)
        overview.new_organisation_requested.connect(self.new_organisation)
        overview.new_episode_requested.connect(self.new_episode)
        overview.report_requested.connect(self.status_report)
        overview.open_meeting.connect(self.open_meeting)
        overview.open_effort.connect(self.show_effort)
        overview.open_action.connect(self.open_action)

    def _start_live_changes(self) -> None:
        """On the team's server: listen for colleagues' changes (a thread of its own)."""
        self.live_changes = None
        self._live_tables: set[str] = set()
        self._live_stale: set[str] = set()  # pages not in view, reloaded when shown
        self._live_timer = QTimer(self, singleShot=True, interval=LIVE_COALESCE_MS)
        self._live_timer.timeout.connect(self._apply_live_changes)
        if self.db_path is not None:
            return
        from tryg_desktop.views.kit.live_changes import LiveChanges

        live = LiveChanges(self)
        if live.start():
            live.changed.connect(self._live_change)
            self.live_changes = live

    def show_named_page(self, name: str) -> None:
        self.navigation.setCurrentRow(PAGES.index(name))

    def _live_change(self, table: str, _record_id, _login: str, _meeting_id) -> None:
        if table in LIVE_PAGES or table in OVERVIEW_TABLES:
            self._live_tables.add(table)
            if not self._live_timer.isActive():
                self._live_timer.start()

    def _apply_live_changes(self) -> None:
        """The pages that show what changed: the one in view now (selection and scroll
        kept), the others when they are next shown."""
        tables, self._live_tables = self._live_tables, set()
        shown = self.stack.currentWidget()
        for name in sorted({name for table in tables for name in LIVE_PAGES.get(table, ())}):
            page = self._pages.get(name)
            if page is None:
                continue  # not built yet: it reads the database when first shown
            if page is shown:
                self._live_refresh(page)
            else:
                self._live_stale.add(name)
        if "place" in tables and "Hændelser" in self._pages:
            self.episodes_page.reload_places()
        if tables & OVERVIEW_TABLES and shown is self.overview_page:
            self.overview_page.refresh()  # (shown again later, it refreshes anyway)

    @staticmethod
    def _live_refresh(page: QWidget) -> None:
        refresh = getattr(page, "live_refresh", None)
        (refresh or page.refresh)()

    # Pages are built when first opened: start-up shows only the Oversigt.
    def page(self, name: str) -> QWidget:
        if name == "Oversigt":
            return self.overview_page
        if name not in self._pages:
            page = self._page_builders[name]()
            self._pages[name] = page
            from tryg_desktop.views.kit.table_columns import ColumnFit

            # Column widths the user drags are kept from one session to the next.
            for number, fit in enumerate(page.findChildren(ColumnFit)):
                fit.remember(self.settings, S.column_widths(f"{name}/{number}"))
            self.stack.addWidget(page)
        return self._pages[name]

    def _build_contacts(self) -> QWidget:
        from tryg_desktop.views.register.contacts_page import ContactsPage

        page = ContactsPage(self.prompts)
        page.changed.connect(self.overview_page.refresh)
        return page

    def _build_organisations(self) -> QWidget:
        from tryg_desktop.views.register.organisations_page import OrganisationsPage

        page = OrganisationsPage(self.prompts)
        page.changed.connect(self.refresh_all)
        page.show_contacts.connect(self.show_contacts_of)
        return page

    def _build_meetings(self) -> QWidget:
        from tryg_desktop.views.meetings.meetings_page import MeetingsPage

        page = MeetingsPage(self.prompts, self.settings)
        page.changed.connect(self.overview_page.refresh)
        return page

    def _build_forums(self) -> QWidget:
        from tryg_desktop.views.meetings.forums_page import ForumsPage

        page = ForumsPage(self.prompts, self.settings)
        page.meeting_planned.connect(self.open_planned_meeting)
        return page

    def _build_actions(self) -> QWidget:
        from tryg_desktop.views.meetings.actions_page import ActionsPage

        return ActionsPage(self.prompts, self.settings)

    def _build_episodes(self) -> QWidget:
        from tryg_desktop.views.safety.episodes_page import EpisodesPage

        page = EpisodesPage(self.prompts)
        page.data_changed.connect(self.overview_page.refresh)
        return page

    def _build_places(self) -> QWidget:
        from tryg_desktop.views.safety.places_page import PlacesPage

        page = PlacesPage(self.prompts)
        page.changed.connect(self._places_changed)
        page.open_meeting.connect(self.open_meeting)
        page.open_action.connect(self.open_action)
        page.open_effort.connect(self.show_effort)
        page.open_forum.connect(self.show_forum)
        page.open_episode.connect(self.open_episode)
        return page

    def _build_efforts(self) -> QWidget:
        from tryg_desktop.views.safety.chart_view import show_before_after
        from tryg_desktop.views.safety.efforts_page import EffortsPage

        page = EffortsPage(self.prompts)
        page.changed.connect(self.overview_page.refresh)
        page.open_meeting.connect(self.open_meeting)
        page.open_action.connect(self.open_action)
        page.open_place.connect(self.show_place)
        show_before_after(page.view)
        return page

    def _build_access_log(self) -> QWidget:
        from tryg_desktop.views.data_protection.access_log_page import AccessLogPage

        return AccessLogPage(self.prompts)

    def _build_retention(self) -> QWidget:
        from tryg_desktop.views.data_protection.retention_page import RetentionPage

        return RetentionPage(self.prompts)

    @property
    def contacts_page(self) -> ContactsPage:
        return self.page("Kontakter")

    @property
    def organisations_page(self) -> OrganisationsPage:
        return self.page("Organisationer")

    @property
    def meetings_page(self) -> MeetingsPage:
        return self.page("Møder")

    @property
    def forums_page(self) -> ForumsPage:
        return self.page("Mødefora")

    @property
    def actions_page(self) -> ActionsPage:
        return self.page("Handlinger")

    @property
    def episodes_page(self) -> EpisodesPage:
        return self.page("Hændelser")

    @property
    def places_page(self) -> PlacesPage:
        return self.page("Steder")

    @property
    def efforts_page(self) -> EffortsPage:
        return self.page("Indsatser")

    def recover_minutes(self) -> None:
        """The app stopped while minutes were open: open them again, and say so."""
        meeting_id = self.settings.get(S.OPEN_MINUTES)
        self.settings.set(S.OPEN_MINUTES, 0)
        from tryg_desktop.services.meetings import meetings
        from tryg_desktop.services.errors import NotFoundError
        from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

        try:
            title = meetings.get(meeting_id).title
        except NotFoundError:
            return
        self.prompts.inform(self, "Referatet er gendannet",
                            f"Tryg Desktop blev ikke lukket normalt, mens referatet af »{title}« "
                            "var åbent. Alt, hvad der nåede at blive gemt (op til et par sekunder "
                            "før), er her.")
        self.navigation.setCurrentRow(PAGES.index("Møder"))
        editor = MeetingEditor(meeting_id, self.prompts, self.settings, self)
        editor.show_minutes()
        self.prompts.run_dialog(editor)
        self.meetings_page.list.refresh()

    def open_planned_meeting(self, meeting_id: int) -> None:
        """After "Planlæg næste møde": the new meeting, open in its editor."""
        self.navigation.setCurrentRow(PAGES.index("Møder"))
        self.meetings_page.list.refresh()
        self.meetings_page.list.open_meeting(meeting_id)

    # -- behaviour ------------------------------------------------------------------------------
    def show_page(self, number: int) -> None:
        page = self.page(PAGES[number])
        self.stack.setCurrentWidget(page)
        if PAGES[number] in self._live_stale:
            self._live_stale.discard(PAGES[number])
            self._live_refresh(page)
        if page is self.overview_page:
            # After the first paint: the window appears at once, the figures a moment later.
            QTimer.singleShot(0, self.overview_page.refresh)
        elif hasattr(page, "table"):
            page.table.setFocus()

    def refresh_all(self) -> None:
        self.overview_page.refresh()
        for page in self._pages.values():
            page.refresh()

    def reload_pages(self) -> None:
        """The database was replaced (a backup restored): the pages built so far go, and the
        one in view is built again from the database as it is now, filters and lists alike."""
        self.access_log_writer.write_now()
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self._pages.clear()
        self.show_page(max(0, self.navigation.currentRow()))

    def new_contact(self) -> None:
        self.navigation.setCurrentRow(PAGES.index("Kontakter"))
        self.contacts_page.new_record()

    def new_organisation(self) -> None:
        self.navigation.setCurrentRow(PAGES.index("Organisationer"))
        self.organisations_page.new_record()

    def new_meeting(self) -> None:
        self.navigation.setCurrentRow(PAGES.index("Møder"))
        self.meetings_page.list.new_record()

    def new_episode(self) -> None:
        self.navigation.setCurrentRow(PAGES.index("Hændelser"))
        self.episodes_page.new_episode()

    def status_report(self) -> None:
        from tryg_desktop.views.safety.report_dialog import ReportDialog

        self.prompts.run_dialog(ReportDialog(self.prompts, self.settings, self,
                                             place_id=self.overview_page.place_id))

    def meeting_plan(self) -> None:
        from tryg_desktop.views.meetings.meeting_plan_dialog import MeetingPlanPrintDialog

        self.prompts.run_dialog(MeetingPlanPrintDialog(self.prompts, self.settings, self))

    def open_meeting(self, meeting_id: int) -> None:
        self.navigation.setCurrentRow(PAGES.index("Møder"))
        self.meetings_page.list.open_meeting(meeting_id)

    def open_action(self, action_id: int) -> None:
        self.navigation.setCurrentRow(PAGES.index("Handlinger"))
        page = self.actions_page
        dialog = page.make_dialog(action_id)
        self.prompts.run_dialog(dialog)
        page.refresh()
        if dialog.saved_row is not None:
            self.overview_page.refresh()

    def open_episode(self, episode_id: int) -> None:
        dialog = self.episodes_page.make_dialog(episode_id)
        self.prompts.run_dialog(dialog)
        if dialog.saved_row is not None:
            self.episodes_page.refresh()
            self.refresh_all()

    def show_place(self, place_id: int) -> None:
        self.navigation.setCurrentRow(PAGES.index("Steder"))
        self.places_page.show_place(place_id)

    def show_effort(self, effort_id: int) -> None:
        self.navigation.setCurrentRow(PAGES.index("Indsatser"))
        self.efforts_page.show_effort(effort_id)

    def show_forum(self, forum_id: int) -> None:
        self.navigation.setCurrentRow(PAGES.index("Mødefora"))
        self.forums_page.select_forum(forum_id)

    def _places_changed(self) -> None:
        """New or renamed places: the filters that list places list them as they are now."""
        self.overview_page.refresh()
        if "Hændelser" in self._pages:
            self.episodes_page.reload_places()

    def show_contacts_of(self, org_id: int, name: str) -> None:
        self.navigation.setCurrentRow(PAGES.index("Kontakter"))
        self.contacts_page.show_organisation(org_id, name)

    def edit_settings(self) -> None:
        from tryg_desktop.views.settings_dialog import SettingsDialog

        self.prompts.run_dialog(SettingsDialog(self.settings, self))

    def show_shortcuts(self) -> None:
        from tryg_desktop.views.shortcuts_dialog import ShortcutsDialog

        self.prompts.run_dialog(ShortcutsDialog(self))

    def about(self) -> None:
        from tryg_desktop import app_log
        from tryg_desktop.views.about_dialog import AboutDialog

        self.prompts.run_dialog(
            AboutDialog(self.database_description, app_log.log_folder(), self.prompts, self))

    def closeEvent(self, event) -> None:
        self.access_log_writer.write_now()
        if self.live_changes is not None:
            self.live_changes.stop()
            self.live_changes = None
            self._live_timer.stop()
        self.settings.set(S.window_geometry(screen_key(self)), self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
