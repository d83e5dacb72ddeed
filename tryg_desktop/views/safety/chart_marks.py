"""A place line's pen and marker on screen, from its chart_terms.LineStyle: the plot
(dashboard_charts) and the legend under it (chart_view) draw them alike, as the report does."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

LINE_WIDTH = 2
MARKER_SIZE = 9  # pixels: a shape a reader tells from the others at a glance


def pen(style, colour: QColor | None = None) -> QPen:
    line = QPen(colour or QColor(style.colour), LINE_WIDTH)
    if style.dash:
        line.setDashPattern(list(style.dash))  # in line widths, as Qt counts dashes
        line.setCapStyle(Qt.PenCapStyle.FlatCap)  # square caps would fill the gaps of dots
    return line


def draw_marker(painter: QPainter, style, centre: QPointF, size: float = MARKER_SIZE,
                colour: QColor | None = None) -> None:
    """The style's shape, filled in its colour (a ring: hollow), a white rim to part it from
    the line under it."""
    colour = colour or QColor(style.colour)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    r = size / 2 - 1
    x, y = centre.x(), centre.y()
    if style.marker == "ring":
        painter.setPen(QPen(colour, 2))
        painter.setBrush(QColor("white"))
        painter.drawEllipse(centre, r - 0.5, r - 0.5)
    elif style.marker == "cross":
        painter.setPen(QPen(colour, 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        # Upright, as reportlab's FilledCross in the report.
        painter.drawLine(QPointF(x - r, y), QPointF(x + r, y))
        painter.drawLine(QPointF(x, y - r), QPointF(x, y + r))
    else:
        painter.setPen(QPen(QColor("white"), 1))
        painter.setBrush(colour)
        if style.marker == "circle":
            painter.drawEllipse(centre, r, r)
        elif style.marker == "square":
            painter.drawRect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7)
        else:
            points = ([(0, -r - 0.5), (r + 0.5, r * 0.8), (-r - 0.5, r * 0.8)]
                      if style.marker == "triangle" else [(0, -r - 1), (r + 1, 0), (0, r + 1),
                                                          (-r - 1, 0)])
            painter.drawPolygon(QPolygonF([QPointF(x + dx, y + dy) for dx, dy in points]))
    painter.restore()


def marker_image(style, colour: QColor | None = None, size: int = MARKER_SIZE + 2) -> QImage:
    """The marker as QXYSeries.setLightMarker draws it at every point."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    draw_marker(painter, style, QPointF(size / 2, size / 2), size - 2, colour)
    painter.end()
    return image
