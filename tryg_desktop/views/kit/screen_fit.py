"""A window's size, kept within the screen it opens on.

A coordinator's office PC has 1366×768 less a taskbar, and a laptop at 150 % scaling has about
1280×680 to give: a window sized for a larger screen opened with its buttons below the edge.
Every window and dialog gets its size through here; `available_area` is the one place that asks
the screen (tests replace it to stand in for a small screen)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = 40  # the title bar and frame that the window manager adds around a window


def available_area(widget: QWidget) -> QRect | None:
    """The screen area a window may use (without the taskbar), in logical pixels."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def room(widget: QWidget) -> QSize | None:
    """The largest size of a window's contents that, with its frame, fits on the screen."""
    area = available_area(widget)
    if area is None:
        return None
    return QSize(area.width() - FRAME // 2, area.height() - FRAME)


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to width×height, or as much of it as the available screen area holds."""
    space = room(widget)
    if space is not None:
        width = min(width, space.width())
        height = min(height, space.height())
    widget.resize(width, height)


def fit_within_screen(widget: QWidget) -> None:
    """Shrink a window that has grown (or was laid out) beyond the screen back into it."""
    resize_within_screen(widget, widget.width(), widget.height())


def height_within_screen(widget: QWidget, height: int) -> int:
    """height, or the most the screen has room for."""
    space = room(widget)
    return height if space is None else min(height, space.height())
