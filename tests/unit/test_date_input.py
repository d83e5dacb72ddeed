"""The typed-date table: what a Dane types into a date field, and what it means."""

import datetime as dt

import pytest

from tryg_desktop.date_input import HINT, add_months, parse_date

TODAY = dt.date(2026, 12, 3)  # a Thursday
JUNE = dt.date(2027, 6, 15)  # a Tuesday


@pytest.mark.parametrize(("typed", "today", "expected"), [
    ("1.7.2027", TODAY, dt.date(2027, 7, 1)),
    ("01.07.2027", TODAY, dt.date(2027, 7, 1)),
    ("01.07.27", TODAY, dt.date(2027, 7, 1)),
    ("1.7.27", TODAY, dt.date(2027, 7, 1)),
    ("1-7-2027", TODAY, dt.date(2027, 7, 1)),
    ("1/7/2027", TODAY, dt.date(2027, 7, 1)),
    ("1 7 2027", TODAY, dt.date(2027, 7, 1)),
    ("1. 7. 2027", TODAY, dt.date(2027, 7, 1)),
    ("1.7.2027.", TODAY, dt.date(2027, 7, 1)),
    ("  1.7.2027  ", TODAY, dt.date(2027, 7, 1)),
    ("2027-07-01", TODAY, dt.date(2027, 7, 1)),
    ("2027-7-1", TODAY, dt.date(2027, 7, 1)),
    ("010727", TODAY, dt.date(2027, 7, 1)),
    ("01072027", TODAY, dt.date(2027, 7, 1)),
    ("29.2.2028", TODAY, dt.date(2028, 2, 29)),
    # Without a year: this year, unless that is more than half a year past.
    ("1/7", JUNE, dt.date(2027, 7, 1)),
    ("1.7", JUNE, dt.date(2027, 7, 1)),
    ("1.7.", JUNE, dt.date(2027, 7, 1)),
    ("1/6", JUNE, dt.date(2027, 6, 1)),  # two weeks ago: this year still
    ("1/1", JUNE, dt.date(2027, 1, 1)),  # five and a half months ago
    ("15/12", JUNE, dt.date(2027, 12, 15)),
    ("15/1", TODAY, dt.date(2027, 1, 15)),  # in December: next year's January
    ("1/12", TODAY, dt.date(2026, 12, 1)),  # two days ago
    ("1/7", TODAY, dt.date(2026, 7, 1)),  # five months ago: this year still
    ("3/6", TODAY, dt.date(2026, 6, 3)),  # six months ago to the day, not more
    ("2/6", TODAY, dt.date(2027, 6, 2)),  # more than six months ago: next year
    ("1. juli", JUNE, dt.date(2027, 7, 1)),
    ("15", TODAY, dt.date(2026, 12, 15)),  # a day alone: this month
    ("3.", TODAY, dt.date(2026, 12, 3)),
    # Month names, in full and short, any case.
    ("d. 1. juli 2027", TODAY, dt.date(2027, 7, 1)),
    ("den 1. juli 2027", TODAY, dt.date(2027, 7, 1)),
    ("1. juli 2027", TODAY, dt.date(2027, 7, 1)),
    ("1 juli 2027", TODAY, dt.date(2027, 7, 1)),
    ("1. Juli 27", TODAY, dt.date(2027, 7, 1)),
    ("1 jul 2027", TODAY, dt.date(2027, 7, 1)),
    ("1. jan. 2027", TODAY, dt.date(2027, 1, 1)),
    ("3 feb", TODAY, dt.date(2027, 2, 3)),
    ("24. december", TODAY, dt.date(2026, 12, 24)),
    ("5. MARTS 2027", TODAY, dt.date(2027, 3, 5)),
    ("5 mar 2027", TODAY, dt.date(2027, 3, 5)),
    ("17. maj 2027", TODAY, dt.date(2027, 5, 17)),
    ("1. sept. 2027", TODAY, dt.date(2027, 9, 1)),
    ("1. okt 2027", TODAY, dt.date(2027, 10, 1)),
    ("30. november 2027", TODAY, dt.date(2027, 11, 30)),
    # The long form the field shows, edited in place: the weekday does not decide.
    ("torsdag den 1. juli 2027", TODAY, dt.date(2027, 7, 1)),
    ("torsdag den 2. juli 2027", TODAY, dt.date(2027, 7, 2)),
    ("Torsdag d. 1. juli 2027", TODAY, dt.date(2027, 7, 1)),
    ("tirsdag 1.7.2027", TODAY, dt.date(2027, 7, 1)),
    # Words and offsets from today.
    ("i dag", TODAY, TODAY),
    ("I dag", TODAY, TODAY),
    ("idag", TODAY, TODAY),
    ("i morgen", TODAY, dt.date(2026, 12, 4)),
    ("imorgen", TODAY, dt.date(2026, 12, 4)),
    ("i overmorgen", TODAY, dt.date(2026, 12, 5)),
    ("i går", TODAY, dt.date(2026, 12, 2)),
    ("i forgårs", TODAY, dt.date(2026, 12, 1)),
    ("+3", TODAY, dt.date(2026, 12, 6)),
    ("+ 3", TODAY, dt.date(2026, 12, 6)),
    ("-3", TODAY, dt.date(2026, 11, 30)),
    ("+30", TODAY, dt.date(2027, 1, 2)),
    ("+2u", TODAY, dt.date(2026, 12, 17)),
    ("+2 uger", TODAY, dt.date(2026, 12, 17)),
    ("+1m", TODAY, dt.date(2027, 1, 3)),
    ("om 3 dage", TODAY, dt.date(2026, 12, 6)),
    ("om 2 uger", TODAY, dt.date(2026, 12, 17)),
    # Weekdays: the next one after today (on a Thursday, "torsdag" is a week ahead).
    ("tirsdag", TODAY, dt.date(2026, 12, 8)),
    ("tir", TODAY, dt.date(2026, 12, 8)),
    ("på tirsdag", TODAY, dt.date(2026, 12, 8)),
    ("næste tirsdag", TODAY, dt.date(2026, 12, 8)),
    ("fredag", TODAY, dt.date(2026, 12, 4)),
    ("torsdag", TODAY, dt.date(2026, 12, 10)),
    ("søndag", TODAY, dt.date(2026, 12, 6)),
    ("lør", TODAY, dt.date(2026, 12, 5)),
    ("mandag", TODAY, dt.date(2026, 12, 7)),
    ("Onsdag", TODAY, dt.date(2026, 12, 9)),
    # As a kommune writes deadlines: ISO weeks and the parts of a month.
    ("uge 27", JUNE, dt.date(2027, 7, 5)),
    ("uge 27 2027", TODAY, dt.date(2027, 7, 5)),
    ("Uge 1", TODAY, dt.date(2027, 1, 4)),  # week 1 of 2026 is past: that of 2027
    ("uge 49", TODAY, dt.date(2026, 11, 30)),  # this week
    ("uge 53 2026", TODAY, dt.date(2026, 12, 28)),
    ("primo juli", JUNE, dt.date(2027, 7, 1)),
    ("medio juli", JUNE, dt.date(2027, 7, 15)),
    ("ultimo juli", JUNE, dt.date(2027, 7, 31)),
    ("ultimo februar 2028", TODAY, dt.date(2028, 2, 29)),
    ("ultimo jan", TODAY, dt.date(2027, 1, 31)),
])
def test_a_typed_date_means_what_a_dane_means(typed, today, expected):
    assert parse_date(typed, today) == (expected, "")


