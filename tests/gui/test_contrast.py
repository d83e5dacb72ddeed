"""Contrast and colour (issue 14 point 4) and the focus indicator (point 2): every text and
background pair the app's style defines is 4.5:1 or more, controls and focus 3:1 (WCAG 2.1 AA),
on the light palette and on a dark one; the focus ring is 2 px; overdue actions are marked in
words, not by red alone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QListWidget,
    QStyleFactory,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop.paths import RESOURCES
from tryg_desktop.views.kit import colours as C
from tryg_desktop.views.kit.colours import contrast

TEXT, CONTROL = C.TEXT_MINIMUM, C.CONTROL_MINIMUM


# -- the WCAG formula ---------------------------------------------------------------------------
@pytest.mark.parametrize("first, second, expected", [
    ("#000000", "#ffffff", 21.0),
    ("#ffffff", "#ffffff", 1.0),
    ("#777777", "#ffffff", 4.48),  # the classic just-too-light grey
    ("#767676", "#ffffff", 4.54),  # and the lightest grey that passes
    ("#ffffff", "#308cc6", 3.69),  # the selected rows the issue measured
    ("#ffffff", "#2f7fb5", 4.35),  # the selected navigation item it measured
])
def test_contrast_ratio_per_wcag(first, second, expected):
    assert contrast(first, second) == pytest.approx(expected, abs=0.01)
    assert contrast(second, first) == pytest.approx(expected, abs=0.01)


# -- the palettes the app meets -----------------------------------------------------------------
def light_palette() -> QPalette:
    """Fusion's own palette: what the app gets on Linux, and close to Windows' light theme."""
    return QStyleFactory.create("Fusion").standardPalette()


def dark_palette() -> QPalette:
    """A dark theme as Windows' dark mode gives it (Qt 6.5+ follows it)."""
    palette = QPalette(QColor("#1e1e1e"))
    for role, value in ((QPalette.ColorRole.Window, "#202020"),
                        (QPalette.ColorRole.WindowText, "#ffffff"),
                        (QPalette.ColorRole.Base, "#2d2d2d"), (QPalette.ColorRole.Text, "#ffffff"),
                        (QPalette.ColorRole.Highlight, "#0078d4"),
                        (QPalette.ColorRole.HighlightedText, "#ffffff")):
        palette.setColor(role, QColor(value))
    return palette


def windows_light_palette() -> QPalette:
    """Windows' light theme with a darker accent colour: a system blue that already reads is
    to be kept, not darkened (Windows' default #0078d7 is 4.50:1, on the edge)."""
    palette = light_palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#0063b1"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    return palette


PALETTES = {"light": light_palette, "dark": dark_palette, "windows": windows_light_palette}


def palette_colour(palette: QPalette, role: QPalette.ColorRole) -> QColor:
    return palette.color(QPalette.ColorGroup.Active, role)


# -- the pairs: (name, foreground, background, minimum) for one palette -------------------------
def qss_rules(palette: QPalette) -> dict[str, dict[str, str]]:
    """style.qss as the app loads it, {selector: {property: value}}."""
    sheet = C.style_sheet((RESOURCES / "style.qss").read_text(encoding="utf-8"), palette)
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    rules = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        props = dict((k.strip(), v.strip()) for k, v in
                     (p.split(":", 1) for p in body.split(";") if ":" in p))
        for selector in selectors.split(","):
            rules[selector.strip()] = props
    return rules


def qss_colour(value: str, palette: QPalette) -> QColor:
    named = re.fullmatch(r"palette\(([a-z-]+)\)", value)
    if named:
        role = "".join(part.capitalize() for part in named.group(1).split("-"))
        return palette_colour(palette, getattr(QPalette.ColorRole, role))
    return QColor(value.split()[-1])  # "4px solid #ffffff" -> its colour


