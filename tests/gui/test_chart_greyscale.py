"""Issue 15 point 6 on screen: the Oversigt's category and place charts and their legend, in
black and white. The same styles as the report (reports/chart_terms.py): at most five stacked
series apart in lightness, each place line its own dash and marker, the legend drawing them;
"Vis som tabel" still gives every category's figures."""

import datetime as dt
from itertools import combinations

from PySide6.QtCharts import QLineSeries

from tryg_desktop.reports import chart_terms as T
from tryg_desktop.services.safety import statistics as S
from tryg_desktop.services.safety.safety_terms import CATEGORY_LABELS
from tryg_desktop.views.safety import dashboard_charts as C
from tryg_desktop.views.safety.chart_view import ChartView

CATEGORIES = list(CATEGORY_LABELS)
MONTHS = [dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)]


def _monthly():
    # Seven categories with 7, 6 … 1 episodes in March; one every month for the busiest.
    by_category = {c: [0, 0, 0] for c in CATEGORIES}
    for n, c in enumerate(CATEGORIES[:7]):
        by_category[c] = [1 if n == 0 else 0, 0, 7 - n]
    total = [sum(v[i] for v in by_category.values()) for i in range(3)]
    places = {f"Sted {n}": [n, 1, 0] for n in range(1, 6)}
    places[T.OTHER_PLACES] = [2, 2, 2]
    return S.MonthlyEpisodes(MONTHS, total, by_category, places)


def test_the_stack_is_five_series_apart_in_grey_and_the_table_keeps_all(qtbot):
    monthly = _monthly()
    chart = C.category_chart(monthly)
    bars = C.bar_values(chart)
    assert list(bars)[-1] == T.OTHER_CATEGORIES and len(bars) == 5
    occurring = [c for c in CATEGORIES if any(monthly.by_category[c])]
    assert [bars[CATEGORY_LABELS[c]] for c in occurring[:4]] == \
        [[float(v) for v in monthly.by_category[c]] for c in occurring[:4]]
    assert bars[T.OTHER_CATEGORIES] == [0.0, 0.0, 3 + 2 + 1]
    colours = [bar_set.color().name() for bar_set in chart.series()[0].barSets()]
    for a, b in combinations(colours, 2):
        assert abs(T.lightness(a) - T.lightness(b)) >= 12, (a, b)
    headings, rows = C.chart_table(chart)
    assert headings[1:] == [CATEGORY_LABELS[c] for c in occurring]  # every category
    assert rows[2][1:] == ["7", "6", "5", "4", "3", "2", "1"]
    view = ChartView("Efter kategori")
    qtbot.addWidget(view)
    view.set_chart(chart)
    legend = [name for name, _, _ in C.legend_entries(chart)]
    assert legend == list(bars)[::-1]  # the stack from the top down
    assert CATEGORY_LABELS[occurring[4]] not in legend  # summed in "Øvrige kategorier"
    assert f"{CATEGORY_LABELS[occurring[6]]}: " in view.view.accessibleDescription()


def test_each_place_line_and_its_legend_has_its_own_dash_and_marker(qtbot):
    chart = C.place_chart(_monthly())
    lines = [s for s in chart.series() if isinstance(s, QLineSeries)]
    assert len(lines) == 6
    styles = [style for _, _, style in C.legend_entries(chart)]
    assert [s.marker for s in styles] == [line.property(C.MARKER) for line in lines]
    assert len({s.dash for s in styles}) == len({s.marker for s in styles}) == 6
    assert all(not line.lightMarker().isNull() for line in lines)
    other = styles[-1]
    assert other == T.OTHER_PLACES_STYLE and lines[-1].pen().color().name() == T.OTHERS
    view = ChartView("Efter sted")
    qtbot.addWidget(view)
    view.set_chart(chart)
    assert view.legend.isVisibleTo(view)
