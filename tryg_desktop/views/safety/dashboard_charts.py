"""The Oversigt's charts with QtCharts: the same figures (services/safety/statistics.py), colours
and words (reports/chart_terms.py) as the status report's reportlab charts. QtCharts draws in C++,
so the page is up in a fraction of the time reportlab needs just to load, and hovering a bar shows
its figure."""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPen
from PySide6.QtWidgets import QToolTip

from tryg_desktop.l10n import rate_percent
from tryg_desktop.reports.chart_terms import (
    AFTER,
    BEFORE,
    INVITED,
    NO_ACTIONS,
    NO_EPISODES,
    NO_MEETINGS,
    OTHER_CATEGORIES,
    OTHERS,
    PALETTE,
    PREVIOUS_YEAR,
    LineStyle,
    category_series,
    month_label,
    number,
    percent,
    place_style,
)
from tryg_desktop.services.safety.safety_terms import CATEGORY_LABELS
from tryg_desktop.views.kit import colours
from tryg_desktop.views.safety import chart_marks

SMALL = 8  # point size of axis labels and legends


def _chart(empty_text: str | None = None) -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(2, 2, 2, 2))
    chart.layout().setContentsMargins(0, 0, 0, 0)
    legend = chart.legend()
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    legend.setFont(QFont(legend.font().family(), SMALL))
    if empty_text:
        chart.setTitle(empty_text)
        legend.hide()
    return chart


def _axis_font(axis) -> None:
    axis.setLabelsFont(QFont(axis.labelsFont().family(), SMALL))
    axis.setGridLineColor(colours.colour(colours.CHART_GRID))


def _bar_set(name: str, values, colour: str, categories: list[str]) -> QBarSet:
    bar_set = QBarSet(name)
    bar_set.append([float(v) for v in values])
    bar_set.setColor(QColor(colour))
    bar_set.setBorderColor(QColor(colour))
    # Hovering a bar names it and its figure: the exact number without a table.
    bar_set.hovered.connect(lambda on, index: QToolTip.showText(
        QCursor.pos(), f"{categories[index]} · {name}: {number(values[index])}") if on
        else QToolTip.hideText())
    return bar_set


def _value_axis(top: float, chart: QChart, align, series) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setRange(0, max(1.0, top * 1.12))  # room for the figure above the tallest bar
    axis.applyNiceNumbers()
    _axis_font(axis)
    chart.addAxis(axis, align)
    for one in series:
        one.attachAxis(axis)
    return axis


def _category_axis(names: list[str], chart: QChart, align, series) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(names)
    _axis_font(axis)
    axis.setGridLineVisible(False)
    chart.addAxis(axis, align)
    for one in series:
        one.attachAxis(axis)
    return axis


def _month_labels(months) -> list[str]:
    """'jan', 'feb' …: three letters fit a bar even beside a legend; the years are in the
    axis title (_month_span), so no label is cut short."""
    return [month_label(m)[:3] for m in months]


def running_label(month, through) -> str:
    """'dec t.o.m. 3.': the running month, in the axis title and the table's row."""
    return f"{month_label(month)[:3]} t.o.m. {through.day}."


RUNNING_LABEL = "running_label"  # a chart property: the last month's row in chart_table


def _lighter(colour: str) -> QColor:
    """The running month's bars: the series' colour, paler, so it never reads as a fall."""
    return QColor(colour).lighter(150)


def _mark_running(monthly, series) -> None:
    index = getattr(monthly, "running_index", None)
    if index is None:
        return
    for bar_set in series.barSets():
        bar_set.setSelectedColor(_lighter(bar_set.color().name()))
        bar_set.selectBar(index)


def _month_span(months) -> str:
    """'jan 2026 – dec 2026' under the months."""
    first, last = months[0], months[-1]
    return f"{month_label(first)[:3]} {first:%Y} – {month_label(last)[:3]} {last:%Y}"


