"""The log file: what went wrong on a coordinator's PC, for whoever helps, without personal data.

    configure(folder=None, verbose=False) -> Path   GUI start: logs/tryg.log in the app data folder
    configure_for_cli(verbose=False)                 the CLI: the same file, found only when written
    log_file() / log_folder()                        where the log is (or would be)
    install_exception_hooks(on_error)                sys/threading excepthook: log, then on_error
    install_qt_message_handler()                     Qt's warnings and qCritical/qFatal into the log
    describe_exception(exc_type, exc, tb) -> str     a traceback without the exception's message
    close()                                          detach everything configure attached

What is logged: ids, counts, error types and code locations; never names, notes or messages of
exceptions (an exception's text may quote what the user typed, e.g. a KeyError("Fatima Ali")).
A filter masks CPR numbers and cuts long messages as a safety net under that rule.

Cheap to import: logging is loaded anyway (the workers use it); logging.handlers is not used
because it pulls in socket, pickle and queue (~10 ms); Qt and the privacy rules load on use.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
import traceback
from pathlib import Path
from typing import Callable

LOG_NAME = "tryg.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
MESSAGE_LIMIT = 2000  # characters; a refused 1 MB value must not fill the log

_log = logging.getLogger(__name__)

_state: dict = {"handlers": [], "root_level": None, "app_level": None, "file": None,
                "hooks": None}


# --- configuration ----------------------------------------------------------------------------

def default_folder() -> Path:
    from tryg_desktop import paths

    return paths.app_data_dir() / "logs"


def configure(folder: Path | None = None, verbose: bool = False, *,
              max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> Path:
    """A rotating log file (max_bytes × backups) in folder, by default the app data folder's
    logs/. verbose: the app's DEBUG records too, and everything also to stderr. Calling it again
    replaces what an earlier call attached. Returns the log file's path."""
    chosen = Path(folder) if folder is not None else default_folder()
    handler = _LogFile(lambda: chosen, max_bytes, backups)
    _attach(handler, verbose)
    return handler.path


def configure_for_cli(verbose: bool = False) -> None:
    """As configure(), but the folder is looked up (which loads Qt, ~0.2 s) only when the first
    record is written: a command that runs cleanly with --database never pays for it."""
    _attach(_LogFile(default_folder, MAX_BYTES, BACKUPS, opened_on_first_record=True), verbose)


def log_file() -> Path | None:
    """The configured log file, or None before configure."""
    handler = _state["file"]
    return handler.path if handler is not None else None


def log_folder() -> Path:
    """The configured log folder, or where the log would be."""
    path = log_file()
    return path.parent if path is not None else default_folder()


def close() -> None:
    """Detaches and closes the handlers configure attached and restores the levels."""
    root = logging.getLogger()
    for handler in _state["handlers"]:
        root.removeHandler(handler)
        handler.close()
    if _state["root_level"] is not None:
        root.setLevel(_state["root_level"])
        logging.getLogger("tryg_desktop").setLevel(_state["app_level"])
    _state.update(handlers=[], root_level=None, app_level=None, file=None)


def _attach(file_handler: "_LogFile", verbose: bool) -> None:
    close()
    root, app = logging.getLogger(), logging.getLogger("tryg_desktop")
    _state.update(root_level=root.level, app_level=app.level, file=file_handler)
    handlers: list[logging.Handler] = [file_handler]
    if verbose:
        handlers.append(_Stderr())
    for handler in handlers:
        handler.addFilter(PrivacyFilter())
        root.addHandler(handler)
    _state["handlers"] = handlers
    # Other libraries stay at INFO even when verbose: peewee's DEBUG records hold each query's
    # parameters, which are names and notes.
    root.setLevel(logging.INFO)
    app.setLevel(logging.DEBUG if verbose else logging.INFO)


# --- privacy ----------------------------------------------------------------------------------

