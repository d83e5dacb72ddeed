"""A screen reader names every control: each page of the main window and each dialog is walked,
and a focusable, visible widget whose accessible name is empty (set on it, or read by Qt from a
buddy label beside it) fails the test. A label whose buddy is a wrapper (the field with its
error line) names nothing: Qt reads only a label that is the field's own sibling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QWidget

from tryg_desktop.services.demo.demo import load_demo
from tryg_desktop.views.main_window import PAGES


def describe(widget: QWidget) -> str:
    path, node = [], widget
    while node is not None and len(path) < 4:
        path.append(f"{type(node).__name__}({node.objectName()})" if node.objectName()
                    else type(node).__name__)
        node = node.parentWidget()
    return " < ".join(path)


def unnamed(root: QWidget) -> list[str]:
    """The focusable, visible widgets in root that a screen reader would announce without a
    name."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
            continue
        if widget.focusProxy() is not None:
            continue  # the focus, and the screen reader, go on to the proxy: it is checked
        if not has_name(widget):
            missing.append(describe(widget))
    return missing


def sibling_buddy_text(widget: QWidget) -> str:
    """The text of a label beside widget that has it as buddy: the one label Qt reads."""
    parent = widget.parentWidget()
    labels = parent.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly) \
        if parent is not None else []
    return next((label.text() for label in labels if label.buddy() is widget), "")


def has_name(widget: QWidget) -> bool:
    if isinstance(widget, QComboBox):
        # On Linux Qt reads a drop-down's current value as its name (the label goes by a
        # relation); Windows' screen readers read the name as below: so check that.
        return bool(widget.accessibleName().strip() or sibling_buddy_text(widget).strip())
    face = QAccessible.queryAccessibleInterface(widget)
    return face is not None and bool(face.text(QAccessible.Text.Name).strip())


