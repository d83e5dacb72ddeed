"""Honest comparisons (issue 15, points 1-3): the same calendar months a year earlier, the rest
of the city (or chosen places) as comparison, and the ratio of rate ratios with its 95 %
interval. Expected values are computed by hand in the comments (z = 1.959964)."""

import datetime as dt

import pytest

from tryg_desktop.db.place_models import Episode
from tryg_desktop.services.errors import ValidationError
from tryg_desktop.services.safety import comparison as C
from tryg_desktop.services.safety import efforts as E
from tryg_desktop.services.safety import places as P

TODAY = dt.date(2026, 12, 3)


# -- windows ---------------------------------------------------------------------------------

def test_an_effort_started_mid_month_counts_from_the_next_whole_month():
    w = C.effort_windows(dt.date(2026, 2, 15), None, TODAY)
    # After: March-November 2026 (February is half before the start, December is running).
    assert (w.after_start, w.after_end, w.months) == (dt.date(2026, 3, 1), dt.date(2026, 11, 30), 9)
    assert (w.before_start, w.before_end) == (dt.date(2025, 3, 1), dt.date(2025, 11, 30))


def test_an_effort_started_on_the_first_counts_its_start_month():
    w = C.effort_windows(dt.date(2026, 2, 1), None, TODAY)
    assert (w.after_start, w.after_end) == (dt.date(2026, 2, 1), dt.date(2026, 11, 30))


def test_the_running_month_is_never_a_month():
    # On the last day of November, November is still running: after ends with October.
    w = C.effort_windows(dt.date(2026, 2, 15), None, dt.date(2026, 11, 30))
    assert w.after_end == dt.date(2026, 10, 31)
    # Started this month: not one whole month yet.
    assert C.effort_windows(dt.date(2026, 12, 1), None, TODAY) is None
    assert C.effort_windows(dt.date(2026, 11, 2), None, TODAY) is None


def test_an_ended_effort_stops_at_its_last_whole_month_and_at_most_12_months():
    w = C.effort_windows(dt.date(2024, 1, 10), dt.date(2026, 6, 20), TODAY)
    # Ended 20 June: May is the last whole month; 12 months back from there: June 2025.
    assert (w.after_start, w.after_end) == (dt.date(2025, 6, 1), dt.date(2026, 5, 31))
    assert (w.before_start, w.before_end) == (dt.date(2024, 6, 1), dt.date(2025, 5, 31))
    w = C.effort_windows(dt.date(2026, 1, 5), dt.date(2026, 6, 30), TODAY)
    assert (w.after_start, w.after_end) == (dt.date(2026, 2, 1), dt.date(2026, 6, 30))


def test_a_place_compares_the_last_12_whole_months_or_chosen_months():
    w = C.place_windows(TODAY)
    assert (w.after_start, w.after_end) == (dt.date(2025, 12, 1), dt.date(2026, 11, 30))
    assert (w.before_start, w.before_end) == (dt.date(2024, 12, 1), dt.date(2025, 11, 30))
    w = C.place_windows(TODAY, dt.date(2026, 6, 1), dt.date(2026, 8, 1))
    assert (w.after_start, w.after_end) == (dt.date(2026, 6, 1), dt.date(2026, 8, 31))
    assert (w.before_start, w.before_end) == (dt.date(2025, 6, 1), dt.date(2025, 8, 31))


# -- the test --------------------------------------------------------------------------------

def test_a_clear_effect_with_large_counts_is_beyond_chance():
    # a=400 b=200 c=4000 d=3800: ratio = 200*4000/(400*3800) = 0.5263
    # SE = sqrt(1/400+1/200+1/4000+1/3800) = sqrt(0.0080132) = 0.08952
    # CI = 0.5263 * exp(±1.959964*0.08952) = 0.442 .. 0.627
    c = C.chance(400, 200, 4000, 3800)
    assert (round(c.ratio, 3), round(c.low, 3), round(c.high, 3)) == (0.526, 0.442, 0.627)
    assert c.significant and c.p_value < 0.001
    assert c.text == "Forskellen er større end de tilfældige udsving, man kan forvente."


def test_the_issue_example_is_just_beyond_chance():
    # a=100 b=66 c=1000 d=920: ratio = 66*1000/(100*920) = 0.7174
    # SE = sqrt(0.01+0.015152+0.001+0.001087) = 0.16504; CI 0.519 .. 0.991 (below 1)
    c = C.chance(100, 66, 1000, 920)
    assert (round(c.ratio, 3), round(c.low, 3), round(c.high, 3)) == (0.717, 0.519, 0.991)
    assert c.significant


