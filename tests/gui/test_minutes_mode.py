"""Minutes mode (Referat): typing is saved as you go, attendance is ticked, the minutes are
approved and locked, and an interrupted session is recovered at the next start."""

import datetime as dt

from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.meetings import minutes as MIN
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.views.meetings.meeting_editor import MeetingEditor


def a_meeting():
    # Yesterday: minutes are approved and printed only for a meeting that has begun.
    start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=1), dt.time(14))
    meeting = M.create(M.MeetingInput(title="Dialogmøde Kærby", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2)))
    A.add(meeting.id, A.ItemInput(title="Velkomst"))
    A.add(meeting.id, A.ItemInput(title="Belysning i Kildeparken", kind="beslutning"))
    person = C.create(C.ContactInput(name="Bent Berg"))
    P.add_contact(meeting.id, person.id)
    return meeting


def open_minutes(qtbot, prompts, settings, meeting_id):
    editor = MeetingEditor(meeting_id, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.show_minutes()
    return editor


def test_typing_is_saved_within_a_second_or_two(db, qtbot, prompts, settings):
    meeting = a_meeting()
    editor = open_minutes(qtbot, prompts, settings, meeting.id)
    panel = editor.minutes
    panel.items.setCurrentRow(1)
    qtbot.keyClicks(panel.notes_edit, "Parkforvaltningen har set på lyset.")
    qtbot.keyClicks(panel.decision_edit, "Der opsættes to nye lamper.")
    qtbot.waitUntil(lambda: A.items(meeting.id)[1].decision == "Der opsættes to nye lamper.",
                    timeout=3000)
    assert A.items(meeting.id)[1].notes == "Parkforvaltningen har set på lyset."
    assert panel.saved_label.text().startswith("Gemt kl.")
    panel.notes_edit.undo()  # undo works in the text fields
    assert panel.notes_edit.toPlainText() != "Parkforvaltningen har set på lyset."


def test_attendance_and_approval_with_a_missing_decision(db, qtbot, prompts, settings):
    meeting = a_meeting()
    editor = open_minutes(qtbot, prompts, settings, meeting.id)
    panel = editor.minutes
    panel.attendance.table.setFocus()
    qtbot.keyClick(panel.attendance.table, " ")  # Space ticks "Deltog"
    assert P.of_meeting(meeting.id)[0].attendance == "deltog"
    prompts.confirm_answers.append(False)
    panel.approve_button.click()
    assert "2" in prompts.asked[-1][2]  # item 2 is a decision without a decision
    assert MIN.status(meeting.id).status == "kladde"
    prompts.confirm_answers.append(True)
    panel.approve_button.click()
    assert MIN.status(meeting.id).locked
    assert panel.notes_edit.isReadOnly() and panel.reopen_button.isEnabled()
    prompts.text_answers.append("Rettelse fra Blå Kors")
    panel.reopen_button.click()
    assert not MIN.status(meeting.id).locked


def test_minutes_left_open_are_recovered_at_the_next_start(db, db_path, qtbot, prompts, settings):
    from tryg_desktop import settings as S
    from tryg_desktop.views.main_window import MainWindow

    meeting = a_meeting()
    editor = open_minutes(qtbot, prompts, settings, meeting.id)
    panel = editor.minutes
    qtbot.keyClicks(panel.notes_edit, "Velkommen til alle.")
    panel.save_now()
    assert settings.get(S.OPEN_MINUTES) == meeting.id  # as if the power went now
    reopened = {}

    def look(dialog):
        reopened["tab"] = dialog.tabs.currentWidget() is dialog.minutes
        reopened["text"] = dialog.minutes.notes_edit.toPlainText()
        dialog.reject()  # closed normally this time
        return 0

    prompts.dialog_handlers.append(look)
    window = MainWindow(db_path, settings, prompts)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "tab" in reopened)
    assert reopened == {"tab": True, "text": "Velkommen til alle."}
    assert prompts.asked[0][1] == "Referatet er gendannet"
    assert settings.get(S.OPEN_MINUTES) == 0


def test_referat_saved_as_pdf_from_the_editor(db, qtbot, prompts, settings, tmp_path):
    from pypdf import PdfReader

    meeting = a_meeting()
    editor = open_minutes(qtbot, prompts, settings, meeting.id)
    actions = {a.text().replace("&", ""): a for a in editor.documents_button.menu().actions()}
    prompts.save_paths.append(tmp_path / "referat.pdf")
    actions["Gem referat som PDF …"].trigger()
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "referat.pdf").pages)
    assert "Udkast" in text and "Dialogmøde Kærby" in text
    assert "Internt" not in text  # the participants' version by default
    # The internal version is its own menu entry, marked on every page.
    prompts.save_paths.append(tmp_path / "intern.pdf")
    actions["Gem referat (intern udgave med lukkede punkter) som PDF …"].trigger()
    pages = [p.extract_text() for p in PdfReader(tmp_path / "intern.pdf").pages]
    assert all("Internt – med lukkede punkter" in page for page in pages)


