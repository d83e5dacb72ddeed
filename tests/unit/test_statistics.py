"""The statistics against figures worked out by hand on a small fixed city (see build_city)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import Forum, Meeting, Participant
from tryg_desktop.db.models import Contact, Organisation
from tryg_desktop.db.place_models import Effort, EffortPlace, Episode, Place
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.safety import statistics as S
from tryg_desktop.services.errors import NotFoundError

TODAY = dt.date(2026, 5, 1)
START, END = dt.date(2026, 1, 1), dt.date(2026, 4, 30)
D = dt.date

# place -> [(day, category, severity)]; March has none; Dec 31 and May 1 fall outside the period.
EPISODES = {
    "Kildeparken": [(D(2026, 1, 2), "råben", 1), (D(2026, 1, 15), "konflikt", 3),
                    (D(2026, 2, 3), "råben", 2), (D(2026, 4, 30), "hærværk", 1),
                    (D(2026, 4, 1), "råben", 1), (D(2025, 12, 31), "råben", 1),
                    (D(2026, 5, 1), "råben", 1)],
    "Budolfi Plads": [(D(2026, 1, 31), "påvirket", 2), (D(2026, 2, 28), "påvirket", 1),
                      (D(2026, 4, 10), "affald", 1), (D(2026, 4, 11), "affald", 1)],
    "Nørresundby Torv": [(D(2026, 2, 1), "chikane", 2), (D(2026, 2, 2), "chikane", 2),
                         (D(2026, 4, 20), "trivsel", 1)],
    "Østre Anlæg": [(D(2026, 1, 5), "andet", 1), (D(2026, 4, 5), "råben", 3)],
    "Karolinelund": [(D(2026, 2, 10), "hærværk", 1), (D(2026, 2, 11), "hærværk", 2)],
    "Jomfru Ane Gade": [(D(2026, 1, 1), "konflikt", 2)],
    "Kennedy Arkaden": [(D(2026, 4, 15), "råben", 1)],
    "Vestre Fjordpark": [],
}


def build_city():
    """Eight places, three efforts, two forums, five meetings with participants, nine actions."""
    place = {name: Place.create(name=name, sort_name=danish_sort_key(name)).id
             for name in EPISODES}
    for name, rows in EPISODES.items():
        for day, category, severity in rows:
            Episode.create(occurred_on=day, place=place[name], category=category,
                           severity=severity, time_band="aften")
    kilde = Effort.create(title="Tryg Kildepark", strand="byrum", starts_on=D(2026, 3, 1),
                          status="i gang")
    gade = Effort.create(title="Gadeteam i Midtbyen", strand="socialfaglig",
                         starts_on=D(2026, 4, 1), ends_on=D(2026, 4, 20), status="afsluttet")
    later = Effort.create(title="Dialog i Vestbyen", strand="samskabelse",
                          starts_on=D(2026, 6, 1), status="planlagt")
    for effort, names in ((kilde, ["Kildeparken", "Østre Anlæg"]),
                          (gade, ["Karolinelund", "Kennedy Arkaden"]),
                          (later, ["Vestre Fjordpark"])):
        for name in names:
            EffortPlace.create(effort=effort, place=place[name])

    forum_a = F.create(F.ForumInput(name="Kildeparkens Tryghedsforum")).id
    forum_b = F.create(F.ForumInput(name="Netværk Midtby")).id
    Forum.update(place=place["Kildeparken"]).where(Forum.id == forum_a).execute()

    def meeting(title, start, forum, status="planlagt", **links):
        row = M.create(M.MeetingInput(title=title, starts_at=start, forum_id=forum, status=status,
                                      ends_at=start + dt.timedelta(hours=2)))
        if links:
            Meeting.update(**links).where(Meeting.id == row.id).execute()
        return row.id

    m1 = meeting("Forum januar", dt.datetime(2026, 1, 8, 14), forum_a, "afholdt",
                 effort=kilde.id, place=place["Kildeparken"])
    m2 = meeting("Netværk februar", dt.datetime(2026, 2, 12, 14), forum_b, "aflyst")
    m3 = meeting("Netværk april", dt.datetime(2026, 4, 30, 10), forum_b)
    m4 = meeting("Forum maj", dt.datetime(2026, 5, 20, 14), forum_a)
    m5 = meeting("Forum december", dt.datetime(2025, 12, 20, 14), forum_a, "afholdt")

    kommune = Organisation.create(name="Aalborg Kommune", kind="kommune")
    politi = Organisation.create(name="Nordjyllands Politi", kind="politi")
    ngo = Organisation.create(name="Kirkens Korshær", kind="ngo")
    people = {key: Contact.create(name=name, organisation=org, is_private=private).id
              for key, name, org, private in (
                  ("k1", "Anne Kommune", kommune, False), ("k2", "Bo Kommune", kommune, False),
                  ("p1", "Per Betjent", politi, False), ("n1", "Nina Frivillig", ngo, False),
                  ("r1", "Rita Beboer", None, True), ("u1", "Uffe Uden", None, False))}
    for meeting_id, attendance in (
            (m1, {"k1": "deltog", "k2": "afbud", "p1": "deltog", "r1": "deltog",
                  "u1": "udeblev"}),
            (m2, {"k1": "", "n1": ""}),
            (m3, {"k1": "deltog", "n1": "deltog", "r1": "", "p1": "udeblev"}),
            (m5, {"k1": "deltog"})):
        for key, value in attendance.items():
            Participant.create(meeting=meeting_id, contact=people[key], attendance=value)

    def action(title, created, status="åben", due=None, completed=None, **kw):
        row = X.create(X.ActionInput(title=title, status=status, due=due, completed_on=completed,
                                     **{k: v for k, v in kw.items() if k != "effort"}),
                       today=TODAY)
        ActionItem.update(created_at=created, effort=kw.get("effort")).where(
            ActionItem.id == row.id).execute()

    at = dt.datetime
    action("a1", at(2026, 1, 10, 9), "udført", completed=D(2026, 1, 20), meeting_id=m1)
    action("a2", at(2026, 2, 1, 9), due=D(2026, 4, 1), forum_id=forum_a)
    action("a3", at(2026, 2, 2, 9), "i gang", due=D(2026, 6, 1), forum_id=forum_a)
    action("a4", at(2026, 3, 3, 9), "annulleret", forum_id=forum_a)
    action("a5", at(2025, 12, 15, 9), forum_id=forum_a)
    action("b1", at(2026, 1, 20, 9), "annulleret", forum_id=forum_b)
    action("b2", at(2026, 2, 20, 9), "annulleret", forum_id=forum_b)
    action("c1", at(2026, 4, 30, 23, 30), "udført", completed=D(2026, 4, 30), effort=kilde.id)
    action("c2", at(2026, 4, 2, 9), due=D(2026, 4, 30), effort=kilde.id)
    return SimpleNamespace(place=place, kilde=kilde.id, gade=gade.id, later=later.id,
                           forum_a=forum_a, forum_b=forum_b, m4=m4)


def test_periods():
    assert S.month_starts(D(2026, 1, 31), D(2026, 3, 1)) == [D(2026, 1, 1), D(2026, 2, 1),
                                                               D(2026, 3, 1)]
    assert S.month_starts(D(2025, 12, 5), D(2026, 1, 1)) == [D(2025, 12, 1), D(2026, 1, 1)]
    assert S.month_starts(D(2026, 2, 1), D(2026, 1, 1)) == []
    start, end = S.last_12_months(D(2026, 11, 27))
    assert (start, end) == (D(2025, 12, 1), D(2026, 11, 27))
    assert len(S.month_starts(start, end)) == 12


def test_episodes_per_month_with_empty_months(db):
    build_city()
    m = S.episodes_per_month(START, END)
    assert m.months == [D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1), D(2026, 4, 1)]
    assert m.total == [5, 6, 0, 7]
    assert list(m.by_category) == [value for value, _ in S.EPISODE_CATEGORIES]
    assert m.by_category == {
        "råben": [1, 1, 0, 3], "konflikt": [2, 0, 0, 0], "påvirket": [1, 1, 0, 0],
        "hærværk": [0, 2, 0, 1], "affald": [0, 0, 0, 2], "chikane": [0, 2, 0, 0],
        "trivsel": [0, 0, 0, 1], "andet": [1, 0, 0, 0]}


def test_episodes_by_place_keeps_five_and_sums_the_rest(db):
    build_city()
    m = S.episodes_per_month(START, END)
    # Karolinelund and Østre Anlæg tie on 2: Danish order puts Ø after K.
    assert list(m.by_place.items()) == [
        ("Kildeparken", [2, 1, 0, 2]), ("Budolfi Plads", [1, 1, 0, 2]),
        ("Nørresundby Torv", [0, 2, 0, 1]), ("Karolinelund", [0, 2, 0, 0]),
        ("Østre Anlæg", [1, 0, 0, 1]), ("Øvrige steder", [1, 0, 0, 1])]


def test_episodes_for_a_place_and_an_effort(db):
    city = build_city()
    m = S.episodes_per_month(START, END, S.Scope(place_id=city.place["Kildeparken"]))
    assert m.total == [2, 1, 0, 2] and m.by_place == {"Kildeparken": [2, 1, 0, 2]}
    m = S.episodes_per_month(START, END, S.Scope(effort_id=city.kilde))
    assert m.total == [3, 1, 0, 3]
    assert m.by_place == {"Kildeparken": [2, 1, 0, 2], "Østre Anlæg": [1, 0, 0, 1]}
    empty = S.episodes_per_month(START, END, S.Scope(place_id=city.place["Vestre Fjordpark"]))
    assert empty.total == [0, 0, 0, 0] and empty.by_place == {}
    assert all(v == [0, 0, 0, 0] for v in empty.by_category.values())


def test_before_after_windows_of_equal_length(db):
    city = build_city()
    b = S.before_after(city.kilde, TODAY)
    # Started 1 March; today (1 May) is left out: 61 days on each side.
    assert b.days == 61
    assert (b.before_start, b.before_end) == (D(2025, 12, 30), D(2026, 2, 28))
    assert (b.after_start, b.after_end) == (D(2026, 3, 1), D(2026, 4, 30))
    assert (b.before_end - b.before_start) == (b.after_end - b.after_start)
    assert (b.before, b.after) == (5, 3)
    assert b.change == pytest.approx(-0.4)
    assert {k: v for k, v in b.before_by_category.items() if v} == {
        "råben": 3, "konflikt": 1, "andet": 1}
    assert {k: v for k, v in b.after_by_category.items() if v} == {"råben": 2, "hærværk": 1}
    short = S.before_after(city.kilde, TODAY, days=10)
    assert (short.before_start, short.after_end) == (D(2026, 2, 19), D(2026, 3, 10))
    assert (short.before, short.after, short.change) == (0, 0, None)


def test_before_after_stops_at_the_efforts_end_and_none_without_episodes_before(db):
    city = build_city()
    b = S.before_after(city.gade, TODAY)  # 1 April through 20 April
    assert b.days == 20 and b.after_end == D(2026, 4, 20) and b.before_start == D(2026, 3, 12)
    assert (b.before, b.after, b.change) == (0, 1, None)
    not_started = S.before_after(city.later, TODAY)
    assert (not_started.days, not_started.before, not_started.after) == (0, 0, 0)
    capped = S.before_after(city.kilde, D(2028, 1, 1))
    assert capped.days == 365
    with pytest.raises(NotFoundError, match="Indsatsen findes ikke"):
        S.before_after(9999, TODAY)


def test_before_after_of_many_efforts_in_one_go_counts_each_effort_alone(db, monkeypatch):
    """The status report asks for every started effort at once (one statement, not three per
    effort). Each effort's figures are counted here by hand from its places' episodes, whatever
    the windows, and whether the efforts come in one statement or several."""
    from tryg_desktop.db.place_models import Effort, EffortPlace, Episode
    from tryg_desktop.services.safety import statistics as statistics_module

    build_city()
    efforts = list(Effort.select())
    places = {}
    for link in EffortPlace.select():
        places.setdefault(link.effort_id, set()).add(link.place_id)
    episodes = list(Episode.select())
    seen = 0
    for today, days in ((TODAY, None), (D(2028, 1, 1), None), (TODAY, 10)):
        for per_query in (200, 2):
            monkeypatch.setattr(statistics_module, "_EFFORTS_PER_QUERY", per_query)
            many = S.before_after_many(efforts, today, days)
            assert set(many) == {e.id for e in efforts}
            for e in efforts:
                b = many[e.id]
                at = [x for x in episodes if x.place_id in places.get(e.id, ())]
                before = [x for x in at if b.before_start <= x.occurred_on <= b.before_end]
                after = [x for x in at if b.after_start <= x.occurred_on <= b.after_end]
                assert (b.before, b.after) == (len(before), len(after))
                assert {k: v for k, v in b.after_by_category.items() if v} == {
                    c: sum(x.category == c for x in after) for c in {x.category for x in after}}
                assert b == S.before_after(e.id, today, days)
                seen += b.before + b.after
    assert seen > 0
    assert S.before_after_many([], TODAY) == {}


def test_before_after_of_hundreds_of_efforts_in_one_statement(db):
    """A year with hundreds of started efforts (the 20x benchmark has 86 in one report): each
    effort's window is a CASE on its id in one statement. An OR per effort nested one level
    deeper each, and SQLite's parser stopped at about a hundred ("parser stack overflow")."""
    from tryg_desktop.db.bulk import insert_rows
    from tryg_desktop.db.place_models import Effort, EffortPlace, Episode

    city = build_city()
    park = city.place["Kildeparken"]
    starts = [D(2026, 1, 1) + dt.timedelta(days=n % 120) for n in range(210)]
    ids = insert_rows(Effort, [{"title": f"Indsats {n}", "strand": "byrum", "starts_on": day}
                               for n, day in enumerate(starts)])
    insert_rows(EffortPlace, [{"effort": i, "place": park} for i in ids])
    efforts = list(Effort.select().where(Effort.id.in_(ids)))
    many = S.before_after_many(efforts, TODAY)  # two statements: 200 and 10 efforts
    at_park = [e.occurred_on for e in Episode.select().where(Episode.place == park)]
    assert at_park
    for e in efforts:
        b = many[e.id]
        assert b.before == sum(b.before_start <= day <= b.before_end for day in at_park)
        assert b.after == sum(b.after_start <= day <= b.after_end for day in at_park)
    assert sum(b.before + b.after for b in many.values()) > 0


