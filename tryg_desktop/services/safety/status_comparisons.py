"""comparison.for_effort and comparison.for_place for many efforts or places at once, for the
status report: the same windows, the same Comparison and the same chance test
(services/safety/comparison.py owns the method), counted in a few grouped statements instead of
four per effort. At 20x the yearly report compares about a hundred efforts; four statements
each, most of them over the whole rest of the city, would double its time.

How: the rest of the city in a window is the whole city less the group, and every window is
whole calendar months, so the city's episodes per month (one statement) and each group's per
category in each window (one statement per chunk of groups, each group's windows as a CASE)
give every count. An effort with chosen comparison places is left to comparison.for_effort:
few have them."""

from __future__ import annotations

import datetime as dt

from peewee import Case

from tryg_desktop.db.dialect import count_if
from tryg_desktop.db.place_models import EffortComparisonPlace, EffortPlace, Episode, Place
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services.safety import comparison
from tryg_desktop.services.safety.statistics_base import COUNT, add_months, month_starts

_CHUNK = 200  # groups per statement: SQLite's limit on parameters stays far away

Month = tuple[int, int]


def _months(first: dt.date, last: dt.date) -> list[Month]:
    return [(m.year, m.month) for m in month_starts(first, last)]


def _city_per_month(first: dt.date, last: dt.date) -> dict[Month, int]:
    """Every episode in the city per month (grouped by day: the index's own order)."""
    counts: dict[Month, int] = {}
    for day, n in (Episode.select(Episode.occurred_on, COUNT)
                   .where(Episode.occurred_on.between(first, last))
                   .group_by(Episode.occurred_on).tuples()):
        counts[(day.year, day.month)] = counts.get((day.year, day.month), 0) + n
    return counts


Sides = tuple[dict[str, int], dict[str, int]]  # per category: before, after


def _fold(rows, sides: dict) -> None:
    """(group, category, before, after) rows into sides[group]; only categories that occur,
    as comparison.compare reports them."""
    for key, category, before, after in rows:
        side = sides.setdefault(key, ({}, {}))
        for i, n in enumerate((before or 0, after or 0)):
            if n:
                side[i][category] = side[i].get(category, 0) + int(n)


def _build(name: str, w: comparison.Windows, sides: Sides,
           city: dict[Month, int]) -> comparison.Comparison:
    before, after = sides
    a, b = sum(before.values()), sum(after.values())
    c = sum(city.get(m, 0) for m in _months(w.before_start, w.before_end)) - a
    d = sum(city.get(m, 0) for m in _months(w.after_start, w.after_end)) - b
    return comparison.Comparison(name, comparison.REST_OF_CITY, w, a, b, c, d,
                                 comparison.chance(a, b, c, d), before, after)


def _span(all_windows) -> tuple[dt.date, dt.date]:
    return (min(w.before_start for w in all_windows), max(w.after_end for w in all_windows))


def _counted_efforts(chunk: list[int], windows: dict, sides: dict) -> None:
    """Each effort's episodes per category in its own before and after months: its windows
    as a CASE on its id (as statistics.before_after_many), one row per effort and category."""
    def case(attribute):
        return Case(EffortPlace.effort, [(i, getattr(windows[i], attribute)) for i in chunk])

    day = Episode.occurred_on
    query = (Episode.select(EffortPlace.effort, Episode.category,
                            count_if(day <= case("before_end")),
                            count_if(day >= case("after_start")))
             .join(EffortPlace, on=EffortPlace.place == Episode.place)
             .where(EffortPlace.effort.in_(chunk) & (day >= case("before_start"))
                    & (day <= case("after_end")))
             .group_by(EffortPlace.effort, Episode.category))
    _fold(query.tuples(), sides)


