"""Planning a forum's meetings by its calendar rule: the review list, creating them in one
transaction, the Mødeplan PDF and the command line (forums plan, print meeting-plan).

Dates are in 2029, after any real "today" these tests will meet; checked by hand: Easter 2029 is
1 April, so skærtorsdag is 29 March, langfredag 30 March, 2. påskedag 2 April; Christmas Day
2029 is a Tuesday."""

import datetime as dt
import json

import pytest
from pypdf import PdfReader

from tryg_desktop import cli
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services import audit
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meeting_plan_printing as MP
from tryg_desktop.services.meetings import meeting_plan
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.errors import ServiceError

D = dt.date
QUARTER = "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=-1TH"


def forum_with_a_meeting(name="Tryghedsforum Nørresundby", rule=QUARTER, first=D(2029, 1, 2),
                         start="16:30", minutes=120):
    forum = F.create(F.ForumInput(name=name, location="Nørresundby Bibliotek", rhythm=rule,
                                  start_time=start, duration_minutes=minutes))
    starts = dt.datetime.combine(first, dt.time.fromisoformat(start))
    M.create(M.MeetingInput(title=name, forum_id=forum.id, starts_at=starts,
                            ends_at=starts + dt.timedelta(minutes=minutes),
                            location="Nørresundby Bibliotek"))
    return forum


def test_plan_until_proposes_without_writing(db):
    forum = forum_with_a_meeting()
    before = M.count(M.MeetingFilter(when="all"))
    plan = F.plan_until(forum.id, D(2029, 12, 31), today=D(2026, 12, 3))
    assert [(p.date, p.reason) for p in plan] == [
        # 29 March is skærtorsdag and the days after close the month: the Wednesday before.
        (D(2029, 3, 28), "flyttet fra torsdag den 29. marts (skærtorsdag)"),
        (D(2029, 6, 28), ""), (D(2029, 9, 27), ""), (D(2029, 12, 27), "")]
    assert plan[0].starts_at == dt.datetime(2029, 3, 28, 16, 30)
    assert plan[0].ends_at == dt.datetime(2029, 3, 28, 18, 30)
    assert M.count(M.MeetingFilter(when="all")) == before


def test_plan_until_says_what_is_wrong_in_danish(db):
    forum = forum_with_a_meeting()
    with pytest.raises(ServiceError, match="Vælg en slutdato efter 2.1.2029"):
        F.plan_until(forum.id, D(2028, 12, 31), today=D(2026, 12, 3))
    with pytest.raises(ServiceError, match="giver ingen mødedato frem til 28. februar 2029"):
        F.plan_until(forum.id, D(2029, 2, 28), today=D(2026, 12, 3))
    none = F.create(F.ForumInput(name="Arbejdsgruppen", rhythm=""))
    with pytest.raises(ServiceError, match="ingen fast rytme"):
        F.plan_until(none.id, D(2029, 12, 31), today=D(2026, 12, 3))
    F.create_planned(forum.id, [p.date for p in F.plan_until(forum.id, D(2029, 12, 31),
                                                             today=D(2026, 12, 3))])
    with pytest.raises(ServiceError, match="Vælg en slutdato efter 27.12.2029"):
        F.plan_until(forum.id, D(2029, 12, 27), today=D(2026, 12, 3))
    with pytest.raises(ServiceError, match="har allerede møder frem til 27.12.2029"):
        F.plan_until(forum.id, D(2029, 12, 31), today=D(2026, 12, 3))


def test_create_planned_makes_every_meeting_with_agenda_and_audit(db):
    forum = forum_with_a_meeting(minutes=90)
    plan = F.plan_until(forum.id, D(2029, 12, 31), today=D(2026, 12, 3))
    created = F.create_planned(forum.id, [p.date for p in plan])
    assert [m.starts_at.date() for m in created] == [p.date for p in plan]
    for meeting in created:
        assert meeting.forum_id == forum.id and meeting.status == "planlagt"
        assert A.items(meeting.id)[0].title == "Velkomst"
        assert A.time_plan(meeting.id).overrun_minutes == 0  # template fitted to 90 minutes
    entry = audit.history("forum", forum.id)[0]
    assert entry.changes == {"planned_meetings": [None, "4 møder, 28.03.2029–27.12.2029"]}