def test_completion_by_forum_and_effort(db):
    city = build_city()
    rows = S.completion_by_forum(START, END, today=TODAY)
    assert rows == [
        S.Completion("Kildeparkens Tryghedsforum", created=4, done=1, open=2, overdue=1,
                     cancelled=1, rate=pytest.approx(1 / 3)),
        S.Completion("Netværk Midtby", 2, 0, 0, 0, 2, None),
        S.Completion("Uden mødeforum", 2, 1, 1, 1, 0, 0.5)]
    assert S.completion_by_effort(START, END, today=TODAY) == [
        S.Completion("Tryg Kildepark", 3, 2, 1, 1, 0, pytest.approx(2 / 3))]
    # A place takes the action's forum's place: only the forum's four.
    place = S.Scope(place_id=city.place["Kildeparken"])
    assert [(c.name, c.created) for c in S.completion_by_forum(START, END, place, TODAY)] == [
        ("Kildeparkens Tryghedsforum", 4)]
    # Before c2's deadline has passed it is open, not overdue.
    assert S.completion_by_effort(START, END, today=D(2026, 4, 30))[0].overdue == 0


def test_actions_summary(db):
    city = build_city()
    s = S.actions_summary(START, END, today=TODAY)
    assert (s.created, s.done, s.open, s.overdue, s.cancelled) == (8, 2, 3, 2, 3)
    assert s.rate == pytest.approx(2 / 5)
    effort = S.actions_summary(START, END, S.Scope(effort_id=city.kilde), TODAY)
    assert (effort.created, effort.done, effort.open, effort.overdue) == (3, 2, 1, 1)
    none = S.actions_summary(START, END, S.Scope(place_id=city.place["Vestre Fjordpark"]), TODAY)
    assert (none.created, none.rate) == (0, None)


