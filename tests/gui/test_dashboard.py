"""The Oversigt dashboard: figures from a small fixed data set, and the place filter."""

import datetime as dt

import pytest

from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import Meeting
from tryg_desktop.db.models import Organisation
from tryg_desktop.db.place_models import Episode, Place


def _place(name: str) -> int:
    return Place.insert(name=name, district="Aalborg Midtby", kind="park",
                        sort_name=name.lower()).execute()


def _episodes(place_id: int, days_ago: list[int], category="råben") -> None:
    today = dt.date.today()
    for n in days_ago:
        Episode.insert(occurred_on=today - dt.timedelta(days=n), time_band="aften",
                       place=place_id, category=category, severity=1,
                       reporter_kind="beboer").execute()


@pytest.fixture
def city(db):
    Organisation.insert(name="Aalborg Kommune", kind="kommune", sort_name="aalborg").execute()
    park, square = _place("Kildeparken"), _place("Budolfi Plads")
    _episodes(park, [1, 2, 3, 40, 41, 200])  # 3 in the last 30 days, 2 in the 30 before
    _episodes(square, [5, 400], category="hærværk")  # the 400-day-old one is outside the year
    now = dt.datetime.now().replace(microsecond=0)
    Meeting.insert(title="Dialogmøde Kildeparken", starts_at=now + dt.timedelta(days=3),
                   ends_at=now + dt.timedelta(days=3, hours=2), ics_uid="a", place=park).execute()
    Meeting.insert(title="Tryghedsvandring Budolfi", starts_at=now + dt.timedelta(days=10),
                   ends_at=now + dt.timedelta(days=10, hours=1), ics_uid="b",
                   place=square).execute()
    ActionItem.insert(title="Skift lyset ved stien", due=dt.date.today() - dt.timedelta(days=2),
                      place=park).execute()
    return park, square


def _ready(window, qtbot):
    page = window.overview_page
    with qtbot.waitSignal(page.dashboard_ready, timeout=10000):
        pass
    return page


def test_dashboard_shows_the_city_and_filters_by_place(window, qtbot, city):
    park, square = city
    page = window.overview_page
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    assert page.stack.currentWidget() is page.summary
    assert page.episodes_value.text() == "4"  # 3 at the park and 1 at the square
    assert page.upcoming_value.text() == "2"
    assert page.overdue_value.text() == "1"
    assert page.upcoming_list.item(0).text().endswith("Dialogmøde Kildeparken")
    assert "Skift lyset ved stien" in page.overdue_list.item(0).text()
    assert sum(page.data.monthly.total) == 7  # the year's episodes, not the 400-day-old one
    assert "hele byen" in page.status.text()
    assert all(view.chart is not None for view in page.charts.values())
    # The chart shows the very figures the status report prints (statistics.episodes_per_month).
    from tryg_desktop.services.safety import statistics
    from tryg_desktop.views.safety.dashboard_charts import bar_values

    start, end = statistics.last_12_months(dt.date.today())
    printed = statistics.episodes_per_month(start, end).total
    assert bar_values(page.charts["episodes"].chart)["Hændelser"] == printed
    assert "Råben og skænderi" in page.charts["categories"].texts  # the legend
    assert "Kildeparken" in page.charts["places"].texts
    assert not page.charts["places"].isHidden()

    assert [page.place_filter.itemText(i) for i in range(page.place_filter.count())] == [
        "Hele byen", "Budolfi Plads", "Kildeparken"]
    with qtbot.waitSignal(page.dashboard_ready, timeout=10000):
        page.place_filter.setCurrentIndex(page.place_filter.findText("Kildeparken"))
    assert "Kildeparken" in page.status.text()
    assert page.episodes_value.text() == "3"
    assert "50 % flere" in page.episodes_caption.text()  # 3 against 2
    assert page.upcoming_value.text() == "1"
    assert page.upcoming_list.count() == 1
    assert sum(page.data.monthly.total) == 6
    assert page.charts["places"].isHidden()

    with qtbot.waitSignal(page.dashboard_ready, timeout=10000):
        page.place_filter.setCurrentIndex(page.place_filter.findText("Budolfi Plads"))
    assert page.episodes_value.text() == "1"
    assert page.overdue_value.text() == "0"
    assert page.overdue_list.item(0).text() == "Ingen handlinger over fristen."


def test_dashboard_opens_a_meeting_from_its_list(window, qtbot, prompts, city):
    page = window.overview_page
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    opened = []
    prompts.dialog_handlers.append(lambda dialog: opened.append(dialog.meeting_id) or 0)
    page.upcoming_list.itemActivated.emit(page.upcoming_list.item(0))
    assert opened == [Meeting.get(Meeting.title == "Dialogmøde Kildeparken").id]
    assert window.stack.currentWidget() is window.meetings_page


def test_new_pages_open_from_the_window_and_an_effort_shows_its_chart(window, qtbot, city):
    from tryg_desktop.db.place_models import Effort, EffortPlace

    park, _square = city
    effort = Effort.insert(title="Lys og ophold i Kildeparken", strand="byrum",
                           # long enough for whole months with the park's episodes in them
                           starts_on=dt.date.today() - dt.timedelta(days=400),
                           status="i gang").execute()
    EffortPlace.insert(effort=effort, place=park).execute()
    window.show_effort(effort)
    assert window.stack.currentWidget() is window.efforts_page
    chart = window.efforts_page.view.before_after_chart
    qtbot.waitUntil(lambda: chart.texts != [], timeout=10000)
    assert any(text.startswith("Efter") for text in chart.texts)
    window.show_place(park)
    assert window.stack.currentWidget() is window.places_page
    from tryg_desktop.views.main_window import PAGES

    window.navigation.setCurrentRow(PAGES.index("Hændelser"))
    assert window.stack.currentWidget() is window.episodes_page


