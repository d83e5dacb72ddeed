"""Charts of the statistics as reportlab Drawings for the status report. The Oversigt draws
the same figures with QtCharts (views/safety/dashboard_charts.py), in the same colours and words
(reports/chart_terms.py). Each chart has a white background, the report's font and one calm
palette; legends sit under the plot. Empty data gives a drawing that says so in words, never an
exception.

Only the report builder imports this module (lazily): reportlab is not loaded at start-up.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from tryg_desktop.reports import chart_terms
from tryg_desktop.reports.chart_terms import (  # shared with the screen's charts
    NO_ACTIONS,
    NO_EPISODES,
    NO_MEETINGS,
    month_label,
    number,
    percent,
    span,
)
from tryg_desktop.reports.styles import FONT, FONT_BOLD, register_fonts
from tryg_desktop.services.safety.safety_terms import CATEGORY_LABELS

if TYPE_CHECKING:
    from tryg_desktop.services.safety.statistics import (
        Attendance,
        BeforeAfter,
        Completion,
        MonthlyEpisodes,
    )

PALETTE = [colors.HexColor(c) for c in chart_terms.PALETTE]
BEFORE, AFTER = colors.HexColor(chart_terms.BEFORE), PALETTE[0]
INVITED = colors.HexColor(chart_terms.INVITED)
OTHERS = colors.HexColor(chart_terms.OTHERS)
INK, MUTED, GRIDLINE = colors.HexColor("#1a1a1a"), colors.HexColor("#5a5a5a"), \
    colors.HexColor("#e3e7ec")
SIZE = 7.5  # label font size: readable at 480 × 200 pt on paper and on screen
LINE_WIDTH = 1.6
# chart_terms' marker names as reportlab's marker kinds; "ring" is a hollow circle.
MARKERS = {"circle": "FilledCircle", "square": "FilledSquare", "triangle": "FilledTriangle",
           "diamond": "FilledDiamond", "cross": "FilledCross", "ring": "Circle"}


# --- frame, legend, axes ----------------------------------------------------------------------

def _drawing(width: float, height: float, title: str) -> tuple[Drawing, float]:
    """A white drawing and the y where the plot area ends at the top."""
    register_fonts()
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    top = height - 6
    if title:
        drawing.add(String(4, height - 13, title, fontName=FONT_BOLD, fontSize=9.5,
                           fillColor=INK))
        top -= 16
    return drawing, top


def _empty(width: float, height: float, title: str, message: str) -> Drawing:
    drawing, top = _drawing(width, height, title)
    drawing.add(String(width / 2, top / 2, message, fontName=FONT, fontSize=10,
                       fillColor=MUTED, textAnchor="middle"))
    return drawing


def _fit(text: str, room: float, size: float = SIZE) -> str:
    """Cut a label to `room` points with an ellipsis."""
    if stringWidth(text, FONT, size) <= room:
        return text
    while text and stringWidth(text + "…", FONT, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _legend(drawing: Drawing, items: list[tuple], width: float, y: float = 4) -> float:
    """Swatches and labels in as many columns as fit, rows from the bottom up; returns the
    height used. items: (colour, label), or (colour, label, LineStyle) for a line chart: a
    short line with the line's dash and marker, as on the plot."""
    if not items:
        return 0
    swatch, gap, line = 8, 14, 11
    widest = max(stringWidth(item[1], FONT, SIZE) for item in items) + swatch + 4
    if len(items[0]) > 2:  # a line's swatch is longer: its dash pattern must show
        widest += 8
    columns = max(1, min(len(items), int((width - 8) // (widest + gap))))
    column_width = (width - 8) / columns
    rows = math.ceil(len(items) / columns)
    for n, (colour, label, *style) in enumerate(items):
        row, column = divmod(n, columns)
        x = 6 + column * column_width
        base = y + (rows - 1 - row) * line
        if style:  # long enough to show the dash pattern
            x += 8
            drawing.add(Line(x - 10, base + 3, x + swatch + 1, base + 3, strokeColor=colour,
                             strokeWidth=LINE_WIDTH, strokeDashArray=_dash(style[0])))
            drawing.add(_marker(style[0].marker, colour, x + swatch / 2 - 3, base + 3))
        else:
            drawing.add(Rect(x, base - 1, swatch, swatch, fillColor=colour, strokeColor=None))
        drawing.add(String(x + swatch + 4, base, _fit(label, column_width - swatch - 8),
                           fontName=FONT, fontSize=SIZE, fillColor=INK))
    return rows * line + 4


def _dash(style) -> list[float] | None:
    return [length * LINE_WIDTH for length in style.dash] or None


def _marker(name: str, colour, x: float = 0, y: float = 0):
    kind = MARKERS[name]
    marker = makeMarker(kind, x=x, y=y)
    fill = colour if kind.startswith("Filled") else colors.white  # hollow: another shape
    marker.size, marker.fillColor, marker.strokeColor = 4.2, fill, colour
    marker.strokeWidth = 1
    return marker


def _nice_step(top: float) -> int:
    """A round tick step giving about four to six ticks up to `top`."""
    top = max(top, 1)
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 2.5, 5, 10):
        step = magnitude * factor
        if step >= raw and step == int(step):
            return int(step)
    return int(magnitude * 10)


def _value_axis(axis, top: float, fraction: bool = False) -> None:
    axis.valueMin = 0
    if fraction:
        axis.valueMax, axis.valueStep = 1, 0.25
        axis.labelTextFormat = lambda v: f"{round(v * 100)} %"
    else:
        step = _nice_step(top)
        axis.valueStep = step
        axis.valueMax = max(step, math.ceil(top / step) * step)
        axis.labelTextFormat = number
    axis.labels.fontName, axis.labels.fontSize = FONT, SIZE
    axis.labels.fillColor = MUTED
    axis.strokeColor = None
    axis.visibleGrid, axis.gridStrokeColor, axis.gridStrokeWidth = True, GRIDLINE, 0.6
    axis.visibleTicks = False


def _month_axis(axis, months: list[dt.date], plot_width: float,
                through: dt.date | None = None) -> None:
    """Danish month labels; only every n-th when a long period would make them overlap. The
    running month (through: its last day counted) says so on two lines: "dec." over
    "t.o.m. 3.", always shown."""
    labels = [month_label(m) for m in months]
    slot = plot_width / max(1, len(labels))
    widest = max((stringWidth(t, FONT, SIZE) for t in labels), default=0) + 4
    step = max(1, math.ceil(widest / slot)) if slot else 1
    names = [t if i % step == 0 else "" for i, t in enumerate(labels)]
    if through is not None and names:
        if len(names) > 1 and step > 1 and (len(names) - 1) % step < step / 2:
            names[len(names) - 1 - (len(names) - 1) % step] = ""  # room for the running label
        names[-1] = chart_terms.running_label(months[-1], through).replace(" t.o.m.", "\nt.o.m.")
    axis.categoryNames = names
    _category_axis(axis)


def _category_axis(axis) -> None:
    axis.labels.fontName, axis.labels.fontSize = FONT, SIZE
    axis.labels.fillColor = INK
    axis.strokeColor, axis.strokeWidth = MUTED, 0.6
    axis.visibleTicks = False


def _place(chart, x: float, y: float, width: float, height: float) -> None:
    chart.x, chart.y, chart.width, chart.height = x, y, width, height


def _left_room(top_value: float, fraction: bool = False) -> float:
    label = "100 %" if fraction else number(top_value)
    return stringWidth(label, FONT, SIZE) + 10


# --- the charts -------------------------------------------------------------------------------

def episodes_chart(m: MonthlyEpisodes, width: float = 480, height: float = 200,
                   title: str = "") -> Drawing:
    """Episodes per month as bars, the count above each bar; the same months a year earlier
    as a dashed grey line with hollow points (m.previous_year), and the running month
    (m.through) paler, with "dec. t.o.m. 3." under it: a part month, never a fall."""
    if not m.months or not any(m.total):
        return _empty(width, height, title, NO_EPISODES)
    drawing, top = _drawing(width, height, title)
    previous = list(m.previous_year or [])
    running = m.running_index
    items = [(PALETTE[0], "Hændelser")]
    if running is not None:
        items.append((PALE, f"{chart_terms.running_label(m.months[-1], m.through)} "
                            "(en del af måneden)"))
    if previous:
        items.append((OTHERS, chart_terms.PREVIOUS_YEAR, PREVIOUS_STYLE))
    legend = _legend(drawing, items, width)
    chart = VerticalBarChart()
    peak = max(m.total + previous) * 1.12  # room for the labels above the bars
    left = _left_room(peak)
    bottom = legend + (28 if running is not None else 20)
    _place(chart, left, bottom, width - left - 8, top - bottom - 6)
    chart.data = [list(m.total)]
    chart.bars[0].fillColor, chart.bars[0].strokeColor = PALETTE[0], None
    if running is not None:
        chart.bars[(0, running)].fillColor = PALE
        chart.bars[(0, running)].strokeColor = PALETTE[0]
        chart.bars[(0, running)].strokeWidth = 0.8
        chart.bars[(0, running)].strokeDashArray = [2, 1.5]
    chart.barSpacing, chart.groupSpacing = 0, max(2, chart.width / len(m.months) * 0.3)
    _value_axis(chart.valueAxis, peak)
    _month_axis(chart.categoryAxis, m.months, chart.width, m.through)
    if len(m.months) <= 24:
        chart.barLabelFormat = lambda v: number(v) if v else ""
        chart.barLabels.fontName, chart.barLabels.fontSize = FONT, SIZE - 0.5
        chart.barLabels.fillColor, chart.barLabels.nudge = MUTED, 6
    drawing.add(chart)
    if previous:
        _previous_line(drawing, chart, previous)
    return drawing


PALE = colors.HexColor(chart_terms.paler(chart_terms.PALETTE[0]))
PREVIOUS_STYLE = chart_terms.LineStyle(chart_terms.OTHERS, (3, 2), "ring")


def _previous_line(drawing: Drawing, chart, values: list[int]) -> None:
    """Last year's months over the bars, through each bar's middle: a dashed grey line with
    hollow points, apart from the bars in grey too."""
    from reportlab.graphics.shapes import PolyLine

    slot = chart.width / len(values)
    scale = chart.height / chart.valueAxis.valueMax
    points = [(chart.x + slot * (i + 0.5), chart.y + v * scale) for i, v in enumerate(values)]
    drawing.add(PolyLine([c for point in points for c in point], strokeColor=OTHERS,
                         strokeWidth=LINE_WIDTH, strokeDashArray=_dash(PREVIOUS_STYLE)))
    for x, y in points:
        drawing.add(_marker(PREVIOUS_STYLE.marker, OTHERS, x, y))


def category_chart(m: MonthlyEpisodes, width: float = 480, height: float = 200,
                   title: str = "") -> Drawing:
    """Episodes per month, stacked by category: the busiest four and "Øvrige kategorier",
    dark at the bottom to light on top (chart_terms.category_series), so a grey print still
    tells them apart; the legend reads the stack from the top down."""
    stack = chart_terms.category_series(m.by_category, CATEGORY_LABELS)
    if not m.months or not stack:
        return _empty(width, height, title, NO_EPISODES)
    drawing, top = _drawing(width, height, title)
    fills = [colors.HexColor(fill) for _, _, fill in stack]
    legend = _legend(drawing, [(fill, label) for fill, (label, _, _) in
                               reversed(list(zip(fills, stack)))], width)
    chart = VerticalBarChart()
    peak = max(sum(values[i] for _, values, _ in stack) for i in range(len(m.months)))
    left = _left_room(peak)
    bottom = legend + (26 if m.running_index is not None else 18)
    _place(chart, left, bottom, width - left - 8, top - bottom - 6)
    chart.data = [values for _, values, _ in stack]
    chart.categoryAxis.style = "stacked"
    for i, fill in enumerate(fills):
        # A white seam between the blocks: neighbours stay apart in any print.
        chart.bars[i].fillColor, chart.bars[i].strokeColor = fill, colors.white
        chart.bars[i].strokeWidth = 0.5
    if m.running_index is not None:  # the running month paler: a part month, not a fall
        for i, (_, _, fill) in enumerate(stack):
            chart.bars[(i, m.running_index)].fillColor = colors.HexColor(chart_terms.paler(fill))
    chart.barSpacing, chart.groupSpacing = 0, max(2, chart.width / len(m.months) * 0.3)
    _value_axis(chart.valueAxis, peak)
    _month_axis(chart.categoryAxis, m.months, chart.width, m.through)
    drawing.add(chart)
    return drawing


def place_chart(m: MonthlyEpisodes, width: float = 480, height: float = 200,
                title: str = "") -> Drawing:
    """One line per place (the five busiest and "Øvrige steder"), month by month."""
    if not m.months or not m.by_place or not any(any(v) for v in m.by_place.values()):
        return _empty(width, height, title, NO_EPISODES)
    drawing, top = _drawing(width, height, title)
    names = list(m.by_place)
    # Each place its own dash and marker (chart_terms.place_style): apart in grey too.
    styles = [chart_terms.place_style(i, name) for i, name in enumerate(names)]
    items = [(colors.HexColor(style.colour), name, style) for name, style in zip(names, styles)]
    legend = _legend(drawing, items, width)
    chart = HorizontalLineChart()
    peak = max(max(v) for v in m.by_place.values())
    left = _left_room(peak)
    running = m.running_index
    bottom = legend + (26 if running is not None else 18)
    _place(chart, left, bottom, width - left - 8, top - bottom - 6)
    # The running month is not joined to the line (a part month would read as a fall): it
    # stands alone as a pale point, in a series of its own after the lines.
    data = [list(m.by_place[name]) for name in names]
    if running is not None and len(m.months) > 1:
        lines = [values[:running] + [None] for values in data]
        points = [[None] * running + [values[running]] for values in data]
        chart.data = lines + points
    else:
        chart.data, points = data, []
    chart.joinedLines = 1
    for i, (colour, _, style) in enumerate(items):
        chart.lines[i].strokeColor, chart.lines[i].strokeWidth = colour, LINE_WIDTH
        chart.lines[i].symbol = _marker(style.marker, colour)
        chart.lines[i].strokeDashArray = _dash(style)
    for i, (colour, _, style) in enumerate(items[:len(points)]):
        pale = colors.HexColor(chart_terms.paler(style.colour, 0.5))
        chart.lines[len(items) + i].strokeColor = None
        chart.lines[len(items) + i].strokeWidth = 0
        chart.lines[len(items) + i].symbol = _marker(style.marker, pale)
    _value_axis(chart.valueAxis, peak)
    _month_axis(chart.categoryAxis, m.months, chart.width, m.through)
    drawing.add(chart)
    return drawing


def _horizontal(drawing: Drawing, names: list[str], series: list[list[float]],
                fills: list, x: float, y: float, width: float, height: float,
                top_value: float, fraction: bool, labels) -> HorizontalBarChart:
    """Rows of horizontal bars, the first name at the top; `labels(series, row)` gives the
    text at each bar's end."""
    room = min(width * 0.36, max(stringWidth(n, FONT, SIZE) for n in names) + 8)
    chart = HorizontalBarChart()
    _place(chart, x + room, y, width - room - 44, height)
    # reportlab draws the first category and the first series at the bottom: reverse both so
    # the list reads top-down and the first series sits on top within each row.
    chart.data = [list(reversed(s)) for s in reversed(series)]
    chart.categoryAxis.categoryNames = [_fit(n, room - 8) for n in reversed(names)]
    _category_axis(chart.categoryAxis)
    chart.categoryAxis.labels.dx = -4
    _value_axis(chart.valueAxis, top_value, fraction)
    for i, fill in enumerate(reversed(fills)):
        chart.bars[i].fillColor, chart.bars[i].strokeColor = fill, None
    chart.barSpacing = 1
    chart.groupSpacing = max(2, chart.height / max(1, len(names)) * 0.25)
    chart.barLabelFormat = "values"
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, SIZE - 0.5
    chart.barLabels.fillColor, chart.barLabels.boxAnchor, chart.barLabels.dx = MUTED, "w", 3
    n, k = len(names), len(series)
    chart.barLabelArray = [[labels(k - 1 - s, n - 1 - r) for r in range(n)] for s in range(k)]
    drawing.add(chart)
    return chart


def before_after_chart(b: BeforeAfter, width: float = 480, height: float = 200,
                       title: str = "") -> Drawing:
    """Episodes before and after the effort's start, by category, with both totals in the
    legend; the categories that occur on either side."""
    present = [c for c in b.before_by_category
               if b.before_by_category.get(c) or b.after_by_category.get(c)]
    if b.days <= 0 or not present:
        return _empty(width, height, title, NO_EPISODES)
    drawing, top = _drawing(width, height, title)

    items = [(BEFORE, f"Før: {span(b.before_start, b.before_end)} ({number(b.before)})"),
             (AFTER, f"Efter: {span(b.after_start, b.after_end)} ({number(b.after)})")]
    legend = _legend(drawing, items, width)
    series = [[b.before_by_category.get(c, 0) for c in present],
              [b.after_by_category.get(c, 0) for c in present]]
    peak = max(max(s) for s in series)
    _horizontal(drawing, [CATEGORY_LABELS.get(c, c) for c in present], series,
                [BEFORE, AFTER], 4, legend + 16, width - 8, top - legend - 20, peak, False,
                lambda s, r: number(series[s][r]))
    return drawing


def completion_chart(rows: list[Completion], width: float = 480, height: float = 200,
                     title: str = "") -> Drawing:
    """Each forum's or effort's share of its actions done, with "done of due" at the bar."""
    if not rows:
        return _empty(width, height, title, NO_ACTIONS)
    drawing, top = _drawing(width, height, title)
    rates = [r.rate or 0 for r in rows]

    def label(_s, r):
        row = rows[r]
        if row.rate is None:
            return "ingen at udføre"
        return f"{percent(row.rate)} ({number(row.done)} af {number(row.created - row.cancelled)})"

    _horizontal(drawing, [r.name for r in rows], [rates], [PALETTE[0]], 4, 16, width - 40,
                top - 20, 1, True, label)
    return drawing


def attendance_chart(rows: list[Attendance], width: float = 480, height: float = 200,
                     title: str = "") -> Drawing:
    """Invited and attending per organisation type, the attendance rate at the second bar."""
    if not rows:
        return _empty(width, height, title, NO_MEETINGS)
    drawing, top = _drawing(width, height, title)
    legend = _legend(drawing, [(INVITED, "Inviteret"), (AFTER, "Deltog")], width)
    series = [[r.invited for r in rows], [r.attended for r in rows]]

    def label(s, r):
        row = rows[r]
        return number(row.invited) if s == 0 else f"{number(row.attended)} ({percent(row.rate)})"

    _horizontal(drawing, [r.label for r in rows], series, [INVITED, AFTER], 4, legend + 16,
                width - 30, top - legend - 20, max(series[0]), False, label)
    return drawing


def rows_height(rows: int, legend: bool = False) -> float:
    """A height that gives each row of a horizontal bar chart room for its label."""
    return 36 + (16 if legend else 0) + max(1, rows) * 17