def _months_axis(months, chart: QChart, series, through=None) -> QBarCategoryAxis:
    axis = _category_axis(_month_labels(months), chart, Qt.AlignmentFlag.AlignBottom, series)
    title = _month_span(months)
    if through is not None and months:
        # The short label stays "dec" (never cut); the title says how far the month goes.
        label = running_label(months[-1], through)
        chart.setProperty(RUNNING_LABEL, label)
        title += f" (lys: {label})"
    axis.setTitleText(title)
    chart.setProperty("month_years", [m.year for m in months])  # for chart_table
    axis.setTitleFont(QFont(axis.labelsFont().family(), SMALL))
    return axis


def _months_chart(monthly, series_of, stacked: bool = False,
                  with_previous_year: bool = False) -> QChart:
    through = getattr(monthly, "through", None)
    labels = _month_labels(monthly.months)
    sets = series_of(labels)
    series = QStackedBarSeries() if stacked else QBarSeries()
    for bar_set in sets:
        series.append(bar_set)
    _mark_running(monthly, series)
    chart = _chart()
    chart.addSeries(series)
    attached = [series]
    top = max(monthly.total or [0])
    previous = getattr(monthly, "previous_year", None) if with_previous_year else None
    if previous:
        # Last year's same months as a dashed grey line over the bars: the season at a glance.
        line = QLineSeries()
        line.setName(PREVIOUS_YEAR)
        for x, value in enumerate(previous):
            line.append(x, value)
        pen = QPen(QColor(OTHERS), 2)
        pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        line.setPointsVisible(True)
        chart.addSeries(line)
        attached.append(line)
        top = max(top, max(previous))
    _months_axis(monthly.months, chart, attached, through)
    _value_axis(top, chart, Qt.AlignmentFlag.AlignLeft, attached)
    return chart


LEGEND_BESIDE = "legend_beside"  # a chart property: views/safety/chart_view.py draws it


def _legend_beside(chart: QChart) -> None:
    """Long names ("Efterladt affald eller kanyler") in a legend of their own under the chart,
    wrapped, never cut short; QtCharts' own legend elides them and narrows the plot."""
    chart.legend().hide()
    chart.setProperty(LEGEND_BESIDE, True)


def episodes_chart(monthly) -> QChart:
    if not sum(monthly.total):
        return _chart(NO_EPISODES)

    def sets(labels):
        return [_bar_set("Hændelser", monthly.total, PALETTE[0], labels)]

    chart = _months_chart(monthly, sets, with_previous_year=True)
    series = chart.series()[0]
    series.setLabelsVisible(True)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    for bar_set in series.barSets():
        bar_set.setLabelColor(colours.colour(colours.CHART_LABEL))
        bar_set.setLabelFont(QFont(bar_set.labelFont().family(), SMALL))
    if len(chart.series()) == 1:
        chart.legend().hide()
    return chart


ALL_COLUMNS = "all_columns"  # a chart property: every series for the table, when grouped


def category_chart(monthly) -> QChart:
    """Stacked by category as the report: the busiest four and "Øvrige kategorier", dark at
    the bottom to light on top (chart_terms.category_series); the table keeps every category."""
    if not sum(monthly.total):
        return _chart(NO_EPISODES)
    stack = category_series(monthly.by_category, CATEGORY_LABELS)

    def sets(labels):
        return [_bar_set(name, values, fill, labels) for name, values, fill in stack]

    chart = _months_chart(monthly, sets, stacked=True)
    if any(name == OTHER_CATEGORIES for name, _, _ in stack):
        # "Vis som tabel" and the screen reader: the exact figure of every category.
        chart.setProperty(ALL_COLUMNS, [[CATEGORY_LABELS.get(c, c), list(values)]
                                        for c, values in monthly.by_category.items()
                                        if any(values)])
    _legend_beside(chart)
    return chart


def place_chart(monthly) -> QChart:
    if not monthly.by_place or not sum(monthly.total):
        return _chart(NO_EPISODES)
    chart = _chart()
    lines = []
    for i, (name, values) in enumerate(monthly.by_place.items()):
        line = QLineSeries()
        line.setName(name)
        for x, value in enumerate(values):
            line.append(x, value)
        # Each place its own dash and marker (chart_terms.place_style), as in the report:
        # apart in grey too. The legend (chart_view) draws them from MARKER and the pen.
        style = place_style(i, name)
        line.setPen(chart_marks.pen(style))
        line.setProperty(MARKER, style.marker)
        line.setLightMarker(chart_marks.marker_image(style))
        line.setMarkerSize(chart_marks.MARKER_SIZE + 2)
        if getattr(monthly, "running_index", None) is not None:
            # The running month's point pale: a part month, not a fall.
            line.setPointConfiguration(monthly.running_index, {
                QXYSeries.PointConfiguration.Color: _lighter(style.colour)})
        chart.addSeries(line)
        lines.append(line)
    _months_axis(monthly.months, chart, lines, getattr(monthly, "through", None))
    _value_axis(max(max(v) for v in monthly.by_place.values()), chart,
                Qt.AlignmentFlag.AlignLeft, lines)
    _legend_beside(chart)
    return chart


