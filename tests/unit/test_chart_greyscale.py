"""Issue 15 point 6: the status report's charts in black and white. Every stacked category
fill is clearly lighter or darker than the others (CIE L*), every place line has its own dash
and marker, and the category chart draws at most five series: the four busiest and "Øvrige
kategorier" summing the rest, month by month, as the statistics count them."""

from itertools import combinations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart

from tryg_desktop.reports import chart_terms as T
from tryg_desktop.reports import charts as C
from tryg_desktop.services.safety import statistics as S
from tryg_desktop.services.safety.safety_terms import CATEGORY_LABELS

from .test_statistics import END, START, build_city

APART = 12  # L* steps a grey print keeps apart


def _widget(drawing, kind):
    return next(node for node in drawing.contents if isinstance(node, kind))


def _hex(colour) -> str:
    return "#" + colour.hexval()[2:]


def test_the_shared_styles_are_apart_in_grey():
    fills = T.CATEGORY_FILLS + (T.OTHER_CATEGORIES_FILL,)
    for a, b in combinations(fills, 2):
        assert abs(T.lightness(a) - T.lightness(b)) >= APART, (a, b)
    styles = T.PLACE_STYLES + (T.OTHER_PLACES_STYLE,)
    assert len({s.dash for s in styles}) == len({s.marker for s in styles}) == len(styles)
    assert T.lightness("#000000") == 0 and round(T.lightness("#ffffff")) == 100


def test_the_report_stacks_the_four_busiest_and_the_rest(db):
    build_city()
    m = S.episodes_per_month(START, END)
    occurring = {c: v for c, v in m.by_category.items() if any(v)}
    assert len(occurring) > 5  # else nothing to group
    chart = _widget(C.category_chart(m), VerticalBarChart)
    assert len(chart.data) == 5
    totals = sorted(((sum(v), c) for c, v in occurring.items()), key=lambda t: -t[0])
    busiest = [occurring[c] for _, c in totals[:4]]
    assert [list(row) for row in chart.data[:4]] == busiest
    rest = [sum(month) for month in zip(*(v for _, c in totals[4:] for v in [occurring[c]]))]
    assert list(chart.data[4]) == rest
    assert [sum(month) for month in zip(*chart.data)] == m.total  # nothing lost or twice
    fills = [_hex(chart.bars[i].fillColor) for i in range(len(chart.data))]
    for a, b in combinations(fills, 2):
        assert abs(T.lightness(a) - T.lightness(b)) >= APART, (a, b)
    # Few categories: each its own series, busiest at the bottom, no "Øvrige kategorier".
    few = T.category_series({"råben": [1, 2], "affald": [1, 3], "andet": [0, 0]},
                            CATEGORY_LABELS)
    assert [name for name, _, _ in few] == ["Efterladt affald eller kanyler",
                                            "Råben og skænderi"]


def test_the_report_draws_each_place_with_its_own_dash_and_marker(db):
    build_city()
    m = S.episodes_per_month(START, END)
    chart = _widget(C.place_chart(m), HorizontalLineChart)
    lines = [chart.lines[i] for i in range(len(chart.data))]
    assert len(lines) == len(m.by_place) >= 3
    dashes = [tuple(line.strokeDashArray or ()) for line in lines]
    kinds = [line.symbol.kind for line in lines]
    assert len(set(dashes)) == len(set(kinds)) == len(lines)
    other = list(m.by_place).index(T.OTHER_PLACES)
    assert _hex(lines[other].strokeColor) == T.OTHERS and dashes[other]  # grey, dashed