def test_action_from_an_item_is_followed_up_in_the_next_meeting(db, qtbot, prompts, settings):
    from tryg_desktop.services.meetings import actions as ACT
    from tryg_desktop.services import audit
    from tryg_desktop.services.meetings import forums as F

    forum = F.create(F.ForumInput(name="Dialogmøde Kærby"))
    first = F.plan_next_meeting(forum.id, today=dt.date.today() - dt.timedelta(days=70))
    editor = open_minutes(qtbot, prompts, settings, first.id)
    panel = editor.minutes
    theme = next(i for i, r in enumerate(panel._rows) if r.title == "Tema")
    panel.items.setCurrentRow(theme)

    def agree(dialog):
        qtbot.keyClicks(dialog.title_edit, "Kirkens Korshær kontakter grundejerforeningen")
        dialog.save()
        return dialog.result()

    prompts.dialog_handlers.append(agree)
    panel.new_action_button.click()
    [action] = ACT.fetch(ACT.ActionFilter())
    assert (action.meeting_id, action.forum_id) == (first.id, forum.id)
    assert "Kirkens Korshær" in panel.item_actions.text()

    second = F.plan_next_meeting(forum.id)
    later = open_minutes(qtbot, prompts, settings, second.id)
    follow = next(i for i, r in enumerate(later.minutes._rows)
                  if r.title == "Opfølgning på handlinger")
    later.minutes.items.setCurrentRow(follow)
    table = later.minutes.follow_up.table
    assert table.item(0, 0).text().startswith("Kirkens Korshær kontakter")
    status = table.cellWidget(0, 3)
    status.setCurrentIndex(status.findData("udført"))
    assert ACT.get(action.id).status == "udført"
    assert audit.history("action_item", action.id)[0].changes["status"][1] == "Udført"


def test_send_the_referat_as_an_email_draft(db, qtbot, prompts, settings, tmp_path, monkeypatch):
    from email import message_from_bytes, policy

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    meeting = a_meeting()
    C.update(P.of_meeting(meeting.id)[0].contact_id,
             C.ContactInput(name="Bent Berg", email="bent@example.dk"), 1)
    editor = open_minutes(qtbot, prompts, settings, meeting.id)
    actions = {a.text().replace("&", ""): a for a in editor.documents_button.menu().actions()}
    actions["Send referat …"].trigger()
    [opened] = [a[1] for a in prompts.asked if a[0] == "open"]
    mail = message_from_bytes(open(opened, "rb").read(), policy=policy.default)
    assert mail["X-Unsent"] == "1" and "bent@example.dk" in str(mail["To"])
    assert mail["Subject"].startswith("Udkast til referat: Dialogmøde Kærby")
    [pdf] = [p for p in mail.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert pdf.get_filename() == "Referat Dialogmøde Kærby.pdf"


def test_cpr_in_a_document_is_shown_and_only_overridden_on_purpose(db, qtbot, prompts, settings,
                                                                  tmp_path):
    from tryg_desktop.db.meeting_models import AgendaItem
    from tryg_desktop.db.models import AuditEntry

    meeting = a_meeting()
    # Text from before the editors refused CPR numbers (or typed straight into the database).
    AgendaItem.update(proposal="Borgeren 010190-1234 tilbydes hjælp").where(
        AgendaItem.meeting == meeting.id).execute()
    editor = open_minutes(qtbot, prompts, settings, meeting.id)
    actions = {a.text().replace("&", ""): a for a in editor.documents_button.menu().actions()}
    target = tmp_path / "dagsorden.pdf"

    prompts.save_paths.append(target)
    prompts.confirm_answers.append(False)  # "Stop"
    actions["Gem dagsorden som PDF …"].trigger()
    assert prompts.asked[-1][1] == "Mulige CPR-numre"
    assert "punkt 1" in prompts.asked[-1][2]  # where, never the number itself
    assert "010190" not in prompts.asked[-1][2]
    assert not target.exists()

    prompts.save_paths.append(target)
    prompts.confirm_answers.append(True)  # "Lav det alligevel"
    actions["Gem dagsorden som PDF …"].trigger()
    assert target.exists()
    assert AuditEntry.select().where(AuditEntry.label == "CPR-tilsidesættelse").count() == 1
