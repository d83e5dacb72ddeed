"""The user guide's screenshots (resources/guide/img/*.png), made from the demo data so they
show the app as it is now. Run after a change to a screen the guide shows:

    python scripts/guide_screenshots.py            # all of them, into resources/guide/img/

It needs no display: Qt's offscreen platform with a 1366×768 screen (the coordinators' common
screen), a temporary database and settings, the demo data loaded as `main.py demo` loads it,
and QWidget.grab() of the main window and the dialogs the guide shows."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "resources" / "guide" / "img"
WINDOW_SIZE = (1200, 700)  # logical pixels: the window as on a 1366×768 screen
# The guide's text is about this wide in its window. A wider picture is scaled down smoothly
# here: QTextBrowser would scale it without smoothing, and the text in it came out jagged.
PICTURE_WIDTH = 800
SCREEN = ('{"screens": [{"name": "guide", "x": 0, "y": 0, "width": 1366, "height": 768, '
          '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}')


def _settle(app) -> None:
    """Let the pages' background work (counts, charts) finish and paint."""
    from PySide6.QtCore import QThreadPool

    for _ in range(3):
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(20000)
        app.processEvents()


class Shooter:
    """The main window on the demo database, and how to photograph each part of it."""

    def __init__(self, window, settings, app) -> None:
        self.window, self.settings, self.app = window, settings, app

    def page(self, name: str, before: Callable | None = None):
        def shoot():
            self.window.show_named_page(name)
            if before is not None:
                before()
            _settle(self.app)
            return self.window.grab()
        return shoot

    def dialog(self, make: Callable):
        def shoot():
            dialog = make()
            dialog.show()
            _settle(self.app)
            image = dialog.grab()
            dialog.hide()
            dialog.deleteLater()
            return image
        return shoot

    # -- what is in the pictures ----------------------------------------------------------
    def meeting(self, tab: str):
        from tryg_desktop.services.meetings import meetings
        from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

        def make():
            if tab == "minutes":  # the latest meeting that has a referat
                rows = meetings.fetch(meetings.MeetingFilter(when="past", descending=True))
                chosen = next(row for row in rows if meetings.has_minutes(row.id))
            else:
                chosen = meetings.fetch(meetings.MeetingFilter(when="upcoming"), limit=1)[0]
            editor = MeetingEditor(chosen.id, self.window.prompts, self.settings, self.window)
            editor.resize(*WINDOW_SIZE)
            editor.tabs.setCurrentWidget(getattr(editor, tab))
            return editor
        return make

    def episode(self):
        from tryg_desktop.views.safety.episode_dialog import EpisodeDialog

        return EpisodeDialog(None, self.window.prompts, self.window)

    def report(self):
        from tryg_desktop.views.safety.report_dialog import ReportDialog

        return ReportDialog(self.window.prompts, self.settings, self.window)

    def contact(self):
        from tryg_desktop.services.register import contacts
        from tryg_desktop.views.register.contact_dialog import ContactDialog

        first = contacts.fetch(contacts.ContactFilter(), limit=1)[0]
        return ContactDialog(first.id, self.window.prompts, self.window)

    def show_place(self):
        from tryg_desktop.services.safety import places

        rows = places.list_places()
        chosen = next((row for row in rows if row.name == "Kildeparken"), rows[0])
        self.window.show_place(chosen.id)

    def shots(self) -> dict[str, Callable]:
        """File name (without .png) → how to take it; the guide names the same files."""
        return {
            "oversigt": self.page("Oversigt"),
            "kontakter": self.page("Kontakter"),
            "kontakt": self.dialog(self.contact),
            "moede_dagsorden": self.dialog(self.meeting("agenda")),
            "moede_referat": self.dialog(self.meeting("minutes")),
            "handlinger": self.page("Handlinger"),
            "haendelse": self.dialog(self.episode),
            "sted": self.page("Steder", self.show_place),
            "statusrapport": self.dialog(self.report),
        }


def make_screenshots(folder: Path, work: Path, names: list[str] | None = None) -> list[Path]:
    """The screenshots (all, or those named) as PNGs in folder; database and settings in work.
    Needs a QApplication (made here if there is none: run main() for the 1366×768 screen)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from tryg_desktop.app import apply_look, install_danish
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services.demo.demo import load_demo
    from tryg_desktop.settings import Settings
    from tryg_desktop.views.kit.prompts import Prompts
    from tryg_desktop.views.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_danish(app)
    apply_look(app)
    db_path = work / "vejledning.sqlite3"
    open_database(db_path)
    written: list[Path] = []
    try:
        load_demo()  # as `main.py demo` does
        settings = Settings(str(work / "settings.ini"))
        window = MainWindow(db_path, settings, Prompts())
        window.resize(*WINDOW_SIZE)
        window.show()
        _settle(app)
        shots = Shooter(window, settings, app).shots()
        folder.mkdir(parents=True, exist_ok=True)
        for name in names or list(shots):
            path = folder / f"{name}.png"
            picture = shots[name]()
            if picture.width() > PICTURE_WIDTH:
                picture = picture.scaledToWidth(PICTURE_WIDTH,
                                                Qt.TransformationMode.SmoothTransformation)
            if not picture.save(str(path), "PNG"):
                raise OSError(f"Kunne ikke gemme {path}")
            written.append(path)
        window.close()
        window.deleteLater()
        _settle(app)
    finally:
        close_database()
    return written


def main(argv: list[str]) -> int:
    if not os.environ.get("QT_QPA_PLATFORM"):  # (a real display may be asked for)
        config = Path(tempfile.mkdtemp()) / "screen.json"
        config.write_text(SCREEN, encoding="utf-8")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    from PySide6.QtCore import qInstallMessageHandler

    def quiet(_mode, _context, message: str) -> None:
        if "propagateSizeHints" not in message:  # the offscreen platform says it per window
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    with tempfile.TemporaryDirectory() as work:
        # Settings, the log and the app's data folder under the temporary folder too.
        os.environ["HOME"] = work
        os.environ["XDG_DATA_HOME"] = str(Path(work) / "data")
        os.environ["XDG_CONFIG_HOME"] = str(Path(work) / "config")
        os.environ.pop("TRYG_SERVER", None)
        os.environ.pop("TRYG_DATABASE", None)
        for path in make_screenshots(IMG, Path(work), argv or None):
            print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} kB")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
