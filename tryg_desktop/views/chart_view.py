"""A chart on screen, with its title: QtCharts (views/dashboard_charts.py) draws the figures the
status report prints, in its colours and words."""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

HEIGHT = 250  # pixels; bar charts with many rows grow (dashboard_charts.row_height_px)


class ChartView(QWidget):
    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.title = QLabel(f"<b>{title}</b>", objectName="chartTitle")
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(title)
        self.view.setFixedHeight(HEIGHT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        self.chart: QChart | None = None

    def set_chart(self, chart: QChart, height: int = HEIGHT) -> None:
        from tryg_desktop.views.dashboard_charts import chart_texts

        old = self.view.chart()
        self.view.setChart(chart)  # the view owns the chart from here
        if old is not None and old is not chart:
            old.deleteLater()
        self.chart = chart
        self.view.setFixedHeight(height)
        self.view.setAccessibleDescription(" ".join(chart_texts(chart)))

    @property
    def texts(self) -> list[str]:
        from tryg_desktop.views.dashboard_charts import chart_texts

        return chart_texts(self.chart) if self.chart is not None else []


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
            from tryg_desktop.views import dashboard_charts

            rows = sum(1 for c in set(figures.before_by_category) | set(figures.after_by_category)
                       if figures.before_by_category.get(c) or figures.after_by_category.get(c))
            chart.set_chart(dashboard_charts.before_after_chart(figures),
                            dashboard_charts.row_height_px(rows * 2))

    view.refreshed.connect(redraw)
    view.before_after_chart = chart
    return chart
