"""Referat: the minutes mode of a meeting. Attendance is ticked in a check list
(views/meetings/attendance_list.py); each agenda item gets its discussion note (referat) and
decision (beslutning), saved as they are typed, so that a crash or a power cut loses at most about
two seconds of typing. The minutes go from Kladde to Til kommentering to Godkendt (locked); Genåbn
is recorded in the audit trail.

Each save carries the item's version the text was started from. When another editor saved the
item since (a second window or PC), nothing is overwritten: the writer sees both texts
(views/meetings/minutes_conflict.py) and chooses; until then nothing is saved for the item."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop.date_input import parse_date
from tryg_desktop.services.errors import ConnectionLostError, ServiceError
from tryg_desktop.services.meetings import agenda, meetings, minutes, minutes_offline
from tryg_desktop.views.meetings.follow_up_table import FollowUpTable
from tryg_desktop.views.meetings.minutes_conflict import (
    MERGE,
    TAKE_THEIRS,
    UNDECIDED,
    MinutesConflictDialog,
    replace_undoably,
)
from tryg_desktop.views.kit.colours import WARNING_TEXT, text_style
from tryg_desktop.views.kit.prompts import Prompts

AUTOSAVE_MS = 1000  # typed text reaches the database within about a second


class MinutesPanel(QWidget):
    changed = Signal()  # attendance, actions, the referat's state: the meeting may have moved on
    text_saved = Signal()  # an item's notes or decision autosaved: nothing else changed

    def __init__(self, meeting_id: int, prompts: Prompts | None = None, parent=None,
                 load: bool = True) -> None:
        """`load=False`: filled by the first reload() (the meeting editor does that when the
        tab is first shown, so opening a meeting does not read the forum's open actions)."""
        super().__init__(parent)
        self.meeting_id = meeting_id
        self.prompts = prompts or Prompts()
        self._item: agenda.ItemRow | None = None  # as last saved or read: text and version
        self._conflict: minutes.MinutesConflictError | None = None  # undecided, for _item
        self._loading = False
        self.locked = True  # until loaded: nothing to write into
        self._rows: list[agenda.ItemRow] = []

        self.state_label = QLabel()
        self.send_button = QPushButton("Send til &kommentering …")
        self.send_button.clicked.connect(self.send_for_comments)
        self.approve_button = QPushButton("Godk&end referatet")
        self.approve_button.clicked.connect(self.approve)
        self.reopen_button = QPushButton("Gen&åbn …")
        self.reopen_button.clicked.connect(self.reopen)
        top = QHBoxLayout()
        top.addWidget(self.state_label, 1)
        for button in (self.send_button, self.approve_button, self.reopen_button):
            top.addWidget(button)

        from tryg_desktop.views.meetings.attendance_list import AttendanceList

        self.notice = QLabel(wordWrap=True)  # aflyst / not begun: said at the top
        self.notice.setStyleSheet(text_style(WARNING_TEXT) + " font-weight: bold;")
        self.notice.hide()
        self.attendance = AttendanceList(meeting_id, self.prompts)
        self.attendance.changed.connect(self.changed)

        self.items = QListWidget(accessibleName="Punkter")
        self.items.currentRowChanged.connect(self._show_item)
        self.item_title = QLabel(wordWrap=True)
        self.notes_edit = QPlainTextEdit(accessibleName="Referat",
                                         placeholderText="Referat: hvad blev der sagt?",
                                         tabChangesFocus=True)  # Tab goes on, as in a form
        self.decision_edit = QPlainTextEdit(accessibleName="Beslutning",
                                            placeholderText="Beslutning: hvad blev besluttet?",
                                            tabChangesFocus=True)
        self.saved_label = QLabel(wordWrap=True)
        self.conflict_button = QPushButton("&Løs konflikt …")
        self.conflict_button.clicked.connect(self.resolve_conflict)
        self.conflict_button.hide()
        for edit in (self.notes_edit, self.decision_edit):
            edit.textChanged.connect(self._typed)
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)

        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.item_title)
        editor_layout.addWidget(QLabel("<b>Referat</b>"))
        editor_layout.addWidget(self.notes_edit, 2)
        editor_layout.addWidget(QLabel("<b>Beslutning</b>"))
        editor_layout.addWidget(self.decision_edit, 1)
        saved_row = QHBoxLayout()
        saved_row.addWidget(self.saved_label, 1)
        saved_row.addWidget(self.conflict_button)
        editor_layout.addLayout(saved_row)
        self.new_action_button = QPushButton("Ny h&andling fra punktet …")
        self.new_action_button.clicked.connect(self.new_action)
        self.item_actions = QLabel(wordWrap=True)
        editor_layout.addWidget(self.item_actions)
        editor_layout.addWidget(self.new_action_button)
        self.follow_up = FollowUpTable(self.prompts)
        self.follow_up.changed.connect(self.changed)
        editor_layout.addWidget(self.follow_up, 2)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.attendance, 3)
        left_layout.addWidget(QLabel("<b>Punkter</b>"))
        left_layout.addWidget(self.items, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(editor)
        # Half each: at 1366 pixels two fifths cut the names and organisations in the
        # attendance list ("Aalborg Komm…" five times over).
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)
        if load:
            self.reload()

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.save_now()
        state = minutes.status(self.meeting_id)
        cancelled = self._notice()
        self.locked = state.locked or cancelled  # an aflyst meeting has no referat to write
        text = f"Referatets status: <b>{state.label}</b>"
        if getattr(state, "comment_deadline", None):
            text += f" (kommentarer senest {l10n.short_date(state.comment_deadline)})"
        if getattr(state, "approved_on", None):
            from tryg_desktop.l10n import format_date

            # "Godkendt den 3. december 2026 af …", as the printed referat says it
            when = f"den {format_date(state.approved_on)}"
            text += f" {when}" if state.label == "Godkendt" else f", godkendt {when}"
            if state.approved_by:
                text += f" af {state.approved_by}"
        self.state_label.setText(text)
        self.send_button.setEnabled(not self.locked)
        self.approve_button.setEnabled(not self.locked)
        self.reopen_button.setEnabled(state.locked)
        self.attendance.load(self.locked)
        current = self.items.currentRow()
        self.items.blockSignals(True)
        self.items.clear()
        self._rows = agenda.items(self.meeting_id)
        for item in self._rows:
            mark = " (lukket)" if item.closed else ""
            self.items.addItem(QListWidgetItem(f"{item.number}. {item.title}{mark}"))
        self.items.blockSignals(False)
        self.items.setCurrentRow(max(0, min(current, len(self._rows) - 1)) if self._rows else -1)
        self._show_item()

    def _notice(self) -> bool:
        """Says at the top when the meeting is aflyst (no referat at all) or has not begun
        (notes may be prepared, but not approved or printed). True when aflyst."""
        meeting = meetings.get(self.meeting_id)
        if meeting.status == "aflyst":
            text = "Mødet er aflyst, så der skrives ikke referat."
        else:
            try:
                minutes.check_referat(self.meeting_id)
                text = ""
            except ServiceError as error:
                text = error.message
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        return meeting.status == "aflyst"

    def _show_item(self, *_args) -> None:
        self._leave_item()
        row = self.items.currentRow()
        self._item = self._rows[row] if 0 <= row < len(self._rows) else None
        if self._item is not None:  # afresh: another window or PC may have written it since
            try:
                self._item = agenda.get(self._item.id)
                self._rows[row] = self._item
            except ServiceError:
                pass  # deleted elsewhere: the next save says so
        self._loading = True
        try:
            item = self._item
            self.item_title.setText(f"<h3>{item.number}. {item.title}</h3>" if item else "")
            self.notes_edit.setPlainText(item.notes if item else "")
            self.decision_edit.setPlainText(item.decision if item else "")
            for edit in (self.notes_edit, self.decision_edit):
                edit.setReadOnly(self.locked or item is None)
                edit.document().clearUndoRedoStacks()  # undo stays within this item
        finally:
            self._loading = False
        self.new_action_button.setEnabled(item is not None and not self.locked)
        self._show_item_actions()
        # The follow-up item brings the forum's open actions, to be updated on the spot.
        follow_up = item is not None and item.title.lower().startswith("opfølgning på handlinger")
        self.follow_up.setVisible(follow_up)
        if follow_up:
            self.follow_up.load(self.meeting_id, readonly=self.locked)

    def _show_item_actions(self) -> None:
        from tryg_desktop.services.meetings import actions

        item = self._item
        agreed = [] if item is None else actions.fetch(
            actions.ActionFilter(agenda_item_id=item.id), 0, 100)
        self.item_actions.setText(
            "<b>Aftalte handlinger:</b><br>" + "<br>".join(
                f"• {a.title} – {a.responsible_name or 'mangler ansvarlig'}"
                + (f", frist {l10n.short_date(a.due)}" if a.due else "") for a in agreed)
            if agreed else "")
        self.item_actions.setVisible(bool(agreed))

    def new_action(self) -> None:
        from tryg_desktop.views.meetings.action_dialog import ActionDialog

        if self._item is None:
            return
        self.save_now()
        dialog = ActionDialog(None, self.prompts, self, meeting_id=self.meeting_id,
                              agenda_item_id=self._item.id)
        if self.prompts.run_dialog(dialog) and dialog.saved_row is not None:
            self._show_item_actions()
            self.changed.emit()

    # -- saving as you type ------------------------------------------------------------------
    def _typed(self) -> None:
        if self._loading or self._item is None:
            return
        self.saved_label.setText("Gemmer …")
        # Started by the first keystroke, not restarted by the next: while someone types on
        # and on, the text still reaches the database every second.
        if not self._timer.isActive():
            self._timer.start()

    def _typed_text(self) -> tuple[str, str]:
        return self.notes_edit.toPlainText(), self.decision_edit.toPlainText()

    def save_now(self) -> bool:
        """Write the item's text now (also before switching item or closing), at the version
        it was started from. False when it is not saved (an error, or a conflict)."""
        self._timer.stop()
        item = self._item
        if item is None or self._loading:
            return True
        if self._conflict is not None:  # decided later: nothing is saved until the choice
            self.saved_label.setText(UNDECIDED)
            return False
        notes, decision = self._typed_text()
        if (notes, decision) == (item.notes, item.decision):
            return True
        try:
            version = minutes.save_item_minutes(item.id, notes, decision, item.version)
        except minutes.MinutesConflictError as conflict:
            return self._conflicted(conflict)
        except ConnectionLostError:
            # The server is out of reach: the text waits on this PC (the newest per item) and
            # the window delivers it, with the version check, when the connection is back.
            # The item keeps the version the server last acknowledged.
            minutes_offline.keep_for_later(item.id, notes, decision, item.version)
            # The kept text is the base of the next save: once delivered, that save meets our
            # own text at a newer version and goes on top without a question; a colleague's
            # change meanwhile is a real conflict, handled as any other.
            self._item = replace(item, notes=notes, decision=decision)
            self.saved_label.setText(f"Gemt på denne computer kl. {dt.datetime.now():%H.%M.%S}"
                                     " – sendes, når forbindelsen er tilbage")
            return True
        except ServiceError as error:
            self.saved_label.setText(error.message)
            return False
        self._saved(notes, decision, version)
        return True

    def _saved(self, notes: str, decision: str, version: int) -> None:
        # Not read back: a save elsewhere in between must still be seen as a conflict.
        self._item = replace(self._item, notes=notes, decision=decision, version=version)
        self._rows = [self._item if r.id == self._item.id else r for r in self._rows]
        self.saved_label.setText(f"Gemt kl. {dt.datetime.now():%H.%M.%S}")
        self.text_saved.emit()

    def _conflicted(self, conflict: minutes.MinutesConflictError) -> bool:
        """Saved elsewhere since this text was started. When each field was changed by one
        writer only (or the same way, or only the title changed), both are kept without a
        question; otherwise the writer chooses."""
        item, mine = self._item, self._typed_text()
        both = minutes.combined((item.notes, item.decision), mine,
                                (conflict.notes, conflict.decision))
        if both is not None:
            try:
                version = (conflict.version if both == (conflict.notes, conflict.decision)
                           else minutes.save_item_minutes(item.id, *both, conflict.version))
            except minutes.MinutesConflictError as again:
                conflict = again
            except ServiceError as error:
                self.saved_label.setText(error.message)
                return False
            else:
                self._replace_text(*both)  # their field shows up here
                self._saved(*both, version)
                return True
        self._conflict = conflict
        return self.resolve_conflict()

    def resolve_conflict(self) -> bool:
        """Both texts side by side and the writer's choice; True once the item is settled.
        Decided later (Escape): my text stays in the editor and nothing is saved for it."""
        while self._conflict is not None and self._item is not None:
            conflict, item, mine = self._conflict, self._item, self._typed_text()
            dialog = MinutesConflictDialog(f"{item.number}. {item.title}", mine,
                                           (conflict.notes, conflict.decision), self)
            self.prompts.run_dialog(dialog)
            dialog.deleteLater()
            if dialog.choice is None:
                break
            try:
                if dialog.choice == TAKE_THEIRS:
                    self._take_theirs()
                    break
                if dialog.choice == MERGE:
                    self._replace_text(minutes.merged(mine[0], conflict.notes),
                                       minutes.merged(mine[1], conflict.decision))
                    mine = self._typed_text()
                version = minutes.keep_mine(item.id, *mine, conflict.version)
            except minutes.MinutesConflictError as again:  # saved elsewhere once more
                self._conflict = again
                continue
            except ServiceError as error:
                self.saved_label.setText(error.message)
                self.conflict_button.setVisible(True)
                return False
            self._conflict = None
            self._saved(*mine, version)
        self.conflict_button.setVisible(self._conflict is not None)
        if self._conflict is not None:
            self.saved_label.setText(UNDECIDED)
        return self._conflict is None

    def colleague_saved(self, item_id: int) -> None:
        """A colleague saved an item of this meeting (the team's server). The item on screen
        shows their text at once when nothing typed here is pending; typed text is never
        replaced (its next save meets their version and the conflict handling above)."""
        item = self._item
        if item is None or item_id != item.id or self.locked or self._conflict is not None:
            return
        if self._timer.isActive() or self._typed_text() != (item.notes, item.decision):
            return
        try:
            fresh = agenda.get(item_id)
        except ServiceError:
            return  # deleted elsewhere: the next save says so
        if fresh.version == item.version:
            return
        if (fresh.notes, fresh.decision) != (item.notes, item.decision):
            self._replace_text(fresh.notes, fresh.decision)
        self._item = fresh
        self._rows = [fresh if r.id == fresh.id else r for r in self._rows]

    def _replace_text(self, notes: str, decision: str) -> None:
        """Ctrl+Z brings back what was there; not saved as typing."""
        self._loading = True
        try:
            replace_undoably(self.notes_edit, notes)
            replace_undoably(self.decision_edit, decision)
        finally:
            self._loading = False

    def _leave_item(self) -> None:
        """Before another item is shown or the minutes close: save; an undecided conflict is
        asked once more, and if it stays undecided their text stays and mine goes into the
        history (as "Ikke gemt ved konflikt"), so it is not lost."""
        asked_before = self._conflict is not None
        self.save_now()
        if self._conflict is not None and asked_before:
            self.resolve_conflict()
        if self._conflict is not None and self._item is not None:
            try:
                self._take_theirs()
            except ServiceError as error:  # e.g. a CPR number typed after the conflict
                self.prompts.warn(self, "Referatet er ikke gemt", error.message)
                self._conflict = None  # never carried over to the next item
            self.conflict_button.hide()

    def _take_theirs(self) -> None:
        """Their text into the editor (Ctrl+Z brings mine back) and mine into the history;
        the conflict is settled once mine is recorded."""
        conflict = self._conflict
        minutes.set_aside(self._item.id, *self._typed_text())
        self._conflict = None
        self._replace_text(conflict.notes, conflict.decision)
        self._saved(conflict.notes, conflict.decision, conflict.version)
        self.saved_label.setText("Deres tekst gælder. Din tekst er gemt i historikken "
                                 "(Ctrl+Z henter den tilbage).")

    def finish(self) -> None:
        """Leaving minutes mode: save, and write one audit entry per changed item."""
        self._leave_item()
        for item in self._rows:
            minutes.finish_item_minutes(item.id)

    # -- the minutes' state ------------------------------------------------------------------
    def send_for_comments(self) -> None:
        self.finish()
        today = dt.date.today()
        deadline = today + dt.timedelta(days=7)
        text = self.prompts.ask_text(self, "Send til kommentering",
                                     "Frist for kommentarer (fx 11.12, +7 eller fredag):",
                                     f"{l10n.short_date(deadline)}")
        if not text:
            return
        day, message = parse_date(text, today)  # typed as in every date field
        if day is None:
            self.prompts.warn(self, "Send til kommentering", message)
            return
        minutes.send_for_comments(self.meeting_id, day)
        self.reload()
        self.changed.emit()

    def approve(self) -> None:
        self.finish()
        try:  # before any question: refused outright before the meeting or when aflyst
            minutes.check_approvable(self.meeting_id)
        except ServiceError as error:
            self.prompts.warn(self, "Godkend referatet", error.message)
            return
        unregistered, invited = minutes.unregistered(self.meeting_id)
        if unregistered and not self.prompts.confirm(
                self, "Godkend referatet",
                f"{unregistered} af {invited} deltagere har intet fremmøde registreret. "
                "De kommer ikke med i referatets fremmødeliste.\n\nVil du godkende alligevel?",
                yes="Godkend", no="Tilbage"):
            return
        missing = minutes.missing_decisions(self.meeting_id)
        if missing and not self.prompts.confirm(
                self, "Godkend referatet",
                "Disse beslutningspunkter har ingen beslutning: "
                + ", ".join(str(n) for n in missing) + ".\n\nVil du godkende alligevel?",
                yes="Godkend", no="Tilbage"):
            return
        try:
            minutes.approve(self.meeting_id)
        except ServiceError as error:
            self.prompts.warn(self, "Godkend referatet", error.message)
            return
        self.reload()
        self.changed.emit()

    def reopen(self) -> None:
        reason = self.prompts.ask_text(self, "Genåbn referatet",
                                       "Hvorfor skal det godkendte referat ændres?")
        if not reason:
            return
        minutes.reopen(self.meeting_id, reason)
        self.reload()
        self.changed.emit()
