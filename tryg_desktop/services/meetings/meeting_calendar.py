"""A forum's rhythm as a calendar rule (RFC 5545 RRULE text, e.g.
"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"), its Danish label ("Hver anden tirsdag") and its meeting dates, kept off closed days.

Closed days (lukkedage) for a municipal office:
- the Danish public holidays (helligdage) as the `holidays` package keeps them, which also
  knows that store bededag ended in 2024;
- juleaftensdag (24.12), nytårsaftensdag (31.12) and grundlovsdag (5.6): not helligdage, but
  the kommune's offices are closed (grundlovsdag at least from noon, too late for a meeting);
- Saturdays and Sundays.
1 May is a working day: only some agreements give the afternoon off.

Moving a date: a rule date on a closed day moves to the next working day, but never onto or past
the rule's next date, and for a monthly or yearly rule never out of its month (a meeting on "the
last Thursday of the quarter" stays in the quarter); when that is not possible, it moves to the
working day before, after the previous meeting. If neither is possible the date is left out.
Every moved date says why ("flyttet fra torsdag den 6. maj (Kristi himmelfartsdag)").

No Qt here: the forum page, the plan dialog, the CLI and the Mødeplan PDF share it."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTH_NAMES = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
               "september", "oktober", "november", "december")
_ORDINALS = {1: "første", 2: "anden", 3: "tredje", 4: "fjerde", 5: "femte", -1: "sidste",
             -2: "næstsidste"}
_ALLOWED_FREQ = ("WEEKLY", "MONTHLY", "YEARLY")
NO_RHYTHM = "Ingen fast rytme"
_ORDER = ("FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS", "WKST", "UNTIL",
          "COUNT")


@dataclass(frozen=True)
class Preset:
    key: str
    pattern: str  # the rule with "{d}" where the weekday code goes; "" for no rhythm
    text: str  # the chooser's text, "…" where the weekday goes

    def rule(self, weekday: int) -> str:
        return self.pattern.format(d=WEEKDAYS[weekday])


# What a Danish coordinator picks from; the weekday is chosen beside it.
PRESETS = [
    Preset("weekly", "FREQ=WEEKLY;BYDAY={d}", "Hver …"),
    Preset("biweekly", "FREQ=WEEKLY;INTERVAL=2;BYDAY={d}", "Hver anden …"),
    Preset("four_weeks", "FREQ=WEEKLY;INTERVAL=4;BYDAY={d}", "Hver 4. uge (…)"),
    Preset("first", "FREQ=MONTHLY;BYDAY=1{d}", "Første … i måneden"),
    Preset("second", "FREQ=MONTHLY;BYDAY=2{d}", "Anden … i måneden"),
    Preset("third", "FREQ=MONTHLY;BYDAY=3{d}", "Tredje … i måneden"),
    Preset("fourth", "FREQ=MONTHLY;BYDAY=4{d}", "Fjerde … i måneden"),
    Preset("last", "FREQ=MONTHLY;BYDAY=-1{d}", "Sidste … i måneden"),
    Preset("bimonthly", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1{d}", "Hver anden måned, første …"),
    Preset("quarter_last", "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=-1{d}",
           "Sidste … i kvartalet"),
    Preset("none", "", NO_RHYTHM),
]


class RuleError(ValueError):
    """A rule that cannot be used; the message is one Danish sentence."""


# -- rules and their Danish labels -------------------------------------------------------------

def normalise(rule: str | None) -> str:
    """The rule as stored: upper case, no spaces, no "RRULE:" prefix; "" for none."""
    text = (rule or "").strip().upper().replace(" ", "")
    if text.startswith("RRULE:"):
        text = text[len("RRULE:"):]
    text = text.strip(";")
    # One spelling per rule, so a preset is recognised however it was written (migration step
    # 7 writes "INTERVAL=1"): parts in a fixed order, INTERVAL=1 left out.
    parts = [p.partition("=") for p in text.split(";")]
    if text and all(sep and key for key, sep, _ in parts) and \
            len({key for key, _, _ in parts}) == len(parts):
        ordered = sorted(parts, key=lambda p: _ORDER.index(p[0]) if p[0] in _ORDER
                         else len(_ORDER))
        text = ";".join(f"{key}={value}" for key, _, value in ordered
                        if (key, value) != ("INTERVAL", "1"))
    return text


def _parts(rule: str) -> dict[str, str]:
    parts = {}
    for part in rule.split(";"):
        key, sep, value = part.partition("=")
        if not sep or not key or not value or key in parts:
            raise RuleError("Rytmen kan ikke læses som en kalenderregel (fx "
                            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU).")
        parts[key] = value
    return parts


def check(rule: str | None) -> str:
    """The rule, normalised; RuleError with a Danish sentence when it cannot be used."""
    from dateutil.rrule import rrulestr

    rule = normalise(rule)
    if not rule:
        return ""
    parts = _parts(rule)
    if "DTSTART" in parts:
        raise RuleError("Rytmen må ikke selv have en startdato (DTSTART); den følger "
                        "forummets møder.")
    if parts.get("FREQ") not in _ALLOWED_FREQ:
        raise RuleError("Rytmen skal gentage sig hver uge, hver måned eller hvert år "
                        "(FREQ=WEEKLY, MONTHLY eller YEARLY).")
    try:
        rrulestr(rule, dtstart=dt.datetime(2026, 1, 1))
    except (ValueError, TypeError):
        raise RuleError("Rytmen kan ikke læses som en kalenderregel (fx "
                        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU).") from None
    days = [d.lstrip("+-0123456789") for d in parts.get("BYDAY", "").split(",") if d]
    if any(d in ("SA", "SU") for d in days):
        raise RuleError("Vælg en hverdag: møder flyttes altid væk fra lørdage og søndage.")
    return rule


def is_valid(rule: str | None) -> bool:
    try:
        check(rule)
    except RuleError:
        return False
    return True


def label(rule: str | None) -> str:
    """The rule in Danish: "Hver anden tirsdag", "Sidste torsdag i kvartalet" …"""
    rule = normalise(rule)
    if not rule:
        return NO_RHYTHM
    if not is_valid(rule):
        return f"Ukendt rytme ({rule})"
    parts = _parts(rule)
    text = _label(parts) or f"Egen kalenderregel ({rule})"
    if "UNTIL" in parts:
        until = _parse_until(parts["UNTIL"])
        text += f", til og med {until.day}. {MONTH_NAMES[until.month - 1]} {until.year}"
    elif "COUNT" in parts:
        text += f", {parts['COUNT']} gange"
    return text


def _parse_until(value: str) -> dt.date:
    return dt.datetime.strptime(value[:8], "%Y%m%d").date()


def _days(parts: dict[str, str]) -> list[tuple[int | None, int]]:
    """BYDAY as (n-th or None, weekday number)."""
    out = []
    for item in parts.get("BYDAY", "").split(","):
        if not item:
            continue
        code, number = item[-2:], item[:-2]
        out.append((int(number) if number else None, WEEKDAYS.index(code)))
    return out


def weekdays(rule: str | None) -> set[int]:
    """The weekday numbers (Monday 0) the rule's dates fall on; empty without a rule."""
    return {day for _, day in _days(_parts(rule))} if rule else set()


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " og " + words[-1]