def name_of(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def walk(widget: QWidget, qtbot, label: str) -> dict[str, list[str]]:
    """widget shown, and each enabled tab of each of its tab widgets in turn: what is unnamed."""
    qtbot.addWidget(widget)
    widget.show()
    found = {label: unnamed(widget)}
    for tabs in widget.findChildren(QTabWidget):
        for index in range(tabs.count()):
            if tabs.isTabEnabled(index):
                tabs.setCurrentIndex(index)
                found[f"{label} / {tabs.tabText(index)}"] = unnamed(widget)
    return {where: names for where, names in found.items() if names}


def first_id(model) -> int:
    return model.select(model.id).order_by(model.id).first().id


def test_every_page_of_an_empty_database_names_its_controls(window):
    for name in PAGES:
        window.stack.setCurrentWidget(window.page(name))
        assert unnamed(window) == [], name


def test_every_page_with_data_names_its_controls(window, qtbot):
    load_demo()
    window.refresh_all()
    found = {}
    for name in PAGES:
        window.stack.setCurrentWidget(window.page(name))
        qtbot.wait(20)
        found[name] = unnamed(window)
    for name in ("Steder", "Indsatser"):  # a record's own page (Vis stedet, Vis indsatsen)
        page = window.page(name)
        window.stack.setCurrentWidget(page)
        page.list.table.selectRow(0)
        page.list.show_current()
        assert page.stack.currentWidget() is page.view
        found[f"{name} / vist"] = unnamed(window)
    assert {where: names for where, names in found.items() if names} == {}


def test_every_dialog_names_its_controls(db, qtbot, prompts, settings):
    from tryg_desktop.db import action_models as AM
    from tryg_desktop.db import meeting_models as MM
    from tryg_desktop.db import models as M
    from tryg_desktop.db import place_models as PM
    from tryg_desktop.services.data_protection import erasure
    from tryg_desktop.services.register import organisations
    from tryg_desktop.views.data_protection.access_request_dialog import AccessRequestDialog
    from tryg_desktop.views.data_protection.erasure_dialog import ErasureDialog
    from tryg_desktop.views.data_protection.purpose_dialog import PurposeDialog
    from tryg_desktop.views.meetings.action_dialog import ActionDialog
    from tryg_desktop.views.meetings.forums_page import ForumDialog
    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor
    from tryg_desktop.views.meetings.meeting_plan_dialog import (
        MeetingPlanDialog,
        MeetingPlanPrintDialog,
    )
    from tryg_desktop.views.register.contact_dialog import ContactDialog
    from tryg_desktop.views.register.import_dialog import ImportDialog
    from tryg_desktop.views.register.organisation_dialog import OrganisationDialog
    from tryg_desktop.views.safety.effort_dialog import EffortDialog
    from tryg_desktop.views.safety.episode_dialog import EpisodeDialog
    from tryg_desktop.views.safety.place_dialog import PlaceDialog
    from tryg_desktop.views.safety.report_dialog import ReportDialog
    from tryg_desktop.views.settings_dialog import SettingsDialog

    load_demo()
    dialogs = {
        "Ny kontakt": lambda: ContactDialog(None, prompts),
        "Kontakt": lambda: ContactDialog(first_id(M.Contact), prompts),
        "Ny organisation": lambda: OrganisationDialog(organisations, None, prompts),
        "Organisation": lambda: OrganisationDialog(organisations, first_id(M.Organisation),
                                                   prompts),
        "Nyt møde": lambda: MeetingEditor(None, prompts, settings),
        "Møde": lambda: MeetingEditor(first_id(MM.Meeting), prompts, settings),
        "Ny hændelse": lambda: EpisodeDialog(None, prompts),
        "Hændelse": lambda: EpisodeDialog(first_id(PM.Episode), prompts),
        "Nyt sted": lambda: PlaceDialog(None, prompts),
        "Sted": lambda: PlaceDialog(first_id(PM.Place), prompts),
        "Ny indsats": lambda: EffortDialog(None, prompts),
        "Indsats": lambda: EffortDialog(first_id(PM.Effort), prompts),
        "Ny handling": lambda: ActionDialog(None, prompts),
        "Handling": lambda: ActionDialog(first_id(AM.ActionItem), prompts),
        "Nyt mødeforum": lambda: ForumDialog(None, prompts),
        "Mødeforum": lambda: ForumDialog(first_id(MM.Forum), prompts),
        "Mødeplan": lambda: MeetingPlanDialog(first_id(MM.Forum), prompts),
        "Udskriv mødeplan": lambda: MeetingPlanPrintDialog(prompts, settings),
        "Statusrapport": lambda: ReportDialog(prompts, settings),
        "Indstillinger": lambda: SettingsDialog(settings),
        "Importér kontakter": lambda: ImportDialog(prompts, settings),
        "Slet person": lambda: ErasureDialog(erasure.preview(first_id(M.Contact)), prompts),
        "Indsigt": lambda: AccessRequestDialog("Bent Berg"),
        "Formål": lambda: PurposeDialog(),
    }
    found = {}
    for label, make in dialogs.items():
        dialog = make()
        found.update(walk(dialog, qtbot, label))
        dialog.hide()
    assert found == {}


def test_the_fields_behind_a_wrapper_read_their_labels(db, qtbot, prompts, settings):
    """The episode form's Dato, Tidspunkt, Sted and Note and the Statusrapport's dates: their
    labels point at a box around the field; before, a screen reader said only "redigér"."""
    from tryg_desktop.views.safety.episode_dialog import EpisodeDialog
    from tryg_desktop.views.safety.report_dialog import ReportDialog

    episode = EpisodeDialog(None, prompts)
    qtbot.addWidget(episode)
    assert [name_of(w) for w in (episode.date_edit, episode.time_edit, episode.note_edit)] == [
        "Dato", "Tidspunkt", "Note"]
    assert [w.accessibleName() for w in (episode.place_field, episode.category_combo)] == [
        "Sted", "Kategori"]
    report = ReportDialog(prompts, settings)
    qtbot.addWidget(report)
    assert (name_of(report.start), name_of(report.end)) == ("Fra", "Til")


def test_charts_are_named_and_describe_their_figures(window, qtbot):
    from tryg_desktop.views.safety.dashboard_charts import bar_values

    load_demo()
    window.refresh_all()
    overview = window.overview_page
    episodes = overview.charts["episodes"]
    qtbot.waitUntil(lambda: episodes.chart is not None and bool(bar_values(episodes.chart)),
                    timeout=30000)
    assert name_of(episodes.view) == episodes.title_text
    description = episodes.view.accessibleDescription()
    label, values = next(iter(bar_values(episodes.chart).items()))
    total = int(sum(values))
    assert f"{label}: " in description and f"i alt {total}," in description
    assert total > 0