def test_the_same_fall_as_the_city_is_no_effect():
    # a=100 b=89 c=1000 d=890: ratio 1.000; SE = sqrt(0.01+0.011236+0.001+0.0011236) = 0.15284
    # CI = exp(±0.29956) = 0.741 .. 1.349
    c = C.chance(100, 89, 1000, 890)
    assert (round(c.ratio, 3), round(c.low, 3), round(c.high, 3)) == (1.0, 0.741, 1.349)
    assert not c.significant
    assert c.text == "Forskellen kan skyldes tilfældigheder."


def test_small_counts_say_so_plainly():
    # a=8 b=5 c=1000 d=900: ratio 0.694, SE 0.57194, CI 0.226 .. 2.130; and 5 < 10 anyway
    c = C.chance(8, 5, 1000, 900)
    assert (round(c.ratio, 3), round(c.low, 3), round(c.high, 3)) == (0.694, 0.226, 2.130)
    assert c.too_few and not c.significant
    assert c.text == "For få hændelser til at sige noget sikkert."
    # Large enough on the place's side but a 50 % fall on 12 -> 6 is still too few (6 < 10).
    assert C.chance(12, 6, 2000, 1800).too_few


def test_a_zero_count_adds_one_half_to_every_count():
    # a=0 b=3 c=100 d=80 -> 0.5, 3.5, 100.5, 80.5: ratio = 3.5*100.5/(0.5*80.5) = 8.739
    # SE = sqrt(2+0.285714+0.00995+0.012422) = 1.51924; CI 0.445 .. 171.651
    c = C.chance(0, 3, 100, 80)
    assert c.corrected
    assert (round(c.ratio, 3), round(c.low, 3), round(c.high, 3)) == (8.739, 0.445, 171.651)
    assert c.too_few and c.text == "For få hændelser til at sige noget sikkert."


# -- sentences -------------------------------------------------------------------------------

def _comparison(a, b, c, d, name="Kildeparken", against=C.REST_OF_CITY):
    w = C.effort_windows(dt.date(2026, 2, 15), None, TODAY)
    return C.Comparison(name, against, w, a, b, c, d, C.chance(a, b, c, d))


def test_the_sentence_states_both_changes_and_the_net_difference():
    result = _comparison(100, 66, 1000, 920)
    assert (result.change, result.comparison_change, result.net_points) == (-34, -8, -26)
    assert result.sentence == ("Kildeparken −34\u00a0%, resten af byen −8\u00a0%: "
                               "26 procentpoint bedre end resten af byen.")
    assert result.period_text == "mar.–nov. 2026 mod mar.–nov. 2025"


def test_a_place_that_falls_with_the_city_is_not_called_a_fall():
    result = _comparison(100, 89, 1000, 890, name="Nørresundby Torv")
    assert result.net_points == 0
    assert result.sentence == ("Nørresundby Torv −11\u00a0%, resten af byen −11\u00a0%: "
                               "samme udvikling som resten af byen.")
    assert "bedre" not in result.sentence and "fald" not in result.sentence


def test_worse_than_the_chosen_places_and_nothing_before():
    result = _comparison(50, 60, 200, 180, against=C.CHOSEN_PLACES)
    assert result.sentence == ("Kildeparken +20\u00a0%, sammenligningsstederne −10\u00a0%: "
                               "30 procentpoint dårligere end sammenligningsstederne.")
    assert _comparison(0, 4, 200, 180).sentence.endswith("ingen hændelser før at sammenligne med.")


# -- from the database (both databases) ------------------------------------------------------

def _episodes(place_id, day, n):
    Episode.insert_many([{"occurred_on": day, "place": place_id, "category": "råben"}] * n
                        ).execute()


