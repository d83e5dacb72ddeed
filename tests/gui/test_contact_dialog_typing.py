"""Issue 14, "Why": the organisation field does not call a name wrong while it is being typed;
the message comes when the field is left, and goes when a real organisation is chosen."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tryg_desktop.services.register import organisations as O
from tryg_desktop.views.register.contact_dialog import ContactDialog

# The completer's list pops up on the offscreen platform, which cannot raise or grab for it.
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
UNKNOWN = "Organisationen findes ikke i registret. Vælg en fra listen."


def test_the_organisation_is_judged_on_leaving_not_per_key(db, qtbot, prompts):
    O.create(O.OrganisationInput(name="Frelsens Hær"))
    dialog = ContactDialog(None, prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    prompts.choose_answers.append(1)  # closed at the end of the test: Kassér ændringer
    qtbot.keyClicks(dialog.ui.nameEdit, "Lise Berg")
    combo = dialog.ui.organisationCombo
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "Frel")
    assert dialog.ui.organisationError.isHidden()  # still typing: not wrong yet
    assert not dialog.save_button.isEnabled()  # but not savable as it stands
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not combo.lineEdit()
    assert dialog.ui.organisationError.text() == UNKNOWN  # said on leaving
    assert dialog.ui.organisationError.isVisible()
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "Frelsens Hær")
    assert dialog.ui.organisationError.isHidden()  # right again: the message goes at once
    assert dialog.save_button.isEnabled()
