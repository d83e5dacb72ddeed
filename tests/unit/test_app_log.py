"""Issue 10 point 17: a rotating log file, private, without personal data; worker errors and the
command line's unexpected errors reach it; --verbose adds a console."""

import logging
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tryg_desktop import app_log, cli
from tryg_desktop.workers import Task

MAIN = Path(__file__).resolve().parents[2] / "main.py"
# In variables: a traceback shows the source line, and the test must see only the value.
NAME, CPR = "Fatima Ali", "010190-1234"
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def logs(tmp_path):
    """A configured log in tmp_path/logs; detached again after the test."""
    yield tmp_path / "logs"
    app_log.close()
    app_log.uninstall_exception_hooks()


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_configure_writes_iso_time_level_logger_and_message(logs):
    path = app_log.configure(logs)
    assert path == logs / "tryg.log"
    logging.getLogger("tryg_desktop.contacts").info("Importerede %d kontakter", 12)
    line = read(path).splitlines()[-1]
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d INFO "
                    r"tryg_desktop\.contacts: Importerede 12 kontakter$", line), line


@posix_only
def test_log_folder_and_files_are_the_users_alone(logs):
    logs.mkdir(mode=0o755)
    path = app_log.configure(logs, max_bytes=300, backups=2)
    for number in range(20):
        logging.getLogger("tryg_desktop").warning("linje %d %s", number, "x" * 50)
    assert stat.S_IMODE(logs.stat().st_mode) == 0o700
    files = sorted(logs.iterdir())
    assert [f.name for f in files] == ["tryg.log", "tryg.log.1", "tryg.log.2"]
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files), files
    assert all(f.stat().st_size <= 300 for f in files)
    assert "linje 19" in read(path)


def test_cpr_numbers_are_masked_and_long_messages_cut(logs):
    path = app_log.configure(logs)
    log = logging.getLogger("tryg_desktop.import")
    log.warning("Afvist værdi %s", "ring 010190-1234 i dag")
    log.warning("Afvist værdi %s", "ring 010190\u20131234 i dag")  # en dash
    log.warning("Afvist værdi %s", "y" * 1_000_000)
    text = read(path)
    assert "1234" not in text and text.count("ring 010190-XXXX i dag") == 2
    assert len(text) < 5000 and "forkortet fra" in text


def test_a_traceback_has_its_frames_and_type_but_not_the_exceptions_words(logs):
    path = app_log.configure(logs)
    try:
        try:
            {}[NAME]
        except KeyError as error:
            raise ValueError(f"{NAME}, {CPR}") from error
    except ValueError:
        logging.getLogger("tryg_desktop.x").exception("Opgaven fejlede (%s)", "ValueError")
    text = read(path)
    assert "Fatima" not in text and "010190" not in text
    assert "KeyError" in text and "ValueError" in text and "direct cause" in text
    assert f'File "{__file__}", line' in text and "in test_a_traceback" in text


def test_verbose_adds_the_apps_debug_records_and_a_console(logs, capsys):
    path = app_log.configure(logs)
    logging.getLogger("tryg_desktop.x").debug("stille")
    assert "stille" not in read(path) and capsys.readouterr().err == ""
    app_log.configure(logs, verbose=True)
    logging.getLogger("tryg_desktop.x").debug("snakkesalig")
    logging.getLogger("peewee").debug("SELECT … ('Fatima Ali',)")  # query parameters: never
    assert "snakkesalig" in read(path) and "snakkesalig" in capsys.readouterr().err
    assert "Fatima" not in read(path)


def test_configuring_again_replaces_the_handlers(logs):
    root = logging.getLogger()
    before = len(root.handlers)
    app_log.configure(logs)
    app_log.configure(logs, verbose=True)
    assert len(root.handlers) == before + 2
    app_log.close()
    assert len(root.handlers) == before and app_log.log_file() is None


def test_a_full_or_locked_log_never_disturbs_the_user(logs, capsys):
    logs.mkdir()
    (logs / "tryg.log").mkdir()  # the file cannot be opened at all
    app_log.configure(logs)
    logging.getLogger("tryg_desktop").error("noget gik galt")
    assert capsys.readouterr().err == ""


def test_importing_the_log_module_loads_no_heavy_modules():
    """Start-up cost: no Qt, no logging.handlers (socket, pickle, queue) at import."""
    code = ("import sys, logging, typing; before = set(sys.modules); "
            "import tryg_desktop.app_log; print(sorted(set(sys.modules) - before))")
    new = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    for heavy in ("PySide6", "logging.handlers", "socket", "pickle", "tryg_desktop.services"):
        assert f"'{heavy}" not in new, new


