"""A chart on screen, with its title: QtCharts (views/safety/dashboard_charts.py) draws the figures
the status report prints, in its colours and words."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

HEIGHT = 250  # pixels; bar charts with many rows grow (dashboard_charts.row_height_px)


class ChartView(QWidget):
    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.title = QLabel(f"<b>{title}</b>", objectName="chartTitle")
        self.title_text = title
        # A plain placeholder until the first chart: the QChartView (a graphics scene) is made
        # then, so the window's start-up does not build six of them.
        self.view = QWidget()
        self.view.setFixedHeight(HEIGHT)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.view)
        self.chart = None

    def prepare(self) -> None:
        self._chart_view()

    def _chart_view(self):
        from PySide6.QtCharts import QChartView
        from PySide6.QtGui import QPainter

        if not isinstance(self.view, QChartView):
            view = QChartView()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setAccessibleName(self.title_text)
            view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            self._layout.replaceWidget(self.view, view)
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
        # A screen reader reads the figures, not only the words the chart shows.
        self.view.setAccessibleDescription(chart_summary(chart) or " ".join(chart_texts(chart)))

    @property
    def texts(self) -> list[str]:
        from tryg_desktop.views.safety.dashboard_charts import chart_texts

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
            from tryg_desktop.views.safety import dashboard_charts

            rows = 2 * len(dashboard_charts.before_after_categories(figures))  # før and efter
            chart.set_chart(dashboard_charts.before_after_chart(figures),
                            dashboard_charts.row_height_px(rows))

    view.refreshed.connect(redraw)
    view.before_after_chart = chart
    return chart
