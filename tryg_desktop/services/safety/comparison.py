"""Honest comparisons: one owner of how a place's or an effort's change is measured (issue 15,
points 1-3). statistics.before_after (equal windows on each side of the start) stays for the
callers that still use it; the pages show this.

The method, in one place (METHOD_TEXT says it in Danish for the report):
- Like with like: the "after" window is whole calendar months that have ended (the running
  month never counts); the "before" window is the same calendar months one year earlier, so
  both sides hold the same seasons. An effort's after-months begin with the first month that
  lies wholly after its start (started 15 Feb: March; started 1 Feb: February) and end with the
  last whole month before today and before its end day; at most the latest 12. A place's are
  the last 12 whole months, or a chosen run of months.
- Comparison: by default the rest of the city = every episode NOT at the group's places (at
  any place, active or not: a place made inactive still had its episodes, and dropping them
  would make the city look as if it fell). Or the comparison places chosen for the effort.
- Chance: the ratio of the two rate ratios, (b/a) / (d/c) = b*c / (a*d), with a 95 % interval
  on the log scale, SE = sqrt(1/a + 1/b + 1/c + 1/d) (the Poisson log-linear interaction /
  Woolf interval). The windows are equally long on both sides, so counts stand for rates.
  With a zero count 0.5 is added to all four (Haldane-Anscombe). The standard library's
  NormalDist gives the quantile and the p-value: scipy would add a large dependency for one
  number. Fewer than MIN_EPISODES on any side: no verdict, and the text says so."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from statistics import NormalDist

from tryg_desktop.db.place_models import Effort, EffortComparisonPlace, EffortPlace, Episode, Place
from tryg_desktop.l10n import danish_sort_key, rate_percent
from tryg_desktop.services.errors import NotFoundError
from tryg_desktop.services.safety.statistics_base import COUNT, MONTH_NAMES
from tryg_desktop.services.safety.statistics_base import add_months as _add_months

MIN_EPISODES = 10  # on each side; below this a percentage says more about chance than change
CONFIDENCE = 0.95
MAX_MONTHS = 12
REST_OF_CITY = "resten af byen"
CHOSEN_PLACES = "sammenligningsstederne"

METHOD_TEXT = (
    "Før og efter sammenlignes måned for måned med de samme kalendermåneder et år tidligere, "
    "så sommer sammenlignes med sommer og vinter med vinter. Kun hele måneder, der er slut, "
    "tælles med; den løbende måned er ikke med. En indsats tælles fra den første hele måned "
    "efter dens start, højst de seneste 12 måneder; et sted de seneste 12 hele måneder. "
    "Udviklingen på stedet stilles over for udviklingen i resten af byen (alle hændelser, der "
    "ikke er sket på stedet) eller på de sammenligningssteder, der er valgt for indsatsen. "
    "Forskellen i procentpoint er stedets ændring minus sammenligningens. Om forskellen er "
    "større end de tilfældige udsving, man kan forvente, afgøres med et 95 %-"
    "konfidensinterval for forholdet mellem de to ændringer (Poisson-fordelte antal); med "
    "færre end 10 hændelser i en af perioderne siges intet sikkert.")

SIGNIFICANT = "Forskellen er større end de tilfældige udsving, man kan forvente."
CHANCE = "Forskellen kan skyldes tilfældigheder."
TOO_FEW = "For få hændelser til at sige noget sikkert."


# -- windows ---------------------------------------------------------------------------------

def _month_end(first: dt.date) -> dt.date:
    return _add_months(first, 1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Windows:
    """Same calendar months: after = [after_start, after_end], before = one year earlier."""
    after_start: dt.date
    after_end: dt.date

    @property
    def months(self) -> int:
        return ((self.after_end.year - self.after_start.year) * 12
                + self.after_end.month - self.after_start.month + 1)

    @property
    def before_start(self) -> dt.date:
        return _add_months(self.after_start, -12)

    @property
    def before_end(self) -> dt.date:
        return _month_end(_add_months(self.after_start, self.months - 13))

    @property
    def after_text(self) -> str:
        """'mar.–nov. 2026'"""
        return _month_span(self.after_start, self.after_end)

    @property
    def before_text(self) -> str:
        return _month_span(self.before_start, self.before_end)


def windows(first_day: dt.date | None, today: dt.date, last_day: dt.date | None = None,
            max_months: int = MAX_MONTHS) -> Windows | None:
    """The after-months: whole months from first_day (None: only the latest max_months) up to
    the month before today's (the running month never counts) and through last_day. None when
    not one whole month has passed."""
    last = _add_months(today.replace(day=1), -1)  # the last month that has ended
    if last_day is not None:
        end_month = last_day.replace(day=1)
        last = min(last, end_month if last_day == _month_end(end_month)
                   else _add_months(end_month, -1))
    first = _add_months(last, 1 - max_months)
    if first_day is not None:
        start_month = (first_day if first_day.day == 1
                       else _add_months(first_day.replace(day=1), 1))
        first = max(first, start_month)
    if first > last:
        return None
    return Windows(first, _month_end(last))


def effort_windows(starts_on: dt.date, ends_on: dt.date | None, today: dt.date) -> Windows | None:
    return windows(starts_on, today, ends_on)


def place_windows(today: dt.date, first_month: dt.date | None = None,
                  last_month: dt.date | None = None) -> Windows | None:
    """The last 12 whole months, or the chosen months (first_month .. last_month's month)."""
    if first_month is None:
        return windows(None, today)
    return windows(first_month.replace(day=1), today, _month_end(
        (last_month or first_month).replace(day=1)), max_months=1200)


# -- the test --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Chance:
    ratio: float  # (b/a) / (d/c): below 1 = the place did better than the comparison
    low: float
    high: float
    p_value: float
    corrected: bool  # 0.5 added to every count (a zero count)
    too_few: bool

    @property
    def significant(self) -> bool:
        return not self.too_few and (self.high < 1 or self.low > 1)

    @property
    def text(self) -> str:
        return TOO_FEW if self.too_few else SIGNIFICANT if self.significant else CHANCE


def chance(a: int, b: int, c: int, d: int) -> Chance:
    """a, b: the place before and after; c, d: the comparison before and after."""
    corrected = 0 in (a, b, c, d)
    if corrected:
        a, b, c, d = (n + 0.5 for n in (a, b, c, d))
    log_ratio = math.log(b * c / (a * d))
    se = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    z = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)
    p_value = 2 * (1 - NormalDist().cdf(abs(log_ratio) / se))
    too_few = min(a, b, c, d) < MIN_EPISODES
    return Chance(math.exp(log_ratio), math.exp(log_ratio - z * se),
                  math.exp(log_ratio + z * se), p_value, corrected, too_few)


