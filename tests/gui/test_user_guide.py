"""The user guide (issue 14, point 6): Hjælp → Brugervejledning (F1) opens the guide at the
section for the page in view or the dialog in use, also while a modal dialog is open; every
section the topic table names is in the guide, every picture in it exists, and the script that
makes the pictures still runs."""

from __future__ import annotations

import ast
import importlib.util
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from tryg_desktop.views.help.topics import GUIDE, PAGE_TOPICS, START, WIDGET_TOPICS, topic_for
from tryg_desktop.views.main_window import PAGES

ROOT = Path(__file__).resolve().parents[2]


class _GuideParts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.images: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if tag == "a" and attrs.get("href", "").startswith("#"):
            self.links.append(attrs["href"][1:])


def _guide() -> _GuideParts:
    parts = _GuideParts()
    parts.feed(GUIDE.read_text(encoding="utf-8"))
    return parts


def test_every_section_the_topics_name_is_in_the_guide():
    guide = _guide()
    assert set(PAGE_TOPICS) == set(PAGES)  # every page has its section
    named = (set(PAGE_TOPICS.values()) | set(WIDGET_TOPICS.values())) - {START}
    assert named - guide.ids == set()
    assert set(guide.links) - guide.ids == set()  # the guide's own links lead somewhere


def test_every_picture_in_the_guide_exists_and_all_are_small():
    images = _guide().images
    assert len(images) >= 6
    folder = GUIDE.parent
    assert [src for src in images if not (folder / src).is_file()] == []
    on_disk = {path.relative_to(folder).as_posix() for path in (folder / "img").glob("*.png")}
    assert on_disk == set(images)  # no picture left behind that the guide no longer shows
    assert sum((folder / src).stat().st_size for src in images) < 3 * 1024 * 1024


def _dialog_classes() -> set[str]:
    """Every dialog class the views define (a QDialog or RecordDialog subclass)."""
    found = set()
    for path in (ROOT / "tryg_desktop" / "views").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    getattr(base, "id", "") in ("QDialog", "RecordDialog") for base in node.bases):
                found.add(node.name)
    return found


def test_every_dialog_has_a_section_or_is_meant_to_open_the_start():
    # The guide's start for these; a picker answers with its caller's section (its parent);
    # RecordDialog is the base of the record dialogs, never shown by itself.
    general = {"AboutDialog", "ErrorDialog", "PickerDialog", "RecordDialog"}
    classes = _dialog_classes()
    assert {"ContactDialog", "EpisodeDialog", "MeetingEditor"} <= classes  # the scan works
    assert classes - general - set(WIDGET_TOPICS) == set()


def test_the_innermost_part_with_a_section_wins_and_an_unknown_dialog_opens_the_start(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    editor = type("MeetingEditor", (QDialog,), {})(window)
    minutes = type("MinutesPanel", (QWidget,), {})(editor)
    field = QWidget(minutes)
    assert topic_for(field, window, "Møder") == "referat"
    assert topic_for(editor, window, "Møder") == "moeder"
    question = QMessageBox(editor)  # a question asked from the meeting editor
    assert topic_for(question, window, "Møder") == "moeder"
    unknown = QDialog(window)
    assert topic_for(QWidget(unknown), window, "Kontakter") == START
    assert topic_for(QWidget(window), window, "Kontakter") == "kontakter"


def _guide_window(window):
    guide = window.help_key.guide
    assert guide is not None and guide.isVisible()
    return guide


@pytest.mark.parametrize("name", PAGES)
def test_f1_on_a_page_opens_its_section(window, qtbot, name):
    window.show_named_page(name)
    qtbot.keyClick(window.focusWidget() or window.stack.currentWidget(), Qt.Key.Key_F1)
    guide = _guide_window(window)
    assert guide.browser.source().fragment() == PAGE_TOPICS[name]
    assert guide.browser.source().toLocalFile() == str(GUIDE)
    qtbot.waitUntil(lambda: guide.browser.verticalScrollBar().value() > 0)  # at the section
    assert guide.windowTitle() == "Brugervejledning"


def _f1_in_modal(dialog, qtbot, seen: dict) -> int:
    """As exec() would: the dialog modal (the main window's shortcuts blocked), then F1."""
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # as a user sees it
    assert QApplication.activeModalWidget() is dialog
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_F1)
    guide = seen["window"].help_key.guide
    seen["fragment"] = guide.browser.source().fragment()
    seen["owner"] = guide.parentWidget()
    seen["visible"] = guide.isVisible()
    dialog.reject()  # (Esc or Annuller: nothing was typed)
    return 0