def qss_pairs(palette: QPalette) -> list[tuple[str, QColor, QColor, float]]:
    """Every rule that sets a colour, against the background it sets or inherits from the
    widget's rule (the part before '::'); a label on no background of its own is checked on
    both the window and a field's base. A left border (the navigation's selection bar) is a
    state indicator: 3:1 against the background around it."""
    rules = qss_rules(palette)
    window = palette_colour(palette, QPalette.ColorRole.Window)
    base = palette_colour(palette, QPalette.ColorRole.Base)
    pairs = []
    for selector, props in rules.items():
        owner = rules.get(selector.split("::")[0], {})
        text = props.get("color", owner.get("color"))
        background = props.get("background", owner.get("background"))
        if text is None or ("color" not in props and "background" not in props):
            continue
        grounds = ([("", qss_colour(background, palette))] if background
                   else [(" on window", window), (" on base", base)])
        for where, ground in grounds:
            pairs.append((f"qss {selector}{where}", qss_colour(text, palette), ground, TEXT))
        if "border-left" in props:
            pairs.append((f"qss {selector} bar", qss_colour(props["border-left"], palette),
                          qss_colour(owner["background"], palette), CONTROL))
    assert len(pairs) >= 6, "style.qss was not parsed"
    return pairs


def role_pairs(palette: QPalette) -> list[tuple[str, QColor, QColor, float]]:
    def c(role):
        return C.colour(role, palette)

    window = palette_colour(palette, QPalette.ColorRole.Window)
    base = palette_colour(palette, QPalette.ColorRole.Base)
    pairs = []
    for name in ("error_text", "success_text", "warning_text", "accent_text", "link_text",
                 "weekend_text", "muted_text"):
        for where, ground in (("window", window), ("base", base)):
            pairs.append((f"{name} on {where}", c(C.ROLES[name]), ground, TEXT))
    pairs += [
        ("banner text", c(C.BANNER_TEXT), c(C.BANNER_BACKGROUND), TEXT),
        ("navigation text", c(C.NAVIGATION_TEXT), c(C.NAVIGATION_BACKGROUND), TEXT),
        ("navigation hover", c(C.NAVIGATION_TEXT), c(C.NAVIGATION_HOVER), TEXT),
        ("navigation selected", c(C.NAVIGATION_SELECTED_TEXT), c(C.NAVIGATION_SELECTED), TEXT),
        ("chart labels", c(C.CHART_LABEL), c(C.CHART_BACKGROUND), TEXT),
        # A date field's red frame when its date is impossible: a control's boundary.
        ("error frame on base", c(C.ERROR_TEXT), base, CONTROL),
    ]
    for ground_name, ground in (("base", base), ("weekend", c(C.CALENDAR_WEEKEND)),
                                ("other month", c(C.CALENDAR_OTHER_MONTH))):
        pairs += [(f"calendar date on {ground_name}", c(C.CALENDAR_TEXT), ground, TEXT),
                  (f"calendar muted on {ground_name}", c(C.CALENDAR_MUTED_TEXT), ground, TEXT),
                  (f"calendar today on {ground_name}", c(C.CALENDAR_ENTRY_BAR), ground, TEXT)]
    pairs += [("calendar meeting", c(C.CALENDAR_TEXT), c(C.CALENDAR_ENTRY), TEXT),
              ("calendar cancelled", c(C.CALENDAR_MUTED_TEXT), c(C.CALENDAR_CANCELLED), TEXT)]
    return pairs


def palette_pairs(palette: QPalette) -> list[tuple[str, QColor, QColor, float]]:
    """What the app sets in the palette itself (colours.readable_palette) and the focus ring."""
    readable = C.readable_palette(palette)
    pairs = []
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        pairs.append((f"selected rows ({group.name})",
                      readable.color(group, QPalette.ColorRole.HighlightedText),
                      readable.color(group, QPalette.ColorRole.Highlight), TEXT))
    for where in ("Window", "Base"):
        ground = readable.color(getattr(QPalette.ColorRole, where))
        pairs.append((f"focus ring on {where.lower()}", C.focus_colour(readable), ground, CONTROL))
    pairs.append(("placeholder text on base", readable.color(QPalette.ColorRole.PlaceholderText),
                  readable.color(QPalette.ColorRole.Base), TEXT))
    return pairs


# The pairs are named at collection, which needs colours and a style: the application object
# pytest-qt would create for the first test is created here instead (it takes the existing one).
QApplication.instance() or QApplication([])
ALL_PAIRS = [(f"{name} [{palette_name}]", fg, bg, minimum)
             for palette_name, make in PALETTES.items()
             for name, fg, bg, minimum in qss_pairs(make()) + role_pairs(make())
             + palette_pairs(make())]


@pytest.mark.parametrize("name, foreground, background, minimum", ALL_PAIRS,
                         ids=[pair[0] for pair in ALL_PAIRS])
