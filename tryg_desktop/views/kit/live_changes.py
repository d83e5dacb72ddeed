"""Live changes from colleagues on the team's server (issue 12, point 6).

LiveChanges owns a thread that runs the listener (services/meetings/presence.make_listener,
db/server/live.py) and re-emits each change on the GUI thread as changed(table, record_id, login,
meeting_id). The main window starts one when the open database is the server and stops it on
close; editors find it with current(). What this process saved itself (its GUI connection's
backend pid, same login) is not passed on: the window that saved shows it already.

ChangedElsewhereBar is the line an open editor shows before any conflict:
"Ændret af LOGIN kl. 14.05 – [Genindlæs]"."""

from __future__ import annotations

import datetime as dt
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from tryg_desktop import l10n
from tryg_desktop.services.meetings import presence
from tryg_desktop.views.kit.colours import notice_style

_current: "LiveChanges | None" = None


def current() -> "LiveChanges | None":
    """The running LiveChanges of this process, or None (SQLite, or not started)."""
    return _current


class LiveChanges(QObject):
    # table, record id (None when unknown), login, meeting id (None when the row has none)
    changed = Signal(str, object, str, object)
    change = Signal(object)  # the same, whole (db/live.Change: with its action and pid)
    connected = Signal(bool)  # the listening connection is up (True) or lost (False)
    _arrived = Signal(object)  # from the listener's thread; queued to the GUI thread
    _state = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._state.connect(self.connected, Qt.ConnectionType.QueuedConnection)
        self._listener = None
        self._thread: threading.Thread | None = None

    def start(self) -> bool:
        """Start listening; False on SQLite (nothing to listen to)."""
        global _current
        if self._thread is not None:
            return True
        self._listener = presence.make_listener(self._from_thread, self._state_from_thread)
        if self._listener is None:
            return False
        self._thread = threading.Thread(target=self._listener.run, name="tryg-live",
                                        daemon=True)
        self._thread.start()
        _current = self
        return True

    def stop(self, wait_s: float = 2.0) -> None:
        global _current
        if _current is self:
            _current = None
        if self._listener is not None:
            self._listener.stop()
        if self._thread is not None:
            self._thread.join(wait_s)
        self._thread = None

    @property
    def listener(self):
        return self._listener

    # -- on the listener's thread: only emit ----------------------------------------------------
    def _from_thread(self, change) -> None:
        try:
            self._arrived.emit(change)
        except RuntimeError:
            pass  # the window is gone

    def _state_from_thread(self, up: bool) -> None:
        try:
            self._state.emit(up)
        except RuntimeError:
            pass

    # -- on the GUI thread ----------------------------------------------------------------------
    def _deliver(self, change) -> None:
        if self._thread is None:
            return  # stopped: what was still on its way is for nobody
        if presence.is_own(change):
            return
        self.changed.emit(change.table, change.record_id, change.login, change.meeting_id)
        self.change.emit(change)


class ChangedElsewhereBar(QWidget):
    """"Ændret af Jens Hansen (jha) kl. 14.05 – Genindlæs": hidden until a colleague saves
    the record the editor shows. The editor connects reload_requested."""

    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(objectName="changed_elsewhere")
        self.label.setWordWrap(True)
        self.label.setStyleSheet(notice_style(4))
        self.reload_button = QPushButton("Genindlæs")
        self.reload_button.clicked.connect(self.reload_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button)
        self.hide()

    def show_change(self, login: str, action: str, at: dt.datetime | None = None) -> None:
        at = at or dt.datetime.now()
        who = presence.display_name(login)
        if action == "delete":
            self.label.setText(f"Slettet af {who} kl. {l10n.clock(at)}")
            self.reload_button.hide()
        else:
            self.label.setText(f"Ændret af {who} kl. {l10n.clock(at)} –")
            self.reload_button.show()
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.hide()


def watch(widget: QWidget, on_change) -> bool:
    """Calls on_change(change) for every colleague's change while widget is shown (a closed
    editor that Python has not freed yet hears nothing). False when nothing listens (SQLite)."""
    hub = current()
    if hub is None:
        return False

    def arrived(change):
        try:
            if widget.isVisible():
                on_change(change)
        except RuntimeError:  # the widget's C++ side is gone
            _disconnect(hub, arrived)

    hub.change.connect(arrived)
    # A plain function is not disconnected with the widget: do it when the widget goes.
    widget.destroyed.connect(lambda *_: _disconnect(hub, arrived))
    return True


def _disconnect(hub: LiveChanges, slot) -> None:
    try:
        hub.change.disconnect(slot)
    except (RuntimeError, TypeError):
        pass
