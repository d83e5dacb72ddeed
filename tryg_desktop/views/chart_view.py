"""A chart on screen: the very reportlab drawing the status report prints, shown as SVG, so the
screen and the paper show the same chart from the same numbers."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget


class _ProportionalSvg(QSvgWidget):
    """As tall as its width asks for: the chart keeps its proportions in a resizable page."""

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        size = self.renderer().defaultSize()
        if size.isEmpty():
            return 200
        return max(120, min(900, round(width * size.height() / size.width())))

    def sizeHint(self) -> QSize:
        return QSize(480, self.heightForWidth(480))


class ChartView(QWidget):
    """A title, and the chart scaled to the width it gets while keeping its proportions."""

    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.title = QLabel(f"<b>{title}</b>", objectName="chartTitle")
        self.svg = _ProportionalSvg()
        self.svg.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.svg.setAccessibleName(title)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.svg.setSizePolicy(policy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.svg)
        self.svg_bytes = b""

    def set_svg(self, data: bytes) -> None:
        self.svg_bytes = data
        self.svg.load(data)
        self.svg.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.svg.updateGeometry()


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
            from tryg_desktop.reports import charts

            chart.set_svg(charts.to_svg(charts.before_after_chart(figures, 480, 220)))

    view.refreshed.connect(redraw)
    view.before_after_chart = chart
    return chart