def test_planned_meetings_keep_the_chair_and_minute_taker_while_active(db):
    from tryg_desktop.services.register import contacts as C

    chair = C.create(C.ContactInput(name="Aage Sørensen"))
    taker = C.create(C.ContactInput(name="Mads Thygesen"))
    forum = forum_with_a_meeting()
    first = M.fetch(M.MeetingFilter(when="all"), 0, 10)[0]
    data = M.get(first.id)
    M.update(first.id, M.MeetingInput(title=data.title, forum_id=forum.id,
                                      starts_at=data.starts_at, ends_at=data.ends_at,
                                      chair_id=chair.id, minute_taker_id=taker.id),
             data.version)
    row = C.get(taker.id)
    C.update(taker.id, C.ContactInput(name=row.name, active=False), row.version)
    created = F.create_planned(forum.id, [D(2029, 3, 28)])
    assert (created[0].chair_name, created[0].minute_taker_id) == ("Aage Sørensen", None)


def test_create_planned_is_all_or_nothing(db, monkeypatch):
    forum = forum_with_a_meeting()
    plan = F.plan_until(forum.id, D(2029, 12, 31), today=D(2026, 12, 3))
    before = M.count(M.MeetingFilter(when="all"))
    calls = []

    def invite(meeting_id, forum_id):
        calls.append(meeting_id)
        if len(calls) == 3:
            raise ServiceError("Databasen er optaget.")
        return 0

    monkeypatch.setattr(F, "invite_members", invite)
    with pytest.raises(ServiceError):
        F.create_planned(forum.id, [p.date for p in plan])
    assert M.count(M.MeetingFilter(when="all")) == before


def test_fitted_template_shortens_the_longest_items(db):
    standard = A.standard_template_id()
    assert sum(i.minutes for i in A.template(standard).items) == 95
    assert sum(i.minutes for i in F.fitted_template(standard, 120)) == 95
    fitted = F.fitted_template(standard, 90)
    assert sum(i.minutes for i in fitted) == 90
    assert {i.title: i.minutes for i in fitted}["Tema"] == 25
    assert sum(i.minutes for i in F.fitted_template(standard, 60)) == 60