@pytest.mark.parametrize(("typed", "message"), [
    ("", "Skriv en dato, fx 1.7.2027."),
    ("   ", "Skriv en dato, fx 1.7.2027."),
    ("abc", HINT),
    ("1.7.2027x", HINT),
    ("1..7", HINT),
    ("1.7.202", HINT),  # three-digit year
    ("1.2.3.4", HINT),
    ("32", "December har kun 31 dage."),
    ("32.1.2027", "Januar har kun 31 dage."),
    ("31.6.2027", "Juni har kun 30 dage."),
    ("29.2.2027", "Februar 2027 har kun 28 dage."),
    ("0.7.2027", "Juli har kun 31 dage."),
    ("1.13.2027", "Der er ingen måned 13. " + HINT),
    ("1.0.2027", "Der er ingen måned 0. " + HINT),
    ("2027-13-01", "Der er ingen måned 13. " + HINT),
    ("1. julember 2027", HINT),
    ("1.7.1850", "Året skal ligge mellem 1900 og 2099."),
    ("+3x", "Skriv fx +3 for om tre dage eller +2u for om to uger."),
    ("+", HINT),
    ("tirsdagx", HINT),
    ("1/7/27/1", HINT),
    ("uge 54", "Der er ingen uge 54 i 2026."),
    ("uge 53 2027", "Der er ingen uge 53 i 2027."),
    ("ultimo julius", HINT),
])
def test_what_is_not_a_date_gets_one_danish_sentence(typed, message):
    assert parse_date(typed, TODAY) == (None, message)


def test_a_field_that_cannot_lie_ahead_takes_the_last_year():
    """An episode typed "1/12" on 3 March 2026 happened last December, not next."""
    march = dt.date(2026, 3, 3)
    assert parse_date("1/12", march, latest=march).date == dt.date(2025, 12, 1)
    assert parse_date("1/3", march, latest=march).date == dt.date(2026, 3, 1)
    assert parse_date("3. marts", march, latest=march).date == march
    assert parse_date("1/12/2026", march, latest=march).date == dt.date(2026, 12, 1)


def test_29_february_without_a_year_is_the_nearest_leap_day():
    assert parse_date("29/2", TODAY).date == dt.date(2028, 2, 29)
    assert parse_date("29/2", TODAY, latest=TODAY).date == dt.date(2024, 2, 29)


def test_months_are_added_as_a_calendar_does():
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 12, 15), 1) == dt.date(2028, 1, 15)
    assert add_months(dt.date(2027, 1, 15), -1) == dt.date(2026, 12, 15)
