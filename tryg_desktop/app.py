"""Composition root: command line or GUI; QApplication, paths, settings, database, translators,
main window. Heavy modules (reportlab, babel, the importers) load only when first used."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

# Set by the benchmark: quit as soon as the main window has been painted once.
EXIT_WHEN_SHOWN = "TRYG_EXIT_WHEN_SHOWN"


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    database = _gui_only_database(argv)
    if database is not False:
        sys.exit(run_gui(database))
    server = _gui_only_server(argv)
    if server is not None:
        sys.exit(run_gui(None, server_arg=server))
    from tryg_desktop import cli

    args = cli.parse_args(argv)
    if args.command:
        sys.exit(cli.run(args))  # headless: no widgets are imported
    sys.exit(run_gui(args.database, verbose=args.verbose,
                     server_arg=getattr(args, "server", None)))


def _gui_only_database(argv: list[str]) -> str | None | bool:
    """The plain ways to open the window (no arguments, or only --database FILE) skip argparse
    and the command line module, a twentieth of start-up. False: anything else, for cli."""
    if not argv:
        return None
    if len(argv) == 2 and argv[0] == "--database" and not argv[1].startswith("-"):
        return argv[1]
    if len(argv) == 1 and argv[0].startswith("--database=") and len(argv[0]) > 11:
        return argv[0].split("=", 1)[1]
    return False


def _gui_only_server(argv: list[str]) -> str | None:
    """`--server URL` alone opens the window on the team's database, also without argparse."""
    if len(argv) == 2 and argv[0] == "--server" and argv[1].startswith("postgres"):
        return argv[1]
    if len(argv) == 1 and argv[0].startswith("--server=postgres"):
        return argv[0].split("=", 1)[1]
    return None