SIX = [("Dialogmøde Kærby", "FREQ=MONTHLY;BYDAY=1TH", "14:00"),
       ("Netværksmøde Aalborg Midtby", "FREQ=MONTHLY;BYDAY=2TU", "09:30"),
       ("Tryghedsforum Nørresundby", QUARTER, "16:30"),
       ("Styregruppen for Kildeparken", "FREQ=MONTHLY;BYDAY=-1WE", "10:00"),
       ("Gadeplansnetværket", "FREQ=WEEKLY;INTERVAL=4;BYDAY=MO", "13:00"),
       ("Beboerforum Ø-gaderne", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE", "17:00")]


def six_forums_planned_for_2029():
    ids = []
    for name, rule, start in SIX:
        forum = forum_with_a_meeting(name, rule, D(2028, 12, 1), start)
        plan = F.plan_until(forum.id, D(2029, 12, 31), today=D(2026, 12, 3))
        F.create_planned(forum.id, [p.date for p in plan])
        ids.append(forum.id)
    return ids


def test_the_meeting_plan_of_six_forums_fits_one_page(db, tmp_path):
    six_forums_planned_for_2029()
    path = MP.meeting_plan_pdf(tmp_path / "plan.pdf", 2029)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    assert reader.metadata.title == "Mødeplan 2029 – Tryg Aalborg"
    assert reader.metadata.subject == "Mødeplan 2029 for alle mødefora, Tryg Aalborg"
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Mødeplan 2029" in text and "6 mødefora · 59 møder" in text
    assert "Beboerforum Ø-gaderne" in text and "Sidste torsdag i kvartalet" in text
    assert "flyttet fra torsdag den 29. marts (skærtorsdag)" in text
    assert "Lukkedage 2029" in text and "2. påskedag" in text


def test_the_meeting_plan_of_one_forum_and_of_an_empty_year(db, tmp_path):
    ids = six_forums_planned_for_2029()
    path = MP.meeting_plan_pdf(tmp_path / "one.pdf", 2029, ids[2])
    reader = PdfReader(path)
    assert reader.metadata.title == "Mødeplan 2029 – Tryghedsforum Nørresundby"
    assert reader.metadata.subject == "Mødeplan 2029 for Tryghedsforum Nørresundby, Tryg Aalborg"
    # A closed day and its name are never parted at a line end ("17. maj 2." / "pinsedag"):
    # non-breaking spaces within each, so lines break only between the days.
    from tryg_desktop.reports.meeting_plan import meeting_plan_document

    doc = meeting_plan_document(meeting_plan.gather(2029, ids[2]), header="Tryg Aalborg")
    def texts(flowables):
        for f in flowables:
            yield from texts(getattr(f, "_content", []))
            yield getattr(f, "text", "")

    markup = " ".join(texts(doc.flowables))
    assert "21.\xa0maj\xa02.\xa0pinsedag ·" in markup
    assert "17.\xa0maj\xa0Kristi\xa0himmelfartsdag" not in markup  # 2029: 10. maj
    assert "10.\xa0maj\xa0Kristi\xa0himmelfartsdag" in markup
    text = " ".join(reader.pages[0].extract_text().split())
    assert "onsdag den 28. marts 2029" in text and "torsdag den 27. december 2029" in text
    assert "Netværksmøde" not in text
    with pytest.raises(ServiceError, match="ingen møder i 2031"):
        MP.meeting_plan_pdf_bytes(2031)


# -- the command line --------------------------------------------------------------------------

def run(capsys, *argv):
    code = cli.run(cli.parse_args(list(argv)))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_forums_plan_json_has_the_fields_of_meetings_list(capsys, cli_db):
    with cli_db.opened():
        forum = forum_with_a_meeting()
    code, out, err = run(capsys, *cli_db.argv, "forums", "plan", str(forum.id),
                         "--until", "2029-12-31", "--json")
    assert (code, err) == (0, "")
    planned = json.loads(out)
    assert [m["start"] for m in planned] == [
        "2029-03-28T16:30:00+02:00", "2029-06-28T16:30:00+02:00", "2029-09-27T16:30:00+02:00",
        "2029-12-27T16:30:00+01:00"]
    code, out, _ = run(capsys, *cli_db.argv, "meetings", "list", "--json")
    listed = {m["id"]: m for m in json.loads(out)}
    assert all(listed[m["id"]] == m for m in planned)


def test_cli_forums_plan_as_text_and_its_errors(capsys, cli_db):
    with cli_db.opened():
        forum = forum_with_a_meeting()
    code, out, _ = run(capsys, *cli_db.argv, "forums", "plan", str(forum.id),
                       "--until", "31.12.2029")
    assert code == 0
    assert "onsdag den 28. marts 2029 kl. 16.30  (flyttet fra torsdag den 29. marts " \
           "(skærtorsdag))" in out
    assert "4 møder oprettet for Tryghedsforum Nørresundby." in out
    with cli_db.opened():
        ended = forum_with_a_meeting("Projektgruppen", "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20281231")
    for argv, message in (
            (["99", "--until", "2029-12-31"], "Fejl: Mødeforummet findes ikke (id 99).\n"),
            ([str(forum.id), "--until", "2029-02-30"],
             "Fejl: Slutdatoen »2029-02-30« er ikke en gyldig dato. Skriv den som ÅÅÅÅ-MM-DD, "
             "fx 2026-01-31.\n"),
            ([str(forum.id), "--until", "2030-02-01"],
             "Fejl: »Tryghedsforum Nørresundby« har allerede møder frem til 27.12.2029; rytmen "
             "giver ingen nye datoer før 1.2.2030.\n"),
            ([str(ended.id), "--until", "2030-02-01"],
             "Fejl: Rytmen »Anden tirsdag i måneden, til og med 31. december 2028« giver ingen "
             "mødedato frem til 1. februar 2030.\n")):
        code, out, err = run(capsys, *cli_db.argv, "forums", "plan", *argv)
        assert (code, out, err) == (1, "", message)


def test_cli_print_meeting_plan(capsys, cli_db, tmp_path):
    with cli_db.opened():
        ids = six_forums_planned_for_2029()
    target = tmp_path / "mødeplan.pdf"
    code, out, err = run(capsys, *cli_db.argv, "print", "meeting-plan", "2029",
                         str(target))
    assert (code, err) == (0, "") and out.startswith("Mødeplan gemt:")
    assert "Gadeplansnetværket" in PdfReader(target).pages[0].extract_text()
    code, _, _ = run(capsys, *cli_db.argv, "print", "meeting-plan", "2029",
                     str(tmp_path / "en.pdf"), "--forum", str(ids[0]))
    assert code == 0
    assert "Gadeplansnetværket" not in PdfReader(tmp_path / "en.pdf").pages[0].extract_text()
    for argv, message in ((["2031", str(target)], "ingen møder i 2031"),
                          (["tyve", str(target)], "Året skal være et tal"),
                          (["2029", str(target), "--forum", "77"], "findes ikke (id 77)")):
        code, out, err = run(capsys, *cli_db.argv, "print", "meeting-plan", *argv,
                             "--force")  # the target exists: the refusal of its contents shows
        assert code == 1 and err.startswith("Fejl: ") and message in err
        assert "Traceback" not in err and err.count("\n") == 1
