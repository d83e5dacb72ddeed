"""Lines across the top of the main window about the database itself: read-only (why nothing
can be changed), or damaged (found by the quick check that runs after start-up)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton

from tryg_desktop.services import db_health
from tryg_desktop.workers import Task

_STYLE = ("background: #fff4ce; color: #3b2f00; border-bottom: 1px solid #d9c27a; "
          "padding: 6px 10px;")
DAMAGED_TITLE = "Databasen er beskadiget"
_WRITE_BUTTONS = ("Indlæs", "Importér", "Registrér", "Ny")


def banner(text: str, name: str) -> QLabel:
    label = QLabel(text, objectName=name, wordWrap=True, styleSheet=_STYLE)
    label.setAccessibleName(text)
    return label


def install(window) -> None:
    """Read-only: the banner, and the window's write actions off. (The list pages turn their
    own off; a write that still happens fails with the Danish read-only message.)"""
    if not db_health.is_read_only():
        return
    window.banners.addWidget(banner(db_health.READ_ONLY_BANNER, "read_only_banner"))
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