# -- the comparison --------------------------------------------------------------------------

@dataclass(frozen=True)
class Comparison:
    name: str  # "Kildeparken", "Indsatsens steder"
    comparison_name: str  # "resten af byen" or "sammenligningsstederne"
    windows: Windows
    before: int  # a
    after: int  # b
    comparison_before: int  # c
    comparison_after: int  # d
    chance: Chance
    # The place's side per category (the effort page's table and chart).
    before_by_category: dict[str, int] = field(default_factory=dict)
    after_by_category: dict[str, int] = field(default_factory=dict)

    @property
    def change(self) -> int | None:
        """Whole per cent, half up; None when there was nothing before."""
        return percent_change(self.before, self.after)

    @property
    def comparison_change(self) -> int | None:
        return percent_change(self.comparison_before, self.comparison_after)

    @property
    def net_points(self) -> int | None:
        """The place's change less the comparison's, in percentage points, from the rounded
        percentages, so the sentence adds up; negative = better than the comparison."""
        if self.change is None or self.comparison_change is None:
            return None
        return self.change - self.comparison_change

    @property
    def sentence(self) -> str:
        """'Kildeparken −34 %, resten af byen −8 %: 26 procentpoint bedre end resten af
        byen.'"""
        head = (f"{self.name} {signed_percent(self.change)}, {self.comparison_name} "
                f"{signed_percent(self.comparison_change)}")
        net = self.net_points
        if net is None:
            return f"{head}: ingen hændelser før at sammenligne med."
        if net == 0:
            return f"{head}: samme udvikling som {self.comparison_name}."
        word = "bedre" if net < 0 else "dårligere"
        unit = "procentpoint"
        return f"{head}: {abs(net)} {unit} {word} end {self.comparison_name}."

    @property
    def before_text(self) -> str:
        return self.windows.before_text

    @property
    def after_text(self) -> str:
        return self.windows.after_text

    @property
    def period_text(self) -> str:
        return f"{self.after_text} mod {self.before_text}"


def percent_change(before: int, after: int) -> int | None:
    """The change in whole per cent, half up; None when there was nothing before."""
    return rate_percent((after - before) / before) if before else None


def signed_percent(value: int | None) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{abs(value)}\u00a0%"


