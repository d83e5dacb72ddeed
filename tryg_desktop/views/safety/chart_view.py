"""A chart on screen, with its title: QtCharts (views/safety/dashboard_charts.py) draws the figures
the status report prints, in its colours and words."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

HEIGHT = 250  # pixels; bar charts with many rows grow (dashboard_charts.row_height_px)


class ChartView(QWidget):
    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.title = QLabel(f"<b>{title}</b>", objectName="chartTitle")
        self.title_text = title
        # The figures behind the chart, by keyboard and for a screen reader.
        self.table_button = QPushButton("Vis som tabel", flat=True)
        self.table_button.setAccessibleName(f"Vis tallene som tabel: {title}")
        self.table_button.setToolTip("Vis tallene bag diagrammet som en tabel, der kan kopieres")
        self.table_button.setEnabled(False)
        self.table_button.clicked.connect(self.show_table)
        self.legend = QWidget()  # the legend beside the chart (dashboard_charts.LEGEND_BESIDE)
        self.legend.hide()
        # A plain placeholder until the first chart: the QChartView (a graphics scene) is made
        # then, so the window's start-up does not build six of them.
        self.view = QWidget()
        self.view.setFixedHeight(HEIGHT)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.table_button)
        self._layout.addLayout(heading)
        self._body = QVBoxLayout()  # the chart, its legend under it
        self._body.setSpacing(2)
        self._body.addWidget(self.view)
        self._body.addWidget(self.legend)
        self._layout.addLayout(self._body)
        self.chart = None

    def prepare(self) -> None:
        self._chart_view()

    def _chart_view(self):
        from PySide6.QtCharts import QChartView

        if not isinstance(self.view, QChartView):
            view = QChartView()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setAccessibleName(self.title_text)
            # No Tab stop of its own: "Vis som tabel" above it is the keyboard's way in, and
            # carries the same description of the figures.
            view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            self._body.replaceWidget(self.view, view)
            self.view.deleteLater()
            self.view = view
        return self.view

    def set_chart(self, chart, height: int = HEIGHT) -> None:
        """chart: a QChart; the view owns it from here."""
        from tryg_desktop.views.safety.dashboard_charts import chart_summary, chart_texts

        self._chart_view()
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
        self.chart = chart
        self.view.setFixedHeight(height)
        self._show_legend(chart)
        self.table_button.setEnabled(bool(chart.series()))
        # A screen reader reads the figures, not only the words the chart shows.
        summary = chart_summary(chart) or " ".join(chart_texts(chart))
        self.view.setAccessibleDescription(summary)
        self.table_button.setAccessibleDescription(summary)

    def _show_legend(self, chart) -> None:
        from tryg_desktop.views.safety.dashboard_charts import LEGEND_BESIDE, legend_entries

        old = self.legend
        self.legend = QWidget()
        if chart.property(LEGEND_BESIDE):
            # Two columns under the plot: the plot keeps the whole width for its months, and
            # a long name wraps rather than being cut.
            grid = QGridLayout(self.legend)
            grid.setContentsMargins(8, 0, 0, 0)
            grid.setHorizontalSpacing(12)
            grid.setVerticalSpacing(1)
            font = self.font()
            font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
            for number, (name, colour, style) in enumerate(legend_entries(chart)):
                swatch = QLabel()
                swatch.setPixmap(_swatch(colour, style))
                text = QLabel(name, wordWrap=True)
                text.setFont(font)
                row, column = divmod(number, 2)
                grid.addWidget(swatch, row, 2 * column, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(text, row, 2 * column + 1)
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(3, 1)
        else:
            self.legend.hide()
        self._body.replaceWidget(old, self.legend)
        old.deleteLater()

    def show_table(self) -> None:
        from tryg_desktop.views.safety.chart_table_dialog import ChartTableDialog
        from tryg_desktop.views.safety.dashboard_charts import chart_table

        headings, rows = chart_table(self.chart)
        self.table_dialog = ChartTableDialog(self.title_text, headings, rows, self.window())
        self.table_dialog.show()

    @property
    def texts(self) -> list[str]:
        from tryg_desktop.views.safety.dashboard_charts import chart_texts

        return chart_texts(self.chart) if self.chart is not None else []


def _swatch(colour: QColor, style) -> QPixmap:
    """A filled square for a bar set (style None); for a line its dash and marker, as on the
    plot (views/safety/chart_marks.py), long enough for the dash pattern to show."""
    from tryg_desktop.views.safety import chart_marks

    pixmap = QPixmap(30 if style else 18, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    if style is None:
        painter.fillRect(3, 1, 11, 10, colour)
    else:
        painter.setPen(chart_marks.pen(style, colour))
        painter.drawLine(0, 6, 30, 6)
        if style.marker:
            chart_marks.draw_marker(painter, style, QPointF(15, 6), 9, colour)
    painter.end()
    return pixmap


def show_before_after(view) -> ChartView:
    """The before/after chart on an effort's page (views/effort_view.EffortView), redrawn each
    time the page loads an effort, from the figures the page already holds."""
    chart = ChartView("Hændelser ved indsatsens steder før og efter start")
    view.chart_area.addWidget(chart)
    view.chart_area.addStretch(1)  # the chart sits right under the figures it draws

    def redraw(_effort_id: int) -> None:
        figures = view.before_after
        chart.setVisible(figures is not None)
        if figures is not None:
            from tryg_desktop.views.safety import dashboard_charts

            rows = 2 * len(dashboard_charts.before_after_categories(figures))  # før and efter
            chart.set_chart(dashboard_charts.before_after_chart(figures),
                            dashboard_charts.row_height_px(rows))

    view.refreshed.connect(redraw)
    view.before_after_chart = chart
    return chart
