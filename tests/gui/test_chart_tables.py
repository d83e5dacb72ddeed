"""Issue 14: every chart's figures reachable from the chart as a table (by keyboard: Tab to
"Vis som tabel", Space), month labels that are never cut ("jan", the years under the axis),
and a legend that shows the categories' whole names. Real Oversigt, real SQLite database."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tryg_desktop.db.models import Organisation
from tryg_desktop.db.place_models import Episode, Place
from tryg_desktop.services.safety.safety_terms import CATEGORY_LABELS
from tryg_desktop.views.safety import dashboard_charts as C
from tryg_desktop.views.safety.chart_table_dialog import ChartTableDialog


def _episodes():
    Organisation.insert(name="Aalborg Kommune", kind="kommune", sort_name="aalborg").execute()
    park = Place.insert(name="Kildeparken", district="Aalborg Midtby", kind="park",
                        sort_name="kildeparken").execute()
    today = dt.date.today()
    for days, category in ((1, "råben"), (2, "affald"), (40, "affald"), (70, "trivsel")):
        Episode.insert(occurred_on=today - dt.timedelta(days=days), time_band="aften",
                       place=park, category=category, severity=1,
                       reporter_kind="beboer").execute()


def _overview(window, qtbot):
    page = window.overview_page
    page.refresh()
    qtbot.waitUntil(lambda: page.data is not None
                    and page.charts["categories"].chart is not None
                    and bool(page.charts["categories"].chart.series()), timeout=10000)
    return page


def test_each_chart_opens_its_figures_as_a_table(window, qtbot, db):
    _episodes()
    page = _overview(window, qtbot)
    view = page.charts["episodes"]
    view.table_button.setFocus()
    qtbot.keyClick(view.table_button, Qt.Key.Key_Space)
    dialog = view.table_dialog
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ChartTableDialog)
    assert dialog.headings == ["Måned", "Hændelser", "Samme måned året før"]
    months = page.data.monthly.months
    # The year in every row; the running month says how far it is counted.
    today = dt.date.today()
    assert [row[0] for row in dialog.rows] == [
        f"{C.month_label(m)[:3]} {m.year}" for m in months[:-1]] + [
        f"{C.month_label(months[-1])[:3]} t.o.m. {today.day}."]
    assert [int(row[1]) for row in dialog.rows] == page.data.monthly.total
    assert dialog.as_text().splitlines()[0] == "Måned\tHændelser\tSamme måned året før"
    dialog.copy()
    assert QApplication.clipboard().text() == dialog.as_text()
    # The category chart: a column per category that occurs, the same figures as the bars.
    page.charts["categories"].show_table()
    table = page.charts["categories"].table_dialog
    qtbot.addWidget(table)
    bars = C.bar_values(page.charts["categories"].chart)
    assert table.headings[1:] == list(bars)
    for column, name in enumerate(table.headings[1:], start=1):
        assert [float(row[column]) for row in table.rows] == bars[name]


def test_month_labels_are_short_and_the_years_under_the_axis(window, qtbot, db):
    _episodes()
    page = _overview(window, qtbot)
    months = page.data.monthly.months
    for name in ("episodes", "categories", "places"):
        axis = [a for a in page.charts[name].chart.axes(Qt.Orientation.Horizontal)][0]
        assert all(len(label) == 3 for label in axis.categories()), name  # "jan", never cut
        assert str(months[0].year) in axis.titleText() and str(months[-1].year) in \
            axis.titleText()


def test_the_legend_shows_whole_names(window, qtbot, db):
    _episodes()
    page = _overview(window, qtbot)
    view = page.charts["categories"]
    names = [label.text() for label in view.legend.findChildren(QLabel) if label.text()]
    assert CATEGORY_LABELS["affald"] in names  # "Efterladt affald eller kanyler", whole
    assert not view.chart.legend().isVisible()  # QtCharts' own legend would cut it
    for label in view.legend.findChildren(QLabel):
        if label.text():
            assert label.wordWrap()  # too long for its column: a second line, not "…"


def test_tab_walks_the_oversigt_controls_and_each_chart_once(window, qtbot, db):
    from PySide6.QtWidgets import QAbstractScrollArea, QPushButton

    from PySide6.QtCharts import QChartView

    _episodes()
    page = _overview(window, qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.navigation.setFocus()
    walked = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is window.navigation:
            break
        walked.append(QApplication.focusWidget())
    assert walked[0] is page.place_filter  # not a scroll area around the page
    assert not [w for w in walked if isinstance(w, (QChartView, QAbstractScrollArea))
                and not hasattr(w, "item")]
    buttons = [w for w in walked if isinstance(w, QPushButton)
               and w.accessibleName().startswith("Vis tallene som tabel")]
    # A chart with figures has its button; one with none ("Ingen handlinger") has nothing to show.
    drawn = [view for view in page.charts.values() if view.chart is not None
             and view.chart.series() and view.isVisible()]
    assert len(buttons) == len(drawn) >= 3
    categories = page.charts["categories"].table_button
    assert "Efterladt affald eller kanyler" in categories.accessibleDescription()


def test_the_running_month_is_drawn_lighter_beside_last_years_months(window, qtbot, db):
    """Issue 15, point 5: the running month is not drawn as a fall."""
    _episodes()
    park = Place.get(Place.name == "Kildeparken")
    today = dt.date.today()
    year_ago = today.replace(year=today.year - 1, day=min(today.day, 28))
    Episode.insert(occurred_on=year_ago, time_band="aften", place=park, category="råben",
                   severity=1, reporter_kind="beboer").execute()
    page = _overview(window, qtbot)
    monthly = page.data.monthly
    assert monthly.through == today and monthly.previous_year[-1] == 1
    chart = page.charts["episodes"].chart
    bars = chart.series()[0].barSets()[0]
    last = len(monthly.months) - 1
    assert bars.selectedBars() == [last]  # drawn in the paler selected colour
    assert bars.selectedColor() != bars.color()
    line = [s for s in chart.series() if s.name() == C.PREVIOUS_YEAR][0]
    assert [p.y() for p in line.points()] == monthly.previous_year
    axis = chart.axes(Qt.Orientation.Horizontal)[0]
    assert f"t.o.m. {today.day}." in axis.titleText()
    categories = page.charts["categories"].chart.series()[0].barSets()
    assert all(b.selectedBars() == [last] for b in categories)
    from PySide6.QtCharts import QXYSeries

    for line in page.charts["places"].chart.series():  # the running month's point paler
        config = line.pointConfiguration(last)
        assert config[QXYSeries.PointConfiguration.Color] != line.pen().color()
