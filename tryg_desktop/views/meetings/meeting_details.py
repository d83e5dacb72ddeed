"""The Mødet tab of the meeting editor: title, forum, type, date and time, venue, the place and
effort the meeting is about, chair and minute-taker (with a word when one of them has sent
afbud), purpose, case number and status. The editor saves it; this form fills itself from a
meeting or a forum and reads what is typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tryg_desktop.services.meetings import forums, meetings
from tryg_desktop.views.kit.accessible import name_from_labels
from tryg_desktop.views.kit.colours import WARNING_TEXT, text_style
from tryg_desktop.views.kit.date_field import DateField
from tryg_desktop.views.kit.picker import ContactField
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit.record_combos import effort_combo, place_combo, set_combo_id
from tryg_desktop.views.kit.time_field import TimeField


class MeetingDetails(QWidget):
    changed = Signal()  # a field was changed by the user (not by filling the form)
    date_typed = Signal()  # a date is being typed: it counts for printing, not yet for autosave

    # The fields, which the editor also answers to by these names (editor.date_edit).
    FIELDS = ("title_edit", "forum_combo", "kind_combo", "date_edit", "start_edit", "end_edit",
              "location_edit", "place_combo", "effort_combo", "chair_field",
              "minute_taker_field", "clash_label", "purpose_edit", "case_number_edit",
              "status_combo")

    def __init__(self, prompts: Prompts, meeting_id: Callable[[], int | None],
                 parent=None) -> None:
        super().__init__(parent)
        self.meeting_id = meeting_id  # a function: None until a new meeting is saved
        self._loading = False
        self._forum_title = self._forum_location = ""  # what the forum filled in, not typed
        self._last_start: QTime | None = None
        form = QFormLayout(self)
        self.title_edit = QLineEdit(placeholderText="Fx Dialogmøde Kærby")
        self.forum_combo = QComboBox()
        self.forum_combo.addItem("(intet mødeforum)", None)
        for forum in forums.all_forums():
            self.forum_combo.addItem(forum.name, forum.id)
        self.kind_combo = QComboBox()
        for code, label in meetings.KINDS:
            self.kind_combo.addItem(label, code)
        self.date_edit = DateField()
        self.start_edit = TimeField()  # Tab leaves it; QTimeEdit's walked hours, minutes
        self.end_edit = TimeField()
        times = QHBoxLayout()
        times.addWidget(QLabel("fra"))
        times.addWidget(self.start_edit)
        times.addWidget(QLabel("til"))
        times.addWidget(self.end_edit)
        times.addStretch(1)
        self.location_edit = QLineEdit(placeholderText="Fx Kærby Kulturhus, Kærvej 1")
        self.place_combo = place_combo()  # the place the meeting is about (not its venue)
        self.effort_combo = effort_combo()
        self.chair_field = ContactField(prompts, "Vælg mødeleder")
        self.minute_taker_field = ContactField(prompts, "Vælg referent")
        # A role held by someone with afbud: said here, next to the roles, not in a box.
        self.clash_label = QLabel(wordWrap=True)
        self.clash_label.setStyleSheet(text_style(WARNING_TEXT))
        self.clash_label.hide()
        self.purpose_edit = QPlainTextEdit(placeholderText="Hvad skal mødet nå?",
                                           tabChangesFocus=True)
        self.case_number_edit = QLineEdit(placeholderText="Fx 27.00.00-A00-1-26", maxLength=60)
        self.status_combo = QComboBox()
        for code, label in meetings.STATUSES:
            self.status_combo.addItem(label, code)
        form.addRow("&Titel:", self.title_edit)
        form.addRow("Møde&forum:", self.forum_combo)
        form.addRow("T&ype:", self.kind_combo)
        form.addRow("Dat&o:", self.date_edit.with_message())  # a bad date says why under it
        form.addRow("Tidspunkt:", times)
        form.addRow("&Sted:", self.location_edit)
        form.addRow("Vedr&ører sted:", self.place_combo)
        form.addRow("&Indsats:", self.effort_combo)
        form.addRow("Møde&leder:", self.chair_field)
        form.addRow("R&eferent:", self.minute_taker_field)
        form.addRow("", self.clash_label)
        form.addRow("Form&ål:", self.purpose_edit)
        form.addRow("Sags&nummer:", self.case_number_edit)
        form.addRow("St&atus:", self.status_combo)
        self.start_edit.setAccessibleName("Tidspunkt fra")
        self.end_edit.setAccessibleName("Tidspunkt til")
        for edit in (self.title_edit, self.location_edit, self.case_number_edit):
            edit.textEdited.connect(self._changed)
        self.purpose_edit.textChanged.connect(self._changed)
        for combo in (self.forum_combo, self.kind_combo, self.status_combo, self.place_combo,
                      self.effort_combo):
            combo.currentIndexChanged.connect(self._changed)
        self.forum_combo.currentIndexChanged.connect(self._forum_chosen)
        self.date_edit.dateChanged.connect(self._changed)
        if hasattr(self.date_edit, "textEdited"):  # a typed date counts before it is left …
            self.date_edit.textEdited.connect(self._date_typed)
        self.start_edit.timeChanged.connect(self._start_moved)
        self.end_edit.timeChanged.connect(self._changed)
        self.chair_field.changed.connect(self._changed)
        self.minute_taker_field.changed.connect(self._changed)
        name_from_labels(self)

    def _changed(self, *_args) -> None:
        if not self._loading:
            self.changed.emit()

    def _date_typed(self, *_args) -> None:
        """… for printing at once (the editor's save_pending), but the autosave waits until the
        field is left, so "2.3" on the way to "2.3.2027" is not saved as a date of its own."""
        if not self._loading:
            self.date_typed.emit()

    def _forum_chosen(self, *_args) -> None:
        """A forum about a place suggests that place, if none is chosen yet; a new meeting also
        takes the forum's name, venue, meeting type and usual time, as Planlæg næste møde does."""
        forum_id = self.forum_combo.currentData()
        if self._loading or forum_id is None:
            return
        forum = forums.get(forum_id)
        if self.meeting_id() is None:
            self._fill_from_forum(forum)
        if forum.place_id is not None and self.place_combo.currentData() is None:
            set_combo_id(self.place_combo, forum.place_id, forum.place_name)

    def _fill_from_forum(self, forum) -> None:
        """What a new meeting takes from its forum; a title or venue typed by hand is kept."""
        self._loading = True
        try:
            if self.title_edit.text().strip() in ("", self._forum_title):
                self.title_edit.setText(forum.name)
                self._forum_title = forum.name
            if self.location_edit.text().strip() in ("", self._forum_location):
                self.location_edit.setText(forum.location)
                self._forum_location = forum.location
            self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(forum.meeting_kind), 0))
            start = QTime.fromString(forum.start_time, "HH:mm")
            if start.isValid():
                self.start_edit.setTime(start)
                self.end_edit.setTime(start.addSecs(60 * forum.duration_minutes))
                self._last_start = start
        finally:
            self._loading = False
        self._changed()

    def _start_moved(self, *_args) -> None:
        """Moving the start keeps the meeting's length, as calendars do."""
        if not self._loading and self._last_start is not None:
            length = self._last_start.secsTo(self.end_edit.time())
            self._loading = True
            self.end_edit.setTime(self.start_edit.time().addSecs(length))
            self._loading = False
        self._last_start = self.start_edit.time()
        self._changed()

    def read_input(self) -> meetings.MeetingInput:
        day = self.date_edit.date().toPython()
        return meetings.MeetingInput(
            title=self.title_edit.text(), forum_id=self.forum_combo.currentData(),
            kind=self.kind_combo.currentData(),
            starts_at=dt.datetime.combine(day, self.start_edit.time().toPython()),
            ends_at=dt.datetime.combine(day, self.end_edit.time().toPython()),
            location=self.location_edit.text(), chair_id=self.chair_field.contact_id,
            minute_taker_id=self.minute_taker_field.contact_id,
            purpose=self.purpose_edit.toPlainText(), status=self.status_combo.currentData(),
            place_id=self.place_combo.currentData(), effort_id=self.effort_combo.currentData(),
            case_number=self.case_number_edit.text())

    def fill(self, row: meetings.MeetingRow) -> None:
        self._loading = True
        try:
            self.title_edit.setText(row.title)
            if self.forum_combo.findData(row.forum_id) < 0 and row.forum_id is not None:
                self.forum_combo.addItem(row.forum_name, row.forum_id)
            self.forum_combo.setCurrentIndex(max(self.forum_combo.findData(row.forum_id), 0))
            self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(row.kind), 0))
            self.date_edit.setDate(QDate(row.starts_at.date()))
            self.start_edit.setTime(QTime(row.starts_at.time()))
            self.end_edit.setTime(QTime(row.ends_at.time()))
            self._last_start = self.start_edit.time()
            self.location_edit.setText(row.location)
            self.chair_field.set(row.chair_id, row.chair_name, emit=False)
            self.minute_taker_field.set(row.minute_taker_id, row.minute_taker_name, emit=False)
            self.purpose_edit.setPlainText(row.purpose)
            self.case_number_edit.setText(row.case_number)
            self.status_combo.setCurrentIndex(max(self.status_combo.findData(row.status), 0))
            set_combo_id(self.place_combo, row.place_id, row.place_name)
            set_combo_id(self.effort_combo, row.effort_id, row.effort_name)
        finally:
            self._loading = False

    def start_new(self, forum_id: int | None, day: dt.date) -> None:
        """A new meeting on `day`, 14.00 to 16.00, or in a forum: its place, and its name,
        venue, meeting type and usual time (_fill_from_forum)."""
        self._loading = True
        if forum_id is not None:
            forum = forums.get(forum_id)
            self.forum_combo.setCurrentIndex(max(self.forum_combo.findData(forum_id), 0))
            if forum.place_id is not None:
                set_combo_id(self.place_combo, forum.place_id, forum.place_name)
        self.date_edit.setDate(QDate(day))
        self.start_edit.setTime(QTime(14, 0))
        self.end_edit.setTime(QTime(16, 0))
        self._last_start = self.start_edit.time()
        self._loading = False
        if forum_id is not None:
            self._fill_from_forum(forum)

    def show_clashes(self, meeting=None) -> None:
        """meeting: the row just read, if the caller has it (a round trip less)."""
        from tryg_desktop.services.meetings import participants

        meeting_id = self.meeting_id()
        clashes = participants.role_clashes(meeting_id, meeting=meeting) if meeting_id else []
        self.clash_label.setText("⚠ " + " ".join(clashes) if clashes else "")
        self.clash_label.setVisible(bool(clashes))
