"""Indstillinger (issue 10 point 8): the organiser's name and e-mail and the documents' header
go out on every invitation, .ics and document, so none of them may hold a CPR number."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from tryg_desktop import settings as S
from tryg_desktop.views.settings_dialog import SettingsDialog


@pytest.fixture
def dialog(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    return dialog


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


@pytest.mark.parametrize("field,value", [
    ("email_edit", "0101901234@borger.example"),
    ("email_edit", "010190\u20131234@borger.example"),
    ("name_edit", "Tryg 010190 1234"),
    ("header_edit", "Team 01.01.90-1234"),
])
def test_cpr_in_a_setting_is_refused_before_saving(qtbot, dialog, settings, field, value):
    before = settings.get(S.ORGANIZER_EMAIL), settings.get(S.ORGANIZER_NAME)
    edit = getattr(dialog, field)
    edit.clear()
    if value.isascii():
        qtbot.keyClicks(edit, value)
    else:  # QTest cannot type an en dash; it arrives as a paste would
        edit.insert(value)
    assert not save_button(dialog).isEnabled()
    assert "CPR-nummer" in dialog.error.text() and "1234" not in dialog.error.text()
    dialog.save()  # as Enter would: nothing is stored
    assert (settings.get(S.ORGANIZER_EMAIL), settings.get(S.ORGANIZER_NAME)) == before
    assert settings.get(S.HEADER_ORGANISATION) != value


def test_ordinary_settings_are_saved(qtbot, dialog, settings):
    dialog.email_edit.clear()
    qtbot.keyClicks(dialog.email_edit, "tryg@aalborg.example")
    assert save_button(dialog).isEnabled() and not dialog.error.isVisible()
    dialog.save()
    assert settings.get(S.ORGANIZER_EMAIL) == "tryg@aalborg.example"
