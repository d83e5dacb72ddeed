"""Mødefora: the standing meeting groups, each with its invitation list, agenda template and
rhythm (a calendar rule chosen from presets and a weekday); "Planlæg næste møde" makes the
forum's next meeting in one step, "Planlæg møder frem til …" a year's meetings after review."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop import settings as S
from tryg_desktop.services.meetings import agenda, forums, meetings
from tryg_desktop.services.meetings import meeting_calendar as rules
from tryg_desktop.services.errors import ConflictError, ServiceError, ValidationError
from tryg_desktop.views.kit.error_label import error_label
from tryg_desktop.views.kit.picker import PickerDialog, contact_search, organisation_search
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit.screen_fit import resize_within_screen
from tryg_desktop.views.kit.table_columns import elide_with_tooltips


class ForumDialog(QDialog):
    """The forum's own fields; its invitation list is edited on the page (saved at once)."""

    def __init__(self, forum_id: int | None, prompts: Prompts, parent=None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.forum_id = forum_id
        self.saved_row: forums.ForumRow | None = None
        self.setWindowTitle("Nyt mødeforum" if forum_id is None else "Mødeforum")
        self.name_edit = QLineEdit(placeholderText="Fx Dialogmøde Kærby")
        self.description_edit = QPlainTextEdit(placeholderText="Hvem mødes, og hvorfor?",
                                               tabChangesFocus=True)
        self.location_edit = QLineEdit(placeholderText="Fast mødested")
        self.rhythm_combo = QComboBox()
        for preset in rules.PRESETS:
            self.rhythm_combo.addItem(preset.text, preset.key)
        self.weekday_combo = QComboBox()
        for number, name in enumerate(rules.WEEKDAY_NAMES[:5]):
            self.weekday_combo.addItem(name, number)
        self.weekday_combo.setAccessibleName("Ugedag")
        self.rhythm_label = QLabel()
        self.custom_rule = ""  # a rule from outside the presets (command line, migration)
        self.kind_combo = QComboBox()
        for code, label in meetings.KINDS:
            self.kind_combo.addItem(label, code)
        self.time_edit = QLineEdit(placeholderText="14.00")
        self.duration_spin = QSpinBox(minimum=15, maximum=720, singleStep=15, suffix=" min.")
        self.template_combo = QComboBox()
        for template in agenda.templates():
            self.template_combo.addItem(template.name, template.id)
        row = forums.get(forum_id) if forum_id is not None else None
        from tryg_desktop.views.kit.record_combos import place_combo

        self.place_combo = place_combo(row.place_id if row else None,
                                       row.place_name if row else "")
        self.errors_label = error_label()
        form = QFormLayout()
        form.addRow("&Navn:", self.name_edit)
        form.addRow("&Beskrivelse:", self.description_edit)
        form.addRow("&Fast mødested:", self.location_edit)
        form.addRow("Vedrører st&ed:", self.place_combo)
        rhythm_row = QHBoxLayout()
        rhythm_row.addWidget(self.rhythm_combo, 1)
        rhythm_row.addWidget(self.weekday_combo)
        rhythm_caption = QLabel("&Rytme:")
        rhythm_caption.setBuddy(self.rhythm_combo)
        form.addRow(rhythm_caption, rhythm_row)
        form.addRow("", self.rhythm_label)
        form.addRow("Møde&type:", self.kind_combo)
        form.addRow("&Starttidspunkt:", self.time_edit)
        form.addRow("&Varighed:", self.duration_spin)
        form.addRow("&Dagsordensskabelon:", self.template_combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors_label)
        layout.addWidget(self.buttons)
        self.version = row.version if row else None
        data = row.as_input() if row else forums.ForumInput(template_id=agenda.standard_template_id())
        self.name_edit.setText(data.name)
        self.description_edit.setPlainText(data.description)
        self.location_edit.setText(data.location)
        self.set_rule(data.rhythm)
        self.rhythm_combo.currentIndexChanged.connect(self.show_rule)
        self.weekday_combo.currentIndexChanged.connect(self.show_rule)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(data.meeting_kind), 0))
        self.time_edit.setText(l10n.clock(data.start_time))
        self.duration_spin.setValue(data.duration_minutes)
        self.template_combo.setCurrentIndex(max(self.template_combo.findData(data.template_id), 0))
        self.active = data.active
        resize_within_screen(self, 520, 460)

    def set_rule(self, rule: str) -> None:
        """Show a rule: its preset and weekday, or "Egen regel" for one outside the presets."""
        found = rules.preset_of(rule)
        custom = self.rhythm_combo.findData("custom")
        if found is None:
            self.custom_rule = rule
            if custom < 0:
                self.rhythm_combo.addItem("Egen regel", "custom")
            self.rhythm_combo.setCurrentIndex(self.rhythm_combo.findData("custom"))
        else:
            key, weekday = found
            self.rhythm_combo.setCurrentIndex(self.rhythm_combo.findData(key))
            if rule:
                self.weekday_combo.setCurrentIndex(weekday)
        self.show_rule()

    def rule(self) -> str:
        key = self.rhythm_combo.currentData()
        if key == "custom":
            return self.custom_rule
        return rules.preset(key).rule(self.weekday_combo.currentData())

    def show_rule(self, *_args) -> None:
        """The rule in words under the chooser ("Hver anden tirsdag")."""
        key = self.rhythm_combo.currentData()
        self.weekday_combo.setEnabled(key not in ("none", "custom"))
        self.rhythm_label.setText(rules.label(self.rule()))

    def read_input(self) -> forums.ForumInput:
        return forums.ForumInput(
            name=self.name_edit.text(), description=self.description_edit.toPlainText(),
            location=self.location_edit.text(), rhythm=self.rule(),
            meeting_kind=self.kind_combo.currentData(), start_time=self.time_edit.text(),
            duration_minutes=self.duration_spin.value(),
            template_id=self.template_combo.currentData(), active=self.active,
            place_id=self.place_combo.currentData())

    def save(self) -> None:
        try:
            if self.forum_id is None:
                self.saved_row = forums.create(self.read_input())
            else:
                self.saved_row = forums.update(self.forum_id, self.read_input(), self.version)
        except ValidationError as error:
            self.errors_label.setText(" ".join(error.errors.values()))
            self.errors_label.show()
            return
        except ConflictError as error:
            self.prompts.warn(self, "Ændret et andet sted", error.message)
            return
        self.accept()