def test_every_colour_pair_meets_wcag_aa(name, foreground, background, minimum):
    ratio = contrast(foreground, background)
    assert ratio >= minimum, (f"{name}: {foreground.name()} on {background.name()} is "
                              f"{ratio:.2f}:1, needs {minimum}:1")


def test_the_pairs_the_issue_found_would_fail():
    """The check tells the old colours from the new ones: Fusion's palette(dark) for card
    captions, palette(mid) for the place dialog's hint, the old selected navigation item and
    Fusion's own selected rows all fall below 4.5:1."""
    fusion = light_palette()
    base = fusion.color(QPalette.ColorRole.Base)
    assert contrast(fusion.color(QPalette.ColorRole.Dark), base) < TEXT
    assert contrast(fusion.color(QPalette.ColorRole.Mid), fusion.color(QPalette.ColorRole.Window)) < TEXT
    assert contrast("#ffffff", "#2f7fb5") < TEXT
    assert contrast(fusion.color(QPalette.ColorRole.HighlightedText),
                    fusion.color(QPalette.ColorRole.Highlight)) < TEXT


def test_readable_palette_keeps_a_system_highlight_that_already_reads():
    windows = windows_light_palette()
    assert C.readable_palette(windows).color(QPalette.ColorRole.Highlight) == QColor("#0063b1")
    darkened = C.readable_palette(light_palette()).color(QPalette.ColorRole.Highlight)
    assert darkened != light_palette().color(QPalette.ColorRole.Highlight)
    assert contrast(darkened, "#ffffff") < TEXT + 0.5  # only as dark as needed: still blue


def test_roles_switch_to_their_dark_values_on_a_dark_palette():
    assert C.colour(C.ERROR_TEXT, light_palette()) == QColor(C.ERROR_TEXT.light)
    assert C.colour(C.ERROR_TEXT, dark_palette()) == QColor(C.ERROR_TEXT.dark)
    assert C.muted_text(dark_palette()).lightness() > 128


def test_no_role_left_unfilled_in_the_style_sheet():
    sheet = C.style_sheet((RESOURCES / "style.qss").read_text(encoding="utf-8"), light_palette())
    assert "@" not in sheet
    assert C.hex_of(C.NAVIGATION_SELECTED) in sheet


# -- the focus ring -----------------------------------------------------------------------------
@pytest.fixture
def ring(qapp):
    from tryg_desktop.views.kit import focus_ring

    tracker = focus_ring.install(qapp)
    yield tracker
    tracker.uninstall()


def navigation_like() -> QListWidget:
    """A control with a dark palette of its own (as the navigation): the ring around it is
    drawn on the window, so the window's palette must decide its colour."""
    listing = QListWidget()
    listing.addItems(["Oversigt", "Kontakter"])
    listing.setStyleSheet(f"background: {C.hex_of(C.NAVIGATION_BACKGROUND)}; "
                          f"color: {C.hex_of(C.NAVIGATION_TEXT)};")
    return listing


@pytest.mark.parametrize("make", [QLineEdit, lambda: QCheckBox("Kryds"), navigation_like],
                         ids=["line edit", "check box", "dark list"])
def test_focus_ring_is_two_pixels_and_3_to_1_around_the_focused_control(qtbot, ring, make):
    window = QWidget()
    window.setPalette(C.readable_palette(window.palette()))  # as the app sets it
    layout = QVBoxLayout(window)
    layout.setContentsMargins(20, 20, 20, 20)
    layout.setSpacing(12)
    first, second = QLineEdit(), make()
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(window)
    window.resize(300, 200)
    window.show()
    qtbot.waitActive(window)
    second.setFocus()
    qtbot.waitUntil(lambda: ring.frame().widget() is second and ring.frame().isVisible())

    image = window.grab().toImage()
    ratio = window.devicePixelRatioF()
    box = second.geometry()
    expected = C.focus_colour(window.palette())
    window_colour = window.palette().color(QPalette.ColorRole.Window)

    def pixel(x, y):
        return image.pixelColor(round(x * ratio), round(y * ratio))

    middle_x, middle_y = box.center().x(), box.center().y()
    for step in (1, 2):  # two pixels on every side, just outside the control
        for x, y in ((box.left() - step, middle_y), (box.right() + step, middle_y),
                     (middle_x, box.top() - step), (middle_x, box.bottom() + step)):
            assert pixel(x, y) == expected, (step, x, y, pixel(x, y).name())
    assert pixel(box.left() - 3, middle_y) == window_colour  # and no wider than that
    assert contrast(expected, window_colour) >= CONTROL

    first.setFocus()  # the ring follows the focus
    qtbot.waitUntil(lambda: ring.frame().widget() is first)
    image = window.grab().toImage()
    assert pixel(box.left() - 1, middle_y) == window_colour


