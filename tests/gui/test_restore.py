"""Automatic backup at start-up and Filer → Gendan fra sikkerhedskopi …, driven as a user would."""

import os
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt

from tryg_desktop import settings as S
from tryg_desktop.services import auto_backup as A
from tryg_desktop.services.register import contacts as C
from tryg_desktop.views.restore_dialog import RestoreDialog


def menu_action(window, text):
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Filer"]
    [action] = [a for a in menu.actions() if a.text().replace("&", "") == text]
    return action


def test_the_days_backup_runs_in_a_worker_and_keeps_the_configured_number(
        window, qtbot, db_path, settings, prompts):
    C.create(C.ContactInput(name="Åse Berg"))
    folder = db_path.parent / "backups"
    folder.mkdir()
    for day in ("2026-11-01", "2026-11-02", "2026-11-03"):
        (folder / f"tryg-{day}.sqlite3").write_bytes(b"kopi")
    settings.set(S.BACKUP_KEEP_DAILY, 2)
    settings.set(S.BACKUP_KEEP_WEEKLY, 0)
    today = folder / f"tryg-{date.today().isoformat()}.sqlite3"

    window.files.start_daily_backup()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "", timeout=10000)
    assert window.statusBar().currentMessage() == "Dagens sikkerhedskopi er taget."
    assert sorted(p.name for p in folder.iterdir()) == ["tryg-2026-11-03.sqlite3", today.name]
    with sqlite3.connect(str(today)) as raw:
        assert raw.execute("SELECT name FROM contact").fetchall() == [("Åse Berg",)]
    assert prompts.asked == []


def test_a_failed_daily_backup_is_a_line_in_the_status_bar(window, qtbot, db_path, prompts):
    (db_path.parent / "backups").write_text("en fil, hvor mappen skulle være")
    window.files.start_daily_backup()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "", timeout=10000)
    assert window.statusBar().currentMessage().startswith(
        "Den daglige sikkerhedskopi kunne ikke gemmes")
    assert prompts.asked == []  # no dialog


def _backup_on(day: date, at: datetime) -> Path:
    path = A.take_daily_backup(today=day)
    os.utime(path, (at.timestamp(), at.timestamp()))
    return path


def test_restore_from_the_menu_with_enter(window, qtbot, prompts, db_path):
    C.create(C.ContactInput(name="Åse Berg"))
    _backup_on(date(2026, 12, 1), datetime(2026, 12, 1, 8, 15))
    C.create(C.ContactInput(name="Bo Senere"))
    newest = _backup_on(date(2026, 12, 2), datetime(2026, 12, 2, 9, 30))
    C.create(C.ContactInput(name="Carl Sidst"))
    window.navigation.setCurrentRow(1)
    assert window.contacts_page.model.rowCount() == 3
    seen = {}

    def drive(dialog):
        rows = [[dialog.list.topLevelItem(r).text(c) for c in range(3)]
                for r in range(dialog.list.topLevelItemCount())]
        seen["rows"] = rows
        dialog.show()
        prompts.confirm_answers.append(True)
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # the newest is selected
        assert dialog.result() == dialog.DialogCode.Accepted and not dialog.isVisible()
        return dialog.result()

    prompts.dialog_handlers.append(drive)
    menu_action(window, "Gendan fra sikkerhedskopi …").trigger()
    qtbot.waitUntil(lambda: any(a[1] == "Sikkerhedskopien er gendannet" for a in prompts.asked),
                    timeout=10000)

    assert [row[0] for row in seen["rows"]] == ["02.12.2026 kl. 09.30", "01.12.2026 kl. 08.15"]
    assert all(re.fullmatch(r"\d+(,\d)?\u00a0(kB|MB)", row[1]) for row in seen["rows"])
    assert [row[2] for row in seen["rows"]] == ["Daglig", "Daglig"]
    [question] = [a for a in prompts.asked if a[0] == "confirm"]
    assert "02.12.2026 kl. 09.30" in question[2] and "før-gendannelse" in question[2]
    # The page in view was built again from the restored database.
    assert window.stack.currentWidget() is window.contacts_page
    assert window.contacts_page.model.rowCount() == 2
    assert sorted(r.name for r in C.iter_all()) == ["Bo Senere", "Åse Berg"]
    [aside] = db_path.parent.glob("tryg.sqlite3.før-gendannelse-*")
    with sqlite3.connect(str(aside)) as raw:
        assert ("Carl Sidst",) in raw.execute("SELECT name FROM contact").fetchall()
    [told] = [a[2] for a in prompts.asked if a[1] == "Sikkerhedskopien er gendannet"]
    assert str(aside) in told
    assert newest.exists()


def test_escape_or_no_restores_nothing(window, qtbot, prompts, db_path):
    C.create(C.ContactInput(name="Åse Berg"))
    _backup_on(date(2026, 12, 1), datetime(2026, 12, 1, 8, 15))
    C.create(C.ContactInput(name="Bo Senere"))

    def escape(dialog):
        dialog.show()
        qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
        return dialog.result()

    def say_no(dialog):
        prompts.confirm_answers.append(False)
        dialog.show()
        dialog.restore_button.click()
        assert dialog.isVisible()  # still open: the user may choose another
        return dialog.result()

    prompts.dialog_handlers += [escape, say_no]
    window.files.restore()
    window.files.restore()
    assert [d.result() for d in prompts.dialogs] == [0, 0]
    assert len(list(C.iter_all())) == 2
    assert not list(db_path.parent.glob("*før-gendannelse*"))


def test_sizes_in_danish_and_an_empty_list(qtbot, prompts, tmp_path):
    big = A.BackupFile(tmp_path / "a", datetime(2026, 12, 3, 14, 5), 1_258_291, False)
    aside = A.BackupFile(tmp_path / "b", datetime(2026, 12, 2, 7, 0), 340 * 1024, True)
    dialog = RestoreDialog(prompts, [big, aside], "tryg.sqlite3")
    qtbot.addWidget(dialog)
    assert [dialog.list.topLevelItem(r).text(1) for r in range(2)] == ["1,2\u00a0MB",
                                                                      "340\u00a0kB"]
    assert dialog.list.topLevelItem(1).text(2) == "Før gendannelse"

    empty = RestoreDialog(prompts, [], "tryg.sqlite3")
    qtbot.addWidget(empty)
    assert not empty.restore_button.isEnabled()
    empty.restore()
    assert prompts.asked == [] and empty.chosen is None


def test_restore_a_backup_taken_by_hand(window, qtbot, prompts, db_path, tmp_path):
    from tryg_desktop.services.backup import make_backup

    C.create(C.ContactInput(name="Åse Berg"))
    by_hand = tmp_path / "ud" / "min kopi.sqlite3"
    by_hand.parent.mkdir()
    make_backup(by_hand)
    C.create(C.ContactInput(name="Bo Senere"))

    def drive(dialog):
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        assert not dialog.restore_button.isEnabled()  # no automatic backups yet
        prompts.open_paths.append(by_hand)
        prompts.confirm_answers.append(True)
        qtbot.keyClick(dialog.list, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: not dialog.isVisible())  # a mnemonic clicks after a moment
        return dialog.result()

    prompts.dialog_handlers.append(drive)
    window.files.restore()
    qtbot.waitUntil(lambda: any(a[1] == "Sikkerhedskopien er gendannet" for a in prompts.asked),
                    timeout=10000)
    [question] = [a for a in prompts.asked if a[0] == "confirm"]
    assert "»min kopi.sqlite3«" in question[2]
    assert [r.name for r in C.iter_all()] == ["Åse Berg"]