def _horizontal(names: list[str], sets_values: list[tuple[str, list, str]], top: float,
                percent_axis: bool = False) -> QChart:
    """Rows of bars, the first name at the top; the figures are in the row names."""
    chart = _chart()
    rows = list(reversed(names))  # Qt puts the first category at the bottom
    series = QHorizontalBarSeries()
    for name, values, colour in reversed(sets_values):  # the first set on top in each row
        series.append(_bar_set(name, list(reversed(values)), colour, rows))
    chart.addSeries(series)
    _category_axis(rows, chart, Qt.AlignmentFlag.AlignLeft, [series])
    axis = _value_axis(top, chart, Qt.AlignmentFlag.AlignBottom, [series])
    if percent_axis:
        axis.setRange(0, 100)
        axis.setTickCount(5)
        axis.setLabelFormat("%d %%")
    if len(sets_values) == 1:
        chart.legend().hide()
    return chart


def completion_chart(rows) -> QChart:
    """Share of the period's actions that are done, per forum or effort."""
    if not rows:
        return _chart(NO_ACTIONS)
    # The figures first: a long name is cut at its end, never the figures.
    names = [f"{percent(r.rate)} ({number(r.done)} af {number(r.created - r.cancelled)}) "
             f"{r.name}" for r in rows]
    rates = [rate_percent(r.rate or 0) for r in rows]  # half up, as the report's labels
    return _horizontal(names, [("Udført", rates, PALETTE[0])], 100, percent_axis=True)


def attendance_chart(rows) -> QChart:
    rows = [r for r in rows if r.invited]
    if not rows:
        return _chart(NO_MEETINGS)
    names = [f"{percent(r.rate)} ({number(r.attended)} af {number(r.invited)}) {r.label}"
             for r in rows]
    return _horizontal(names, [("Inviteret", [r.invited for r in rows], INVITED),
                               ("Deltog", [r.attended for r in rows], PALETTE[0])],
                       max(r.invited for r in rows))


def before_after_categories(b) -> list[str]:
    """The categories with an episode on either side, in the vocabulary's order."""
    return [c for c in CATEGORY_LABELS if b.before_by_category.get(c) or b.after_by_category.get(c)]


def before_after_chart(b) -> QChart:
    present = before_after_categories(b)
    if not present:
        return _chart(NO_EPISODES)
    return _horizontal(
        [CATEGORY_LABELS[c] for c in present],
        # The periods' dates stand above the chart on the effort's page.
        [(f"Før ({number(b.before)})", [b.before_by_category.get(c, 0) for c in present], BEFORE),
         (f"Efter ({number(b.after)})",
          [b.after_by_category.get(c, 0) for c in present], AFTER)],
        max(max(b.before_by_category.values() or [0]), max(b.after_by_category.values() or [0])))


def chart_texts(chart: QChart) -> list[str]:
    """The words a chart shows: title, series names and category labels (tests, screen
    readers)."""
    texts = [chart.title()] if chart.title() else []
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            texts += [bar_set.label() for bar_set in series.barSets()][::-1]
        else:
            texts.append(series.name())
    for axis in chart.axes():
        if isinstance(axis, QBarCategoryAxis):
            texts += list(reversed(axis.categories())) if _is_horizontal(chart) \
                else axis.categories()
    return texts


def _is_horizontal(chart: QChart) -> bool:
    return any(isinstance(s, QHorizontalBarSeries) for s in chart.series())