def _label(parts: dict[str, str]) -> str:
    known = {"FREQ", "INTERVAL", "BYDAY", "BYMONTH", "BYMONTHDAY", "UNTIL", "COUNT", "WKST"}
    if set(parts) - known:
        return ""
    freq, interval = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    days = _days(parts)
    day_words = _and([WEEKDAY_NAMES[d] for _, d in days]) if days else ""
    if freq == "WEEKLY":
        if any(n is not None for n, _ in days) or "BYMONTH" in parts or "BYMONTHDAY" in parts:
            return ""
        if interval == 1:
            return f"Hver {day_words}" if days else "Hver uge"
        if interval == 2 and len(days) == 1:
            return f"Hver anden {day_words}"
        every = "Hver anden uge" if interval == 2 else f"Hver {interval}. uge"
        return f"{every} ({day_words})" if days else every
    if freq != "MONTHLY" or "BYMONTHDAY" in parts and days:
        return ""
    if "BYMONTHDAY" in parts:
        days_text = _and([f"den {d}." if int(d) > 0 else "den sidste" for d in
                          parts["BYMONTHDAY"].split(",")])
        what = f"{days_text} i måneden"
    elif len(days) == 1 and days[0][0] in _ORDINALS:
        what = f"{_ORDINALS[days[0][0]]} {WEEKDAY_NAMES[days[0][1]]} i måneden"
    else:
        return ""
    months = [int(m) for m in parts.get("BYMONTH", "").split(",") if m]
    if months:
        if interval != 1:
            return ""
        nth = days[0][0] if days else None
        if (months == [3, 6, 9, 12] and nth is not None and nth < 0
                or months == [1, 4, 7, 10] and nth is not None and nth > 0):
            return _capital(what.replace("i måneden", "i kvartalet"))
        return _capital(what.replace("måneden", _and([MONTH_NAMES[m - 1] for m in months])))
    if interval == 1:
        return _capital(what)
    every = {2: "Hver anden måned", 3: "Hvert kvartal", 6: "Hvert halve år"}.get(
        interval, f"Hver {interval}. måned")
    return f"{every}, {what.removesuffix(' i måneden')}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def preset_of(rule: str | None) -> tuple[str, int] | None:
    """(preset key, weekday) when the rule is one of the presets; None otherwise."""
    rule = normalise(rule)
    for preset in PRESETS:
        for weekday in range(5):
            if preset.rule(weekday) == rule:
                return preset.key, weekday
            if not preset.pattern:
                break
    return None


def preset(key: str) -> Preset:
    return next(p for p in PRESETS if p.key == key)


