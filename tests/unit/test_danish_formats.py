"""One Danish way for dates, times and phone numbers, in lists and in the Historik alike
(issue 14, point 5): l10n owns the short forms, audit.value_text writes the trail with them."""

from __future__ import annotations

import datetime as dt

from tryg_desktop import l10n
from tryg_desktop.services import audit


def test_the_short_forms():
    day = dt.date(2027, 1, 7)
    assert l10n.short_date(day) == "07.01.2027"
    assert l10n.weekday_date(day) == "tor. 07.01.2027"
    start, end = dt.datetime(2027, 1, 7, 14, 0), dt.datetime(2027, 1, 7, 16, 0)
    assert l10n.clock(start) == "14.00"
    assert l10n.clock("09:05") == "09.05"  # as the database keeps an episode's time
    assert l10n.time_range(start, end) == "14.00–16.00"


def test_the_history_writes_times_dates_and_phones_as_the_lists_do():
    assert audit.value_text("occurred_time", "13:10") == "13.10"  # was "13:10"
    assert audit.value_text("start_time", "14:00") == "14.00"
    assert audit.value_text("starts_at", "2026-12-03 14:00") == "03.12.2026 kl. 14.00"
    assert audit.value_text("due", "2026-12-03") == "03.12.2026"
    assert audit.value_text("phone", "+4598148012") == "98 14 80 12"
    assert audit.value_text("title", "Mødet kl. 12:00 i parken") == "Mødet kl. 12:00 i parken"


def test_the_meeting_list_and_the_access_log_use_them():
    from tryg_desktop.services.data_protection import access_log
    from tryg_desktop.views.meetings.meetings_page import when_text

    class Row:
        starts_at = dt.datetime(2027, 1, 7, 14, 0)
        ends_at = dt.datetime(2027, 1, 7, 16, 0)

    assert when_text(Row()) == "tor. 07.01.2027 14.00–16.00"
    local = access_log.local_time(dt.datetime(2026, 12, 3, 13, 5))
    assert access_log.local_time_text(dt.datetime(2026, 12, 3, 13, 5)) == \
        f"{local:%d.%m.%Y} kl. {local:%H.%M}"
