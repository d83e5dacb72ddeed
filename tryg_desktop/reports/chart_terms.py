"""What the charts share on paper (reports/charts.py, reportlab) and on screen
(views/safety/dashboard_charts.py, QtCharts): colours, Danish labels and the words for empty data.
No reportlab here: the Oversigt imports this at start-up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# One palette for every chart: a municipal blue first, then calm, distinguishable colours.
PALETTE = ["#1f4e79", "#e08a3c", "#5a9e6f", "#c0504d", "#8064a2", "#4bacc6", "#b3a369",
           "#7f7f7f", "#d48fb5"]
BEFORE, AFTER = "#a9b6c4", PALETTE[0]
INVITED = "#c9d8e8"
OTHERS = "#8c8c8c"
OTHER_PLACES = "Øvrige steder"  # as services/safety/statistics.py names the rest
OTHER_CATEGORIES = "Øvrige kategorier"
NO_EPISODES = "Ingen hændelser i perioden"
PREVIOUS_YEAR = "Samme måned året før"  # the monthly chart's second series (Oversigt, report)
NO_ACTIONS = "Ingen handlinger oprettet i perioden"
NO_MEETINGS = "Ingen afholdte møder med deltagere i perioden"


# --- series styles: one owner for paper (reportlab) and screen (QtCharts) ----------------------
# A grey print or a colour-blind reader loses the hues, so every series also differs in
# something that survives: a line in its dash and marker, a stacked bar in its lightness.


@dataclass(frozen=True)
class LineStyle:
    colour: str
    dash: tuple[float, ...]  # on/off lengths in line widths; () is solid
    marker: str  # circle, square, triangle, diamond, cross, ring (a hollow circle)


PLACE_STYLES = (
    LineStyle(PALETTE[0], (), "circle"),
    LineStyle(PALETTE[1], (5, 2), "square"),
    LineStyle(PALETTE[2], (1, 1.5), "triangle"),
    LineStyle(PALETTE[3], (5, 2, 1, 2), "diamond"),
    LineStyle(PALETTE[4], (8, 2, 1, 2, 1, 2), "cross"),
)
# "Øvrige steder" grey and short-dashed: a sum of many places, not a place to compare with.
OTHER_PLACES_STYLE = LineStyle(OTHERS, (2, 1.5), "ring")


def place_style(index: int, name: str) -> LineStyle:
    return OTHER_PLACES_STYLE if name == OTHER_PLACES else PLACE_STYLES[index % len(PLACE_STYLES)]


# Stacked category bars, bottom (busiest) to top: dark to light, ≥ 12 L* apart, so the stack
# reads in grey as it does in colour; "Øvrige kategorier" on top in a light grey.
CATEGORY_FILLS = ("#173a5c", "#b03f3c", "#d9782a", "#eab446")  # L* 24, 43, 60, 76
OTHER_CATEGORIES_FILL = "#e0e0e0"  # L* 89
MOST_CATEGORIES = len(CATEGORY_FILLS)  # more would be more than a reader can follow


def category_series(by_category: dict[str, list[int]], labels: dict[str, str]
                    ) -> list[tuple[str, list[int], str]]:
    """(label, values per month, fill), bottom of the stack first: the busiest categories of
    the period, and when more occur, "Øvrige kategorier" summing the rest month by month.
    Ties keep the vocabulary's order."""
    present = [(c, v) for c, v in by_category.items() if any(v)]
    ranked = sorted(present, key=lambda item: -sum(item[1]))  # stable: ties keep order
    busiest, rest = ranked[:MOST_CATEGORIES], ranked[MOST_CATEGORIES:]
    series = [(labels.get(c, c), list(v), CATEGORY_FILLS[i]) for i, (c, v) in enumerate(busiest)]
    if rest:
        summed = [sum(values) for values in zip(*(v for _, v in rest))]
        series.append((OTHER_CATEGORIES, summed, OTHER_CATEGORIES_FILL))
    return series


def lightness(colour: str) -> float:
    """CIE L* (0 black – 100 white) of '#rrggbb': how light it prints in grey."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def month_label(month: dt.date) -> str:
    """'jan 26', 'maj 26': babel's Danish abbreviation without its full stop."""
    from babel.dates import format_date

    name = format_date(month, "LLL", locale="da_DK").rstrip(".")
    return f"{name} {month:%y}"


def running_label(month: dt.date, through: dt.date) -> str:
    """'dec. t.o.m. 3.': the running month on the report's axes and in its tables (as
    statistics.month_text and the CSV say it), so a part month never reads as a fall."""
    from tryg_desktop.services.safety.statistics import month_text

    return month_text(month, through)


def paler(colour: str, amount: float = 0.6) -> str:
    """The colour mixed with white: the running month's bars and points. In grey it prints
    as a lighter shade of the same series."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in (r, g, b))


def number(value: float) -> str:
    """'1.234' (Danish thousands)."""
    return f"{value:,.0f}".replace(",", ".")


def percent(rate: float | None) -> str:
    """'63 %' for 0.625: rounded half up, as a reader rounds (Python's round() gives 62)."""
    from tryg_desktop.l10n import rate_percent

    return "–" if rate is None else f"{rate_percent(rate)} %"


def span(first: dt.date, last: dt.date) -> str:
    from tryg_desktop import l10n

    return f"{l10n.format_date(first, 'short')}–{l10n.format_date(last, 'short')}"