def test_ctrl_r_opens_the_status_report_for_the_place_on_the_oversigt(window, qtbot, prompts,
                                                                      city):
    from PySide6.QtCore import Qt

    park, _square = city
    page = window.overview_page
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    with qtbot.waitSignal(page.dashboard_ready, timeout=10000):
        page.set_place(park)
    seen = []
    prompts.dialog_handlers.append(lambda dialog: seen.append(dialog.scope.currentText()) or 0)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.navigation, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["Sted: Kildeparken"]


def test_the_page_fetches_every_part_of_the_dashboard():
    from tryg_desktop.services.safety import dashboard
    from tryg_desktop.views.safety import overview_page

    assert sorted(overview_page.PARTS) == sorted(dashboard.PARTS)


def test_an_action_counts_at_its_meetings_place_as_in_the_statistics(db):
    """The Oversigt's lists use the statistics' place rule: an action without a place of its
    own belongs to its meeting's place, and a meeting without one to its forum's."""
    from tryg_desktop.db.meeting_models import Forum
    from tryg_desktop.services.safety import dashboard

    square = _place("Budolfi Plads")
    forum = Forum.insert(name="Tryghedsforum Budolfi", place=square).execute()
    now = dt.datetime.now().replace(microsecond=0)
    past = Meeting.insert(title="Dialogmøde", starts_at=now - dt.timedelta(days=20),
                          ends_at=now - dt.timedelta(days=20, hours=-2), ics_uid="c",
                          forum=forum).execute()
    Meeting.insert(title="Næste dialogmøde", starts_at=now + dt.timedelta(days=5),
                   ends_at=now + dt.timedelta(days=5, hours=2), ics_uid="d",
                   forum=forum).execute()
    ActionItem.insert(title="Ryd op ved trappen", meeting=past,
                      due=dt.date.today() - dt.timedelta(days=1)).execute()
    lists = dashboard.load_part("lists", dt.date.today(), square)
    assert [a.title for a in lists["overdue"]] == ["Ryd op ved trappen"]
    assert [m.title for m in lists["upcoming"]] == ["Næste dialogmøde"]
    elsewhere = dashboard.load_part("lists", dt.date.today(), _place("Kildeparken"))
    assert elsewhere["overdue"] == [] and elsewhere["upcoming"] == []


def test_the_oversigt_lists_the_efforts_goals_and_opens_one(window, qtbot, city):
    from tryg_desktop.db.place_models import Effort, EffortPlace
    from tryg_desktop.services.safety import goals

    park, _square = city
    page = window.overview_page
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    assert page.goals_list.item(0).text() == "Ingen indsatser har et målbart mål endnu."
    today = dt.date.today()
    effort = Effort.insert(title="Lys i Kildeparken", strand="byrum", status="i gang",
                           starts_on=today - dt.timedelta(days=400), goal_change=-20,
                           goal_due=dt.date(today.year + 1, 12, 31),
                           goal_categories="råben").execute()
    EffortPlace.insert(effort=effort, place=park).execute()
    page.data = None
    page.refresh()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    line = page.goals_list.item(0).text()
    status = goals.goal_status(effort, today)
    assert line.startswith(f"Lys i Kildeparken — {status.verdict} — Mål: −20\u00a0% råben og "
                           f"skænderi inden 31.12.{today.year + 1}")
    assert line == status.summary
    page.goals_list.itemActivated.emit(page.goals_list.item(0))
    assert window.stack.currentWidget() is window.efforts_page
    assert window.efforts_page.view.goal_label.text() == goals.goal_status(effort, today).line


@pytest.fixture
def three_places(db):
    """The same whole month this year and a year before: the park 100 -> 60, the square
    50 -> 40, the rest 200 -> 180."""
    from tryg_desktop.services.safety.statistics_base import add_months

    Organisation.insert(name="Aalborg Kommune", kind="kommune", sort_name="aalborg").execute()
    today = dt.date.today()
    after = add_months(today.replace(day=1), -3) + dt.timedelta(days=9)  # a whole month
    before = add_months(after, -12)
    park, square, other = _place("Kildeparken"), _place("Budolfi Plads"), _place("Vestbyen")
    for place, was, now in ((park, 100, 60), (square, 50, 40), (other, 200, 180)):
        for day, n in ((before, was), (after, now)):
            Episode.insert_many([{"occurred_on": day, "place": place, "category": "råben"}]
                                * n).execute()


def test_the_oversigt_says_whether_a_place_fell_more_than_the_city(three_places, window, qtbot):
    """Issue 15's done-when on the Oversigt: the park fell more than the rest of the city, the
    square merely followed it, and Hele byen states the city's own trend (like with like)."""
    page = window.overview_page
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    # The city: 350 -> 280.
    assert "Hele byen −20\u00a0% (350 → 280 hændelser)." in page.trend.text()
    with qtbot.waitSignal(page.dashboard_ready, timeout=10000):
        page.place_filter.setCurrentIndex(page.place_filter.findText("Kildeparken"))
    # The rest of the city 250 -> 220 (−12 %).
    assert ("Kildeparken −40\u00a0%, resten af byen −12\u00a0%: 28 procentpoint bedre end "
            "resten af byen.") in page.trend.text()
    assert "større end de tilfældige udsving" in page.trend.text()
    with qtbot.waitSignal(page.dashboard_ready, timeout=10000):
        page.place_filter.setCurrentIndex(page.place_filter.findText("Budolfi Plads"))
    # The rest of the city 300 -> 240: the same fall.
    assert ("Budolfi Plads −20\u00a0%, resten af byen −20\u00a0%: samme udvikling som resten "
            "af byen.") in page.trend.text()
    assert "kan skyldes tilfældigheder" in page.trend.text()