def test_focus_ring_frames_a_date_edit_and_a_combo_box_whole(qtbot, ring):
    from PySide6.QtWidgets import QComboBox, QDateEdit

    from tryg_desktop.views.kit.focus_ring import WIDTH, framed

    window = QWidget()
    layout = QVBoxLayout(window)
    date, combo = QDateEdit(), QComboBox(editable=True)
    layout.addWidget(date)
    layout.addWidget(combo)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitActive(window)
    for control in (date, combo):
        control.setFocus()
        qtbot.waitUntil(lambda: ring.frame().widget() is control)
        assert ring.frame().geometry() == control.geometry().adjusted(-WIDTH, -WIDTH,
                                                                      WIDTH, WIDTH)
    assert framed(window) is None  # a window (or a popup) gets no ring


def test_the_apps_look_installs_the_ring_the_palette_and_the_roles(qapp, qtbot):
    from tryg_desktop.app import apply_look

    sheet, palette = qapp.styleSheet(), qapp.palette()
    try:
        apply_look(qapp)
        assert "@" not in qapp.styleSheet() and "#cardCaption" in qapp.styleSheet()
        current = qapp.palette()
        assert contrast(current.color(QPalette.ColorRole.HighlightedText),
                        current.color(QPalette.ColorRole.Highlight)) >= TEXT
        # After the first paint, off the start-up path.
        qtbot.waitUntil(lambda: getattr(qapp, "focus_ring", None) is not None)
    finally:
        qtbot.waitUntil(lambda: getattr(qapp, "focus_ring", None) is not None)
        qapp.focus_ring.uninstall()
        del qapp.focus_ring
        qapp.setStyleSheet(sheet)
        qapp.setPalette(palette)


# -- not by colour alone ------------------------------------------------------------------------
def test_overdue_actions_are_marked_in_words_as_well_as_red(db, qtbot, prompts, settings):
    from tryg_desktop.services.meetings import actions as ACT
    from tryg_desktop.views.meetings.actions_page import ActionsPage

    today = dt.date.today()
    ACT.create(ACT.ActionInput(title="Ring til grundejerforeningen",
                               due=today - dt.timedelta(days=3)))
    ACT.create(ACT.ActionInput(title="Bestil lys til Ågade", due=today + dt.timedelta(days=10)))
    page = ActionsPage(prompts, settings)
    qtbot.addWidget(page)
    page.show()
    model = page.model
    header = page.table.horizontalHeader()
    for row in range(model.rowCount()):
        visible = [model.index(row, column).data() or "" for column in range(model.columnCount())
                   if not header.isSectionHidden(column)]
        red = model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
        overdue = model.row_at(row).is_overdue()
        assert red == overdue
        assert any("overskredet" in text for text in visible) == overdue, visible
        if red:
            window = QApplication.palette().color(QPalette.ColorRole.Base)
            assert contrast(model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole),
                            window) >= TEXT


# -- one owner ----------------------------------------------------------------------------------
def test_no_view_hard_codes_a_colour():
    """Colours come from views/kit/colours.py (and style.qss's @roles): a '#rrggbb', 'gray' or
    palette(dark) for text in a view's strings, or a colour in a Designer form, is one the
    contrast check above never sees."""
    import io
    import tokenize
    from pathlib import Path

    import tryg_desktop

    package = Path(tryg_desktop.__file__).parent
    pattern = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|\bgr[ae]y\b|palette\((dark|mid)\)")
    found = []
    for path in sorted((package / "views").rglob("*.py")):
        if path.name == "colours.py" or "forms" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.STRING and pattern.search(token.string):
                found.append(f"{path.relative_to(package)}:{token.start[0]} {token.string}")
    for form in sorted((package.parent / "ui").glob("*.ui")):
        text = form.read_text(encoding="utf-8")
        found += [f"{form.name}: {m.group(0)}" for m in pattern.finditer(text)]
    assert found == []
