from PySide6.QtCore import Qt

from tryg_desktop.services import audit
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.register import organisations as O
from tryg_desktop.views.register.organisations_page import OrganisationsPage


def names(page):
    return [page.model.row_at(i).name for i in range(page.model.rowCount())]


def make_page(qtbot, prompts):
    page = OrganisationsPage(prompts)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def test_new_organisation_through_the_form(db, qtbot, prompts):
    page = make_page(qtbot, prompts)
    seen = {}

    def drive(dialog):
        dialog.show()
        ui = dialog.ui
        qtbot.keyClicks(ui.nameEdit, "Kirkens Korshær")
        ui.kindCombo.setCurrentIndex(ui.kindCombo.findText("NGO / frivillig organisation"))
        qtbot.keyClicks(ui.postalCodeEdit, "900")
        seen["postal_error"] = ui.postalCodeError.text()
        seen["enabled"] = dialog.save_button.isEnabled()
        qtbot.keyClicks(ui.postalCodeEdit, "0")
        qtbot.keyClicks(ui.cityEdit, "Aalborg")
        qtbot.keyClicks(ui.phoneEdit, "98 12 34 56")
        qtbot.keyClicks(ui.websiteEdit, "www.kirkenskorshaer.dk")
        qtbot.keyClick(ui.cityEdit, Qt.Key.Key_Return)  # Enter in a one-line field saves
        return dialog.result()

    prompts.dialog_handlers.append(drive)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen["postal_error"] == "Postnummeret skal være fire cifre."
    assert seen["enabled"] is False
    assert names(page) == ["Kirkens Korshær"]
    row = page.current_record()
    assert (row.kind, row.postal_code, row.phone) == ("ngo", "9000", "+4598123456")
    assert page.model.data(page.model.index(0, 1)) == "NGO / frivillig organisation"
    assert page.model.data(page.model.index(0, 2)) == "9000 Aalborg"
    assert audit.history("organisation", row.id)[0].action == "create"


def test_type_filter_and_danish_order(db, qtbot, prompts):
    for name, kind in [("Aalborg Kommune", "kommune"), ("Blå Kors", "ngo"),
                       ("Østre Boligforening", "boligforening"), ("Frelsens Hær", "ngo")]:
        O.create(O.OrganisationInput(name=name, kind=kind))
    page = make_page(qtbot, prompts)
    assert names(page) == ["Blå Kors", "Frelsens Hær", "Østre Boligforening", "Aalborg Kommune"]
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("ngo"))
    assert names(page) == ["Blå Kors", "Frelsens Hær"]


def test_delete_with_contacts_offers_unlink_or_cancel(db, qtbot, prompts):
    org = O.create(O.OrganisationInput(name="Blå Kors", kind="ngo"))
    person = C.create(C.ContactInput(name="Ole", organisation_id=org.id))
    page = make_page(qtbot, prompts)
    page.table.selectRow(0)
    prompts.choose_answers.extend([None, 0])  # first Annuller, then "Slet og fjern tilknytningen"
    page.delete_current()
    assert names(page) == ["Blå Kors"]
    assert "1 kontaktperson" in prompts.asked[0][2]
    page.delete_current()
    assert names(page) == []
    assert C.get(person.id).organisation_id is None


def test_model_passes_qt_model_tester(db, qtmodeltester):
    O.create(O.OrganisationInput(name="Blå Kors", kind="ngo"))
    O.create(O.OrganisationInput(name="Aalborg Kommune", kind="kommune", active=False))
    from tryg_desktop.views.register.organisations_page import make_model

    model = make_model()
    model.reload()
    qtmodeltester.check(model)