@pytest.mark.parametrize("open_dialog, section", [("new_contact", "kontakter"),
                                                  ("new_episode", "haendelser")])
def test_f1_in_a_modal_dialog_opens_the_dialogs_section(window, prompts, qtbot, open_dialog,
                                                        section):
    seen = {"window": window}
    dialogs = []

    def handle(dialog):
        dialogs.append(dialog)
        return _f1_in_modal(dialog, qtbot, seen)

    prompts.dialog_handlers.append(handle)
    getattr(window, open_dialog)()
    assert seen["fragment"] == section
    # The guide was the dialog's own window, so the dialog's modality did not block it ...
    assert seen["owner"] is dialogs[0] and seen["visible"]
    # ... and it stays open with the main window when the dialog closes.
    guide = _guide_window(window)
    assert guide.parentWidget() is window


def test_the_menu_item_has_f1_and_stands_before_tastaturgenveje(window, qtbot):
    from tryg_desktop.views.shortcuts_dialog import shortcuts

    action = window.guide_action
    assert action.text() == "&Brugervejledning"
    assert action.shortcut() == QKeySequence("F1")
    items = [item for item in action.associatedObjects() if hasattr(item, "title")]
    help_menu = next(menu for menu in items if menu.title() == "&Hjælp")
    assert help_menu.actions().index(action) < help_menu.actions().index(window.shortcuts_action)
    assert ("Overalt", "F1", "Brugervejledning") in shortcuts(window)
    window.show_named_page("Handlinger")
    action.trigger()
    assert _guide_window(window).browser.source().fragment() == "handlinger"


def test_the_guide_window_goes_to_the_contents_and_opens_in_the_browser(window, prompts, qtbot):
    window.show_named_page("Steder")
    window.guide_action.trigger()
    guide = _guide_window(window)
    assert guide.browser.source().fragment() == "steder"
    qtbot.mouseClick(guide.contents_button, Qt.MouseButton.LeftButton)
    assert guide.browser.source().fragment() == ""
    assert guide.back_button.isEnabled()
    qtbot.mouseClick(guide.browser_button, Qt.MouseButton.LeftButton)
    assert ("open", str(GUIDE), "") in prompts.asked
    for button in (guide.back_button, guide.contents_button, guide.browser_button):
        assert button.accessibleName()
    assert guide.browser.accessibleName() == "Brugervejledning"
    qtbot.keyClick(guide.browser, Qt.Key.Key_Escape)
    assert not guide.isVisible()


def test_the_screenshot_script_still_makes_a_picture(tmp_path, qapp):
    spec = importlib.util.spec_from_file_location(
        "guide_screenshots", ROOT / "scripts" / "guide_screenshots.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    style = qapp.styleSheet()
    try:
        written = script.make_screenshots(tmp_path / "img", tmp_path, ["haendelse"])
    finally:
        qapp.setStyleSheet(style)  # the script sets the app's look; the other tests expect theirs
    assert written == [tmp_path / "img" / "haendelse.png"]
    image = QImage(str(written[0]))
    assert image.width() > 300 and image.height() > 200


def test_f1_still_works_after_a_message_box_that_had_it(window, prompts, qtbot):
    """QMessageBox.information (a message box Qt makes and deletes itself) got the F1 action
    when it took the focus; when it was gone, PySide called the shared action deleted, and the
    next dialog to get the focus raised RuntimeError: a loop of error dialogs, each a dialog
    too (found under Xvfb: Databeskyttelse › Indsigt without a contact chosen, then with one).
    Each dialog now has an F1 shortcut of its own."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QShortcut

    from tryg_desktop.views.help.help_key import F1_NAME

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        # F1 there too, by a shortcut of its own; the window's action stays the window's.
        qtbot.waitUntil(lambda: box.findChild(QShortcut, F1_NAME) is not None)
        assert window.guide_action not in box.actions()
        box.accept()

    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTimer.singleShot(300, answer)
    QMessageBox.information(window, "Vælg en kontakt", "Vælg kontakten først.")
    assert window.guide_action.text()  # its Python side still alive
    seen = {"window": window}
    prompts.dialog_handlers.append(lambda dialog: _f1_in_modal(dialog, qtbot, seen))
    window.new_contact()
    assert seen["fragment"] == "kontakter" and seen["visible"]
