"""A window's first size, kept within the screen it opens on.

A coordinator's office PC has 1366×768 less a taskbar, and a laptop at 150 % scaling has about
1280×680 to give: a window sized for a larger screen opened with its buttons below the edge."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = 40  # the title bar and frame that the window manager adds around a window


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to width×height, or as much of it as the available screen area holds."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() - FRAME // 2)
        height = min(height, area.height() - FRAME)
    widget.resize(width, height)
