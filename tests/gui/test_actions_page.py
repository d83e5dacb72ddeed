"""The Handlinger page: overdue in red, missing owners flagged, several at once."""

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt

from tryg_desktop.services.meetings import actions as ACT
from tryg_desktop.services.register import contacts as C
from tryg_desktop.views.meetings.actions_page import ActionsPage

TODAY = dt.date.today()


def make_page(qtbot, prompts, settings):
    page = ActionsPage(prompts, settings)
    qtbot.addWidget(page)
    page.show()
    return page


def titles(page):
    return [page.model.row_at(i).title for i in range(page.model.rowCount())]


def test_open_actions_overdue_first_in_red_and_missing_owner_flagged(db, qtbot, prompts, settings):
    ole = C.create(C.ContactInput(name="Ole Hansen"))
    ACT.create(ACT.ActionInput(title="Ring til grundejerforeningen", due=TODAY - dt.timedelta(days=3),
                               responsible_contact_id=ole.id))
    ACT.create(ACT.ActionInput(title="Bestil lys til Ågade", due=TODAY + dt.timedelta(days=10)))
    ACT.create(ACT.ActionInput(title="Færdig sag", status="udført"))
    page = make_page(qtbot, prompts, settings)
    assert titles(page) == ["Ring til grundejerforeningen", "Bestil lys til Ågade"]
    overdue = page.model.index(0, 0)
    assert "overskredet" in page.model.data(overdue)
    assert page.model.data(overdue, Qt.ItemDataRole.ForegroundRole) is not None
    assert page.model.data(page.model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert page.model.data(page.model.index(1, 2)) == "mangler ansvarlig"
    page.show_combo.setCurrentIndex(page.show_combo.findText("Alle"))
    assert "Færdig sag" in titles(page)


def test_status_for_several_selected_actions_at_once(db, qtbot, prompts, settings):
    for title in ("A-handling", "B-handling", "C-handling"):
        ACT.create(ACT.ActionInput(title=title, due=TODAY + dt.timedelta(days=5)))
    page = make_page(qtbot, prompts, settings)
    selection = page.table.selectionModel()
    for row in (0, 2):
        selection.select(page.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    page.set_status("udført")
    assert titles(page) == ["B-handling"]
    done = ACT.fetch(ACT.ActionFilter(statuses={"udført"}))
    assert sorted(a.title for a in done) == ["A-handling", "C-handling"]
    assert all(a.completed_on == TODAY for a in done)


def test_new_action_through_the_dialog(db, qtbot, prompts, settings):
    page = make_page(qtbot, prompts, settings)

    def fill(dialog):
        qtbot.keyClicks(dialog.title_edit, "Kirkens Korshær kontakter grundejerforeningen")
        dialog.has_due.setChecked(True)
        dialog.save()
        return dialog.result()

    prompts.dialog_handlers.append(fill)
    page.new_record()
    assert titles(page) == ["Kirkens Korshær kontakter grundejerforeningen"]


def test_handlingsliste_saved_as_pdf(db, qtbot, prompts, settings, tmp_path):
    from pypdf import PdfReader

    ACT.create(ACT.ActionInput(title="Ring til grundejerforeningen",
                               due=TODAY - dt.timedelta(days=3)))
    page = make_page(qtbot, prompts, settings)
    prompts.save_paths.append(tmp_path / "liste.pdf")
    page.save_list()
    text = " ".join("".join(p.extract_text() for p in PdfReader(tmp_path / "liste.pdf").pages).split())
    assert "Ring til grundejerforeningen" in text and "Overskredet" in text


def test_handlingsliste_participants_by_default_internal_as_a_choice(db, qtbot, prompts, settings,
                                                                    tmp_path):
    """An action agreed under a closed item is not in the list printed by default; the
    internal version is a separate menu choice, marked on every page."""
    from pypdf import PdfReader

    from tryg_desktop.services.meetings import agenda as A
    from tryg_desktop.services.meetings import meetings as M

    start = dt.datetime.combine(TODAY, dt.time(14))
    meeting = M.create(M.MeetingInput(title="Netværksmøde", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2)))
    closed = A.add(meeting.id, A.ItemInput(title="Personsag", closed=True))
    ACT.create(ACT.ActionInput(title="Kontakt Xylofonhuset", agenda_item_id=closed.id))
    ACT.create(ACT.ActionInput(title="Ring til grundejerforeningen"))
    page = make_page(qtbot, prompts, settings)
    assert sorted(titles(page)) == ["Kontakt Xylofonhuset", "Ring til grundejerforeningen"]

    def texts(path):
        return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]

    prompts.save_paths.append(tmp_path / "liste.pdf")
    page.save_list()
    shared = " ".join(texts(tmp_path / "liste.pdf"))
    assert "Ring til grundejerforeningen" in shared and "Xylofon" not in shared
    assert "Internt" not in shared
    menu = [a.text() for a in page.print_button.menu().actions()]
    assert menu.index("Gem som PDF …") < menu.index("Gem intern udgave som PDF …")
    prompts.save_paths.append(tmp_path / "intern.pdf")
    page.internal_save_action.trigger()
    internal = texts(tmp_path / "intern.pdf")
    assert "Kontakt Xylofonhuset" in " ".join(internal)
    assert all("Internt – med lukkede punkter" in text for text in internal)
    # The same rule for the list as CSV.
    prompts.save_paths.append(tmp_path / "liste.csv")
    page.save_csv()
    shared = (tmp_path / "liste.csv").read_text("utf-8-sig")
    assert "Ring til grundejerforeningen" in shared and "Xylofon" not in shared
    prompts.save_paths.append(tmp_path / "intern.csv")
    page.internal_csv_action.trigger()
    assert "Kontakt Xylofonhuset" in (tmp_path / "intern.csv").read_text("utf-8-sig")


