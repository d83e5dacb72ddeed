"""A window's size, kept within the screen it opens on.

A coordinator's office PC has 1366×768 less a taskbar, and a laptop at 150 % scaling has about
1280×680 to give: a window sized for a larger screen opened with its buttons below the edge.
Every window and dialog gets its size through here; `available_area` is the one place that asks
the screen (tests replace it to stand in for a small screen)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
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


def screen_key(widget: QWidget) -> str:
    """Which screen a size was chosen on, by its available area: "1366x728"."""
    area = available_area(widget)
    return "any" if area is None else f"{area.width()}x{area.height()}"


class _SizeKeeper(QObject):
    """Writes a window's size when it closes, under the screen it was on."""

    def __init__(self, widget: QWidget, name: str, settings) -> None:
        super().__init__(widget)
        self.name, self.settings = name, settings
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Hide and not event.spontaneous():
            from tryg_desktop import settings as S

            self.settings.set(S.window_size(self.name, screen_key(watched)), watched.size())
        return False


def remember_size(widget: QWidget, name: str, width: int, height: int, settings=None) -> None:
    """The size the user last left this window at on this screen, else width×height; within
    the screen either way, and kept when the window closes. settings: the app's by default."""
    from tryg_desktop import settings as S

    settings = settings if settings is not None else S.Settings()
    kept = settings.get(S.window_size(name, screen_key(widget)))
    if kept.isValid() and not kept.isEmpty():
        width, height = kept.width(), kept.height()
    resize_within_screen(widget, width, height)
    _SizeKeeper(widget, name, settings)
