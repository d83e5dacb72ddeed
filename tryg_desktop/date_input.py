"""Dates as a Dane types them: "1.7.2027", "01.07.27", "1/7", "2027-07-01", "1. juli",
"i morgen", "+3", "+2u", "tirsdag". No Qt here: the date field in views/kit/date_field.py asks this
module and shows its Danish sentence when the text is not a date.

Rules (tests/unit/test_date_input.py holds them):
- Day before month, as in Denmark; "." "-" "/" or a space between the parts. A two-digit year
  is 20yy. "010727" and "01072027" (digits only) are day, month, year too.
- A date without a year ("1/7", "1. juli") is in the reference year, unless that is more than
  six months past: a deadline typed on 3 December as "15/1" means January next year, "1/7"
  still last July (five months ago), "2/6" next June. A field
  that cannot lie in the future (an episode) passes `latest`, and then a yearless date after it
  is the one a year earlier.
- A day alone ("15") is that day in the reference month.
- "+3" / "-3" are days from today, "+2u" weeks, "+1m" months; "om 3 dage", "om 2 uger" too.
- A weekday ("tirsdag", "tir", "på tirsdag", "næste tirsdag") is the next such day after today.
- A weekday before a full date ("torsdag den 1. juli 2027") is ignored: the date decides, so the
  long form the field shows can be edited in place.
- As deadlines are written in a kommune: "uge 27" (the Monday of ISO week 27, "uge 27 2027"
  with a year), "primo juli" (the 1st), "medio juli" (the 15th), "ultimo juli" (the last day);
  without a year by the same rule as "1/7".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from calendar import monthrange
from typing import NamedTuple

HINT = "Skriv datoen som fx 1.7.2027."
EMPTY = "Skriv en dato, fx 1.7.2027."
MIN_YEAR, MAX_YEAR = 1900, 2099

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december"]
_MONTH_WORDS = {name: number for number, name in enumerate(MONTHS, 1)}
_MONTH_WORDS.update({"jan": 1, "feb": 2, "mar": 3, "mart": 3, "apr": 4, "jun": 6, "jul": 7,
                     "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12})
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
_WEEKDAY_WORDS = {name: number for number, name in enumerate(WEEKDAYS)}
_WEEKDAY_WORDS.update({"man": 0, "tir": 1, "tirs": 1, "ons": 2, "tor": 3, "tors": 3, "fre": 4,
                       "lør": 5, "søn": 6})
_RELATIVE_WORDS = {"i dag": 0, "idag": 0, "i morgen": 1, "imorgen": 1, "i overmorgen": 2,
                   "overmorgen": 2, "i går": -1, "igår": -1, "i forgårs": -2, "forgårs": -2}
_UNITS = {"": "d", "d": "d", "dag": "d", "dage": "d", "u": "u", "uge": "u", "uger": "u",
          "m": "m", "md": "m", "mdr": "m", "måned": "m", "måneder": "m"}

_WEEKDAY_PREFIX = re.compile(r"^(?:(?:på|næste)\s+)?(?P<day>[a-zæøå]+)\.?,?\s+(?:den\s+|d\.\s*)?")
_OFFSET = re.compile(r"^(?P<sign>[+-])\s*(?P<n>\d{1,4})\s*(?P<unit>[a-zå]*)$")
_IN = re.compile(r"^om\s+(?P<n>\d{1,4})\s+(?P<unit>[a-zå]+)$")
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
_NUMERIC = re.compile(r"^(?P<d>\d{1,2})\s*[./\- ]\s*(?P<m>\d{1,2})"
                      r"(?:\s*[./\- ]\s*(?P<y>\d{2}|\d{4}))?\.?$")
_DIGITS_ONLY = re.compile(r"^(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{2}|\d{4})?$")
_DAY_ONLY = re.compile(r"^(?P<d>\d{1,2})\.?$")
_WEEK = re.compile(r"^(?:uge|u)\.?\s*(?P<w>\d{1,2})(?:\s*[,/-]?\s*(?P<y>\d{4}|\d{2}))?$")
_PART_OF_MONTH = re.compile(r"^(?P<part>primo|medio|ultimo)\s+(?P<m>[a-zæøå]+)\.?"
                            r"(?:\s*(?P<y>\d{4}|\d{2}))?$")
_WORDED = re.compile(r"^(?:den\s+|d\.\s*)?(?P<d>\d{1,2})\.?\s*(?P<m>[a-zæøå]+)\.?"
                     r"(?:\s*,?\s*(?P<y>\d{2}|\d{4}))?$")


class Parsed(NamedTuple):
    date: dt.date | None
    error: str  # "" when date is set


def parse_date(text: str, today: dt.date, latest: dt.date | None = None) -> Parsed:
    """What `text` means as a date, typed on `today`; or None and one Danish sentence."""
    text = unicodedata.normalize("NFC", text or "").strip().lower()
    text = re.sub(r"\s+", " ", text.replace("\u2013", "-").replace("\u2212", "-"))
    if not text:
        return Parsed(None, EMPTY)
    if text in _RELATIVE_WORDS:
        return Parsed(today + dt.timedelta(days=_RELATIVE_WORDS[text]), "")
    match = _OFFSET.match(text) or _IN.match(text)
    if match:
        return _offset(today, int(match["n"]) * (-1 if match.groupdict().get("sign") == "-"
                                                  else 1), match["unit"])
    weekday = _WEEKDAY_WORDS.get(re.sub(r"^(?:på|næste) ", "", text).rstrip("."))
    if weekday is not None:
        ahead = (weekday - today.weekday() - 1) % 7 + 1  # strictly after today
        return Parsed(today + dt.timedelta(days=ahead), "")
    prefix = _WEEKDAY_PREFIX.match(text)
    if prefix and prefix["day"] in _WEEKDAY_WORDS:
        text = text[prefix.end():]
    if match := _ISO.match(text):
        return _build(int(match["d"]), int(match["m"]), match["y"], today, latest)
    match = _NUMERIC.match(text) or _DIGITS_ONLY.match(text)
    if match:
        return _build(int(match["d"]), int(match["m"]), match["y"], today, latest)
    if match := _DAY_ONLY.match(text):
        return _build(int(match["d"]), today.month, str(today.year), today, latest)
    if match := _WEEK.match(text):
        return _week(int(match["w"]), match["y"], today, latest)
    if match := _PART_OF_MONTH.match(text):
        month = _MONTH_WORDS.get(match["m"])
        if month is None:
            return Parsed(None, HINT)
        return _part_of_month(match["part"], month, match["y"], today, latest)
    if match := _WORDED.match(text):
        month = _MONTH_WORDS.get(match["m"])
        if month is None:
            return Parsed(None, HINT)
        return _build(int(match["d"]), month, match["y"], today, latest)
    return Parsed(None, HINT)


def _offset(today: dt.date, n: int, unit: str) -> Parsed:
    unit = _UNITS.get(unit)
    if unit is None:
        return Parsed(None, "Skriv fx +3 for om tre dage eller +2u for om to uger.")
    try:
        if unit == "d":
            return Parsed(today + dt.timedelta(days=n), "")
        if unit == "u":
            return Parsed(today + dt.timedelta(weeks=n), "")
        return Parsed(add_months(today, n), "")
    except (OverflowError, ValueError):
        return Parsed(None, HINT)


def add_months(day: dt.date, months: int) -> dt.date:
    """31 January + 1 month is 28 (29) February, as a calendar's "next month" does."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))


