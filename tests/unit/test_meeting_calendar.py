"""Forum rhythms as calendar rules: Danish labels, and 2027's dates against a table checked by
hand (Easter 2027 is 28 March; a wall calendar for the weekdays)."""

import datetime as dt

import pytest

from tryg_desktop.services.meetings import meeting_calendar as MC

D = dt.date


@pytest.mark.parametrize("rule, label", [
    ("FREQ=WEEKLY;BYDAY=TU", "Hver tirsdag"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "Hver anden tirsdag"),
    ("FREQ=WEEKLY;INTERVAL=4;BYDAY=TU", "Hver 4. uge (tirsdag)"),
    ("FREQ=MONTHLY;BYDAY=2TU", "Anden tirsdag i måneden"),
    ("FREQ=MONTHLY;BYDAY=-1TH", "Sidste torsdag i måneden"),
    ("FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=-1TH", "Sidste torsdag i kvartalet"),
    ("FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE", "Hver anden måned, første onsdag"),
    ("FREQ=MONTHLY;INTERVAL=3;BYDAY=3WE", "Hvert kvartal, tredje onsdag"),
    ("FREQ=WEEKLY;BYDAY=MO,TH", "Hver mandag og torsdag"),
    ("freq=monthly; byday=2tu", "Anden tirsdag i måneden"),  # as typed: normalised
    ("FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU", "Anden tirsdag i måneden"),  # as step 7 writes it
    ("", "Ingen fast rytme"),
])
def test_labels_a_coordinator_recognises(rule, label):
    assert MC.label(rule) == label


def test_a_rule_is_stored_in_one_spelling_so_its_preset_is_found():
    assert MC.normalise("RRULE:byday=tu;interval=2;freq=weekly") == \
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert MC.normalise("FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU") == "FREQ=MONTHLY;BYDAY=2TU"
    assert MC.preset_of("FREQ=WEEKLY;INTERVAL=1;BYDAY=TH") == ("weekly", 3)
    assert MC.check("BYDAY=-1TH;BYMONTH=3,6,9,12;FREQ=MONTHLY") == \
        "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=-1TH"


def test_every_preset_has_its_own_label_and_is_found_again():
    labels = set()
    for preset in MC.PRESETS:
        for weekday in range(5):
            rule = preset.rule(weekday)
            assert MC.preset_of(rule) == (preset.key, 0 if not rule else weekday)
            labels.add(MC.label(rule))
            assert not MC.label(rule).startswith(("Ukendt", "Egen"))
    assert len(labels) == 10 * 5 + 1


@pytest.mark.parametrize("rule, message", [
    ("FREQ=DAILY", "hver uge, hver måned eller hvert år"),
    ("hver tirsdag", "kan ikke læses som en kalenderregel"),
    ("FREQ=WEEKLY;BYDAY=TUE", "kan ikke læses som en kalenderregel"),
    ("FREQ=WEEKLY;INTERVAL=x;BYDAY=TU", "kan ikke læses som en kalenderregel"),
    ("FREQ=WEEKLY;BYDAY=SU", "Vælg en hverdag"),
    ("FREQ=MONTHLY;BYDAY=2TU;DTSTART=20270101", "startdato"),
])
def test_a_rule_that_cannot_be_used_gets_a_danish_sentence(rule, message):
    with pytest.raises(MC.RuleError) as error:
        MC.check(rule)
    assert message in str(error.value)
    assert MC.label(rule).startswith("Ukendt rytme")


def test_closed_days_of_2027_checked_by_hand_and_by_the_holidays_package():
    import holidays

    by_hand = {
        D(2027, 1, 1): "nytårsdag",
        D(2027, 3, 25): "skærtorsdag",
        D(2027, 3, 26): "langfredag",
        D(2027, 3, 28): "påskedag",
        D(2027, 3, 29): "2. påskedag",
        D(2027, 5, 6): "Kristi himmelfartsdag",  # Easter + 39 days
        D(2027, 5, 16): "pinsedag",
        D(2027, 5, 17): "2. pinsedag",
        D(2027, 6, 5): "grundlovsdag",  # the office is closed, not a helligdag
        D(2027, 12, 24): "juleaftensdag",
        D(2027, 12, 25): "juledag",
        D(2027, 12, 26): "2. juledag",
        D(2027, 12, 31): "nytårsaftensdag",
    }
    assert MC.closed_days(2027) == by_hand
    helligdage = set(holidays.Denmark(years=2027))
    assert helligdage == set(by_hand) - {D(2027, 6, 5), D(2027, 12, 24), D(2027, 12, 31)}
    assert D(2027, 4, 23) not in MC.closed_days(2027)  # store bededag ended in 2024
    assert MC.is_working_day(D(2026, 5, 1))  # 1 May (a Friday in 2026) is a working day
    assert MC.closed_reason(D(2027, 5, 8)) == "lørdag"