def _month_span(first: dt.date, last: dt.date) -> str:
    """'mar.–nov. 2026', 'dec. 2025–nov. 2026', 'mar. 2026'."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{MONTH_NAMES[first.month - 1]} {first.year}"
    if first.year == last.year:
        return f"{MONTH_NAMES[first.month - 1]}–{MONTH_NAMES[last.month - 1]} {last.year}"
    return f"{MONTH_NAMES[first.month - 1]} {first.year}–{MONTH_NAMES[last.month - 1]} {last.year}"


def _where(place_ids: list[int], inside: bool):
    """At the places (inside), or everywhere else: the rest of the city."""
    if not place_ids:
        return Episode.id.is_null(inside)
    return Episode.place.in_(place_ids) if inside else Episode.place.not_in(place_ids)


def _by_category(w: Windows, where) -> tuple[dict[str, int], dict[str, int]]:
    """Episodes per category before and after: one grouped statement per window."""
    sides = []
    for first, last in ((w.before_start, w.before_end), (w.after_start, w.after_end)):
        sides.append(dict(Episode.select(Episode.category, COUNT)
                          .where(Episode.occurred_on.between(first, last) & where)
                          .group_by(Episode.category).tuples()))
    return sides[0], sides[1]


def compare(name: str, place_ids: list[int], w: Windows,
            comparison_ids: list[int] | None = None,
            categories: list[str] | None = None) -> Comparison:
    """categories: count only these on both sides (an effort's goal, services/safety/goals)."""
    here = _where(place_ids, True)
    if comparison_ids:
        other = _where(comparison_ids, True)
        comparison_name = CHOSEN_PLACES
    else:
        other = _where(place_ids, False)
        comparison_name = REST_OF_CITY
    if categories:
        here &= Episode.category.in_(categories)
        other &= Episode.category.in_(categories)
    before, after = _by_category(w, here)
    c, d = (sum(side.values()) for side in _by_category(w, other))
    a, b = sum(before.values()), sum(after.values())
    return Comparison(name, comparison_name, w, a, b, c, d, chance(a, b, c, d), before, after)


def comparison_place_ids(effort_id: int) -> list[int]:
    return [p for (p,) in EffortComparisonPlace.select(EffortComparisonPlace.place)
            .where(EffortComparisonPlace.effort == effort_id).tuples()]


def for_effort(effort_id: int, today: dt.date) -> Comparison | None:
    """None when the effort has no places or not one whole month has passed since its start."""
    effort = Effort.get_or_none(Effort.id == effort_id)
    if effort is None:
        raise NotFoundError(f"Indsatsen findes ikke (id {effort_id}).")
    w = effort_windows(effort.starts_on, effort.ends_on, today)
    places = dict(Place.select(Place.id, Place.name).join(EffortPlace)
                  .where(EffortPlace.effort == effort_id).tuples())
    if w is None or not places:
        return None
    names = sorted(places.values(), key=danish_sort_key)
    chosen = [p for p in comparison_place_ids(effort_id) if p not in places]
    return compare(group_name(names), list(places), w, chosen)


def group_name(names: list[str]) -> str:
    """The effort's places as the sentences name them: one or two by name, more together."""
    return " og ".join(names) if len(names) <= 2 else "Indsatsens steder"


def for_place(place_id: int, today: dt.date, first_month: dt.date | None = None,
              last_month: dt.date | None = None) -> Comparison | None:
    place = Place.get_or_none(Place.id == place_id)
    if place is None:
        raise NotFoundError(f"Stedet findes ikke (id {place_id}).")
    w = place_windows(today, first_month, last_month)
    return None if w is None else compare(place.name, [place_id], w)


@dataclass(frozen=True)
class CityTrend:
    """The whole city's whole months against the same months a year before (the Oversigt's
    line for Hele byen): no comparison, the city is what places are compared with."""
    windows: Windows
    before: int
    after: int

    @property
    def change(self) -> int | None:
        return percent_change(self.before, self.after)

    @property
    def sentence(self) -> str:
        """'Hele byen −14 % (1.285 → 1.100 hændelser).'"""
        from tryg_desktop.l10n import format_integer

        return (f"Hele byen {signed_percent(self.change)} ({format_integer(self.before)} → "
                f"{format_integer(self.after)} hændelser).")


def chart_months(monthly) -> Windows | None:
    """The whole months of a monthly chart (statistics.MonthlyEpisodes): all but a running
    last month. None when there is not one."""
    whole = len(monthly.months) - (1 if monthly.through is not None else 0)
    if whole < 1:
        return None
    return Windows(monthly.months[0], _month_end(monthly.months[whole - 1]))


def city_trend(monthly) -> CityTrend | None:
    """The Oversigt's line for Hele byen, from its chart's own figures (no query): the chart's
    whole months against the same months a year before (the dashed line)."""
    w = chart_months(monthly)
    if w is None or monthly.previous_year is None:
        return None
    return CityTrend(w, sum(monthly.previous_year[:w.months]), sum(monthly.total[:w.months]))