def test_attendance_by_organisation_kind(db):
    build_city()
    rows = S.attendance_by_kind(START, END, today=TODAY)
    assert [(a.kind, a.label, a.invited, a.attended) for a in rows] == [
        ("kommune", "Kommune", 3, 2), ("politi", "Politi", 2, 1),
        ("ngo", "NGO / frivillig organisation", 1, 1),
        ("privatperson", "Privatperson (beboer)", 2, 1),
        ("uden organisation", "Uden organisation", 1, 0)]
    assert rows[0].rate == pytest.approx(2 / 3) and rows[-1].rate == 0
    # Before the April meeting has happened only January's counts.
    early = S.attendance_by_kind(START, END, today=D(2026, 4, 29))
    assert [(a.kind, a.invited, a.attended) for a in early] == [
        ("kommune", 2, 1), ("politi", 1, 1), ("privatperson", 1, 1), ("uden organisation", 1, 0)]


def test_meetings_summary(db):
    city = build_city()
    s = S.meetings_summary(START, END, today=TODAY)
    assert (s.held, s.cancelled, s.planned, s.participants, s.attended) == (2, 1, 0, 9, 5)
    s = S.meetings_summary(START, D(2026, 6, 30), today=D(2026, 4, 15))
    assert (s.held, s.cancelled, s.planned) == (1, 1, 2)
    s = S.meetings_summary(START, END, S.Scope(place_id=city.place["Kildeparken"]), TODAY)
    assert (s.held, s.participants, s.attended) == (1, 5, 3)