# Ten digits with at most six other characters between each two: every spelling the CPR rule
# reads fits (dashes, dots, slashes, spaces, invisible marks); version strings do not.
_TEN_DIGITS_CLOSE = re.compile(r"\d(?:\D{0,6}\d){9}")


def mask_cpr(text: str) -> str:
    """privacy.mask_cpr, the one rule ("010190-XXXX"), loaded only for a text with ten digits."""
    if not _TEN_DIGITS_CLOSE.search(text):
        return text  # no room for a CPR number: most records skip the rule and its import
    from tryg_desktop.services import privacy

    return privacy.mask_cpr(text)


def _safe_text(text: str) -> str:
    length = len(text)
    if length <= MESSAGE_LIMIT:
        return mask_cpr(text)
    # Masked before the final cut, so the cut cannot leave half a number unmasked; only a
    # margin beyond the limit is read, so a 1 MB value costs no more than a short one.
    margin = 200
    if length <= MESSAGE_LIMIT + margin:
        kept = mask_cpr(text)[:MESSAGE_LIMIT]
    else:
        masked = mask_cpr(text[:MESSAGE_LIMIT + margin])
        kept = masked[:max(0, min(MESSAGE_LIMIT, len(masked) - margin))]
    return f"{kept} … (forkortet fra {length} tegn)"


class PrivacyFilter(logging.Filter):
    """The safety net: CPR numbers masked and long messages cut, whatever a caller logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a badly formatted call must not lose the record
            message = str(record.msg)
        record.msg, record.args = _safe_text(message), None
        return True


def describe_exception(exc_type, exc, tb) -> str:
    """The traceback (chained ones too) with file names, line numbers and code, and the
    exception's type, but not its message: that may quote a name or a note."""
    return "".join(_safe_lines(traceback.TracebackException(exc_type, exc, tb)))


def _safe_lines(te: traceback.TracebackException):
    if te.__cause__ is not None:
        yield from _safe_lines(te.__cause__)
        yield "\nThe above exception was the direct cause of the following exception:\n\n"
    elif te.__context__ is not None and not te.__suppress_context__:
        yield from _safe_lines(te.__context__)
        yield "\nDuring handling of the above exception, another exception occurred:\n\n"
    if te.stack:
        yield "Traceback (most recent call last):\n"
        yield from te.stack.format()
    yield type_name(te.exc_type) + "\n"


def type_name(exc_type) -> str:
    if exc_type is None:
        return "Exception"
    module = getattr(exc_type, "__module__", "builtins")
    name = getattr(exc_type, "__qualname__", str(exc_type))
    return name if module in ("builtins", "__main__") else f"{module}.{name}"


class _Formatter(logging.Formatter):
    """ISO time, level, logger, message; tracebacks without exception messages, except on a
    console the user asked for with --verbose (masked and cut there too)."""

    def __init__(self, with_exception_messages: bool = False) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.with_messages = with_exception_messages

    def format(self, record) -> str:
        # logging caches the formatted traceback on the record for the next handler: the log
        # file must not reuse a console's text with the message, so each formats its own.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatTime(self, record, datefmt=None) -> str:  # noqa: N802 - logging's name
        import datetime as dt

        moment = dt.datetime.fromtimestamp(record.created).astimezone()
        return moment.isoformat(timespec="milliseconds")

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        if self.with_messages:
            return mask_cpr(super().formatException(ei))
        return describe_exception(*ei).rstrip("\n")


# --- handlers ---------------------------------------------------------------------------------

