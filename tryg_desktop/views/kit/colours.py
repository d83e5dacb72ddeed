"""The app's colours, one owner (issue 14 point 4). Each role names what a colour means; views
ask for a role (`colour(ERROR_TEXT)`, `text_style(WARNING_TEXT)`), and resources/style.qss
writes roles as `@role_name`, filled in by `style_sheet()`.

Text on the window or a field's base follows the system: plain text keeps the palette's own
colours, and muted text is derived from them (`muted_text`), so Windows' contrast themes and
dark mode decide. A role that carries meaning (red for an error) has a light and a dark value:
a red that reads 7:1 on white reads 2:1 on near-black. Which one applies follows the palette's
window lightness. Every pair is checked against WCAG 2.1 AA by tests/gui/test_contrast.py."""

from __future__ import annotations

import re
from typing import NamedTuple

from PySide6.QtGui import QColor, QPalette


class Role(NamedTuple):
    light: str  # on the light palette (Fusion's, Windows' default)
    dark: str  # on a dark palette (Windows' dark mode, a dark desktop theme)


# Text on the window or base. Muted text (captions, hints, a cancelled record) is derived
# from the palette's own text colour: see muted_text().
MUTED_TEXT = Role("palette", "palette")
ERROR_TEXT = Role("#b00020", "#ff8a80")
SUCCESS_TEXT = Role("#1b6e20", "#81c784")
WARNING_TEXT = Role("#8a4b00", "#ffb74d")
ACCENT_TEXT = Role("#1f5f8b", "#8cc4ec")  # the Oversigt's card figures
LINK_TEXT = Role("#1565c0", "#90caf9")  # "I dag" in an effort's timeline
WEEKEND_TEXT = Role("#c00000", "#ff8a80")  # a calendar's Saturdays and Sundays (Qt's red: 4.0:1)
# A banner or a notice box: its own background, so its own text colour.
BANNER_BACKGROUND = Role("#fff4ce", "#3d3200")
BANNER_TEXT = Role("#3b2f00", "#fff4ce")
BANNER_BORDER = Role("#d9c27a", "#7a6a2a")  # decoration: the text needs no border to read
# The navigation is the app's own dark panel in every theme: its pairs are fixed, and the
# selected item is also marked by a bar at its edge, not by a lighter blue alone.
NAVIGATION_BACKGROUND = Role("#1f3b52", "#1f3b52")
NAVIGATION_TEXT = Role("#e8eef3", "#e8eef3")
NAVIGATION_HOVER = Role("#29506e", "#29506e")
NAVIGATION_SELECTED = Role("#236a9c", "#236a9c")
NAVIGATION_SELECTED_TEXT = Role("#ffffff", "#ffffff")
# QtCharts draws on its own white background (the light chart theme) in every palette.
CHART_BACKGROUND = Role("#ffffff", "#ffffff")
CHART_GRID = Role("#e3e7ec", "#e3e7ec")
CHART_LABEL = Role("#5a5a5a", "#5a5a5a")
# The month view (Møder), drawn by hand as Outlook draws it.
CALENDAR_TEXT = Role("#1a1a1a", "#eeeeee")
CALENDAR_MUTED_TEXT = Role("#5f5f5f", "#b0b0b0")
CALENDAR_WEEKEND = Role("#f1f1f1", "#2a2d31")
CALENDAR_OTHER_MONTH = Role("#f8f8f8", "#202326")
CALENDAR_ENTRY = Role("#dde9f7", "#1f3b52")  # a meeting's block
CALENDAR_ENTRY_BAR = Role("#2f6db5", "#7fb2e5")  # its edge, and today's date
CALENDAR_CANCELLED = Role("#ececec", "#333333")

ROLES = {name.lower(): value for name, value in globals().items() if isinstance(value, Role)}

MUTED_SHARE = 0.4  # how far muted text moves from the text colour towards the background
TEXT_MINIMUM, CONTROL_MINIMUM = 4.5, 3.0  # WCAG 2.1 AA: text; controls and focus