def test_strand_summary(db):
    build_city()
    rows = S.strand_summary(START, END, today=TODAY)
    assert [(r.strand, r.efforts, r.active_efforts, r.meetings, r.actions_created,
             r.actions_done, r.episodes) for r in rows] == [
        ("byrum", 1, 1, 1, 3, 2, 7), ("socialfaglig", 1, 0, 0, 0, 0, 3),
        ("samskabelse", 0, 0, 0, 0, 0, 0)]
    assert rows[0].label == "Udvikling af byrum"


def test_monthly_rows(db):
    build_city()
    rows = S.monthly_rows(START, END, today=TODAY)
    assert [list(r) for r in rows] == [[key for key, _ in S.MONTHLY_COLUMNS]
                                       + ["month_text", "partial"]] * 4
    assert [r["month_text"] for r in rows] == ["jan. 2026", "feb. 2026", "mar. 2026", "apr. 2026"]
    assert not any(r["partial"] for r in rows)
    assert [(r["month"], r["episodes"], r["råben"], r["meetings_held"],
             r["actions_created"], r["actions_done"]) for r in rows] == [
        (D(2026, 1, 1), 5, 1, 1, 2, 1), (D(2026, 2, 1), 6, 1, 0, 3, 0),
        (D(2026, 3, 1), 0, 0, 0, 1, 0), (D(2026, 4, 1), 7, 3, 1, 2, 1)]
    assert "severity" not in rows[0]  # a sum of severity scores means nothing to a reader


