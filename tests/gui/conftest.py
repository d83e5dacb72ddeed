"""GUI fixtures: the real widgets on the offscreen platform, with a scripted Prompts seam."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FakePrompts:
    """Answers questions from a script and records them; drives dialogs instead of exec()."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str, str]] = []
        self.confirm_answers: list[bool] = []
        self.text_answers: list[str] = []
        self.choose_answers: list[int | None] = []
        self.open_paths: list[Path | None] = []
        self.save_paths: list[Path | None] = []
        self.dialog_handlers: list = []  # each: fn(dialog) -> result code
        self.dialogs: list = []

    def confirm(self, parent, title, text, yes="Ja", no="Nej", destructive=False):
        self.asked.append(("confirm", title, text))
        return self.confirm_answers.pop(0)

    def choose(self, parent, title, text, options, cancel="Annuller"):
        self.asked.append(("choose", title, text))
        return self.choose_answers.pop(0)

    def ask_text(self, parent, title, label, text=""):
        self.asked.append(("ask_text", title, label))
        return self.text_answers.pop(0)

    def inform(self, parent, title, text):
        self.asked.append(("inform", title, text))

    def warn(self, parent, title, text):
        self.asked.append(("warn", title, text))

    def open_file(self, parent, title, folder, filters):
        return self.open_paths.pop(0)

    def save_file(self, parent, title, suggested, filters):
        return self.save_paths.pop(0)

    def run_dialog(self, dialog):
        self.dialogs.append(dialog)
        return self.dialog_handlers.pop(0)(dialog)

    def open_with_default_program(self, path):
        self.asked.append(("open", str(path), ""))
        return True


@pytest.fixture(scope="session", autouse=True)
def danish_qt(qapp):
    """As the app sets itself up: Danish Qt, and garbage collected on the GUI thread only."""
    from tryg_desktop.app import install_danish
    from tryg_desktop.workers import collect_garbage_on_gui_thread

    install_danish(qapp)
    timer = collect_garbage_on_gui_thread(qapp)
    yield
    timer.stop()
    import gc

    gc.enable()


@pytest.fixture(autouse=True)
def _workers_finish(qapp):
    """No worker of one test may still be running when the next test's database opens."""
    yield
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(10000)
    qapp.processEvents()
    import gc

    gc.collect()  # here, on the GUI thread, not in the next test's worker


@pytest.fixture
def prompts():
    return FakePrompts()


@pytest.fixture
def window(db, db_path, settings, prompts, qtbot):
    from tryg_desktop.views.main_window import MainWindow

    win = MainWindow(db_path, settings, prompts)
    qtbot.addWidget(win)
    win.show()
    return win


# --- the team's server (issue 12): a real PostgreSQL database per test --------------------------

@pytest.fixture(scope="module")
def server(request):
    """The test server with a migrated template for this module; skipped without a server
    (failed instead under TRYG_REQUIRE_SERVER=1, as in .ci/run)."""
    from tests.support.server import ServerForTests

    found = ServerForTests.find(suffix="_" + request.module.__name__.rsplit(".", 1)[-1][5:25])
    if found is None:
        pytest.skip(ServerForTests.why_skipped())
    yield found
    found.drop_all()


@pytest.fixture
def server_db(server):
    """A fresh migrated server database, open; closed and dropped afterwards. Its URL."""
    from tryg_desktop.db import close_database
    from tryg_desktop.db.opening import open_server

    url = server.fresh_database()
    open_server(url)
    yield url
    close_database()
    server.drop(url)


@pytest.fixture
def server_window(server_db, settings, prompts, qtbot):
    """The main window on the server database."""
    from tryg_desktop.views.main_window import MainWindow

    win = MainWindow(None, settings, prompts)
    qtbot.addWidget(win)
    win.show()
    return win


# -- the credential store ----------------------------------------------------------------------
class MemoryKeyring(KeyringBackend):
    """The credential store, in memory: nothing of the test reaches the user's real one."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.saved.get((service, username))

    def set_password(self, service, username, password):
        self.saved[(service, username)] = password

    def delete_password(self, service, username):
        if self.saved.pop((service, username), None) is None:
            raise PasswordDeleteError("none")


@pytest.fixture
def store():
    """The credential store (keyring) in memory for this test."""
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)
