"""The contact editor's "Samtykke til at blive nævnt ved navn" group: enabled for a privatperson
only, typed like a user, validated in Danish beside each field, saved with the contact (version
checked), and the conflict path when a colleague saved first."""

import datetime as dt

from PySide6.QtCore import Qt

from tryg_desktop.services.data_protection import consent
from tryg_desktop.services.register import contacts as C

TODAY = dt.date.today()


def open_dialog(qtbot, prompts, record_id=None):
    from tryg_desktop.views.register.contact_dialog import ContactDialog

    dialog = ContactDialog(record_id, prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def close_discarding(dialog, prompts) -> None:
    prompts.choose_answers.append(1)  # "Kassér ændringer"
    dialog.reject()
    assert not dialog.isVisible()


def type_date(qtbot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    field.commit()  # as leaving the field does


def test_the_group_is_enabled_for_a_privatperson_only(db, qtbot, prompts):
    dialog = open_dialog(qtbot, prompts)
    group = dialog.ui.consentGroup
    assert group.title() == "Samtykke til at blive nævnt ved navn"
    assert not group.isEnabled()
    assert "kun for privatpersoner" in group.toolTip()
    qtbot.mouseClick(dialog.ui.privateCheck, Qt.MouseButton.LeftButton)
    assert dialog.ui.privateCheck.isChecked() and group.isEnabled()
    assert group.toolTip() == ""
    assert dialog.ui.consentGivenLabel.buddy() is dialog.consent_given
    assert dialog.ui.consentWithdrawnLabel.buddy() is dialog.consent_withdrawn
    close_discarding(dialog, prompts)


def test_new_resident_with_consent_is_saved_together(db, qtbot, prompts):
    dialog = open_dialog(qtbot, prompts)
    qtbot.keyClicks(dialog.ui.nameEdit, "Rikke Beboer")
    dialog.ui.privateCheck.setChecked(True)
    yesterday = TODAY - dt.timedelta(days=1)
    type_date(qtbot, dialog.consent_given, yesterday.strftime("%d.%m.%Y"))
    qtbot.keyClicks(dialog.ui.consentPurposeEdit, "Navn i referater")
    assert dialog.save_button.isEnabled()
    assert dialog.save() is True
    row = dialog.saved_row
    assert consent.get(row.id) == consent.ConsentRecord(yesterday, "Navn i referater", None)
    assert C.get(row.id).version == row.version == 2  # created, then the consent


def test_validation_messages_beside_the_fields(db, qtbot, prompts):
    row = C.create(C.ContactInput(name="Bo Beboer", is_private=True))
    dialog = open_dialog(qtbot, prompts, row.id)
    assert dialog.ui.consentGroup.isEnabled()
    type_date(qtbot, dialog.consent_given, TODAY.strftime("%d.%m.%Y"))
    # A date but no purpose: Gem off, the sentence under the purpose.
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.ui.consentPurposeEdit, "x")
    qtbot.keyClick(dialog.ui.consentPurposeEdit, Qt.Key.Key_Backspace)
    assert dialog.ui.consentPurposeError.isVisible()
    assert dialog.ui.consentPurposeError.text() == "Skriv, hvad samtykket gælder (formålet)."
    qtbot.keyClicks(dialog.ui.consentPurposeEdit, "Navn på dagsordenen")
    assert not dialog.ui.consentPurposeError.isVisible()
    assert dialog.save_button.isEnabled()
    # Withdrawn before it was given.
    type_date(qtbot, dialog.consent_withdrawn, (TODAY - dt.timedelta(days=3)).strftime("%d.%m.%Y"))
    assert dialog.ui.consentWithdrawnError.isVisible()
    assert dialog.ui.consentWithdrawnError.text() == ("Samtykket kan ikke trækkes tilbage før "
                                                      "det blev givet.")
    assert not dialog.save_button.isEnabled()
    assert dialog.save() is False
    assert consent.get(row.id) == consent.ConsentRecord()  # nothing saved
    # Only a purpose, no date.
    dialog.consent_withdrawn.clear()
    dialog.consent_given.clear()
    assert dialog.ui.consentGivenError.text() == "Angiv datoen for samtykket."
    assert not dialog.save_button.isEnabled()
    close_discarding(dialog, prompts)


def test_withdraw_in_the_dialog_and_reopen(db, qtbot, prompts):
    row = C.create(C.ContactInput(name="Ane Beboer", is_private=True))
    version = consent.give(row.id, TODAY - dt.timedelta(days=10), "Navn i referater",
                           row.version)
    dialog = open_dialog(qtbot, prompts, row.id)
    assert dialog.consent_given.date().toPython() == TODAY - dt.timedelta(days=10)
    assert dialog.ui.consentPurposeEdit.text() == "Navn i referater"
    assert dialog.version == version
    type_date(qtbot, dialog.consent_withdrawn, TODAY.strftime("%d.%m.%Y"))
    assert dialog.save() is True
    assert consent.get(row.id).withdrawn_on == TODAY
    assert not consent.get(row.id).in_force
    again = open_dialog(qtbot, prompts, row.id)
    assert again.consent_withdrawn.date().toPython() == TODAY
    history = again.history.topLevelItem(0).text(3)  # newest first, in Danish
    assert history == f"Samtykke trukket tilbage: (tom) → {TODAY.strftime('%d.%m.%Y')}"


def test_a_colleagues_save_is_a_conflict_not_a_lost_update(db, qtbot, prompts):
    row = C.create(C.ContactInput(name="Per Beboer", is_private=True))
    dialog = open_dialog(qtbot, prompts, row.id)
    # A colleague gives the consent meanwhile.
    consent.give(row.id, TODAY - dt.timedelta(days=1), "Kollegaens formål", row.version)
    type_date(qtbot, dialog.consent_given, TODAY.strftime("%d.%m.%Y"))
    qtbot.keyClicks(dialog.ui.consentPurposeEdit, "Mit formål")
    prompts.choose_answers.append(0)  # "Genindlæs"
    assert dialog.save() is False
    assert prompts.asked[-1][1] == "Ændret et andet sted"
    assert consent.get(row.id).purpose == "Kollegaens formål"  # theirs kept
    assert dialog.ui.consentPurposeEdit.text() == "Kollegaens formål"  # reloaded
    assert dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.ui.consentPurposeEdit, " og mit")
    assert dialog.save() is True
    assert consent.get(row.id).purpose == "Kollegaens formål og mit"


def test_making_a_resident_a_partner_clears_the_consent(db, qtbot, prompts):
    row = C.create(C.ContactInput(name="Lis Beboer", is_private=True))
    consent.give(row.id, TODAY, "Formål", row.version)
    dialog = open_dialog(qtbot, prompts, row.id)
    dialog.ui.privateCheck.setChecked(False)
    assert not dialog.ui.consentGroup.isEnabled()
    assert dialog.save() is True
    assert consent.get(row.id) == consent.ConsentRecord()