def test_check_scope(db):
    city = build_city()
    S.check_scope(S.Scope(place_id=city.place["Kildeparken"], effort_id=city.kilde))
    with pytest.raises(NotFoundError, match="Stedet findes ikke"):
        S.check_scope(S.Scope(place_id=9999))
    with pytest.raises(NotFoundError, match="Indsatsen findes ikke"):
        S.check_scope(S.Scope(effort_id=9999))


def test_the_running_month_is_marked_in_months_and_rows(db):
    build_city()
    today = D(2026, 4, 3)
    m = S.episodes_per_month(START, today, today=today)
    assert (m.through, m.running_index) == (D(2026, 4, 3), 3)
    assert m.labels() == ["jan. 2026", "feb. 2026", "mar. 2026", "apr. t.o.m. 3."]
    rows = S.monthly_rows(START, today, today=today)
    assert [(r["month_text"], r["partial"]) for r in rows][-2:] == [
        ("mar. 2026", False), ("apr. t.o.m. 3.", True)]
    # A period through a future day is counted only through today; a whole month is whole.
    assert S.partial_through(START, D(2026, 4, 30), today) == today
    assert S.partial_through(START, D(2026, 4, 30), D(2026, 5, 1)) is None
    assert S.partial_through(START, D(2026, 3, 31), today) is None
    assert S.partial_through(START, D(2026, 4, 30), D(2026, 4, 30)) == D(2026, 4, 30)
    assert S.episodes_per_month(START, END).through is None


def test_the_same_months_a_year_earlier(db):
    from tryg_desktop.db.place_models import Episode

    city = build_city()
    park = city.place["Kildeparken"]
    for day in (D(2025, 1, 10), D(2025, 3, 31), D(2025, 4, 3), D(2025, 4, 4), D(2024, 12, 31)):
        Episode.create(occurred_on=day, time_band="aften", place=park, category="råben")
    today = D(2026, 4, 3)
    m = S.episodes_per_month(START, today, today=today, previous_year=True)
    # April 2025 only through the 3rd, as April 2026 is: the 4th is left out.
    assert m.previous_year == [1, 0, 1, 1]
    assert S.episodes_per_month(START, today, today=today).previous_year is None
