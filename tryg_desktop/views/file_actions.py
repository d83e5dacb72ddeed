"""The Filer menu's file work: import, export, backup, restore and demo data, each off the GUI
thread; and the automatic backup of the day, started once the window shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from tryg_desktop import settings as S
from tryg_desktop.views.kit.progress import run_with_progress
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.workers import Task


BACKUP_REFUSED_TIP = ("Kun en administrator eller koordinator kan tage en sikkerhedskopi af den "
                      "fælles database: din rolle kan ikke se de lukkede punkter, så kopien "
                      "ville mangle dem.")


class FileActions(QObject):
    data_changed = Signal()
    database_replaced = Signal()  # a backup was restored: every page must read it afresh

    def __init__(self, window, prompts: Prompts, settings: S.Settings,
                 db_path: Path | None) -> None:
        super().__init__(window)
        self.window = window
        self.prompts = prompts
        self.settings = settings
        self.db_path = db_path  # None: the team's server database (no file beside which to keep
        # the daily copies, and nothing to restore over)

    def import_contacts(self) -> None:
        from tryg_desktop.views.register.import_dialog import ImportDialog

        dialog = ImportDialog(self.prompts, self.settings, self.window)
        self.prompts.run_dialog(dialog)
        if dialog.imported:
            self.data_changed.emit()

    def export_contacts(self) -> None:
        """Asks why first (Formål med udtrækket: the access log keeps it), then where."""
        from tryg_desktop.services.register.contact_export import NOT_FOR_READERS, may_export
        from tryg_desktop.views.data_protection.purpose_dialog import ask_purpose

        if not may_export():
            self.prompts.warn(self.window, "Eksportér kontakter", NOT_FOR_READERS)
            return
        purpose = ask_purpose(self.prompts, self.window)
        if not purpose:
            return
        folder = self.settings.get(S.LAST_EXPORT_DIR) or str(Path.home())
        path = self.prompts.save_file(self.window, "Eksportér kontakter",
                                      str(Path(folder) / "kontakter.csv"),
                                      "CSV til Excel (*.csv);;vCard (*.vcf)")
        if path is None:
            return
        if path.suffix.lower() not in (".csv", ".vcf"):
            path = path.with_suffix(".csv")
        self.settings.set(S.LAST_EXPORT_DIR, str(path.parent))

        def work(progress, is_cancelled):
            from tryg_desktop.services.register.contact_export import export_file

            return export_file(path, purpose=purpose)

        run_with_progress(
            self.window, "Eksportér kontakter", f"Eksporterer til {path.name} …", work,
            lambda n: self.prompts.inform(self.window, "Eksport færdig",
                                          f"{n} kontakter er gemt i\n{path}"),
            lambda message: self.prompts.warn(self.window, "Eksporten mislykkedes", message),
            cancellable=False)

    def fit_export_action(self, action) -> None:
        """Eksportér kontakter off, saying why, for a reader (tryg_laeser) on the server."""
        from tryg_desktop.services.register.contact_export import NOT_FOR_READERS, may_export

        if not may_export():
            action.setEnabled(False)
            action.setToolTip(NOT_FOR_READERS)
            action.setStatusTip(NOT_FOR_READERS)

    def fit_backup_action(self, action) -> None:
        """Tag sikkerhedskopi off, saying why, for a login whose copy would be incomplete."""
        from tryg_desktop.services import db_health

        if not db_health.may_take_full_backup():
            action.setEnabled(False)
            action.setToolTip(BACKUP_REFUSED_TIP)
            action.setStatusTip(BACKUP_REFUSED_TIP)

    def backup(self) -> None:
        """A portable SQLite copy: of the file (SQLite's backup), or of the server's data (every
        table copied and counted, as `main.py --server URL backup FILE` does)."""
        from datetime import date

        from tryg_desktop.services import db_health

        if not db_health.may_take_full_backup():
            self.prompts.warn(self.window, "Sikkerhedskopi", BACKUP_REFUSED_TIP)
            return
        on_server = db_health.on_server()
        folder = self.settings.get(S.LAST_EXPORT_DIR) or str(Path.home())
        suggested = Path(folder) / f"tryg-sikkerhedskopi-{date.today().isoformat()}.sqlite3"
        path = self.prompts.save_file(self.window, "Tag sikkerhedskopi", str(suggested),
                                      "SQLite-database (*.sqlite3 *.db)")
        if path is None:
            return

        def work(progress, is_cancelled):
            if on_server:
                from tryg_desktop.services import server_admin

                from tryg_desktop.services.data_protection import access_log

                result = server_admin.backup(path)
                access_log.server_backup_taken(result.path)
                return (f"Sikkerhedskopi af den fælles database gemt: {result.path} "
                        f"({result.rows} rækker i {len(result.tables)} tabeller, antal "
                        "kontrolleret).")
            from tryg_desktop.services.backup import make_backup

            return make_backup(path).summary()

        run_with_progress(
            self.window, "Sikkerhedskopi", "Kopierer databasen …", work,
            lambda summary: self.prompts.inform(self.window, "Sikkerhedskopi gemt", summary),
            lambda message: self.prompts.warn(self.window, "Sikkerhedskopien mislykkedes", message),
            cancellable=False)

    def load_demo(self) -> None:
        def work(progress, is_cancelled):
            from tryg_desktop.services.demo.demo import load_demo

            return load_demo(progress)

        def done(summary) -> None:
            self.data_changed.emit()
            self.window.statusBar().showMessage(summary.summary().splitlines()[0], 8000)

        run_with_progress(
            self.window, "Eksempeldata", "Indlæser eksempeldata …", work, done,
            lambda message: self.prompts.warn(self.window, "Eksempeldata", message),
            cancellable=False)

    def start_daily_backup(self) -> Task | None:
        """Today's automatic backup, in the pool: start-up does not wait for it, and a failure
        is a line in the status bar (and the log), not a dialog. None on the server database:
        its backups are the server's (pg_dump), made by IT."""
        if self.db_path is None:
            return None
        daily = self.settings.get(S.BACKUP_KEEP_DAILY)
        weekly = self.settings.get(S.BACKUP_KEEP_WEEKLY)

        def work(progress, is_cancelled):
            from tryg_desktop.services.auto_backup import take_daily_backup

            return take_daily_backup(daily, weekly)

        task = Task(work)
        # Methods of this QObject, not lambdas: if the window closes first, Qt drops the call.
        task.signals.finished.connect(self._daily_backup_done)
        task.signals.failed.connect(self._daily_backup_failed)
        return task.start()

    def _daily_backup_done(self, path) -> None:
        if path is not None:
            self.window.statusBar().showMessage("Dagens sikkerhedskopi er taget.", 5000)

    def _daily_backup_failed(self, message: str) -> None:
        # Logged where it failed (services.auto_backup, or the worker for an unexpected error).
        self.window.statusBar().showMessage(message)

    def restore(self) -> None:
        if self.db_path is None:  # the menu item is off; a shortcut or a test may still ask
            self.prompts.inform(self.window, "Gendan fra sikkerhedskopi",
                                "Gendannelse fra sikkerhedskopi gælder kun en lokal databasefil. "
                                "Den fælles database sikkerhedskopieres og gendannes af IT på "
                                "serveren.")
            return
        from tryg_desktop.services.auto_backup import list_backups
        from tryg_desktop.views.restore_dialog import RestoreDialog

        folder = self.settings.get(S.LAST_EXPORT_DIR) or str(Path.home())
        dialog = RestoreDialog(self.prompts, list_backups(), self.db_path.name, self.window,
                               other_folder=folder)
        self.prompts.run_dialog(dialog)
        if dialog.chosen is None:
            return
        chosen = dialog.chosen

        def work(progress, is_cancelled):
            from tryg_desktop.services.backup import restore_backup

            return restore_backup(chosen)

        def done(result) -> None:
            from tryg_desktop.services.privacy import shown_path

            self.database_replaced.emit()
            self.prompts.inform(self.window, "Sikkerhedskopien er gendannet",
                                "Sikkerhedskopien er gendannet. Den database, der var åben før, "
                                f"er gemt som\n{shown_path(result.kept_aside)}")

        run_with_progress(
            self.window, "Gendan fra sikkerhedskopi", "Gendanner databasen …", work, done,
            lambda message: self.prompts.warn(self.window, "Gendannelsen mislykkedes", message),
            cancellable=False)