class ForumsPage(QWidget):
    changed = Signal()
    meeting_planned = Signal(int)  # the new meeting's id

    def __init__(self, prompts: Prompts | None, settings: S.Settings, parent=None) -> None:
        super().__init__(parent)
        self.prompts = prompts or Prompts()
        self.settings = settings
        self.forum_list = QListWidget(accessibleName="Mødefora")
        self.forum_list.currentRowChanged.connect(self.show_forum)
        self.forum_list.itemActivated.connect(lambda _item: self.edit_forum())
        self.table = self.forum_list  # the main window focuses it when the page is shown
        self.new_button = QPushButton("&Nyt mødeforum …")
        self.new_button.clicked.connect(self.new_forum)
        self.edit_button = QPushButton("&Redigér …")
        self.edit_button.clicked.connect(self.edit_forum)
        self.plan_button = QPushButton("&Planlæg næste møde")
        self.plan_button.setDefault(True)
        self.plan_button.clicked.connect(self.plan_next)
        self.plan_many_button = QPushButton("Planlæg møder frem &til …")
        self.plan_many_button.clicked.connect(self.plan_many)
        self.print_plan_button = QPushButton("Udskriv &mødeplan …")
        self.print_plan_button.clicked.connect(self.print_plan)
        self.details = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.members = QListWidget(accessibleName="Inviterede")
        for view in (self.forum_list, self.members):
            elide_with_tooltips(view)
        self.add_contact_button = QPushButton("Tilføj &kontakt …")
        self.add_contact_button.clicked.connect(lambda: self.add_member("contact"))
        self.add_org_button = QPushButton("Tilføj &organisation …")
        self.add_org_button.clicked.connect(lambda: self.add_member("organisation"))
        self.remove_member_button = QPushButton("Fjern fra &listen")
        self.remove_member_button.clicked.connect(self.remove_member)

        left = QVBoxLayout()
        left.addWidget(QLabel("<h2>Mødefora</h2>"))
        left.addWidget(self.forum_list, 1)
        left.addWidget(self.new_button)
        right = QVBoxLayout()
        actions = QHBoxLayout()
        actions.addWidget(self.plan_button)
        actions.addWidget(self.plan_many_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.print_plan_button)
        actions.addStretch(1)
        right.addLayout(actions)
        right.addWidget(self.details)
        right.addWidget(QLabel("<b>Fast invitationsliste</b> (hele organisationer inviterer "
                               "deres aktive kontakter)"))
        right.addWidget(self.members, 1)
        member_buttons = QHBoxLayout()
        for button in (self.add_contact_button, self.add_org_button, self.remove_member_button):
            member_buttons.addWidget(button)
        member_buttons.addStretch(1)
        right.addLayout(member_buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 2)
        self.refresh()

    def refresh(self) -> None:
        current = self.current_forum_id()
        self.forum_list.blockSignals(True)
        self.forum_list.clear()
        for forum in forums.all_forums():
            item = QListWidgetItem(forum.name)
            item.setData(Qt.ItemDataRole.UserRole, forum.id)
            self.forum_list.addItem(item)
        self.forum_list.blockSignals(False)
        rows = [self.forum_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.forum_list.count())]
        self.forum_list.setCurrentRow(rows.index(current) if current in rows else 0)
        self.show_forum()

    def select_forum(self, forum_id: int) -> None:
        for row in range(self.forum_list.count()):
            if self.forum_list.item(row).data(Qt.ItemDataRole.UserRole) == forum_id:
                self.forum_list.setCurrentRow(row)
                return

    def current_forum_id(self) -> int | None:
        item = self.forum_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def show_forum(self, *_args) -> None:
        forum_id = self.current_forum_id()
        has = forum_id is not None
        for widget in (self.edit_button, self.plan_button, self.plan_many_button, self.members,
                       self.add_contact_button, self.add_org_button, self.remove_member_button):
            widget.setEnabled(has)
        self.members.clear()
        if not has:
            self.details.setText("Opret et mødeforum for en fast mødegruppe, fx "
                                 "»Dialogmøde Kærby«.")
            return
        forum = forums.get(forum_id)
        proposal = forums.proposal(forum)
        if proposal is None:
            next_text = "ingen – rytmen giver ikke flere datoer"
        else:
            next_text = l10n.format_date(proposal.date, "full")
            if proposal.reason:
                next_text += f" ({_html(proposal.reason)})"
        self.plan_many_button.setEnabled(bool(forum.rhythm))
        self.details.setText(
            f"<h3>{_html(forum.name)}</h3>{_html(forum.description)}<br><br>"
            f"<b>Sted:</b> {_html(forum.location) or '–'}<br>"
            + (f"<b>Vedrører sted:</b> {_html(forum.place_name)}<br>" if forum.place_name else "")
            + f"<b>Rytme:</b> {forum.rhythm_label} · {meetings.KIND_LABELS[forum.meeting_kind]} "
            f"kl. {l10n.clock(forum.start_time)}, {forum.duration_minutes} min.<br>"
            f"<b>Næste møde foreslås:</b> {next_text}")
        for member in forums.members(forum_id):
            item = QListWidgetItem(f"{member.name} – {member.detail}" if member.detail
                                   else member.name)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.members.addItem(item)

    def new_forum(self) -> None:
        dialog = ForumDialog(None, self.prompts, self)
        if self.prompts.run_dialog(dialog) and dialog.saved_row:
            self.refresh()
            rows = [self.forum_list.item(i).data(Qt.ItemDataRole.UserRole)
                    for i in range(self.forum_list.count())]
            self.forum_list.setCurrentRow(rows.index(dialog.saved_row.id))
            self.changed.emit()

    def edit_forum(self) -> None:
        forum_id = self.current_forum_id()
        if forum_id is None:
            return
        dialog = ForumDialog(forum_id, self.prompts, self)
        if self.prompts.run_dialog(dialog):
            self.refresh()
            self.changed.emit()

    def add_member(self, kind: str) -> None:
        forum_id = self.current_forum_id()
        search = contact_search if kind == "contact" else organisation_search
        dialog = PickerDialog("Invitationsliste", "Vælg en kontakt:" if kind == "contact"
                              else "Vælg en organisation:", search, self)
        if not (self.prompts.run_dialog(dialog) and dialog.chosen_id is not None):
            return
        try:
            if kind == "contact":
                forums.add_member(forum_id, contact_id=dialog.chosen_id)
            else:
                forums.add_member(forum_id, organisation_id=dialog.chosen_id)
        except ValidationError as error:
            self.prompts.warn(self, "Invitationsliste", " ".join(error.errors.values()))
        self.show_forum()

    def remove_member(self) -> None:
        item = self.members.currentItem()
        if item is not None:
            forums.remove_member(item.data(Qt.ItemDataRole.UserRole))
            self.show_forum()

    def plan_next(self) -> None:
        forum_id = self.current_forum_id()
        if forum_id is None:
            return
        try:
            proposal = forums.proposal(forums.get(forum_id))
            meeting = forums.plan_next_meeting(forum_id)
        except ServiceError as error:
            self.prompts.warn(self, "Planlæg næste møde", error.message)
            return
        if proposal is not None and proposal.reason and proposal.date == meeting.starts_at.date():
            self.prompts.inform(
                self, "Planlæg næste møde",
                f"Mødet er lagt {l10n.format_date(proposal.date, 'full')}: rytmens dato er "
                f"{proposal.reason}.")
        self.show_forum()
        self.changed.emit()
        self.meeting_planned.emit(meeting.id)

    def plan_many(self) -> None:
        from tryg_desktop.views.meetings.meeting_plan_dialog import MeetingPlanDialog

        forum_id = self.current_forum_id()
        if forum_id is None:
            return
        dialog = MeetingPlanDialog(forum_id, self.prompts, self)
        if self.prompts.run_dialog(dialog) and dialog.created:
            self.show_forum()
            self.changed.emit()
            first, last = dialog.created[0].starts_at.date(), dialog.created[-1].starts_at.date()
            count = len(dialog.created)
            span = (f"den {l10n.format_date(first)}" if count == 1 else
                    f"fra {l10n.format_date(first)} til {l10n.format_date(last)}")
            self.prompts.inform(self, "Planlæg møder",
                                f"{'1 møde er' if count == 1 else f'{count} møder er'} oprettet "
                                f"{span}. De står under Møder.")

    def print_plan(self) -> None:
        from tryg_desktop.views.meetings.meeting_plan_dialog import MeetingPlanPrintDialog

        self.prompts.run_dialog(MeetingPlanPrintDialog(self.prompts, self.settings, self))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
