"""Lines across the top of the main window about the database itself: read-only (why nothing
can be changed), damaged (found by the quick check that runs after start-up), or, on the
team's server, a lost connection (shown until it works again)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton

from tryg_desktop.services import db_health
from tryg_desktop.views.kit.colours import BANNER_BACKGROUND, BANNER_BORDER, BANNER_TEXT, hex_of
from tryg_desktop.workers import Task

DAMAGED_TITLE = "Databasen er beskadiget"
_WRITE_BUTTONS = ("Indlæs", "Importér", "Registrér", "Ny")


def _style() -> str:
    return (f"background: {hex_of(BANNER_BACKGROUND)}; color: {hex_of(BANNER_TEXT)}; "
            f"border-bottom: 1px solid {hex_of(BANNER_BORDER)}; padding: 6px 10px;")


def banner(text: str, name: str) -> QLabel:
    label = QLabel(text, objectName=name, wordWrap=True, styleSheet=_style())
    label.setAccessibleName(text)
    return label


def install(window) -> None:
    """Read-only: the banner, and the window's write actions off. (The list pages turn their
    own off; a write that still happens fails with the Danish read-only message.) On the
    server: the connection's watch."""
    if db_health.on_server():
        window.connection_watch = ConnectionWatch(window)
    if not db_health.is_read_only():
        fit_to_role(window)
        return
    window.banners.addWidget(banner(db_health.read_only_banner(), "read_only_banner"))
    for action in window.write_actions:
        action.setEnabled(False)
    # The Oversigt's buttons that start a write: import, sample data, a new episode.
    for button in window.overview_page.findChildren(QPushButton):
        if button.text().replace("&", "").startswith(_WRITE_BUTTONS):
            button.setEnabled(False)


def start_health_check(window) -> Task:
    """SQLite's quick check in a worker (seconds on a large file), after the window is up; the
    user hears of it only if something is wrong."""
    task = Task(lambda progress, is_cancelled: db_health.check_database(quick=True))
    task.signals.finished.connect(lambda report: _report(window, report))
    return task.start()


def _report(window, report) -> None:
    if report.ok:
        return
    text = (" ".join(report.problems) + " Lav ikke flere ændringer: kør »python main.py "
            "check«, og gendan fra en sikkerhedskopi (Filer → Gendan fra sikkerhedskopi).")
    window.banners.addWidget(banner(text, "damaged_banner"))
    window.prompts.warn(window, DAMAGED_TITLE, text)


def fit_to_role(window) -> None:
    """A login that may change only some tables (a referent: meetings, minutes, actions and
    episodes) gets the menu items and Oversigt buttons that write the others off, each saying
    why, instead of items that do nothing or end in the server's refusal."""
    for item, tables in window.action_tables.items():
        if not all(db_health.may_change(table) for table in tables):
            item.setEnabled(False)
            item.setToolTip(db_health.ROLE_LIMITED_TIP)
            item.setStatusTip(db_health.ROLE_LIMITED_TIP)


class ConnectionWatch(QObject):
    """The lost-connection banner of a window on the server database. The db layer tells of a
    lost or restored connection on whichever thread noticed; the signal brings it to the GUI
    thread. While lost, a ping in the pool every few seconds tries to reconnect, so the banner
    goes when the server is back even if nobody clicks."""

    state = Signal(bool)
    delivered = Signal(object)  # pending_saves.Delivery: editors reload what was delivered
    PING_MS = 3000

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.banner = banner(db_health.LOST_BANNER, "connection_lost_banner")
        self.banner.hide()
        window.banners.addWidget(self.banner)
        self.state.connect(self._show)
        self._stop = db_health.watch_connection(self.state.emit)
        self.timer = QTimer(self, interval=self.PING_MS)
        self.timer.timeout.connect(self._ping)
        window.destroyed.connect(lambda *_: self._stop())
        QTimer.singleShot(0, self.deliver_kept)  # saves kept while an earlier run was offline

    def _show(self, connected: bool) -> None:
        if connected and self.banner.isHidden():
            # Told again (each thread whose connection works again says so): the message of
            # the first time, or "… er nu gemt" after it, stays.
            return
        self.banner.setVisible(not connected)
        if connected:
            self.timer.stop()
            self.window.statusBar().showMessage(db_health.RESTORED, 8000)
            self.deliver_kept()
        else:
            self.timer.start()

    def deliver_kept(self) -> Task | None:
        """The minutes and episodes kept on this PC while the server could not be reached,
        saved now, in a worker; what had to be set aside is told."""
        from tryg_desktop.services import pending_saves

        if not pending_saves.pending():
            return None  # as at almost every start: the minutes service need not load
        from tryg_desktop.services.meetings import minutes_offline
        from tryg_desktop.services.safety import episodes_offline

        handlers = {minutes_offline.KIND: minutes_offline.deliver,
                    episodes_offline.KIND: episodes_offline.deliver}
        task = Task(lambda progress, is_cancelled: pending_saves.deliver(handlers))
        task.signals.finished.connect(self._delivered)
        return task.start()

    def _delivered(self, result) -> None:
        if result.delivered:
            noun = "gemning" if result.delivered == 1 else "gemninger"
            self.window.statusBar().showMessage(
                f"{result.delivered} {noun} fra mens forbindelsen var væk er nu gemt.", 10000)
        if result.set_aside:
            self.window.prompts.inform(self.window, "Gemt med forbehold",
                                       "\n\n".join(result.set_aside))
        self.delivered.emit(result)

    def _ping(self) -> None:
        Task(lambda progress, is_cancelled: db_health.ping()).start()
