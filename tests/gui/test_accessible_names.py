"""A screen reader names every control: each page of the main window and each dialog is walked,
and a focusable, visible widget whose accessible name is empty (set on it, or read by Qt from a
buddy label beside it) fails the test. A label whose buddy is a wrapper (the field with its
error line) names nothing: Qt reads only a label that is the field's own sibling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QWidget

from tests.gui.dialogs import every_dialog
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
    load_demo()
    found = {}
    for label, make in every_dialog(prompts, settings).items():
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