def bar_values(chart: QChart) -> dict[str, list[float]]:
    """Each bar set's values in the order of the figures (top row first for horizontal bars);
    tests compare them with the statistics."""
    values = {}
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            for bar_set in series.barSets():
                row = [bar_set.at(i) for i in range(bar_set.count())]
                values[bar_set.label()] = row[::-1] if _is_horizontal(chart) else row
    return values


def row_height_px(rows: int) -> int:
    return 70 + 26 * max(1, rows)



def _figure(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def chart_summary(chart: QChart) -> str:
    """The chart's figures as sentences, for a screen reader's description: each series with
    its value per category, its total and where it peaks ("Indbrud: jan 3, feb 5; i alt 8,
    flest i feb (5).")."""
    categories: list[str] = []
    for axis in chart.axes():
        if isinstance(axis, QBarCategoryAxis):
            categories = (list(reversed(axis.categories())) if _is_horizontal(chart)
                          else axis.categories())
    rows = _columns(chart)
    for series in chart.series():
        if isinstance(series, QLineSeries):
            rows.append((series.name(), [point.y() for point in series.points()]))
    sentences = [chart.title()] if chart.title() else []
    for name, values in rows:
        if not values:
            continue
        named = [f"{categories[i] if i < len(categories) else i + 1} {_figure(v)}"
                 for i, v in enumerate(values)]
        top = max(range(len(values)), key=lambda i: values[i])
        peak = categories[top] if top < len(categories) else str(top + 1)
        sentences.append(f"{name}: {', '.join(named)}; i alt {_figure(sum(values))}, "
                         f"flest i {peak} ({_figure(values[top])}).")
    return " ".join(sentences)


MARKER = "marker"  # a line series' property: its chart_terms marker name


def legend_entries(chart: QChart) -> list[tuple[str, QColor, LineStyle | None]]:
    """(name, colour, the line's LineStyle or None for a bar set) in the legend's order; a
    stack's sets from the top down, as the eye reads the stack."""
    entries, bars = [], []
    for marker in chart.legend().markers():
        if marker.type() == marker.LegendMarkerType.LegendMarkerTypeXY:
            pen = marker.series().pen()
            dash = () if pen.style() == Qt.PenStyle.SolidLine else tuple(pen.dashPattern())
            style = LineStyle(pen.color().name(), dash, marker.series().property(MARKER) or "")
            entries.append((marker.label(), pen.color(), style))
        else:
            bars.append((marker.label(), marker.brush().color(), None))
    stacked = any(isinstance(s, QStackedBarSeries) for s in chart.series())
    return (bars[::-1] if stacked else bars) + entries


def chart_table(chart: QChart) -> tuple[list[str], list[list[str]]]:
    """The figures behind a chart as a table: a row per category (month, forum …), a column
    per series, in the order the chart shows them. The headings first."""
    categories: list[str] = []
    first_heading = ""
    for axis in chart.axes():
        if isinstance(axis, QBarCategoryAxis):
            categories = (list(reversed(axis.categories())) if _is_horizontal(chart)
                          else axis.categories())
            first_heading = "Måned" if axis.titleText() else ""
    columns = _columns(chart)
    for series in chart.series():
        if isinstance(series, QLineSeries):
            columns.append((series.name(), [point.y() for point in series.points()]))
    if first_heading:  # the months carry their year in the table, as the axis title says
        # (the running month says how far it goes instead: "dec t.o.m. 3.")
        categories = [f"{label} {year}" for label, year in zip(categories, _axis_years(chart))]
        if chart.property(RUNNING_LABEL) and categories:
            categories[-1] = chart.property(RUNNING_LABEL)
    rows = [[category] + [_figure(values[i]) if i < len(values) else "" for _, values in columns]
            for i, category in enumerate(categories)]
    return [first_heading] + [name for name, _ in columns], rows


def _columns(chart: QChart) -> list[tuple[str, list[float]]]:
    """The bar series for a table or a summary: every category, when the chart grouped some
    into "Øvrige kategorier" (ALL_COLUMNS), else the bar sets as drawn."""
    grouped = chart.property(ALL_COLUMNS)
    if grouped:
        return [(name, [float(v) for v in values]) for name, values in grouped]
    return list(bar_values(chart).items())


def _axis_years(chart: QChart) -> list[str]:
    return [str(year) for year in chart.property("month_years") or []]