# -- WCAG 2.1 -----------------------------------------------------------------------------------
def luminance(colour: QColor) -> float:
    """Relative luminance as WCAG 2.1 defines it (sRGB, 0 for black to 1 for white)."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


def contrast(first: QColor | str, second: QColor | str) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((luminance(_as_colour(first)), luminance(_as_colour(second))),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# -- roles --------------------------------------------------------------------------------------
def is_dark(palette: QPalette | None = None) -> bool:
    return _palette(palette).color(QPalette.ColorRole.Window).lightness() < 128


def colour(role: Role, palette: QPalette | None = None) -> QColor:
    if role is MUTED_TEXT:
        return muted_text(palette)
    return QColor(role.dark if is_dark(palette) else role.light)


def text_style(role: Role, palette: QPalette | None = None) -> str:
    """A label's style sheet in the role's colour: "color: #b00020;"."""
    return f"color: {colour(role, palette).name()};"


def muted_text(palette: QPalette | None = None) -> QColor:
    """Captions, hints and inactive records: the palette's text moved 40 % towards the
    background, so it follows the system's theme. On the light palette that is #666666:
    5.7:1 on white, 5.0:1 on the window grey (Fusion's palette(dark), used before, gave 2.6:1)."""
    palette = _palette(palette)
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    return _mix(text, base, MUTED_SHARE)


def focus_colour(palette: QPalette | None = None) -> QColor:
    """The focus frame: the palette's highlight where it stands out 3:1 from the window,
    else the window's text colour (a pale highlight in some themes)."""
    palette = _palette(palette)
    window = palette.color(QPalette.ColorRole.Window)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    if contrast(highlight, window) >= CONTROL_MINIMUM:
        return highlight
    return palette.color(QPalette.ColorRole.WindowText)


def readable_palette(palette: QPalette) -> QPalette:
    """The palette with selected rows 4.5:1 (Fusion's #308cc6 under white text gives 3.69:1):
    the highlight is darkened (or lightened, under dark text) only as far as needed, in the
    active and the inactive group; and placeholder text in the muted colour (Qt's default is
    the text at half opacity, 4.0:1). Changes the palette given (app.palette() is a copy):
    PySide's first QPalette copy costs 50 ms of start-up."""
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        text = palette.color(group, QPalette.ColorRole.HighlightedText)
        highlight = palette.color(group, QPalette.ColorRole.Highlight)
        towards = QColor("black") if luminance(text) > 0.5 else QColor("white")
        share = 0.0
        while contrast(text, highlight) < TEXT_MINIMUM and share < 1.0:
            share += 0.05
            highlight = _mix(palette.color(group, QPalette.ColorRole.Highlight), towards, share)
        palette.setColor(group, QPalette.ColorRole.Highlight, highlight)
        muted = _mix(palette.color(group, QPalette.ColorRole.Text),
                     palette.color(group, QPalette.ColorRole.Base), MUTED_SHARE)
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, muted)
    return palette


def style_sheet(template: str, palette: QPalette | None = None) -> str:
    """style.qss with its @roles filled in for this palette (and @focus, the focus frame's)."""
    values = {name: colour(role, palette).name() for name, role in ROLES.items()}
    values["focus"] = focus_colour(palette).name()

    def value(match: re.Match) -> str:
        return values[match.group(1)]  # a KeyError names a role style.qss misspelt

    return re.sub(r"@([a-z_]+)", value, template)


def _as_colour(value: QColor | str) -> QColor:
    return value if isinstance(value, QColor) else QColor(value)


def _mix(first: QColor, second: QColor, share: float) -> QColor:
    """`first` moved `share` (0 to 1) of the way towards `second`."""
    def channel(a: int, b: int) -> int:
        return round(a + (b - a) * share)  # whole 8-bit steps: the colour a screen shows

    return QColor(channel(first.red(), second.red()), channel(first.green(), second.green()),
                  channel(first.blue(), second.blue()))


def _palette(palette: QPalette | None) -> QPalette:
    if palette is not None:
        return palette
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.palette()


def readable_weekends(calendar) -> None:
    """A QCalendarWidget's weekend names and dates in WEEKEND_TEXT instead of Qt's pure red."""
    from PySide6.QtCore import Qt

    for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
        text_format = calendar.weekdayTextFormat(day)
        text_format.setForeground(colour(WEEKEND_TEXT))
        calendar.setWeekdayTextFormat(day, text_format)


def hex_of(role: Role, palette: QPalette | None = None) -> str:
    """'#b00020', for a style sheet or a <span style='color: …'> in rich text."""
    return colour(role, palette).name()


def muted_style(palette: QPalette | None = None) -> str:
    return f"color: {muted_text(palette).name()};"


def notice_style(padding: int = 6) -> str:
    """A yellow box with a notice (a possible duplicate, a colleague's change): its text in
    the banner's own colour, not the palette's (white text on pale yellow in dark mode)."""
    return (f"background: {hex_of(BANNER_BACKGROUND)}; color: {hex_of(BANNER_TEXT)}; "
            f"border: 1px solid {hex_of(BANNER_BORDER)}; border-radius: 3px; "
            f"padding: {padding}px;")
