"""What the charts share on paper (reports/charts.py, reportlab) and on screen
(views/safety/dashboard_charts.py, QtCharts): colours, Danish labels and the words for empty data.
No reportlab here: the Oversigt imports this at start-up."""

from __future__ import annotations

import datetime as dt

# One palette for every chart: a municipal blue first, then calm, distinguishable colours.
PALETTE = ["#1f4e79", "#e08a3c", "#5a9e6f", "#c0504d", "#8064a2", "#4bacc6", "#b3a369",
           "#7f7f7f", "#d48fb5"]
BEFORE, AFTER = "#a9b6c4", PALETTE[0]
INVITED = "#c9d8e8"
OTHERS = "#8c8c8c"
OTHER_PLACES = "Øvrige steder"  # as services/safety/statistics.py names the rest
NO_EPISODES = "Ingen hændelser i perioden"
NO_ACTIONS = "Ingen handlinger oprettet i perioden"
NO_MEETINGS = "Ingen afholdte møder med deltagere i perioden"


def month_label(month: dt.date) -> str:
    """'jan 26', 'maj 26': babel's Danish abbreviation without its full stop."""
    from babel.dates import format_date

    name = format_date(month, "LLL", locale="da_DK").rstrip(".")
    return f"{name} {month:%y}"


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
