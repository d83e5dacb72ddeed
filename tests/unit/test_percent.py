"""Percentages as a reader rounds them: half up (5 of 8 is 63 %, not Python's 62 %)."""

import pytest

from tryg_desktop import l10n
from tryg_desktop.reports import chart_terms


@pytest.mark.parametrize("part, whole, expected", [
    (5, 8, "63\u00a0%"), (1, 8, "13\u00a0%"), (3, 8, "38\u00a0%"), (1, 3, "33\u00a0%"),
    (2, 3, "67\u00a0%"), (1, 200, "1\u00a0%"), (0, 8, "0\u00a0%"), (8, 8, "100\u00a0%"),
    (0, 0, "–"),
])
def test_percent_of_counts(part, whole, expected):
    assert l10n.percent(part, whole) == expected


@pytest.mark.parametrize("rate, expected", [(0.625, 63), (0.125, 13), (0.145, 15),
                                            (0.005, 1), (0.0049, 0), (1.0, 100)])
def test_rates_round_half_up(rate, expected):
    assert l10n.rate_percent(rate) == expected
    assert round(0.625 * 100) == 62  # why: Python's round() rounds half to even


def test_chart_and_report_figures_round_half_up():
    assert chart_terms.percent(5 / 8) == "63 %"
    assert chart_terms.percent(None) == "–"
