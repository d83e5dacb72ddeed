"""Gem som Excel …: the one way a page or dialog saves an .xlsx file. The file is asked for
through Prompts.save_file; the figures are read and the file written by a worker behind a
progress dialog (a year of episodes at a large city takes seconds); a possible CPR number is
shown first, and writing it anyway is the user's explicit, audited choice."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QWidget

from tryg_desktop.views.kit.progress import run_with_progress
from tryg_desktop.views.kit.prompts import confirm_despite_cpr

FILTERS = "Excel-projektmappe (*.xlsx)"
SUFFIX = ".xlsx"


def ask_excel_path(prompts, parent: QWidget, title: str, suggested: Path) -> Path | None:
    """The .xlsx file the user chose (the ending added when the name lacks it), or None."""
    path = prompts.save_file(parent, title, str(suggested.with_suffix(SUFFIX)), FILTERS)
    return None if path is None else Path(path).with_suffix(SUFFIX)


def write_excel(prompts, parent: QWidget, title: str, path: Path,
                write: Callable[[Path, bool], object],
                done: Callable[[Path], None] | None = None) -> None:
    """write(path, allow_cpr) runs in the worker and writes the file (logging it as the
    service does); done(path) runs on the GUI thread once the file is there."""
    from tryg_desktop.services.errors import CprFoundError

    def work(progress, is_cancelled, allow_cpr: bool = False):
        try:
            write(path, allow_cpr)
        except CprFoundError as error:
            return error
        return path

    def finished(result) -> None:
        if not isinstance(result, CprFoundError):
            if done is not None:
                done(result)
            return
        if confirm_despite_cpr(prompts, parent, "filen", "den", result.where):
            run_with_progress(parent, title, "Skriver Excel-filen …",
                              lambda progress, is_cancelled: work(progress, is_cancelled, True),
                              finished, failed, cancellable=False)

    def failed(message: str) -> None:
        prompts.warn(parent, title, message)

    run_with_progress(parent, title, "Samler tallene og skriver Excel-filen …", work, finished,
                      failed, cancellable=False)


def save_excel(prompts, parent: QWidget, title: str, suggested: Path,
               write: Callable[[Path, bool], object],
               done: Callable[[Path], None] | None = None) -> Path | None:
    """Ask for the file, then write it (write_excel); the chosen path, or None."""
    path = ask_excel_path(prompts, parent, title, suggested)
    if path is not None:
        write_excel(prompts, parent, title, path, write, done)
    return path
