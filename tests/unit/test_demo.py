import contextlib
import datetime as dt
import json
import re
import shutil
from collections import Counter

import pytest

from tryg_desktop import l10n
from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import AgendaItem, Forum, Meeting, Participant
from tryg_desktop.db.models import AuditEntry, Contact, Organisation
from tryg_desktop.db.place_models import Effort, Episode, Place, SafetyMeasure
from tryg_desktop.services import audit as AU
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import calendar_invite as CI
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.demo import demo
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.services.errors import ValidationError
from tryg_desktop.services.safety import episodes as E

TODAY = dt.date(2026, 11, 27)  # a Friday; every meeting date below is relative to it
FORUMS = ["Dialogmøde Kærby", "Netværksmøde Aalborg Midtby", "Tryghedsforum Nørresundby"]

POSTAL_CODES = {"9000": "Aalborg", "9200": "Aalborg SV", "9210": "Aalborg SØ",
                "9220": "Aalborg Øst", "9400": "Nørresundby"}


def _json(name):
    return json.loads((demo.DEMO_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory):
    """The demo loaded once for the tests that only read it (a load takes about a second)."""
    from tryg_desktop.db import close_database, open_database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    open_database(path)
    demo.load_demo(today=TODAY)
    close_database()
    return path


@pytest.fixture
def demo_db(_demo_file, db_path):
    """A fresh copy of the loaded demo database, open."""
    from tryg_desktop.db import close_database, open_database

    shutil.copyfile(_demo_file, db_path)
    yield open_database(db_path)
    close_database()


def test_loads_every_record_through_the_services(db):
    orgs, people = _json("organisations.json"), _json("contacts.json")
    assert 25 <= len(orgs) <= 30 and 60 <= len(people) <= 80

    with _statements_counted(db) as statements:
        result = demo.load_demo(today=TODAY)

    # Each statement is a round trip to a server: record by record the load sent 20,363 and
    # took 18–25 s on PostgreSQL; with the register, agenda items, invitations, attendance and
    # episodes in bulk about 3,400.
    assert len(statements) < 4500, Counter(statements).most_common(5)
    assert (result.organisations_created, result.contacts_created) == (len(orgs), len(people))
    assert (result.forums_created, result.meetings_created) == (3, Meeting.select().count())
    assert Organisation.select().count() == len(orgs)
    assert Contact.select().count() == len(people)
    # Through the services: every record has its audit entry, phones are normalised to E.164.
    created = Counter(e.entity for e in AuditEntry.select().where(AuditEntry.action == "create"))
    assert created == {"organisation": len(orgs), "contact": len(people), "forum": 3,
                       "meeting": Meeting.select().count(),
                       "participant": Participant.select().count(),
                       "agenda_item": AgendaItem.select().count(),
                       "action_item": ActionItem.select().count(),
                       "place": Place.select().count(), "effort": Effort.select().count(),
                       "episode": Episode.select().count(),
                       "safety_measure": SafetyMeasure.select().count()}
    assert SafetyMeasure.select().count() == 8  # resources/demo/measures.json
    assert (result.places_created, result.efforts_created) == (10, 3)
    assert result.episodes_created == Episode.select().count() > 1000
    assert all(r.phone.startswith("+45") for r in C.iter_all() if r.phone)
    # The episodes go in in bulk, with the same row and audit entry as the episode service's.
    for demo_episode in (Episode.select().where(Episode.note != "").first(),
                         Episode.select().where(Episode.occurred_time.is_null()).first()):
        made = E.create(E.get(demo_episode.id).as_input())
        assert E.get(made.id).as_input() == E.get(demo_episode.id).as_input()
        [theirs], [ours] = AU.history("episode", made.id), AU.history("episode", demo_episode.id)
        assert (ours.action, ours.label, ours.changes) == (theirs.action, theirs.label,
                                                           theirs.changes)
        assert ours.changes["place"][1] and ours.changes["category"][1]
    # So do the agenda items, with the agenda service's.
    upcoming = min((m for m in _demo_meetings() if m.starts_at.date() >= TODAY),
                   key=lambda m: m.starts_at)
    for demo_item in A.items(upcoming.id):
        made = A.add(upcoming.id, demo_item.as_input())
        assert (made.as_input(), made.version) == (demo_item.as_input(), demo_item.version)
        [theirs], [ours] = AU.history("agenda_item", made.id), AU.history("agenda_item",
                                                                            demo_item.id)
        assert (ours.action, ours.label, ours.changes) == (theirs.action, theirs.label,
                                                           theirs.changes)
    positions = [i.position for i in AgendaItem.select().where(AgendaItem.meeting == upcoming.id)
                 .order_by(AgendaItem.position)]
    assert positions == list(range(1, len(positions) + 1))  # the service's added after the demo's
    # In Danish, on one line (the status bar shows the first line).
    episodes = f"{result.episodes_created:,}".replace(",", ".")  # 1.559
    assert result.summary() == (
        f"Demodata indlæst: {len(orgs)} organisationer og {len(people)} kontakter oprettet, "
        f"desuden 3 mødefora med {result.meetings_created} møder, 10 steder, 3 indsatser og "
        f"{episodes} hændelser.")
    # The organisations and contacts too: the service's audit entry and derived data (search
    # text, Danish sort keys) for the same input.
    demo_org = Organisation.select().where(Organisation.city != "").first()
    demo_contact = Contact.select().where(Contact.organisation.is_null(False)
                                          & (Contact.phone != "")).first()
    for model, service, entity, record, derived_columns in (
            (Organisation, O, "organisation", demo_org, ("sort_name", "sort_city")),
            (Contact, C, "contact", demo_contact,
             ("search_text", "sort_name", "sort_title", "sort_organisation"))):
        made = service.create(service.get(record.id).as_input())
        [theirs], [ours] = AU.history(entity, made.id), AU.history(entity, record.id)
        assert (ours.action, ours.label, ours.changes) == (theirs.action, theirs.label,
                                                           theirs.changes)
        columns = [getattr(model, name) for name in derived_columns]
        rows = {row[0]: row[1:] for row in model.select(model.id, *columns)
                .where(model.id.in_([made.id, record.id])).tuples()}
        assert rows[record.id] == rows[made.id] and all(rows[record.id])


@contextlib.contextmanager
def _statements_counted(database):
    """The first word of every statement the database layer sends while inside."""
    database = getattr(database, "obj", database)  # the real one behind a proxy
    seen = []
    plain = database.execute_sql

    def counted(sql, *args, **kwargs):
        seen.append(sql.lstrip().split(None, 1)[0].upper())
        return plain(sql, *args, **kwargs)

    database.execute_sql = counted
    try:
        yield seen
    finally:
        del database.execute_sql


def test_summary_is_backward_compatible_and_names_what_was_skipped():
    old = demo.DemoSummary(2, 1, 5, 0)  # the fields as they were before forums and meetings
    assert old.summary() == ("Demodata indlæst: 2 organisationer og 5 kontakter oprettet. "
                             "1 organisation, 0 kontakter og 0 mødefora fandtes allerede og "
                             "blev sprunget over.")
    one = demo.DemoSummary(1, 0, 1, 0, 1, 2, 1)
    assert one.summary() == ("Demodata indlæst: 1 organisation og 1 kontakt oprettet, desuden "
                             "1 mødeforum med 1 møde. 0 organisationer, 0 kontakter og 2 mødefora "
                             "fandtes allerede og blev sprunget over.")
    assert demo.DemoSummary(0, 30, 0, 72, 0, 3, 0).summary().startswith(
        "Demodata var allerede indlæst")
    assert demo.DemoSummary(0, 30, 0, 72, 0, 3, 0, 0, 10, 0, 3, 0).summary().startswith(
        "Demodata var allerede indlæst")
    # Places, efforts and episodes are named when there are any; 1.512 with a Danish point.
    places = demo.DemoSummary(0, 0, 0, 0, 0, 0, 0, 1, 2, 1, 0, 1512)
    assert places.summary() == ("Demodata indlæst: 0 organisationer og 0 kontakter oprettet, "
                                "desuden 1 sted, 1 indsats og 1.512 hændelser. 0 organisationer, "
                                "0 kontakter, 0 mødefora og 2 steder fandtes allerede og blev "
                                "sprunget over.")


def test_second_load_creates_nothing(db):
    first = demo.load_demo(today=TODAY)
    audit_before = AuditEntry.select().count()
    # A month later the demo still adds nothing: the forums exist, and so their meetings.
    second = demo.load_demo(today=TODAY + dt.timedelta(days=30))
    assert (second.organisations_created, second.contacts_created) == (0, 0)
    assert (second.forums_created, second.meetings_created, second.forums_skipped) == (0, 0, 3)
    assert second.organisations_skipped == first.organisations_created
    assert second.contacts_skipped == first.contacts_created
    assert Contact.select().count() == first.contacts_created
    assert Meeting.select().count() == first.meetings_created
    assert (second.places_created, second.efforts_created, second.episodes_created) == (0, 0, 0)
    assert (second.places_skipped, second.efforts_skipped) == (10, 3)
    assert Episode.select().count() == first.episodes_created
    assert AuditEntry.select().count() == audit_before
    assert "allerede" in second.summary()


def test_existing_organisation_is_reused(db):
    own = O.create(O.OrganisationInput(name="nordkraft", kind="kultur"))  # other case
    result = demo.load_demo()
    assert result.organisations_skipped == 1
    assert O.find_by_name("Nordkraft").id == own.id
    assert C.count(C.ContactFilter(organisation_id=own.id)) > 0


def test_postal_codes_and_cities_are_aalborgs_own(demo_db):
    rows = O.fetch(O.OrganisationFilter(), limit=1000)
    assert {r.postal_code for r in rows} <= set(POSTAL_CODES)
    assert len({r.postal_code for r in rows}) == 5
    assert all(POSTAL_CODES[r.postal_code] == r.city for r in rows)


def test_content_shows_danish_names_residents_and_inactive_people(demo_db):
    rows = list(C.iter_all())
    names = [r.name for r in rows]
    assert any(n.startswith("Aa") for n in names) and any(n.startswith("Å") for n in names)
    assert any(ch in "".join(names) for ch in "æø")
    # Danish order: an "Aa" name comes last, after Æ, Ø, Å.
    assert names[-1].startswith(("Aa", "Å"))
    assert names.index(next(n for n in names if n.startswith("Ø"))) < names.index(
        next(n for n in names if n.startswith("Aa")))
    residents = [r for r in rows if r.is_private]
    assert 3 <= len(residents) <= 4
    assert all(not (r.title or r.organisation_id or r.notes) for r in residents)
    assert any(not r.active for r in rows)
    titles = {r.title for r in rows}
    assert {"gadeplansmedarbejder", "vicepolitiinspektør", "nærpolitibetjent", "parkleder",
            "forstander", "butikschef", "formand", "SSP-konsulent"} <= titles
    orgs = {r.name for r in O.fetch(O.OrganisationFilter(), limit=1000)}
    assert "Aalborg Kommune, Socialområdet – Gadeteam" in orgs
    assert "Nordjyllands Politi, Aalborg Politistation" in orgs


def test_progress_reaches_the_total(db):
    calls = []
    result = demo.load_demo(progress=lambda done, total: calls.append((done, total)), today=TODAY)
    safety = _json("safety.json")
    total = (len(_json("organisations.json")) + len(_json("contacts.json"))
             + result.meetings_created + len(safety["places"]) + len(safety["efforts"])
             + result.episodes_created)
    assert calls[-1] == (total, total)
    assert [done for done, _ in calls] == list(range(1, total + 1))


def test_one_bad_record_leaves_nothing_behind(db, tmp_path, monkeypatch):
    (tmp_path / "organisations.json").write_text(
        json.dumps([{"name": "Blå Kors", "kind": "ngo", "postal_code": "9000"}]), encoding="utf-8")
    (tmp_path / "contacts.json").write_text(json.dumps([
        {"name": "Åse Berg", "organisation": "Blå Kors"},
        {"name": "Ole", "phone": "123"},  # invalid: the whole load must roll back
    ]), encoding="utf-8")
    (tmp_path / "meetings.json").write_text('{"forums": []}', encoding="utf-8")
    monkeypatch.setattr(demo, "DEMO_DIR", tmp_path)
    with pytest.raises(ValidationError):
        demo.load_demo()
    assert Organisation.select().count() == 0
    assert Contact.select().count() == 0
    assert AuditEntry.select().count() == 0


def test_demo_emails_can_never_reach_a_real_mailbox(demo_db):
    """Demo data is what newcomers try invitations on: .example (RFC 2606) never resolves."""
    from tryg_desktop.services.register import contacts, organisations

    emails = [c.email for c in contacts.iter_all() if c.email]
    emails += [o.email for o in organisations.fetch(organisations.OrganisationFilter(), 0, 1000)
               if o.email]
    assert emails and all(e.endswith(".example") for e in emails)


# --- forums and meetings ------------------------------------------------------------------------

def _demo_meetings():
    return M.fetch(M.MeetingFilter(when="all"), 0, 1000)


def test_three_forums_with_their_invitation_lists(demo_db):
    rows = {f.name: f for f in F.all_forums()}
    assert sorted(rows) == sorted(FORUMS)
    assert {f.name: f.rhythm_label for f in rows.values()} == {
        "Dialogmøde Kærby": "Hver anden måned, første torsdag",
        "Netværksmøde Aalborg Midtby": "Anden tirsdag i måneden",
        "Tryghedsforum Nørresundby": "Tredje onsdag i februar, maj, august og november"}
    for forum in rows.values():
        members = F.members(forum.id)
        assert len(members) >= 5
        assert any(m.organisation_id for m in members)  # a whole organisation is invited
        assert forum.template_id == A.standard_template_id()


def test_a_year_of_meetings_around_today_at_each_forums_rhythm(demo_db):
    rows = _demo_meetings()
    first, last = TODAY - dt.timedelta(days=183), TODAY + dt.timedelta(days=183)
    assert all(first <= m.starts_at.date() <= last for m in rows)
    assert all(m.starts_at.weekday() < 5 for m in rows)
    # Never on a helligdag: Kærby's first Thursday of May 2027 is Kristi himmelfartsdag.
    from tryg_desktop.services.meetings.meeting_calendar import is_working_day

    assert all(is_working_day(m.starts_at.date()) for m in rows)
    assert dt.date(2027, 5, 7) in {m.starts_at.date() for m in rows
                                   if m.forum_name == "Dialogmøde Kærby"}
    by_forum = Counter(m.forum_name for m in rows)
    assert by_forum == {"Netværksmøde Aalborg Midtby": 12, "Dialogmøde Kærby": 6,
                        "Tryghedsforum Nørresundby": 4}
    midtby = [m for m in rows if m.forum_name == "Netværksmøde Aalborg Midtby"]
    # Monthly, on the second Tuesday at 9.30.
    assert len({(m.starts_at.year, m.starts_at.month) for m in midtby}) == 12
    assert all(m.starts_at.weekday() == 1 and 8 <= m.starts_at.day <= 14 for m in midtby)
    assert {m.starts_at.time() for m in midtby} == {dt.time(9, 30)}
    assert all(m.ends_at - m.starts_at == dt.timedelta(minutes=90) for m in midtby)
    past = [m for m in rows if m.starts_at.date() < TODAY]
    upcoming = [m for m in rows if m.starts_at.date() >= TODAY]
    assert len(past) >= 8 and len(upcoming) >= 8
    assert {m.status for m in upcoming} == {"planlagt"}
    assert Counter(m.status for m in past) == {"afholdt": len(past) - 1, "aflyst": 1}
    cancelled = next(m for m in past if m.status == "aflyst")
    assert cancelled.ics_sequence == 1  # planned first, then called off
    assert all(m.chair_name and m.minute_taker_name for m in rows)


def test_meetings_are_deterministic_for_a_given_today(demo_db):
    expected = [(d, spec["name"]) for spec in _json("meetings.json")["forums"]
                for d in demo._meeting_days(spec, TODAY)]
    assert sorted((m.starts_at.date(), m.forum_name) for m in _demo_meetings()) == sorted(expected)
    # Another day, another window: six months either side of it.
    later = [d for spec in _json("meetings.json")["forums"]
             for d in demo._meeting_days(spec, dt.date(2027, 6, 1))]
    assert min(later) >= dt.date(2026, 11, 30) and max(later) <= dt.date(2027, 12, 1)


def test_participants_with_varied_answers(demo_db):
    answers = Counter()
    for meeting in _demo_meetings():
        people = P.of_meeting(meeting.id)
        assert len(people) >= 8
        answers.update(p.invitation for p in people)
        if meeting.starts_at.date() < TODAY:
            assert {p.invitation for p in people} <= {"tilmeldt", "afbud"}
    assert set(answers) == {"inviteret", "tilmeldt", "afbud"}
    # Inactive contacts are not invited, and residents take part in the dialogue meetings.
    invited = {p.contact_id for p in Participant.select()}
    assert not any(c.id in invited for c in C.iter_all() if not c.active)
    assert any(c.id in invited for c in C.iter_all() if c.is_private)


def test_agenda_is_the_standard_one_with_themes(demo_db):
    standard = [i.title for i in A.template(A.standard_template_id()).items]
    themes = set()
    for meeting in _demo_meetings():
        items = A.items(meeting.id)
        titles = [i.title for i in items if not i.closed]
        assert titles[0] == "Velkomst" and titles[-1] == "Næste møde"
        assert "Tema" not in titles
        own = [t for t in titles if t not in standard]
        assert 1 <= len(own) <= 2, titles
        themes.update(own)
    assert {"Tryghedsvandring i Østre Anlæg", "Belysning ved Kildeparken",
            "Samarbejde med natteravnene"} <= themes
    proposals = AgendaItem.select().where(AgendaItem.proposal != "")
    assert proposals.count() >= 3
    assert all(p.proposal.startswith("Det indstilles, at") for p in proposals)


def test_one_closed_item_without_citizen_names(demo_db):
    closed = list(AgendaItem.select().where(AgendaItem.closed == True))  # noqa: E712
    assert len(closed) == 1
    meeting = M.get(closed[0].meeting_id)
    assert meeting.starts_at.date() >= TODAY and meeting.forum_name == "Netværksmøde Aalborg Midtby"
    assert "politi" in closed[0].title.lower()
    # No resident (privatperson) is named in any agenda text.
    residents = [c.name for c in C.iter_all() if c.is_private]
    texts = [" ".join((i.title, i.presenter, i.background, i.proposal))
             for i in AgendaItem.select()]
    assert not any(name in text for name in residents for text in texts)


def test_existing_forum_is_skipped_with_its_meetings(db):
    own = F.create(F.ForumInput(name="dialogmøde kærby"))  # other case
    result = demo.load_demo(today=TODAY)
    assert (result.forums_created, result.forums_skipped) == (2, 1)
    assert Forum.select().count() == 3
    assert not M.fetch(M.MeetingFilter(when="all", forum_id=own.id))
    assert result.meetings_created == len(_demo_meetings()) == 16
    assert "1 mødeforum fandtes allerede" in result.summary()


def test_every_demo_meeting_exports_as_an_invitation(demo_db):
    from icalendar import Calendar

    for meeting in _demo_meetings():
        calendar = Calendar.from_ical(CI.meeting_ics(meeting.id))
        assert calendar["METHOD"] == ("CANCEL" if meeting.status == "aflyst" else "REQUEST")
        [event] = calendar.walk("VEVENT")
        assert len(event["ATTENDEE"]) >= 8
        assert "Politiets" not in event.get("DESCRIPTION", "")


def test_demo_minutes_and_actions_in_every_status(db):
    from tryg_desktop.services.meetings import actions as ACT
    from tryg_desktop.services.meetings import minutes as MIN

    demo.load_demo(today=TODAY)
    rows = ACT.fetch(ACT.ActionFilter(today=TODAY), 0, 500)
    assert {a.status for a in rows} == {"åben", "i gang", "udført", "annulleret"}
    assert any(a.is_overdue(TODAY) for a in rows)
    past = [m for m in M.fetch(M.MeetingFilter(when="past", today=TODAY), 0, 100)
            if m.status == "afholdt"]
    assert any(MIN.status(m.id).locked for m in past)  # the older minutes are approved
    assert all(A.items(m.id)[0].notes for m in past)  # every held meeting has its referat


def _register_parts():
    """The test's own reading of "names an organisation": the organisation's full name, or a
    part of it between ", " and " – " that no other organisation's name contains."""
    names = [o.name for o in Organisation.select()]
    folded = [n.casefold() for n in names]
    parts = {}
    for name in names:
        for part in {name, *(p for piece in name.split(", ") for p in piece.split(" – "))}:
            if sum(part.casefold() in other for other in folded) == 1:
                parts[part.casefold()] = name
    return parts


def test_actions_belong_to_the_organisation_their_text_names(db):
    from tryg_desktop.services.meetings import actions as ACT

    demo.load_demo(today=TODAY)
    parts = _register_parts()
    assert "park og natur" in parts and "gadeteam" in parts and "aalborg kommune" not in parts
    checked = 0
    for action in ACT.fetch(ACT.ActionFilter(today=TODAY), 0, 500):
        named = {org for part, org in parts.items() if part in action.title.casefold()}
        if len(named) != 1:
            continue
        [expected] = named
        assert action.organisation_name == expected, action.title
        if action.responsible_contact_id:  # the person belongs to it too
            assert C.get(action.responsible_contact_id).organisation_name == expected
        checked += 1
    assert checked >= 20  # nearly every demo action names who does it
    police = [a for a in ACT.fetch(ACT.ActionFilter(today=TODAY), 0, 500)
              if "politiet" in a.title.casefold()]
    assert police and all(a.organisation_name.startswith("Nordjyllands Politi") for a in police)


WINTER = re.compile(r"\bjul(e\w*)?\b|vinter|nytår|frost", re.IGNORECASE)
SUMMER = re.compile(r"sommer|sankthans|karneval", re.IGNORECASE)


def test_agendas_fit_the_season_of_their_meeting(demo_db):
    standard = {i.title for i in A.template(A.standard_template_id()).items}
    seen = Counter()
    for meeting in _demo_meetings():
        month = meeting.starts_at.month
        themes = [i.title for i in A.items(meeting.id) if i.title not in standard and not i.closed]
        for title in themes:
            assert not (month in (4, 5, 6, 7, 8, 9) and WINTER.search(title)), (meeting, title)
            assert not (month in (11, 12, 1, 2) and SUMMER.search(title)), (meeting, title)
            seen[title] += 1
    # A monthly forum does not repeat last month's theme.
    midtby = sorted((m for m in _demo_meetings() if m.forum_name == "Netværksmøde Aalborg Midtby"),
                    key=lambda m: m.starts_at)
    themes = [tuple(i.title for i in A.items(m.id) if i.title not in standard and not i.closed)
              for m in midtby]
    assert all(a != b for a, b in zip(themes, themes[1:]))


def test_only_past_meetings_are_held_with_attendance_and_minutes(demo_db):
    from tryg_desktop.services.meetings import minutes as MIN

    for meeting in _demo_meetings():
        people = P.of_meeting(meeting.id)
        state = MIN.status(meeting.id)
        if meeting.starts_at.date() >= TODAY:
            assert meeting.status == "planlagt" and not state.locked
            assert {p.attendance for p in people} == {""}
            assert not any(i.notes for i in A.items(meeting.id))
        elif meeting.status == "afholdt":
            assert all(p.attendance for p in people)  # attendance registered for everyone
            following = min(m.starts_at for m in _demo_meetings()
                            if m.forum_id == meeting.forum_id and m.starts_at > meeting.starts_at)
            [decision] = [i.decision for i in A.items(meeting.id) if i.title == "Næste møde"]
            assert decision == (f"Næste møde holdes {l10n.format_date(following.date(), 'full')}"
                                f" kl. {l10n.format_time(following)}.")
            if state.locked:
                assert state.approved_on > meeting.starts_at.date()
        else:
            assert meeting.status == "aflyst" and not state.locked


def test_demo_agendas_fit_their_meetings_and_nobody_with_a_role_has_afbud(db):
    from tryg_desktop.services.demo import demo
    from tryg_desktop.services.meetings import agenda, meetings, participants

    demo.load_demo(today=dt.date(2026, 12, 3))
    for meeting in meetings.fetch(meetings.MeetingFilter(), 0, 1000):
        assert agenda.time_plan(meeting.id).warning == "", meeting.title
        assert participants.role_clashes(meeting.id) == [], meeting.starts_at
