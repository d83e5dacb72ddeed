from PySide6.QtCore import Qt

from tryg_desktop.services import audit
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.register import organisations as O
from tryg_desktop.views.register.contacts_page import ContactsPage


def names(page):
    return [page.model.row_at(i).name for i in range(page.model.rowCount())]


def make_page(qtbot, prompts):
    page = ContactsPage(prompts)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()  # keyboard shortcuts go to the active window only
    qtbot.waitUntil(page.isActiveWindow)
    return page


def seed():
    org = O.create(O.OrganisationInput(name="Kirkens Korshær", kind="ngo"))
    for name in ["Østerbro Ole", "Aage Aagaard", "Bent Berg", "Ærlig Æsel", "Åse Ås", "Zenia Zink"]:
        C.create(C.ContactInput(name=name, organisation_id=org.id if name[0] in "ÆØ" else None))
    return org


def test_table_shows_danish_order_and_header_sorts(db, qtbot, prompts):
    seed()
    page = make_page(qtbot, prompts)
    # "Aa" counts as Å: "Aage" is "Åge", before "Åse".
    assert names(page) == ["Bent Berg", "Zenia Zink", "Ærlig Æsel", "Østerbro Ole",
                           "Aage Aagaard", "Åse Ås"]
    page.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert names(page)[0] == "Åse Ås"
    page.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)  # organisation
    assert names(page)[-2:] == ["Ærlig Æsel", "Østerbro Ole"]
    assert page.count_label.text() == "6 kontakter"


def test_search_as_you_type(db, qtbot, prompts):
    seed()
    page = make_page(qtbot, prompts)
    qtbot.keyClicks(page.search_edit, "korsh")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert names(page) == ["Ærlig Æsel", "Østerbro Ole"]
    assert page.count_label.text() == "2 kontakter"
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "aag")
    qtbot.waitUntil(lambda: names(page) == ["Aage Aagaard"])


def test_lazy_loading_fetches_pages_as_the_view_scrolls(db, qtbot, prompts):
    for n in range(450):
        C.create(C.ContactInput(name=f"Kontakt {n:03d}"))
    page = make_page(qtbot, prompts)
    assert page.model.rowCount() == page.model.PAGE_SIZE
    # More rows than one page: the total is counted by a worker and shown when it arrives.
    qtbot.waitUntil(lambda: page.count_label.text() == "450 kontakter")
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > page.model.PAGE_SIZE)


def test_filters_active_and_private(db, qtbot, prompts):
    C.create(C.ContactInput(name="Aktiv Anna"))
    C.create(C.ContactInput(name="Inaktiv Ib", active=False))
    C.create(C.ContactInput(name="Beboer Bo", is_private=True))
    page = make_page(qtbot, prompts)
    assert names(page) == ["Aktiv Anna", "Beboer Bo"]
    page.active_combo.setCurrentIndex(page.active_combo.findText("Inaktive"))
    assert names(page) == ["Inaktiv Ib"]
    page.active_combo.setCurrentIndex(page.active_combo.findText("Alle"))
    page.kind_combo.setCurrentIndex(page.kind_combo.findText("Privatpersoner"))
    assert names(page) == ["Beboer Bo"]


def fill_and_save(dialog, qtbot, **fields):
    ui = dialog.ui
    for name, value in fields.items():
        edit = getattr(ui, name)
        edit.clear()
        qtbot.keyClicks(edit, value)
    return dialog


def test_new_contact_with_validation_next_to_fields(db, qtbot, prompts):
    page = make_page(qtbot, prompts)
    seen = {}

    def drive(dialog):
        seen["save_enabled_when_empty"] = dialog.save_button.isEnabled()
        fill_and_save(dialog, qtbot, nameEdit="Søren Ærbø", phoneEdit="12", emailEdit="soren@")
        seen["phone_error"] = dialog.ui.phoneError.text()
        seen["email_error"] = dialog.ui.emailError.text()
        seen["save_enabled_when_invalid"] = dialog.save_button.isEnabled()
        fill_and_save(dialog, qtbot, phoneEdit="98 31 31 31", emailEdit="soren@aalborg.dk")
        seen["phone_error_after"] = dialog.ui.phoneError.isVisible()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    prompts.dialog_handlers.append(drive)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen["save_enabled_when_empty"] is False
    assert "gyldigt telefonnummer" in seen["phone_error"]
    assert "gyldig e-mailadresse" in seen["email_error"]
    assert seen["save_enabled_when_invalid"] is False
    assert seen["phone_error_after"] is False
    assert names(page) == ["Søren Ærbø"]
    row = page.current_record()
    assert (row.phone, row.email) == ("+4598313131", "soren@aalborg.dk")
    assert page.model.data(page.model.index(0, 3)) == "98 31 31 31"