def _year(year_text: str) -> int | None:
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _week(week: int, year_text: str | None, today: dt.date, latest: dt.date | None) -> Parsed:
    """The Monday of an ISO week ("uge 27"), as Danish calendars number them."""
    year = _year(year_text) if year_text else today.year
    if year is None:
        return Parsed(None, f"Året skal ligge mellem {MIN_YEAR} og {MAX_YEAR}.")
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return Parsed(None, f"Der er ingen uge {week} i {year}.")
    if year_text is None:
        if latest is not None and monday > latest:
            monday = dt.date.fromisocalendar(year - 1, min(week, _weeks(year - 1)), 1)
        elif latest is None and monday < add_months(today, -6):
            monday = dt.date.fromisocalendar(year + 1, min(week, _weeks(year + 1)), 1)
    return Parsed(monday, "")


def _weeks(year: int) -> int:
    return dt.date(year, 12, 28).isocalendar()[1]  # 28 December is always in the last week


def _part_of_month(part: str, month: int, year_text: str | None, today: dt.date,
                   latest: dt.date | None) -> Parsed:
    """primo: the 1st; medio: the 15th; ultimo: the month's last day."""
    parsed = _build(1, month, year_text, today, latest)
    if parsed.date is None or part == "primo":
        return parsed
    first = parsed.date
    day = 15 if part == "medio" else monthrange(first.year, first.month)[1]
    return Parsed(first.replace(day=day), "")


def _build(day: int, month: int, year_text: str | None, today: dt.date,
           latest: dt.date | None) -> Parsed:
    if not 1 <= month <= 12:
        return Parsed(None, f"Der er ingen måned {month}. {HINT}")
    if year_text is None:
        return _without_year(day, month, today, latest)
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000
    if not MIN_YEAR <= year <= MAX_YEAR:
        return Parsed(None, f"Året skal ligge mellem {MIN_YEAR} og {MAX_YEAR}.")
    return _checked(day, month, year)


def _checked(day: int, month: int, year: int) -> Parsed:
    days = monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = MONTHS[month - 1].capitalize()
        where = f"{name} {year}" if month == 2 else name
        return Parsed(None, f"{where} har kun {days} dage.")
    return Parsed(dt.date(year, month, day), "")


def _without_year(day: int, month: int, today: dt.date, latest: dt.date | None) -> Parsed:
    parsed = _checked(day, month, today.year)
    if parsed.date is None:
        if month == 2 and day == 29:  # 29/2 is the next (or last) leap day
            for year in range(today.year + 1, today.year + 4) if latest is None else range(
                    today.year - 1, today.year - 4, -1):
                if monthrange(year, 2)[1] == 29:
                    return Parsed(dt.date(year, 2, 29), "")
        return parsed
    date = parsed.date
    if latest is not None:
        if date > latest:
            date = date.replace(year=date.year - 1)
    elif date < add_months(today, -6):
        date = date.replace(year=date.year + 1)
    return Parsed(date, "")