@pytest.fixture
def city(db):
    park = P.create(P.PlaceInput(name="Kildeparken", kind="park"))
    square = P.create(P.PlaceInput(name="Nørresundby Torv", kind="plads"))
    other = P.create(P.PlaceInput(name="Budolfi Plads", kind="plads"))
    old = P.create(P.PlaceInput(name="Gammel plads", kind="plads"))
    P.set_active(old.id, False, old.version)
    # Same months (March-November): the park 100 -> 66, the square 20 -> 18, the rest of the
    # city (Budolfi and the inactive place) 80 -> 72: the city at large falls 10 %.
    _episodes(park.id, dt.date(2025, 7, 4), 100)
    _episodes(park.id, dt.date(2026, 7, 4), 66)
    _episodes(square.id, dt.date(2025, 4, 1), 20)
    _episodes(square.id, dt.date(2026, 4, 1), 18)
    _episodes(other.id, dt.date(2025, 11, 30), 60)
    _episodes(other.id, dt.date(2026, 11, 30), 54)
    _episodes(old.id, dt.date(2025, 3, 1), 20)
    _episodes(old.id, dt.date(2026, 3, 1), 18)
    # Outside the windows: February (before the start's first whole month), the running month.
    _episodes(park.id, dt.date(2026, 2, 20), 40)
    _episodes(park.id, dt.date(2026, 12, 2), 1)
    _episodes(other.id, dt.date(2025, 12, 2), 30)
    return park, square, other


def test_an_effort_against_the_rest_of_the_city(city):
    park, square, other = city
    row = E.create(E.EffortInput(title="Lys i Kildeparken", strand="byrum",
                                 starts_on=dt.date(2026, 2, 15), place_ids=[park.id]))
    result = C.for_effort(row.id, TODAY)
    # The rest of the city: 20 + 60 + 20 = 100 -> 18 + 54 + 18 = 90 (inactive place included).
    assert (result.before, result.after, result.comparison_before,
            result.comparison_after) == (100, 66, 100, 90)
    assert result.sentence == ("Kildeparken −34\u00a0%, resten af byen −10\u00a0%: "
                               "24 procentpoint bedre end resten af byen.")


def test_an_effort_against_its_chosen_comparison_places(city):
    park, square, other = city
    row = E.create(E.EffortInput(title="Lys i Kildeparken", strand="byrum",
                                 starts_on=dt.date(2026, 2, 15), place_ids=[park.id]))
    row = E.set_comparison_places(row.id, [square.id], row.version)
    assert row.comparison_place_ids == (square.id,)
    result = C.for_effort(row.id, TODAY)
    assert (result.comparison_before, result.comparison_after) == (20, 18)
    assert result.comparison_name == "sammenligningsstederne"
    with pytest.raises(ValidationError) as err:
        E.set_comparison_places(row.id, [park.id], row.version)
    assert "comparison_place_ids" in err.value.errors
    assert E.set_comparison_places(row.id, [], row.version).comparison_place_ids == ()


def test_a_place_that_follows_the_city(city):
    park, square, other = city
    result = C.for_place(square.id, TODAY)
    # Dec 2025-Nov 2026 against Dec 2024-Nov 2025: the square 20 -> 18; the rest of the city
    # 100 + 60 + 20 = 180 -> 66 + 54 + 18 + (40 in February 2026) + (30 in Dec 2025) = 208:
    # the running month's (Dec 2026) episode is left out.
    assert (result.before, result.after) == (20, 18)
    assert (result.comparison_before, result.comparison_after) == (180, 208)
    assert C.for_effort(E.create(E.EffortInput(
        title="Ny", strand="byrum", starts_on=dt.date(2026, 11, 20),
        place_ids=[park.id])).id, TODAY) is None


def test_the_method_is_explained_in_danish():
    assert "samme kalendermåneder et år tidligere" in C.METHOD_TEXT
    assert "løbende måned" in C.METHOD_TEXT and "resten af byen" in C.METHOD_TEXT


def test_the_city_trend_is_the_charts_whole_months_against_a_year_before(city):
    """The Oversigt's line for Hele byen, from its chart's own figures: January-November 2026
    (December is running) against January-November 2025."""
    from tryg_desktop.services.safety import statistics as S

    start, end = S.last_12_months(TODAY)
    monthly = S.episodes_per_month(start, end, S.Scope(), TODAY, previous_year=True)
    trend = C.city_trend(monthly)
    # 2025: 100 + 20 + 60 + 20 = 200; 2026: 66 + 18 + 54 + 18 + 40 (February) = 196; the
    # running month's episode and 2 December 2025's 30 lie outside both.
    assert (trend.before, trend.after, trend.change) == (200, 196, -2)
    assert trend.sentence == "Hele byen −2\u00a0% (200 → 196 hændelser)."
    assert (trend.windows.after_text, trend.windows.before_text) == ("jan.–nov. 2026",
                                                                     "jan.–nov. 2025")