def install_danish(app) -> None:
    """Danish for our texts' surroundings too: Qt's own buttons and dialogs ("Annuller", "Gem"),
    and QLocale-based number and date widgets."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    locale = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)
    QLocale.setDefault(locale)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue in ("qtbase",):
        translator = QTranslator(app)
        if translator.load(locale, catalogue, "_", folder):
            app.installTranslator(translator)


def apply_look(app) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon

    from tryg_desktop.paths import RESOURCES
    from tryg_desktop.views.kit import colours

    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "tryg.svg")))
    # Selected rows readable (4.5:1) in the system's own palette, before the style sheet,
    # whose @roles follow the palette (light or dark).
    app.setPalette(colours.readable_palette(app.palette()))
    style = RESOURCES / "style.qss"
    if style.exists():
        app.setStyleSheet(colours.style_sheet(style.read_text(encoding="utf-8")))
    # The focus ring's classes cost ~10 ms to create: after the first paint (nobody tabs
    # sooner); it then frames whatever has the focus already.
    QTimer.singleShot(300, lambda: _install_focus_ring(app))


def _install_focus_ring(app) -> None:
    from tryg_desktop.views.kit import focus_ring

    app.focus_ring = focus_ring.install(app)


def _shown_then_quit(app) -> None:
    """For the benchmark: when the window is up, say so on the monotonic clock and quit."""
    import time

    print(f"shown {time.monotonic():.6f}", flush=True)
    app.quit()


def run_gui(database_arg: str | None, verbose: bool = False,
            server_arg: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from tryg_desktop import paths, server_driver

    # The PostgreSQL driver is loaded only if this start turns out to need it (a quarter of
    # the start-up on a file otherwise); connect_server loads it when it does.
    server_driver.defer()
    from tryg_desktop.db import DatabaseOpenError, open_database
    from tryg_desktop.settings import Settings

    paths.set_application_names()
    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Tryg Desktop")
    reporter = start_logging(app, verbose)
    install_danish(app)
    apply_look(app)
    from tryg_desktop.workers import collect_garbage_on_gui_thread

    collect_garbage_on_gui_thread(app)  # the timer is a child of app: it lives as long

    settings = Settings()
    url = chosen_server(database_arg, server_arg, settings)
    if url is not None:
        outcome = open_server_or_ask(url, ask_when_unreachable)
        if outcome == QUIT:
            return 1
        if outcome == SERVER:
            return _show_window(app, reporter, None, settings)
    db_path = paths.database_path(database_arg)
    if paths.is_network_path(db_path):
        QMessageBox.warning(
            None, "Database på netværksdrev",
            f"Databasen ligger på et netværksdrev:\n{db_path}\n\n"
            "En SQLite-database må ikke deles over et netværksdrev: samtidige ændringer kan "
            "ødelægge den. Flyt filen til en lokal mappe, eller brug den fælles databaseserver, "
            "når den er sat op.")
    try:
        open_database(db_path)
    except DatabaseOpenError as error:
        logging.getLogger(__name__).warning("Databasen kunne ikke åbnes (%s)",
                                            type(error).__name__)
        QMessageBox.critical(None, "Databasen kan ikke åbnes", str(error))
        return 1
    return _show_window(app, reporter, Path(db_path), settings)


def _show_window(app, reporter, db_path: Path | None, settings) -> int:
    """The main window on the open database: a SQLite file at db_path, or the server (None)."""
    from PySide6.QtCore import QThreadPool, QTimer

    from tryg_desktop.views.main_window import MainWindow

    window = MainWindow(db_path, settings)
    window.show()
    QTimer.singleShot(0, reporter.ready)  # before any worker can fail
    if db_path is not None:
        # Today's automatic backup, in the pool, once the first paint is done.
        QTimer.singleShot(1000, window.files.start_daily_backup)
        # SQLite's quick check takes seconds on a large file: in the pool, after the window
        # shows. (The server keeps its own pages; its backups are IT's pg_dump.)
        from tryg_desktop.views.database_banners import start_health_check

        QTimer.singleShot(500, lambda: start_health_check(window))
    if os.environ.get(EXIT_WHEN_SHOWN):
        QTimer.singleShot(0, lambda: _shown_then_quit(app))
    code = app.exec()
    QThreadPool.globalInstance().waitForDone()  # let a running count finish before teardown
    return code


SERVER, LOCAL, RETRY, QUIT = "server", "local", "retry", "quit"


def chosen_server(database_arg: str | None, server_arg: str | None, settings) -> str | None:
    """The server database to open, or None for the SQLite file: --server, then --database
    FILE (a file named outright beats TRYG_SERVER from the environment, which a group policy
    may set for everyone, as on the command line), then TRYG_SERVER, then TRYG_DATABASE, then
    the saved choice (Filer → Indstillinger → Fælles database) when it is switched on."""
    from tryg_desktop import paths

    if server_arg:
        return paths.server_url(server_arg)
    if database_arg:
        return None
    url = paths.server_url(None)
    if url is not None:
        return url
    if os.environ.get(paths.DATABASE_ENV):
        return None
    from tryg_desktop.views.kit.server_choice import saved_server_url

    return saved_server_url(settings)


def open_server_or_ask(url: str, ask) -> str:
    """Open the server database; the password from the credential store when the server asks
    for one. When it cannot be opened, ask(message) says what now: RETRY, LOCAL or QUIT. Returns
    SERVER (open), LOCAL or QUIT."""
    from tryg_desktop.db import DatabaseOpenError
    from tryg_desktop.db.opening import open_server, wants_password

    log = logging.getLogger(__name__)
    # No password until the server asks for one, as psql does: with Kerberos, a pgpass file
    # or a trusting server the credential store is never opened (a tenth of a second or more
    # at every start), and no password is sent where none is needed.
    password, store_asked = None, False
    while True:
        try:
            open_server(url, password=password)
            return SERVER
        except DatabaseOpenError as error:
            if not store_asked and wants_password(error):
                store_asked = True
                password = _stored_password(url, log)
                if password is not None:
                    continue
            log.warning("Den fælles database kunne ikke åbnes (%s)",
                        type(error.__cause__ or error).__name__)
            answer = ask(str(error))
            if answer != RETRY:
                return answer


def _stored_password(url: str, log) -> str | None:
    from tryg_desktop.services.server_login import password_for_start

    password, note = password_for_start(url)
    if note:
        log.warning("Ingen adgangskode fra nøgleringen: %s", note)
    return password


def unreachable_box(message: str):
    """The question when the server cannot be opened at start-up; each button's RETRY, LOCAL
    or QUIT is its "answer" property."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "Den fælles database kan ikke nås", message)
    box.setInformativeText("Prøv igen, når netværket eller serveren er tilbage, eller arbejd i "
                           "den lokale database på denne computer i stedet (det, du gør dér, "
                           "kommer ikke med i den fælles database).")
    for text, role, answer in (("&Prøv igen", QMessageBox.ButtonRole.AcceptRole, RETRY),
                               ("Brug &lokal database", QMessageBox.ButtonRole.ActionRole, LOCAL),
                               ("&Afslut", QMessageBox.ButtonRole.RejectRole, QUIT)):
        button = box.addButton(text, role)
        button.setProperty("answer", answer)
        if answer == RETRY:
            box.setDefaultButton(button)
        if answer == QUIT:
            box.setEscapeButton(button)
    return box


def ask_when_unreachable(message: str) -> str:
    box = unreachable_box(message)
    box.exec()
    clicked = box.clickedButton()
    return clicked.property("answer") if clicked is not None else QUIT


class LazyReporter:
    """The error dialog's reporter, made on the GUI thread after the first paint (its QObject
    with a signal costs start-up time) or at the first error, whichever comes first. Until the
    window shows, errors can only come from the GUI thread: no worker runs before."""

    def __init__(self, app) -> None:
        self.app = app
        self.reporter = None

    def ready(self):
        if self.reporter is None:
            from tryg_desktop.views.error_reporter import ErrorReporter

            self.reporter = ErrorReporter(self.app)
        return self.reporter

    def report(self, exc_type, exc, tb) -> None:
        self.ready().report(exc_type, exc, tb)


def start_logging(app, verbose: bool = False):
    """The log file, the exception hooks and Qt's messages, first thing after the QApplication
    (the folder comes from its names). Returns the reporter that shows the error dialog; the
    hook keeps it alive."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from tryg_desktop import __version__, app_log

    app_log.configure(verbose=verbose)
    reporter = LazyReporter(app)
    app_log.install_exception_hooks(reporter.report)
    app_log.install_qt_message_handler()
    logging.getLogger(__name__).info(
        "Start: Tryg Desktop %s, Python %s, PySide6 %s, Qt %s, %s", __version__,
        sys.version.split()[0], pyside_version, qVersion(), sys.platform)
    return reporter