def test_duplicate_warning_on_create(db, qtbot, prompts):
    C.create(C.ContactInput(name="Ole Hansen", email="ole@bk.dk"))
    page = make_page(qtbot, prompts)
    prompts.confirm_answers.append(False)  # "Tilbage"

    def drive(dialog):
        fill_and_save(dialog, qtbot, nameEdit="Ole H.", emailEdit="OLE@bk.dk")
        dialog.save()
        return dialog.result()

    prompts.dialog_handlers.append(drive)
    page.new_record()
    assert prompts.asked[0][:2] == ("confirm", "Mulig dublet")
    assert "Ole Hansen" in prompts.asked[0][2]
    assert "Mulig dublet" in prompts.dialogs[0].duplicate_label.text()
    assert C.count(C.ContactFilter()) == 1


def test_enter_opens_editor_and_history_tab(db, qtbot, prompts):
    row = C.create(C.ContactInput(name="Ole", email="ole@example.dk", phone="98148012"))
    row = C.update(row.id, C.ContactInput(name="Ole", email="ole@example.dk",
                                          phone="98 14 80 13"), row.version)
    C.update(row.id, C.ContactInput(name="Ole", email="ole@aalborg.dk", phone=row.phone),
             row.version)
    page = make_page(qtbot, prompts)
    page.table.setFocus()
    page.table.selectRow(0)
    seen = {}

    def drive(dialog):
        history = dialog.history
        seen["rows"] = [history.topLevelItem(i).text(2) for i in range(history.topLevelItemCount())]
        seen["change"] = history.topLevelItem(0).text(3)
        seen["phone"] = history.topLevelItem(1).text(3)
        seen["user"] = history.topLevelItem(0).text(1)
        return 0

    prompts.dialog_handlers.append(drive)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert seen["rows"] == ["Ændret", "Ændret", "Oprettet"]
    assert seen["change"] == "E-mail: ole@example.dk → ole@aalborg.dk"
    # Stored as E.164; shown as everywhere else in the app (it read "+4598148012").
    assert seen["phone"] == "Telefon: 98 14 80 12 → 98 14 80 13"
    assert seen["user"] == audit.current_user()


def test_conflict_is_explained_and_reload_offered(db, qtbot, prompts):
    row = C.create(C.ContactInput(name="Ole"))
    page = make_page(qtbot, prompts)
    page.table.selectRow(0)
    prompts.choose_answers.append(0)  # "Genindlæs"
    seen = {}

    def drive(dialog):
        # Someone else saves while this editor is open.
        C.update(row.id, C.ContactInput(name="Ole Andersen"), row.version)
        fill_and_save(dialog, qtbot, titleEdit="Leder")
        seen["saved"] = dialog.save()
        seen["name_after_reload"] = dialog.ui.nameEdit.text()
        return 0

    prompts.dialog_handlers.append(drive)
    page.open_row(0)
    assert seen["saved"] is False
    assert prompts.asked[0][1] == "Ændret et andet sted"
    assert "ændret et andet sted" in prompts.asked[0][2]
    assert seen["name_after_reload"] == "Ole Andersen"
    assert C.get(row.id).title == ""  # nothing overwritten


def test_closing_with_unsaved_text_asks(db, qtbot, prompts):
    page = make_page(qtbot, prompts)
    prompts.choose_answers.append(None)  # "Fortsæt redigering"
    seen = {}

    def drive(dialog):
        qtbot.keyClicks(dialog.ui.nameEdit, "Halvskrevet")
        dialog.reject()
        seen["still_open_text"] = dialog.ui.nameEdit.text()
        seen["result"] = dialog.result()
        return 0

    prompts.dialog_handlers.append(drive)
    page.new_record()
    assert prompts.asked[0][1] == "Ikke gemte ændringer"
    assert seen["still_open_text"] == "Halvskrevet"


def test_private_person_form_hides_fields(db, qtbot, prompts):
    from tryg_desktop.views.register.contact_dialog import ContactDialog

    dialog = ContactDialog(None, prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.privateCheck.setChecked(True)
    assert not dialog.ui.titleEdit.isVisible()
    assert not dialog.ui.organisationCombo.isVisible()
    assert dialog.ui.privateNote.isVisible()
    prompts.choose_answers.append(1)  # closing: "Kassér ændringer"
    dialog.reject()
    assert not dialog.isVisible()


def test_deactivate_and_delete_with_confirmation(db, qtbot, prompts):
    C.create(C.ContactInput(name="Ole"))
    page = make_page(qtbot, prompts)
    page.table.selectRow(0)
    page.active_button.click()
    assert names(page) == []  # the list shows active contacts
    page.active_combo.setCurrentIndex(page.active_combo.findText("Alle"))
    page.table.selectRow(0)
    assert page.active_button.text() == "&Aktivér"
    prompts.confirm_answers.extend([False, True])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert names(page) == ["Ole"]
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert names(page) == []
    assert [a[1] for a in prompts.asked] == ["Slet kontakt", "Slet kontakt"]


def test_model_passes_qt_model_tester(db, qtbot, qtmodeltester):
    seed()
    from tryg_desktop.views.register.contacts_page import make_model

    model = make_model()
    model.reload()
    qtmodeltester.check(model)