class _LogFile(logging.Handler):
    """Size-rotated file (tryg.log, tryg.log.1 … .N), 0600 in a 0700 folder. A full disk or a
    file locked by another process loses the record, silently: the log must never stop the app.
    Not logging.handlers.RotatingFileHandler: it wants the file's path when made (the CLI finds
    the folder through Qt only when a record is written) and its import (socket, pickle) costs
    start-up about 10 ms."""

    def __init__(self, folder: Callable[[], Path], max_bytes: int, backups: int,
                 opened_on_first_record: bool = False) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(_Formatter())
        self._folder, self._path = folder, None
        self.max_bytes, self.backups = max_bytes, backups
        self._stream = None
        if not opened_on_first_record:
            try:
                self._open()
            except OSError:
                pass  # tried again at the first record

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = Path(self._folder()) / LOG_NAME
        return self._path

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + "\n"
            if self._stream is None:
                self._open()
            if self.max_bytes and self._stream.tell() + len(line.encode("utf-8")) > self.max_bytes:
                self._rotate()
            self._stream.write(line)
            self._stream.flush()
        except Exception:  # noqa: BLE001 - see the class comment
            self.handleError(record)

    def handleError(self, record) -> None:  # noqa: N802 - logging's name
        # logging's default prints a traceback to stderr, which a Windows GUI program lacks and
        # a command-line user must not see.
        self._close_stream()

    def _open(self) -> None:
        folder = self.path.parent
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if os.name == "posix":  # also when they were made before this rule, or by another umask
            os.chmod(folder, 0o700)
            os.fchmod(descriptor, 0o600)
        self._stream = open(descriptor, "a", encoding="utf-8", errors="backslashreplace")

    def _rotate(self) -> None:
        self._close_stream()
        base = str(self.path)
        for number in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{number}"):
                os.replace(f"{base}.{number}", f"{base}.{number + 1}")
        if self.backups:
            os.replace(base, f"{base}.1")
        else:
            os.remove(base)
        self._open()

    def _close_stream(self) -> None:
        if self._stream is not None:
            try:
                self._stream.close()
            except OSError:
                pass
            self._stream = None

    def close(self) -> None:
        self.acquire()
        try:
            self._close_stream()
        finally:
            self.release()
        super().close()


class _Stderr(logging.StreamHandler):
    """--verbose: the records on whatever sys.stderr is when they are written."""

    def __init__(self) -> None:
        logging.Handler.__init__(self, logging.DEBUG)
        self.setFormatter(_Formatter(with_exception_messages=True))

    @property
    def stream(self):
        return sys.stderr

    def emit(self, record) -> None:
        if sys.stderr is not None:
            super().emit(record)

    def handleError(self, record) -> None:  # noqa: N802 - logging's name
        pass  # a closed console: nothing better to do


# --- exception hooks --------------------------------------------------------------------------

def install_exception_hooks(on_error: Callable | None = None) -> None:
    """Every exception nobody caught (in a Qt slot, the main thread, or a Python thread) is
    logged, then on_error(exc_type, exc, tb) is called, e.g. to show the user a dialog; the
    program keeps running. uninstall_exception_hooks() puts the previous hooks back."""
    if _state["hooks"] is None:
        _state["hooks"] = (sys.excepthook, threading.excepthook)

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        _log.error("Uventet fejl (%s)", type_name(exc_type), exc_info=(exc_type, exc, tb))
        if on_error is not None:
            try:
                on_error(exc_type, exc, tb)
            except Exception as error:  # noqa: BLE001 - the hook must not raise into Qt
                _log.error("Fejldialogen kunne ikke vises (%s)", type_name(type(error)),
                           exc_info=True)

    def thread_hook(args) -> None:
        if args.exc_type is SystemExit:
            return
        hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def uninstall_exception_hooks() -> None:
    if _state["hooks"] is not None:
        sys.excepthook, threading.excepthook = _state["hooks"]
        _state["hooks"] = None


def install_qt_message_handler():
    """Qt's own warnings, qCritical and qFatal go to the log (a Windows GUI program has no
    console to print them on). Returns the handler it replaced."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}
    qt_log = logging.getLogger("qt")

    def handler(mode, context, message) -> None:
        qt_log.log(levels.get(mode, logging.WARNING), "%s", message)

    return qInstallMessageHandler(handler)
