"""Issue 10 point 17: an error nobody caught is logged and shown in a Danish dialog with the log's
location and "Kopiér detaljer"; the app keeps running. Hjælp → Om shows the version, the
database and the log folder."""

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from tryg_desktop import __version__, app_log
from tryg_desktop.views.error_reporter import ErrorReporter

# In variables: a traceback shows the source line, and the test must see only the value.
NAME, CPR = "Fatima Ali", "010190-1234"


@pytest.fixture
def hooked(tmp_path, qtbot):
    """The GUI's set-up (app.start_logging) on a log in tmp_path: (reporter, log file)."""
    path = app_log.configure(tmp_path / "logs")
    reporter = ErrorReporter()
    app_log.install_exception_hooks(reporter.report)
    yield reporter, path
    app_log.uninstall_exception_hooks()  # before pytest-qt puts its own hook back
    app_log.close()
    if reporter.dialog is not None:
        reporter.dialog.close()


def test_an_error_in_a_slot_shows_a_danish_dialog_and_the_app_keeps_running(hooked, qtbot):
    reporter, log = hooked
    clicks = []
    broken, working = QPushButton("Fejl"), QPushButton("Virker")
    for button in (broken, working):
        qtbot.addWidget(button)
    broken.clicked.connect(lambda: {}[f"{NAME} {CPR}"])
    working.clicked.connect(lambda: clicks.append(1))

    qtbot.mouseClick(broken, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    text = dialog.message.text()
    assert text.startswith("Der opstod en uventet fejl (KeyError)")
    assert dialog.location.text() == str(log)
    assert NAME not in text and "010190" not in text

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert __version__ in copied and "Python" in copied and "Fejltype: KeyError" in copied
    assert "test_error_dialog.py" in copied and ", line " in copied
    assert "Fatima" not in copied and "010190" not in copied

    logged = log.read_text(encoding="utf-8")
    assert "Uventet fejl (KeyError)" in logged and "test_error_dialog.py" in logged
    assert "Fatima" not in logged and "010190" not in logged

    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    qtbot.mouseClick(working, Qt.MouseButton.LeftButton)
    assert clicks == [1]


def test_repeated_errors_are_counted_in_one_dialog(hooked, qtbot):
    reporter, _log = hooked
    broken = QPushButton()
    qtbot.addWidget(broken)
    broken.clicked.connect(lambda: 1 / 0)
    for _ in range(3):
        broken.click()
    assert reporter.dialog.isVisible() and reporter.dialog.count == 3
    assert "2 fejl mere" in reporter.dialog.more.text()


def test_an_error_in_a_python_thread_reaches_the_dialog_on_the_gui_thread(hooked, qtbot):
    reporter, log = hooked
    thread = threading.Thread(target=lambda: {}[NAME])
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert "KeyError" in reporter.dialog.message.text()
    assert "Uventet fejl (KeyError)" in log.read_text(encoding="utf-8")


# --- Hjælp → Om -------------------------------------------------------------------------------

def test_about_shows_version_database_and_log_folder(window, prompts, db_path, qtbot):
    seen = {}

    def look(dialog):
        seen["labels"] = {name: label.text() for name, label in dialog.labels.items()}
        dialog.labels["Logmappe"].linkActivated.emit("#")
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
        return 0

    prompts.dialog_handlers.append(look)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Hjælp")
    next(a for a in help_menu.actions() if a.text().startswith("&Om")).trigger()

    folder = app_log.log_folder()
    labels = seen["labels"]
    assert labels["Version"] == __version__ and labels["Database"] == str(db_path)
    assert str(folder) in labels["Logmappe"] and labels["Python"] and labels["Qt og PySide6"]
    assert ("open", str(folder), "") in prompts.asked
    copied = QGuiApplication.clipboard().text()
    assert f"Version: {__version__}" in copied and f"Database: {db_path}" in copied
    assert f"Logmappe: {folder}" in copied


def test_the_apps_start_sets_up_the_log_and_the_hook(qapp, qtbot):
    """app.start_logging, as run_gui calls it: the log in the app data folder, the start line,
    and sys.excepthook showing the dialog."""
    import sys

    from tryg_desktop.app import start_logging

    reporter = start_logging(qapp)
    assert reporter.reporter is None  # its QObject is made after the first paint, or on need
    try:
        log = app_log.log_file()
        assert log == app_log.default_folder() / "tryg.log"
        assert f"INFO tryg_desktop.app: Start: Tryg Desktop {__version__}" in log.read_text()
        try:
            raise LookupError(NAME)
        except LookupError:
            sys.excepthook(*sys.exc_info())
        dialog = reporter.ready().dialog
        assert dialog.isVisible() and "LookupError" in dialog.message.text()
    finally:
        app_log.uninstall_exception_hooks()
        app_log.close()
        if reporter.reporter is not None and reporter.reporter.dialog is not None:
            reporter.reporter.dialog.close()
