"""What every statistic shares: the scope (city, place or effort), the period checks, months,
and the SQL pieces for dates and counts. services/safety/statistics.py is the public face."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import SQL, fn

from tryg_desktop.date_input import MAX_YEAR, MIN_YEAR
from tryg_desktop.db.dialect import count_if, month_key  # noqa: F401 - the statistics use them
from tryg_desktop.db.place_models import Effort, Place
from tryg_desktop.services.errors import NotFoundError, ServiceError

COUNT = fn.COUNT(SQL("*"))  # COUNT(*) keeps the covering index enough on its own


@dataclass(frozen=True)
class Scope:
    """What the figures are about; both None = the whole city."""
    place_id: int | None = None
    effort_id: int | None = None  # = the effort's places (episodes), its meetings/actions

    @property
    def is_city(self) -> bool:
        return self.place_id is None and self.effort_id is None


def check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ServiceError("Perioden slutter før den begynder.")
    # The figures count month by month up to the day after the end: year 9999 overflows.
    if start.year < MIN_YEAR or end.year > MAX_YEAR:
        raise ServiceError(f"Perioden skal ligge i årene {MIN_YEAR}-{MAX_YEAR}.")


def check_scope(scope: Scope) -> None:
    """NotFoundError (Danish) for a place or effort that does not exist."""
    if scope.place_id is not None and not Place.select().where(Place.id == scope.place_id).exists():
        raise NotFoundError(f"Stedet findes ikke (id {scope.place_id}).")
    if (scope.effort_id is not None
            and not Effort.select().where(Effort.id == scope.effort_id).exists()):
        raise NotFoundError(f"Indsatsen findes ikke (id {scope.effort_id}).")


# -- periods ---------------------------------------------------------------------------------

def _first(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


add_months = _add_months
# Danish month abbreviations as tables and the CSV write them (babel's, spelled out here: the
# statistics run at start-up, where babel's locale data costs).
MONTH_NAMES = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.",
               "nov.", "dec.")


def month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of each month touching the period (none when end is before start)."""
    months, month = [], _first(start)
    while month <= end:
        months.append(month)
        month = _add_months(month, 1)
    return months


def last_12_months(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first day of the month 11 months back .. today: this month and the 11 before it."""
    return _add_months(_first(today), -11), today


def month_index(months: list[dt.date]) -> dict[str, int]:
    return {f"{m:%Y-%m}": i for i, m in enumerate(months)}


def day_after(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())


def datetime_in(column, start: dt.date, end: dt.date):
    return (column >= dt.datetime.combine(start, dt.time())) & (column < day_after(end))


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


