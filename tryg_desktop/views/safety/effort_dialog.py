"""The effort editor (Indsats): title, strand, goal (free text, and as an indicator that can
be checked: wanted change, by when, which episodes; services/safety/goals.py), places, the
places it is compared with (none: the rest of the city), partner organisations, coordinator,
start and end, status. The effort drop-down the meeting and action editors use is in
views/kit/record_combos.py."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop.services.register import organisations
from tryg_desktop.services.safety import efforts, places
from tryg_desktop.services.safety.safety_terms import (
    EFFORT_STATUSES,
    EPISODE_CATEGORIES,
    STRANDS,
)
from tryg_desktop.views.kit.date_field import DateField
from tryg_desktop.views.kit.error_label import add_form_row, error_label
from tryg_desktop.views.kit.picker import ContactField, PickerDialog, organisation_search
from tryg_desktop.views.kit.record_dialog import RecordDialog, _change_signal
from tryg_desktop.views.kit.screen_fit import resize_within_screen


class EffortDialog(RecordDialog):
    entity = efforts.ENTITY
    what = efforts.WHAT
    noun = "indsats"
    field_labels = efforts.FIELD_LABELS

    def __init__(self, record_id: int | None = None, prompts=None, parent=None,
                 place_id: int | None = None) -> None:
        super().__init__(efforts, record_id, prompts, parent)
        if record_id is None and place_id is not None:  # "Ny indsats" from a place's page
            self._loading = True
            self._check_places([place_id])
            self._loading = False
            self._validate()
        self.title_edit.setFocus()  # typing starts in the first field, not on the tab bar
        resize_within_screen(self, 760, 700)  # wide enough for the goal's categories

    def build_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.title_edit = QLineEdit(placeholderText="Fx Parkvært i Kildeparken")
        self.strand_combo = QComboBox(accessibleName="Spor")
        for code, label in STRANDS:
            self.strand_combo.addItem(label, code)
        self.goal_edit = QPlainTextEdit(placeholderText="Hvad skal indsatsen ændre, og hvordan "
                                        "ses det? (ingen oplysninger om enkeltpersoner)")
        self.goal_edit.setMaximumHeight(60)
        self.goal_edit.setMinimumHeight(48)  # two lines; the dialog must fit 1280×680
        # The goal as an indicator: all or nothing, so one check box turns it on.
        self.has_goal = QCheckBox("Mål&bart mål:")
        self.goal_change_spin = QSpinBox(accessibleName="Ønsket ændring i procent",
                                         minimum=-100, maximum=100, suffix=" %", value=-20)
        self.goal_due_edit = DateField()
        self.goal_due_edit.setAccessibleName("Målet skal være nået inden")
        self.goal_due_edit.setDate(QDate(dt.date(dt.date.today().year, 12, 31)))
        self.goal_categories_list = QListWidget(accessibleName="Hændelser i målet")
        # The eight categories side by side in wrapped rows: the dialog must fit 1280×680.
        self.goal_categories_list.setFlow(QListWidget.Flow.LeftToRight)
        self.goal_categories_list.setWrapping(True)
        self.goal_categories_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.goal_categories_list.setFixedHeight(62)  # four wrapped rows
        for key, label in EPISODE_CATEGORIES:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.goal_categories_list.addItem(item)
        for widget in (self.goal_change_spin, self.goal_due_edit, self.goal_categories_list):
            widget.setEnabled(False)
            self.has_goal.toggled.connect(widget.setEnabled)
        self.place_filter = QLineEdit(placeholderText="Find sted …", clearButtonEnabled=True)
        self.place_filter.textChanged.connect(self._filter_places)
        self.places_list = QListWidget(accessibleName="Steder")
        self.places_list.setMaximumHeight(120)
        self.places_list.setMinimumHeight(56)  # the dialog must fit 1280×680
        # Compared with these instead of the rest of the city (services/safety/comparison.py).
        self.comparison_list = QListWidget(accessibleName="Sammenligningssteder")
        self.comparison_list.setMaximumHeight(90)
        self.comparison_list.setMinimumHeight(48)
        self.comparison_list.setToolTip("Indsatsens udvikling sammenlignes med resten af byen. "
                                        "Sæt flueben ved steder for at sammenligne med dem i "
                                        "stedet.")
        for place_id, name in places.choices():
            self._add_place(place_id, name)
            self._add_place(place_id, name, self.comparison_list)
        self.partners_list = QListWidget(accessibleName="Partnere")
        self.partners_list.setMaximumHeight(100)
        self.partners_list.setMinimumHeight(48)
        self.add_partner_button = QPushButton("Tilføj partner …")
        self.add_partner_button.clicked.connect(self.add_partner)
        self.remove_partner_button = QPushButton("Fjern partner")
        self.remove_partner_button.clicked.connect(self.remove_partner)
        self.coordinator_field = ContactField(self.prompts, "Vælg koordinator")
        self.coordinator_field.setSizePolicy(QSizePolicy.Policy.Preferred,
                                             QSizePolicy.Policy.Fixed)
        self.start_edit = DateField()
        self.start_edit.setDate(QDate(dt.date.today()))
        self.has_end = QCheckBox("S&lutdato:")
        self.end_edit = DateField()
        self.end_edit.setDate(QDate(dt.date.today() + dt.timedelta(days=365)))
        self.end_edit.setEnabled(False)
        self.has_end.toggled.connect(self.end_edit.setEnabled)
        self.status_combo = QComboBox(accessibleName="Status")
        for code, label in EFFORT_STATUSES:
            self.status_combo.addItem(label, code)
        self._errors = {name: error_label() for name in (
            "title", "strand", "goal", "place_ids", "organisation_ids", "coordinator_contact_id",
            "starts_on", "ends_on", "status", "comparison_place_ids", "goal_change", "goal_due",
            "goal_categories")}

        places_box = QVBoxLayout()
        places_box.addWidget(self.place_filter)
        places_box.addWidget(self.places_list)
        partners_box = QVBoxLayout()
        partners_box.addWidget(self.partners_list)
        partner_buttons = QHBoxLayout()
        partner_buttons.addWidget(self.add_partner_button)
        partner_buttons.addWidget(self.remove_partner_button)
        partner_buttons.addStretch(1)
        partners_box.addLayout(partner_buttons)
        end = QHBoxLayout()
        end.addWidget(self.end_edit.with_message())
        end.addStretch(1)

        def row(label, field, error, buddy=None):
            add_form_row(form, label, field, self._errors[error], buddy)

        row("&Titel:", self.title_edit, "title")
        row("S&por:", self.strand_combo, "strand")
        row("&Mål:", self.goal_edit, "goal")
        # The change and the day on one line, the categories (wrapped) under them.
        change = QHBoxLayout()
        change.addWidget(self.goal_change_spin)
        change.addWidget(QLabel("inden"))
        change.addWidget(self.goal_due_edit.with_message())
        change.addStretch(1)
        categories_label = QLabel("Hænd&elser i målet:")
        categories_label.setBuddy(self.goal_categories_list)
        categories = QHBoxLayout()
        categories.addWidget(categories_label, 0, Qt.AlignmentFlag.AlignTop)
        categories.addWidget(self.goal_categories_list, 1)
        goal_box = QVBoxLayout()
        goal_box.setSpacing(2)
        goal_box.addLayout(change)
        goal_box.addWidget(self._errors["goal_change"])
        goal_box.addWidget(self._errors["goal_due"])
        goal_box.addLayout(categories)
        row(self.has_goal, goal_box, "goal_categories")
        row("&Steder:", places_box, "place_ids", self.place_filter)
        row("Sammenl&ign med:", self.comparison_list, "comparison_place_ids")
        row("Pa&rtnere:", partners_box, "organisation_ids", self.partners_list)
        row("&Koordinator:", self.coordinator_field, "coordinator_contact_id")
        row("Start&dato:", self.start_edit.with_message(), "starts_on", self.start_edit)
        row(self.has_end, end, "ends_on")
        self.end_edit.setAccessibleName("Slutdato")  # named by its check box, not a label
        row("St&atus:", self.status_combo, "status")
        return page

    # -- the lists -----------------------------------------------------------------------------
    def _add_place(self, place_id: int, name: str, into: QListWidget | None = None
                   ) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, place_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        (into or self.places_list).addItem(item)
        return item

    def _place_items(self, of: QListWidget | None = None) -> list[QListWidgetItem]:
        of = of or self.places_list
        return [of.item(i) for i in range(of.count())]

    def _check_places(self, place_ids, of: QListWidget | None = None) -> None:
        wanted = set(place_ids)
        present = {item.data(Qt.ItemDataRole.UserRole) for item in self._place_items(of)}
        for place_id in wanted - present:  # an inactive place the effort already has
            self._add_place(place_id, places.name_of(place_id) + " (inaktivt)", of)
        for item in self._place_items(of):
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in wanted else Qt.CheckState.Unchecked)

    def checked_place_ids(self, of: QListWidget | None = None) -> list[int]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._place_items(of)
                if item.checkState() == Qt.CheckState.Checked]

    def _filter_places(self, text: str) -> None:
        text = text.strip().lower()
        first = None
        for item in self._place_items():
            hidden = bool(text) and text not in item.text().lower()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.places_list.setCurrentItem(first)

    def partner_ids(self) -> list[int]:
        return [self.partners_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.partners_list.count())]

    def _set_partners(self, ids_and_names) -> None:
        self.partners_list.clear()
        for org_id, name in ids_and_names:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, org_id)
            self.partners_list.addItem(item)

    def add_partner(self) -> None:
        dialog = PickerDialog("Tilføj partner", "Vælg en partnerorganisation:",
                              organisation_search, self)
        if not (self.prompts.run_dialog(dialog) and dialog.chosen_id is not None):
            return
        if dialog.chosen_id not in self.partner_ids():
            chosen = [(i, self.partners_list.item(n).text()) for n, i in
                      enumerate(self.partner_ids())]
            chosen.append((dialog.chosen_id, organisations.get(dialog.chosen_id).name))
            self._set_partners(chosen)
            self._changed("organisation_ids")

    def remove_partner(self) -> None:
        row = self.partners_list.currentRow()
        if row >= 0:
            self.partners_list.takeItem(row)
            self._changed("organisation_ids")

    # -- RecordDialog hooks --------------------------------------------------------------------
    def editors(self) -> dict[str, QWidget]:
        return {"title": self.title_edit, "strand": self.strand_combo, "goal": self.goal_edit,
                "place_ids": self.place_filter, "organisation_ids": self.partners_list,
                "coordinator_contact_id": self.coordinator_field, "starts_on": self.start_edit,
                "ends_on": self.end_edit, "status": self.status_combo,
                "comparison_place_ids": self.comparison_list,
                "goal_change": self.goal_change_spin, "goal_due": self.goal_due_edit,
                "goal_categories": self.goal_categories_list}

    def connect_changes(self) -> None:
        for field in ("title", "strand", "goal", "status"):
            _change_signal(self.editors()[field]).connect(
                lambda *_, f=field: self._changed(f))
        self.places_list.itemChanged.connect(lambda *_: self._changed("place_ids"))
        self.comparison_list.itemChanged.connect(lambda *_: self._changed("comparison_place_ids"))
        self.coordinator_field.changed.connect(lambda: self._changed("coordinator_contact_id"))
        self.start_edit.dateChanged.connect(lambda *_: self._changed("starts_on"))
        self.end_edit.dateChanged.connect(lambda *_: self._changed("ends_on"))
        self.has_end.toggled.connect(lambda *_: self._changed("ends_on"))
        self.has_goal.toggled.connect(self._goal_toggled)
        self.goal_change_spin.valueChanged.connect(lambda *_: self._changed("goal_change"))
        self.goal_due_edit.dateChanged.connect(lambda *_: self._changed("goal_due"))
        self.goal_categories_list.itemChanged.connect(
            lambda *_: self._changed("goal_categories"))

    def _goal_toggled(self) -> None:
        # Turning the goal on says at once what it still lacks (at least one category).
        if not self._loading:
            self._touched.update(("goal_due", "goal_categories"))
        self._changed("goal_change")

    def error_labels(self):
        return self._errors

    def read_input(self) -> efforts.EffortInput:
        return efforts.EffortInput(
            title=self.title_edit.text(), strand=self.strand_combo.currentData(),
            goal=self.goal_edit.toPlainText(), place_ids=self.checked_place_ids(),
            organisation_ids=self.partner_ids(),
            coordinator_contact_id=self.coordinator_field.contact_id,
            starts_on=self.start_edit.date().toPython(),
            ends_on=self.end_edit.date().toPython() if self.has_end.isChecked() else None,
            status=self.status_combo.currentData(),
            comparison_place_ids=self.checked_place_ids(self.comparison_list),
            **self._read_goal())

    def _read_goal(self) -> dict:
        if not self.has_goal.isChecked():
            return {}
        return {"goal_change": self.goal_change_spin.value(),
                "goal_due": self.goal_due_edit.date().toPython(),
                "goal_categories": self.checked_place_ids(self.goal_categories_list)}

    def fill(self, row: efforts.EffortRow) -> None:
        self.title_edit.setText(row.title)
        self.strand_combo.setCurrentIndex(max(self.strand_combo.findData(row.strand), 0))
        self.goal_edit.setPlainText(row.goal)
        self._check_places(row.place_ids)
        self._check_places(row.comparison_place_ids, self.comparison_list)
        self._set_partners(zip(row.organisation_ids, row.organisation_names))
        self.coordinator_field.set(row.coordinator_contact_id, row.coordinator_name, emit=False)
        self.start_edit.setDate(QDate(row.starts_on))
        self.has_end.setChecked(row.ends_on is not None)
        if row.ends_on is not None:
            self.end_edit.setDate(QDate(row.ends_on))
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(row.status), 0))
        self.has_goal.setChecked(row.goal_change is not None)
        if row.goal_change is not None:
            self.goal_change_spin.setValue(row.goal_change)
            self.goal_due_edit.setDate(QDate(row.goal_due))
        for item in self._place_items(self.goal_categories_list):
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in row.goal_categories else Qt.CheckState.Unchecked)

    def keyPressEvent(self, event) -> None:
        # Enter in "Find sted" ticks the first place found (type "kilde", Enter) instead of
        # saving the dialog.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                self.focusWidget() is self.place_filter):
            item = self.places_list.currentItem()
            if item is not None and not item.isHidden():
                item.setCheckState(Qt.CheckState.Unchecked if item.checkState()
                                   == Qt.CheckState.Checked else Qt.CheckState.Checked)
                self.place_filter.clear()
            return
        super().keyPressEvent(event)

    def row_title(self, row) -> str:
        return row.title

    def describe(self, row) -> str:
        return f"»{row.title}« ({row.strand_label}, fra {l10n.short_date(row.starts_on)})"

    def _check_duplicates(self) -> list:
        data = self.read_input()
        duplicates = efforts.find_duplicates(data, self.record_id) if data.title.strip() else []
        if duplicates:
            names = ", ".join(self.describe(row) for row in duplicates[:3])
            self.duplicate_label.setText(f"Mulig dublet: {names} findes allerede.")
        self.duplicate_label.setVisible(bool(duplicates))
        return duplicates
