"""The meeting editor: Mødet (time, place, roles: meeting_details.py), Deltagere, Dagsorden,
Referat and Historik.
Every tab saves as it changes: participants and agenda at once, the minutes and the Mødet tab
about a second after the typing stops (the Mødet tab with the record's version check, so an
edit elsewhere is a conflict, not lost). Gem (Ctrl+S) saves at once; a new meeting is created
with Gem. Printing, saving a PDF or sending first saves what is pending (save_pending), so a
document never shows older data than the screen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import settings as S
from tryg_desktop.services.meetings import forums, meetings, presence
from tryg_desktop.services.errors import NotFoundError, ServiceError
from tryg_desktop.views.kit.error_label import error_label
from tryg_desktop.views.kit.history_view import HistoryView
from tryg_desktop.views.kit.live_changes import ChangedElsewhereBar, watch
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit.record_dialog import explain_save_failure
from tryg_desktop.views.kit.screen_fit import remember_size
from tryg_desktop.views.meetings.meeting_details import MeetingDetails

AUTOSAVE_MS = 1000  # the Mødet tab is saved this long after the last change


class MeetingEditor(QDialog):
    def __init__(self, meeting_id: int | None, prompts: Prompts | None, settings: S.Settings,
                 parent=None, forum_id: int | None = None,
                 day: dt.date | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts or Prompts()
        self.settings = settings
        self.meeting_id = meeting_id
        self.version: int | None = None
        self.saved = False  # anything was saved while the editor was open
        self._dirty = False
        self._present = False  # registered as having the meeting open (the team's server)
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(lambda: self.save_pending(ask=False))

        self.details = MeetingDetails(self.prompts, lambda: self.meeting_id)
        for name in MeetingDetails.FIELDS:  # editor.date_edit is the Mødet tab's date field
            setattr(self, name, getattr(self.details, name))
        self.details.changed.connect(self._changed)
        self.details.date_typed.connect(self._date_typed)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.details, "&Mødet")
        self.participants_tab = QWidget()  # placeholders until their page is wanted
        self.agenda_tab = QWidget()
        self._pages: dict[str, QWidget] = {}
        self._history_stale = False
        self._tabs_ready = False
        self.history = HistoryView(meetings.ENTITY, meetings.FIELD_LABELS)
        self.tabs.addTab(self.participants_tab, "&Deltagere")
        self.tabs.addTab(self.agenda_tab, "Da&gsorden")
        self.tabs.addTab(self.history, "&Historik")

        self.errors_label = error_label()
        self.saved_label = QLabel()  # "Gemt kl. 14.03.10": the Mødet tab saves by itself
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        from tryg_desktop.views.meetings.meeting_documents import MeetingDocuments

        self.documents = MeetingDocuments(self, lambda: self.meeting_id, self.prompts,
                                          self.settings)
        self.documents_button = QPushButton("Dok&umenter og invitation")
        self.documents_button.setMenu(self.documents.menu())
        self.addActions(self.documents_button.menu().actions())  # Ctrl+P works in the editor
        self.buttons.addButton(self.documents_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        # The team's server: "Ændret af … – Genindlæs" when a colleague saved the meeting, and
        # "Også åben hos: …" while others have it open too.
        self.changed_bar = ChangedElsewhereBar()
        self.changed_bar.reload_requested.connect(self._reload_after_change)
        self.presence_label = QLabel(objectName="presence")
        self.presence_label.setWordWrap(True)
        self.presence_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.changed_bar)
        layout.addWidget(self.presence_label)
        layout.addWidget(self.tabs)
        layout.addWidget(self.errors_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved_label, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        remember_size(self, "meeting_editor", 1100, 680, settings)  # Dagsorden wants ~1090

        if meeting_id is None:
            self._new(forum_id, day or dt.date.today() + dt.timedelta(days=7))
        else:
            self.reload()
        watch(self, self._colleague_changed)
        from tryg_desktop.views.meetings.editor_keys import EditorKeys

        self.keys = EditorKeys(self)
        self.title_edit.setFocus()  # typing starts in the first field, not on Gem

    # -- the Mødet tab: saved as it changes ---------------------------------------------------
    def _changed(self) -> None:
        self._dirty = True
        errors = self._validate()
        if self.meeting_id is not None:  # a new meeting is created with Gem
            self.saved_label.setText("Ikke gemt – ret felterne" if errors else "Gemmer …")
            self._autosave.start()  # restarted by each change: saved when typing pauses

    def _date_typed(self) -> None:
        """A date being typed is unsaved for printing (save_pending), not yet for the autosave."""
        self._dirty = True
        self._validate()

    def _validate(self) -> dict[str, str]:
        """The field errors, shown under the form; Gem is enabled only without them."""
        # The form only: whether the chosen records exist is asked when saving, not per key.
        _, errors = meetings.clean(self.details.read_input(), references=False)
        self.save_button.setEnabled(not errors)
        self.errors_label.setText(" ".join(errors.values()))
        self.errors_label.setVisible(bool(errors))
        return errors

    def _new(self, forum_id: int | None, day: dt.date) -> None:
        self.setWindowTitle("Nyt møde")
        self.details.start_new(forum_id, day)
        self.documents_button.setEnabled(False)
        for index in (1, 2, 3):  # Deltagere, Dagsorden, Historik (Referat comes with them)
            self.tabs.setTabEnabled(index, False)
            self.tabs.setTabToolTip(index, "Gem mødet først")
        self._changed()
        self._dirty = False
        self.errors_label.hide()  # "Titlen skal udfyldes." before a key is typed is a scolding

    def reload(self) -> None:
        self._autosave.stop()
        row = meetings.get(self.meeting_id)
        self.version = row.version
        self.details.fill(row)
        self._dirty = False
        self.setWindowTitle(f"Møde: {row.title}")
        self._validate()
        self.saved_label.clear()
        self._history_changed()
        self._ensure_tabs()
        self.details.show_clashes(row)
        self.changed_bar.clear()
        if not self._present:
            self._present = True
            # After the first paint: who else has it open is a line above the tabs, and on
            # the team's server two round trips the editor need not wait for.
            QTimer.singleShot(0, self, self._enter_presence)

    def _enter_presence(self) -> None:
        if self._present:
            presence.enter(self.meeting_id)
            self._show_presence()

    # -- colleagues on the team's server --------------------------------------------------------
    def _colleague_changed(self, change) -> None:
        if self.meeting_id is None:
            return
        if change.table == "meeting" and change.record_id == self.meeting_id:
            self.changed_bar.show_change(change.login, change.action)
        elif change.table == presence.PRESENCE_TABLE and change.meeting_id == self.meeting_id:
            self._show_presence()
        elif (change.table == "agenda_item" and change.meeting_id == self.meeting_id
              and "minutes" in self._pages and change.record_id is not None):
            self.minutes.colleague_saved(change.record_id)

    def _show_presence(self) -> None:
        names = presence.others_named(self.meeting_id) if self.meeting_id is not None else []
        self.presence_label.setText("Også åben hos: " + ", ".join(names) if names else "")
        self.presence_label.setVisible(bool(names))

    def _reload_after_change(self) -> None:
        """Genindlæs on the "Ændret af" line: unsaved text on the Mødet tab is never thrown
        away unasked (the other tabs save as they go)."""
        if self._dirty and not self.prompts.confirm(
                self, "Genindlæs",
                "Mødets oplysninger er ændret, men ikke gemt. Genindlæser du, går dine "
                "ændringer tabt.", yes="Genindlæs og kassér mine ændringer",
                no="Fortsæt redigering"):
            return
        try:
            self.reload()
        except NotFoundError as error:
            self.prompts.warn(self, "Findes ikke længere", error.message)
            self.done(QDialog.DialogCode.Rejected)

    def done(self, result: int) -> None:
        if self._present:
            self._present = False
            presence.leave(self.meeting_id)
        super().done(result)

    def _history_changed(self) -> None:
        """The Historik is read when it is shown, not after every save."""
        self._history_stale = True
        if self.tabs.currentWidget() is self.history:
            self._load_history()

    def _load_history(self) -> None:
        self._history_stale = False
        self.history.load(self.meeting_id)

    def _ensure_tabs(self) -> None:
        """The Deltagere, Dagsorden and Referat tabs exist once the meeting does. Each page is
        built and filled when its tab is first shown (or the page is first asked for):
        opening a meeting builds and reads only what the Mødet tab shows."""
        if self._tabs_ready:
            return
        self._tabs_ready = True
        self.minutes_tab = QWidget()
        self.tabs.insertTab(3, self.minutes_tab, "&Referat")
        for index in (1, 2, 3, 4):
            self.tabs.setTabEnabled(index, True)
            self.tabs.setTabToolTip(index, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.documents_button.setEnabled(True)
        self._buttons_last()

    _PAGES = {"participants": "participants_tab", "agenda": "agenda_tab",
              "minutes": "minutes_tab"}

    def _page(self, name: str):
        """The Deltagere / Dagsorden / Referat page, built in place of its tab's placeholder
        the first time it is wanted (not yet filled: _tab_changed fills it when shown)."""
        page = self._pages.get(name)
        if page is not None:
            return page
        if not self._tabs_ready:
            raise AttributeError(name)  # an unsaved meeting has no such page yet
        if name == "participants":
            from tryg_desktop.views.meetings.participants_panel import ParticipantsPanel

            page = ParticipantsPanel(self.meeting_id, self.prompts, load=False)
        elif name == "agenda":
            from tryg_desktop.views.meetings.agenda_builder import AgendaBuilder

            page = AgendaBuilder(self.meeting_id, self.prompts, self.settings, load=False)
        else:
            from tryg_desktop.views.meetings.minutes_panel import MinutesPanel

            page = MinutesPanel(self.meeting_id, self.prompts, load=False)
            page.text_saved.connect(self._text_saved)
        page.changed.connect(self._panel_changed)
        self._pages[name] = page
        placeholder = getattr(self, self._PAGES[name])
        index = self.tabs.indexOf(placeholder)
        current, label = self.tabs.currentIndex(), self.tabs.tabText(index)
        self.tabs.blockSignals(True)  # the swap is not the user changing tabs
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, label)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        self._buttons_last()
        return page

    participants = property(lambda self: self._page("participants"))
    agenda = property(lambda self: self._page("agenda"))
    minutes = property(lambda self: self._page("minutes"))

    def _buttons_last(self) -> None:
        """Tab goes through a page before the dialog's buttons, in the order they are shown.

        The Deltagere, Dagsorden and Referat pages are made after the buttons, so their
        widgets came after them in the focus chain."""
        buttons = [self.save_button, self.documents_button,
                   self.buttons.button(QDialogButtonBox.StandardButton.Close)]
        last, widget = None, self.nextInFocusChain()
        for _ in range(2000):
            if widget is self:
                break
            if (widget not in buttons and self.isAncestorOf(widget)
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
                last = widget
            widget = widget.nextInFocusChain()
        for button in buttons:
            if last is not None:
                QWidget.setTabOrder(last, button)
            last = button

    def _tab_changed(self, _index: int) -> None:
        """Entering minutes mode is remembered until it is left, for crash recovery."""
        if self._dirty and self.meeting_id is not None:
            self.save_pending(ask=False)  # the other tabs see what the Mødet tab shows

        shown = self.tabs.currentWidget()
        if shown is self.history and self._history_stale:
            self._load_history()
        for name, attribute in self._PAGES.items():
            if shown is getattr(self, attribute, None):
                shown = self._page(name)  # first show: build the page in its tab
        if shown in (self._pages.get("participants"), self._pages.get("agenda")) \
                and not shown.loaded:
            shown.reload()
        minutes_page = self._pages.get("minutes")
        if minutes_page is not None and shown is minutes_page:
            if "agenda" in self._pages:
                self.agenda.save_current()
            minutes_page.reload()  # the agenda may have changed
            self.settings.set(S.OPEN_MINUTES, self.meeting_id)
        else:
            if minutes_page is not None:
                minutes_page.finish()
            self.settings.set(S.OPEN_MINUTES, 0)
        self.settings.sync()

    def show_minutes(self) -> None:
        self.tabs.setCurrentWidget(self.minutes)

    def _text_saved(self) -> None:
        """A referat autosave, once a second while someone types: it changes neither the
        meeting nor its roles, so nothing is read again (on the team's server each read is a
        round trip)."""
        self.saved = True
        self._history_changed()

    def _panel_changed(self) -> None:
        """After every autosave of a page: the Historik is read again only when it is shown
        (not once a second while the minutes are typed)."""
        self.saved = True
        self._history_changed()
        row = meetings.get(self.meeting_id)
        self.details.show_clashes(row)
        if row.version != self.version and not self._dirty:
            self.reload()  # approval sets Afholdt and moves the version on: follow it

    # -- saving --------------------------------------------------------------------------------
    def save_pending(self, ask: bool = True) -> bool:
        """Save whatever is not saved yet, in every tab; the documents call this before they
        print, save or send. False when something could not be saved (then nothing may be
        printed): invalid fields are shown and, with `ask`, explained in a message."""
        self._autosave.stop()
        checks = []  # only the pages that were built can hold unsaved text
        if "agenda" in self._pages:
            checks.append(("Dagsorden", self.agenda.save_current,
                           lambda: self.agenda.item_error.text()))
        if "minutes" in self._pages:
            checks.append(("Referat", self.minutes.save_now,
                           lambda: self.minutes.saved_label.text()))
        if checks:
            for where, saved, problem in checks:
                if not saved():
                    if ask:
                        self.prompts.warn(self, "Ikke gemt",
                                          f"Fanen {where} kan ikke gemmes: {problem()} "
                                          "Ret det, før du udskriver eller sender.")
                    return False
        if not self._dirty or self.meeting_id is None:
            return True
        data = self.details.read_input()
        _, errors = meetings.clean(data)
        if errors:
            self._show_errors(errors)
            if ask:
                self.prompts.warn(self, "Mødet er ikke gemt",
                                  "Mødets oplysninger kan ikke gemmes: "
                                  + " ".join(errors.values())
                                  + " Ret dem på fanen Mødet, før du udskriver eller sender.")
            return False
        try:
            row = meetings.update(self.meeting_id, data, self.version)
        except ServiceError as error:
            self.saved_label.setText("Ikke gemt")
            explain_save_failure(self, self.prompts, error, self._show_errors, self.reload,
                                 super().reject)
            return False
        # Only the version and the traces: refilling the fields would move the cursor.
        self.version = row.version
        self._dirty = False
        self.saved = True
        self.setWindowTitle(f"Møde: {row.title}")
        self.saved_label.setText(f"Gemt kl. {dt.datetime.now():%H.%M.%S}")
        self._history_changed()
        self.details.show_clashes(row)
        return True

    def save(self) -> bool:
        self._autosave.stop()
        data = self.details.read_input()
        if not self.save_button.isEnabled():
            return False
        if data.status == "planlagt" and meetings.is_in_the_past(data) and self._dirty:
            if not self.prompts.confirm(self, "Mødet ligger i fortiden",
                                        "Mødets tidspunkt er overstået. Vil du gemme det "
                                        "alligevel?", yes="Gem", no="Tilbage"):
                return False
        try:
            if self.meeting_id is None:
                # In a forum, as Planlæg næste møde: its invitation list and fitted template.
                row = forums.create_meeting(data)
                self.meeting_id = row.id
            else:
                row = meetings.update(self.meeting_id, data, self.version)
        except ServiceError as error:
            explain_save_failure(self, self.prompts, error, self._show_errors, self.reload,
                                 super().reject)
            return False
        self.saved = True
        self.reload()
        self.saved_label.setText(f"Gemt kl. {dt.datetime.now():%H.%M.%S}")
        return True

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.errors_label.setText(" ".join(errors.values()))
        self.errors_label.show()

    def reject(self) -> None:
        self._autosave.stop()
        if "agenda" in self._pages:
            self.agenda.save_current()  # text typed in the agenda panel is never lost
        if "minutes" in self._pages:
            self.minutes.finish()
        if self._dirty and self.meeting_id is not None:
            self.save_pending(ask=False)  # saved as the autosave would have; if invalid, ask
        if self._dirty:
            choice = self.prompts.choose(self, "Ikke gemte ændringer",
                                         "Mødets oplysninger er ændret, men ikke gemt.",
                                         ["Gem", "Kassér ændringer"], cancel="Fortsæt redigering")
            if choice is None or (choice == 0 and not self.save()):
                return
        if self._tabs_ready:
            self.settings.set(S.OPEN_MINUTES, 0)  # left normally: nothing to recover
            self.settings.sync()
        super().reject()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.keys.escape()  # the topmost thing only; asks before typing is thrown away
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        event.ignore()
        self.reject()
        if not self.isVisible():
            event.accept()
