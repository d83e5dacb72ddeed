"""The words of a comparison (services/safety/comparison.Comparison) as the effort page and the
place page show them: before and after in the same calendar months, the comparison's change,
the net difference and the word on chance."""

from __future__ import annotations

from html import escape

from tryg_desktop import l10n
from tryg_desktop.views.kit.colours import ERROR_TEXT, SUCCESS_TEXT, hex_of


def html(text: str) -> str:
    """& < > escaped (the Oversigt loads this module: not the list pages' kit for one line)."""
    return escape(text, quote=False)


def change_text(change: float | None) -> str:
    if change is None:
        return "–"
    percent = l10n.rate_percent(change)  # half up, as the report rounds
    return f"{'+' if percent > 0 else '−' if percent < 0 else '±'}{abs(percent)}\u00a0%"


def coloured_change(change: float | None) -> str:
    style = ("" if change is None or change == 0 else
             f"color: {hex_of(SUCCESS_TEXT if change < 0 else ERROR_TEXT)};")
    return f"<span style='{style}'>{change_text(change)}</span>"


def comparison_html(result) -> str:
    from tryg_desktop.services.safety.comparison import signed_percent

    months = result.windows.months
    change = None if result.change is None else result.change / 100
    return (
        f"Samme kalendermåneder året før ({l10n.format_integer(months)} hele "
        f"{'måned' if months == 1 else 'måneder'}; den løbende måned er ikke med).<br><br>"
        f"<b>Før:</b> {html(result.before_text)}: "
        f"<b>{l10n.format_integer(result.before)}</b> hændelser<br>"
        f"<b>Efter:</b> {html(result.after_text)}: "
        f"<b>{l10n.format_integer(result.after)}</b> hændelser<br>"
        f"<b>Ændring:</b> {coloured_change(change)} · {html(result.comparison_name)}: "
        f"{signed_percent(result.comparison_change)} "
        f"({l10n.format_integer(result.comparison_before)} → "
        f"{l10n.format_integer(result.comparison_after)})<br><br>"
        f"<b>{html(result.sentence)}</b><br>{html(result.chance.text)}")


def comparison_line_html(result) -> str:
    """The place page's short form: the months, the counts, the sentence and the chance."""
    return (f"<b>{html(result.after_text)}</b> mod samme måneder året før "
            f"({html(result.before_text)}): {l10n.format_integer(result.before)} → "
            f"{l10n.format_integer(result.after)} hændelser. <b>{html(result.sentence)}</b> "
            f"{html(result.chance.text)}")


def trend_line_html(trend) -> str:
    """The Oversigt's line: a place against the rest of the city (as on the place page), or
    the whole city against the same months a year before."""
    from tryg_desktop.services.safety.comparison import CityTrend

    if isinstance(trend, CityTrend):
        w = trend.windows
        return (f"<b>{html(w.after_text)}</b> mod samme måneder året før "
                f"({html(w.before_text)}): {html(trend.sentence)}")
    return comparison_line_html(trend)

