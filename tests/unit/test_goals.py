"""An effort's goal as an indicator (issue 15, point 4): validation, audit, and the verdict
against the comparison's like-with-like windows, with hand-computed counts."""

import datetime as dt

import pytest

from tryg_desktop.db.models import AuditEntry
from tryg_desktop.db.place_models import Episode
from tryg_desktop.services.errors import ValidationError
from tryg_desktop.services.safety import efforts as E
from tryg_desktop.services.safety import goals as G
from tryg_desktop.services.safety import places as P

TODAY = dt.date(2026, 12, 3)


def _episodes(place_id, day, n, category="råben"):
    Episode.insert_many([{"occurred_on": day, "place": place_id, "category": category}] * n
                        ).execute()


@pytest.fixture
def city(db):
    park = P.create(P.PlaceInput(name="Kildeparken", kind="park"))
    other = P.create(P.PlaceInput(name="Budolfi Plads", kind="plads"))
    # The issue's example: råben in the park 13 -> 14 (+8 %), the rest of the city 50 -> 43
    # (−14 %); hærværk in the park 40 -> 20 (−50 %), the rest 10 -> 10 (±0 %).
    _episodes(park.id, dt.date(2025, 6, 10), 13)
    _episodes(park.id, dt.date(2026, 6, 10), 14)
    _episodes(other.id, dt.date(2025, 5, 1), 50)
    _episodes(other.id, dt.date(2026, 5, 1), 43)
    _episodes(park.id, dt.date(2025, 8, 1), 40, "hærværk")
    _episodes(park.id, dt.date(2026, 8, 1), 20, "hærværk")
    _episodes(other.id, dt.date(2025, 8, 1), 10, "hærværk")
    _episodes(other.id, dt.date(2026, 8, 1), 10, "hærværk")
    return park, other


def _effort(park, **goal):
    return E.create(E.EffortInput(title="Lys i Kildeparken", strand="byrum",
                                  starts_on=dt.date(2026, 2, 15), place_ids=[park.id], **goal))


def test_the_issues_example_rose_so_it_is_not_on_the_way(city):
    park, _ = city
    row = _effort(park, goal_change=-20, goal_due=dt.date(2026, 12, 31),
                  goal_categories=["råben"])
    status = G.goal_status(row.id, TODAY)
    # March-November 2026 against 2025: 13 -> 14 = +7.7 % -> +8 %; the rest 50 -> 43 = −14 %.
    assert (status.result.before, status.result.after) == (13, 14)
    assert (status.result.comparison_before, status.result.comparison_after) == (50, 43)
    assert status.verdict == G.NOT_ON_THE_WAY  # before the goal's day: not "not met" yet
    assert status.line == ("Mål: −20\u00a0% råben og skænderi inden 31.12.2026 — Resultat: "
                           "+8\u00a0% (resten af byen −14\u00a0%) — Ikke på vej")
    assert status.summary.startswith("Lys i Kildeparken — Ikke på vej — Mål: −20\u00a0%")
    # After the day, the same result has not met the goal.
    assert G.goal_status(row.id, dt.date(2027, 1, 5)).verdict == G.NOT_MET


def test_a_fall_better_than_the_city_is_on_the_way_then_met_after_the_day(city):
    park, _ = city
    row = _effort(park, goal_change=-30, goal_due=dt.date(2026, 12, 31),
                  goal_categories=["hærværk"])
    # Hærværk 40 -> 20 = −50 %, the rest ±0 %: the wanted way and better than the city.
    assert G.goal_status(row.id, TODAY).verdict == G.ON_THE_WAY
    # After the day (March-December 2026; nothing new in December): −50 % ≤ −30 %: met.
    status = G.goal_status(row.id, dt.date(2027, 1, 5))
    assert status.result.windows.after_end == dt.date(2026, 12, 31)
    assert status.verdict == G.MET
    # A goal of −60 % is not met by −50 %.
    E.update(row.id, E.EffortInput(**{**E.get(row.id).as_input().__dict__, "goal_change": -60}),
             E.get(row.id).version)
    assert G.goal_status(row.id, dt.date(2027, 1, 5)).verdict == G.NOT_MET


def test_a_fall_the_whole_city_shares_is_not_on_the_way(city):
    park, other = city
    # Both categories: the park 53 -> 34 (−36 %), the rest 60 -> 53 (−12 %): on the way.
    row = _effort(park, goal_change=-20, goal_due=dt.date(2027, 6, 30),
                  goal_categories=list(G.ALL_CATEGORIES))
    status = G.goal_status(row.id, TODAY)
    assert (status.result.change, status.result.comparison_change) == (-36, -12)
    assert status.verdict == G.ON_THE_WAY
    assert "alle hændelser" in status.goal_text
    # The rest of the city falls faster (−75 %): the park's −36 % is no progress of its own.
    _episodes(other.id, dt.date(2025, 9, 1), 100)
    assert G.goal_status(row.id, TODAY).verdict == G.NOT_ON_THE_WAY


def test_too_early_before_a_whole_month_and_none_without_a_goal(city):
    park, _ = city
    row = E.create(E.EffortInput(title="Ny", strand="byrum", starts_on=dt.date(2026, 11, 20),
                                 place_ids=[park.id], goal_change=-10,
                                 goal_due=dt.date(2027, 6, 30), goal_categories=["råben"]))
    status = G.goal_status(row.id, TODAY)
    assert status.result is None and status.verdict == G.TOO_EARLY
    assert status.line == "Mål: −10\u00a0% råben og skænderi inden 30.06.2027 — For tidligt at sige"
    assert G.goal_status(_effort(park).id, TODAY) is None
    assert [s.effort_title for s in G.all_goals(TODAY)] == ["Ny"]


def test_goal_validation_in_danish(city):
    park, _ = city
    with pytest.raises(ValidationError) as err:
        _effort(park, goal_change=-120, goal_due=dt.date(2026, 1, 1), goal_categories=[])
    assert err.value.errors == {
        "goal_change": "Angiv den ønskede ændring i procent mellem −100 og +100 (ikke 0).",
        "goal_due": "Måldatoen skal ligge efter indsatsens start.",
        "goal_categories": "Vælg mindst én slags hændelser for målet."}
    with pytest.raises(ValidationError) as err:
        _effort(park, goal_change=-20)
    assert set(err.value.errors) == {"goal_due", "goal_categories"}


def test_the_goal_is_stored_and_audited(city):
    park, _ = city
    row = _effort(park, goal_change=-20, goal_due=dt.date(2026, 12, 31),
                  goal_categories=["hærværk", "råben", "nonsense"])
    assert (row.goal_change, row.goal_due, row.goal_categories) == (
        -20, dt.date(2026, 12, 31), ("råben", "hærværk"))
    data = row.as_input()
    data.goal_change = None
    data.goal_due = None
    row = E.update(row.id, data, row.version)
    assert (row.goal_change, row.goal_due, row.goal_categories) == (None, None, ())
    entries = [e for e in AuditEntry.select().where(AuditEntry.entity == "effort")
               if "goal_indicator" in (e.changes or "")]
    assert entries, "the goal's change is in the audit trail"
    assert "−20\u00a0% råben og skænderi og hærværk inden 31.12.2026" in entries[-1].changes