def for_efforts(efforts, today: dt.date) -> dict[int, comparison.Comparison | None]:
    """{effort id: comparison.for_effort(id, today)} for Effort rows (or rows with id,
    starts_on, ends_on)."""
    result: dict[int, comparison.Comparison | None] = {e.id: None for e in efforts}
    windows = {e.id: comparison.effort_windows(e.starts_on, e.ends_on, today) for e in efforts}
    ids = [i for i, w in windows.items() if w is not None]
    if not ids:
        return result
    names: dict[int, dict[int, str]] = {}
    chosen: dict[int, set[int]] = {}
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first:first + _CHUNK]
        for effort_id, place_id, name in (EffortPlace.select(EffortPlace.effort, Place.id,
                                                             Place.name)
                                          .join(Place).where(EffortPlace.effort.in_(chunk))
                                          .tuples()):
            names.setdefault(effort_id, {})[place_id] = name
        for effort_id, place_id in (EffortComparisonPlace.select(EffortComparisonPlace.effort,
                                                                 EffortComparisonPlace.place)
                                    .where(EffortComparisonPlace.effort.in_(chunk)).tuples()):
            chosen.setdefault(effort_id, set()).add(place_id)
    counted = []
    for effort_id in ids:
        if effort_id not in names:
            continue  # no places: nothing to compare
        if chosen.get(effort_id, set()) - set(names[effort_id]):
            result[effort_id] = comparison.for_effort(effort_id, today)  # chosen places
        else:
            counted.append(effort_id)
    if not counted:
        return result
    city = _city_per_month(*_span([windows[i] for i in counted]))
    sides: dict[int, Sides] = {}
    for first in range(0, len(counted), _CHUNK):
        _counted_efforts(counted[first:first + _CHUNK], windows, sides)
    for effort_id in counted:
        name = comparison.group_name(sorted(names[effort_id].values(), key=danish_sort_key))
        result[effort_id] = _build(name, windows[effort_id], sides.get(effort_id, ({}, {})),
                                   city)
    return result


def for_places(places: dict[int, str], today: dt.date, first_month: dt.date | None = None,
               last_month: dt.date | None = None) -> dict[int, comparison.Comparison | None]:
    """{place id: comparison.for_place(id, today, first_month, last_month)} for {id: name}."""
    w = comparison.place_windows(today, first_month, last_month)
    if w is None or not places:
        return {p: None for p in places}
    city = _city_per_month(w.before_start, w.after_end)
    sides: dict[int, Sides] = {}
    ids = list(places)
    day = Episode.occurred_on
    for first in range(0, len(ids), _CHUNK):
        _fold(Episode.select(Episode.place, Episode.category, count_if(day <= w.before_end),
                             count_if(day >= w.after_start))
              .where(Episode.place.in_(ids[first:first + _CHUNK])
                     & day.between(w.before_start, w.after_end))
              .group_by(Episode.place, Episode.category).tuples(), sides)
    return {p: _build(name, w, sides.get(p, ({}, {})), city) for p, name in places.items()}


def whole_months(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
    """The report period's whole months as for_place's first_month and last_month (the
    months that lie wholly inside it), or None when it holds none."""
    first = start if start.day == 1 else add_months(start.replace(day=1), 1)
    after_end = end + dt.timedelta(days=1)
    last = (end.replace(day=1) if after_end.day == 1
            else add_months(end.replace(day=1), -1))
    return (first, last) if first <= last else None


# -- in words (the report and the Excel file) -----------------------------------------------

def verdict(c: comparison.Comparison) -> str:
    """'Bedre end resten af byen', 'Samme udvikling som resten af byen' (the difference may be
    chance: a place that follows the city is not an effect), 'Dårligere end …' or 'For få
    hændelser til at sige noget sikkert'."""
    if c.chance.too_few or c.net_points is None:
        return "For få hændelser til at sige noget sikkert"
    if not c.chance.significant:
        return f"Samme udvikling som {c.comparison_name}"
    return f"{'Bedre' if c.chance.ratio < 1 else 'Dårligere'} end {c.comparison_name}"


def short_verdict(c: comparison.Comparison) -> str:
    """verdict() for a table column: 'Bedre', 'Samme udvikling', 'Dårligere', 'For få
    hændelser'."""
    if c.chance.too_few or c.net_points is None:
        return "For få hændelser"
    if not c.chance.significant:
        return "Samme udvikling"
    return "Bedre" if c.chance.ratio < 1 else "Dårligere"