# -- closed days -------------------------------------------------------------------------------

# Closed in a municipal office although not helligdage (the package's "optional" category).
_EXTRA_CLOSED = {(12, 24): "juleaftensdag", (12, 31): "nytårsaftensdag", (6, 5): "grundlovsdag"}


@functools.lru_cache(maxsize=64)
def _holidays(year: int) -> dict[dt.date, str]:
    import holidays

    days = {day: _holiday_name(name) for day, name in
            holidays.Denmark(years=year, language="da").items()}
    for (month, day), name in _EXTRA_CLOSED.items():
        days.setdefault(dt.date(year, month, day), name)
    return days


def _holiday_name(name: str) -> str:
    """The package's names as Danes write them in a sentence: "2. juledag",
    "Kristi himmelfartsdag" (a name), "nytårsdag"."""
    name = name.replace("Anden ", "2. ")
    return name if name.startswith("Kristi") else name[:1].lower() + name[1:]


def closed_reason(day: dt.date) -> str:
    """Why the office is closed that day ("2. juledag", "lørdag"), or "" on a working day."""
    name = _holidays(day.year).get(day)
    if name:
        return name
    return WEEKDAY_NAMES[day.weekday()] if day.weekday() >= 5 else ""


def is_working_day(day: dt.date) -> bool:
    return not closed_reason(day)


def closed_days(year: int) -> dict[dt.date, str]:
    """The year's helligdage and other closed weekdays (weekends not listed)."""
    return dict(sorted(_holidays(year).items()))


# -- dates -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlannedDate:
    date: dt.date
    rule_date: dt.date  # where the rule put it
    reason: str = ""  # "" when not moved; "flyttet fra torsdag den 6. maj (Kristi himmelfartsdag)"

    @property
    def moved(self) -> bool:
        return self.date != self.rule_date


def _day_text(day: dt.date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} den {day.day}. {MONTH_NAMES[day.month - 1]}"


def moved_text(rule_date: dt.date) -> str:
    why = closed_reason(rule_date)
    if why in WEEKDAY_NAMES:
        return f"flyttet fra {why} den {rule_date.day}. {MONTH_NAMES[rule_date.month - 1]}"
    return f"flyttet fra {_day_text(rule_date)} ({why})"


def _rule_dates(rule: str, anchor: dt.date, after: dt.date):
    """The rule's own dates after `after` (dateutil, counted from the anchor)."""
    from dateutil.rrule import rrulestr

    start = dt.datetime.combine(anchor, dt.time())
    rr = rrulestr(rule, dtstart=start)
    for occurrence in rr.xafter(dt.datetime.combine(after, dt.time()), inc=False):
        yield occurrence.date()


def _settle(day: dt.date, previous: dt.date, following: dt.date | None,
            same_month: bool) -> dt.date | None:
    """The working day a closed rule date moves to (see the module's note), or None."""
    candidate = day + dt.timedelta(days=1)
    while (following is None or candidate < following) and (
            not same_month or candidate.month == day.month):
        if is_working_day(candidate):
            return candidate
        candidate += dt.timedelta(days=1)
        if (candidate - day).days > 14:
            break
    candidate = day - dt.timedelta(days=1)
    while candidate > previous and (not same_month or candidate.month == day.month):
        if is_working_day(candidate):
            return candidate
        candidate -= dt.timedelta(days=1)
    return None


def next_dates(rule: str, after: dt.date, anchor: dt.date, until: dt.date | None = None,
               count: int | None = None) -> list[PlannedDate]:
    """The meeting dates after `after` (not on it) by the rule counted from `anchor` (usually
    the forum's latest meeting), up to and including `until` or `count` dates, each on a working
    day. An empty rule gives nothing. RuleError for a rule that cannot be used."""
    rule = check(rule)
    if not rule or (until is None and count is None):
        return []
    same_month = _parts(rule)["FREQ"] != "WEEKLY"
    planned: list[PlannedDate] = []
    previous = after
    raw = _rule_dates(rule, anchor, after)
    day = next(raw, None)
    while day is not None:
        following = next(raw, None)
        if until is not None and day > until or count is not None and len(planned) >= count:
            break
        if is_working_day(day):
            settled = day
        else:
            settled = _settle(day, previous, following, same_month)
        if settled is not None and (until is None or settled <= until):
            planned.append(PlannedDate(settled, day, "" if settled == day else moved_text(day)))
            previous = settled
        day = following
    return planned


def next_working_day(day: dt.date) -> PlannedDate:
    """`day`, or the first working day after it, saying why it moved (for forums without a
    rhythm)."""
    settled = day
    while not is_working_day(settled):
        settled += dt.timedelta(days=1)
    return PlannedDate(settled, day, "" if settled == day else moved_text(day))


def no_dates_message(rule: str, until: dt.date) -> str:
    return (f"Rytmen »{label(rule)}« giver ingen mødedato frem til "
            f"{until.day}. {MONTH_NAMES[until.month - 1]} {until.year}.")