# --- exception hooks (the dialog itself: tests/gui/test_error_dialog.py) ----------------------

def test_an_exception_in_a_thread_is_logged_and_reported(logs):
    path = app_log.configure(logs)
    reported = []
    app_log.install_exception_hooks(lambda *exc: reported.append(exc[0]))
    thread = threading.Thread(target=lambda: {}[NAME])
    thread.start()
    thread.join()
    assert reported == [KeyError]
    text = read(path)
    assert "ERROR tryg_desktop.app_log: Uventet fejl (KeyError)" in text and "Fatima" not in text


def test_qt_warnings_reach_the_log(logs):
    from PySide6.QtCore import qCritical, qInstallMessageHandler

    path = app_log.configure(logs)
    previous = app_log.install_qt_message_handler()
    try:
        qCritical("QPainter ran out of paint")
    finally:
        qInstallMessageHandler(previous)
    assert "ERROR qt: QPainter ran out of paint" in read(path)


# --- workers ----------------------------------------------------------------------------------

def test_a_workers_error_reaches_the_log_file_and_nothing_reaches_stderr(logs, qtbot, capfd):
    path = app_log.configure(logs)

    def fail(progress, is_cancelled):
        raise KeyError(NAME)

    task = Task(fail)
    with qtbot.waitSignal(task.signals.failed, timeout=5000):
        task.start()
    text = read(path)
    assert "ERROR tryg_desktop.workers: Opgaven " in text and ".fail fejlede (KeyError)" in text
    assert "in fail" in text  # the frame
    assert "Fatima" not in text
    assert capfd.readouterr().err == ""


# --- the command line -------------------------------------------------------------------------

def _a_bug(args):
    raise ZeroDivisionError(NAME)


def test_cli_unexpected_error_is_one_danish_line_and_the_traceback_is_in_the_log(
        tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(cli.HANDLERS, "demo", _a_bug)
    code = cli.run(cli.parse_args(["demo", "--database", str(tmp_path / "t.sqlite3")]))
    err = capsys.readouterr().err
    log = app_log.default_folder() / "tryg.log"
    assert code == 1
    assert err == f"Fejl: Der opstod en uventet fejl; detaljer i logfilen {log}\n"
    text = read(log)
    assert "ZeroDivisionError" in text and "in _a_bug" in text and "Fatima" not in text


def test_cli_verbose_puts_the_traceback_on_stderr_too(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(cli.HANDLERS, "demo", _a_bug)
    code = cli.run(cli.parse_args(["demo", "--verbose", "--database",
                                   str(tmp_path / "t.sqlite3")]))
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" in err and "ZeroDivisionError" in err
    assert err.rstrip("\n").splitlines()[-1].startswith("Fejl: Der opstod en uventet fejl")


def test_cli_verbose_is_accepted_before_and_after_the_command(tmp_path):
    database = str(tmp_path / "t.sqlite3")
    for argv in (["--verbose", "demo", "--database", database],
                 ["demo", "--verbose", "--database", database]):
        assert cli.parse_args(argv).verbose is True
    assert cli.parse_args(["demo"]).verbose is False


@pytest.mark.sqlite_only("the command line on the SQLite file")
def test_cli_run_that_goes_well_writes_no_log_and_loads_no_qt(tmp_path, db, db_path):
    """python main.py: a clean command with --database neither creates a log nor pays for
    Qt to find the folder."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    code = ("import sys\nfrom tryg_desktop import app\ntry:\n    app.main(sys.argv[1:])\n"
            "except SystemExit as end:\n"
            "    print(end.code, any(m.startswith('PySide6') for m in sys.modules))")
    argv = ["--database", str(db_path), "backup", str(tmp_path / "kopi.sqlite3")]
    result = subprocess.run([sys.executable, "-c", code, *argv],
                            capture_output=True, text=True, env=env, cwd=MAIN.parent)
    assert result.stdout.split()[-2:] == ["0", "False"], result.stdout + result.stderr
    assert not (tmp_path / "data").exists()


def test_cli_database_and_file_errors_are_logged_by_type(tmp_path, capsys):
    """A damaged database or a failing disk leaves a trace for whoever helps (not its text)."""
    damaged = tmp_path / "skadet.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    code = cli.run(cli.parse_args(["places", "list", "--database", str(damaged)]))
    assert code != 0 and capsys.readouterr().err.startswith("Fejl: ")
    text = read(app_log.default_folder() / "tryg.log")
    assert "WARNING tryg_desktop.cli: Database" in text