def _plan(rule, after=D(2026, 12, 31), anchor=D(2026, 12, 31), until=D(2027, 12, 31)):
    return [(p.date, p.reason) for p in MC.next_dates(rule, after, anchor, until=until)]


def test_second_tuesday_of_every_month_in_2027():
    assert _plan("FREQ=MONTHLY;BYDAY=2TU") == [(d, "") for d in (
        D(2027, 1, 12), D(2027, 2, 9), D(2027, 3, 9), D(2027, 4, 13), D(2027, 5, 11),
        D(2027, 6, 8), D(2027, 7, 13), D(2027, 8, 10), D(2027, 9, 14), D(2027, 10, 12),
        D(2027, 11, 9), D(2027, 12, 14))]


def test_last_thursday_of_the_quarter_leaves_skaertorsdag_but_not_the_quarter():
    assert _plan("FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=-1TH") == [
        # 25 March is skærtorsdag; 26 langfredag, a weekend, 29 2. påskedag: Tuesday 30 March.
        (D(2027, 3, 30), "flyttet fra torsdag den 25. marts (skærtorsdag)"),
        (D(2027, 6, 24), ""), (D(2027, 9, 30), ""), (D(2027, 12, 30), "")]


def test_last_thursday_of_december_2026_moves_back_inside_the_month():
    # 31.12.2026 is a Thursday and nytårsaftensdag; the next working day is in January (and
    # after 1 January, a holiday), so the meeting moves back to Wednesday 30 December.
    assert _plan("FREQ=MONTHLY;BYDAY=-1TH", after=D(2026, 12, 1), anchor=D(2026, 12, 1),
                 until=D(2027, 1, 31)) == [
        (D(2026, 12, 30), "flyttet fra torsdag den 31. december (nytårsaftensdag)"),
        (D(2027, 1, 28), "")]


def test_monday_meetings_around_easter_whitsun_and_christmas():
    dates = dict(_plan("FREQ=WEEKLY;BYDAY=MO"))
    assert len(dates) == 52  # every Monday of 2027, each on a working day
    assert dates[D(2027, 3, 30)] == "flyttet fra mandag den 29. marts (2. påskedag)"
    assert dates[D(2027, 5, 18)] == "flyttet fra mandag den 17. maj (2. pinsedag)"
    assert all(MC.is_working_day(day) for day in dates)


def test_fridays_at_christmas_move_but_never_onto_the_next_friday():
    assert _plan("FREQ=WEEKLY;BYDAY=FR", after=D(2027, 12, 15), until=D(2028, 1, 10)) == [
        (D(2027, 12, 17), ""),
        (D(2027, 12, 27), "flyttet fra fredag den 24. december (juleaftensdag)"),
        (D(2028, 1, 3), "flyttet fra fredag den 31. december (nytårsaftensdag)"),
        (D(2028, 1, 7), "")]


def test_every_other_tuesday_is_counted_from_the_anchor():
    # Anchored on Tuesday 5 January 2027: 19 January, 2 February …; 22 December at the end.
    dates = [d for d, _ in _plan("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", after=D(2027, 1, 5),
                                 anchor=D(2027, 1, 5))]
    assert dates[:3] == [D(2027, 1, 19), D(2027, 2, 2), D(2027, 2, 16)]
    assert dates[-1] == D(2027, 12, 21)
    assert len(dates) == 25
    # Anchored a week later, the other Tuesdays.
    other = [d for d, _ in _plan("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", after=D(2027, 1, 12),
                                 anchor=D(2027, 1, 12))]
    assert other[0] == D(2027, 1, 26)


def test_first_thursday_every_other_month_moves_off_ascension_day():
    assert _plan("FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH", after=D(2027, 1, 1),
                 anchor=D(2027, 1, 7)) == [
        (D(2027, 1, 7), ""), (D(2027, 3, 4), ""),
        (D(2027, 5, 7), "flyttet fra torsdag den 6. maj (Kristi himmelfartsdag)"),
        (D(2027, 7, 1), ""), (D(2027, 9, 2), ""), (D(2027, 11, 4), "")]


def test_count_and_an_empty_rule():
    assert [p.date for p in MC.next_dates("FREQ=MONTHLY;BYDAY=2TU", D(2027, 1, 1),
                                          D(2027, 1, 1), count=2)] == [D(2027, 1, 12),
                                                                       D(2027, 2, 9)]
    assert MC.next_dates("", D(2027, 1, 1), D(2027, 1, 1), until=D(2027, 12, 31)) == []


def test_a_rule_that_has_ended_gives_no_date_and_says_so():
    rule = "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261231"
    assert MC.label(rule) == "Anden tirsdag i måneden, til og med 31. december 2026"
    assert MC.next_dates(rule, D(2027, 1, 1), D(2026, 1, 1), until=D(2027, 12, 31)) == []
    assert MC.no_dates_message(rule, D(2027, 12, 31)) == (
        "Rytmen »Anden tirsdag i måneden, til og med 31. december 2026« giver ingen "
        "mødedato frem til 31. december 2027.")