def test_filter_by_responsible_person(db, qtbot, prompts, settings):
    ole = C.create(C.ContactInput(name="Ole Hansen"))
    ACT.create(ACT.ActionInput(title="Oles handling", responsible_contact_id=ole.id))
    ACT.create(ACT.ActionInput(title="Andens handling"))
    page = make_page(qtbot, prompts, settings)

    def choose_ole(dialog):
        dialog.edit.setText("Ole")
        dialog.refresh()
        dialog.accept()
        return dialog.result()

    prompts.dialog_handlers.append(choose_ole)
    page.person_button.click()
    assert titles(page) == ["Oles handling"]
    assert page.person_button.text().startswith("Ansvarlig: Ole Hansen")
    page.person_button.click()  # a second click shows every action again
    assert sorted(titles(page)) == ["Andens handling", "Oles handling"]


def test_an_organisation_can_be_responsible(db, qtbot, prompts, settings):
    from tryg_desktop.services.register import organisations as O

    O.create(O.OrganisationInput(name="Kirkens Korshær", kind="ngo"))
    page = make_page(qtbot, prompts, settings)

    def pick_org(dialog):
        dialog.accept()
        return dialog.result()

    def fill(dialog):
        qtbot.keyClicks(dialog.title_edit, "Kontakt grundejerforeningen")
        prompts.dialog_handlers.append(pick_org)
        dialog.organisation.choose.click()
        dialog.save()
        return dialog.result()

    prompts.dialog_handlers.append(fill)
    page.new_record()
    [row] = ACT.fetch(ACT.ActionFilter())
    assert row.organisation_name == "Kirkens Korshær" and row.missing_responsible is False


def test_a_new_actions_deadline_follows_its_meeting_and_is_typed_as_numbers(db, qtbot,
                                                                            prompts):
    """A meeting half a year away: the deadline is the forum's next meeting, not today + 14,
    and another date is typed, not clicked through seven months of calendar."""
    from PySide6.QtCore import QDate

    from tryg_desktop.l10n import format_date
    from tryg_desktop.services.meetings import forums as F
    from tryg_desktop.services.meetings import meetings as M
    from tryg_desktop.views.meetings.action_dialog import ActionDialog

    forum = F.create(F.ForumInput(name="Netværket i Kærby"))
    days = []
    for ahead in (180, 208):
        start = dt.datetime.combine(TODAY + dt.timedelta(days=ahead), dt.time(14))
        days.append(M.create(M.MeetingInput(title="Netværksmøde", forum_id=forum.id,
                                            starts_at=start,
                                            ends_at=start + dt.timedelta(hours=2))))
    dialog = ActionDialog(None, prompts, meeting_id=days[0].id)
    qtbot.addWidget(dialog)
    next_meeting = TODAY + dt.timedelta(days=208)
    assert dialog.has_due.isChecked() and dialog.due_edit.isEnabled()
    assert dialog.due_edit.date() == QDate(next_meeting)
    assert dialog.due_edit.text() == format_date(next_meeting, "full")
    qtbot.keyClicks(dialog.title_edit, "Ring til parkdriften")
    typed = TODAY + dt.timedelta(days=200)
    dialog.due_edit.selectAll()
    qtbot.keyClicks(dialog.due_edit, f"{typed.day}.{typed.month}.{typed.year % 100}")
    dialog.save()
    assert ACT.get(dialog.saved_row.id).due == typed
    # Outside a meeting: no deadline unless ticked, and then two weeks from today.
    loose = ActionDialog(None, prompts)
    qtbot.addWidget(loose)
    assert not loose.has_due.isChecked()
    # The dialog reads the clock when opened: compare with today now, not at collection.
    assert loose.due_edit.date() == QDate(dt.date.today() + dt.timedelta(days=14))
