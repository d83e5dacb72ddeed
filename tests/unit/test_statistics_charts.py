"""The charts: Danish labels, legends, words instead of an empty plot."""

import datetime as dt

from reportlab.graphics.shapes import Group, String

from tryg_desktop.reports import charts as C
from tryg_desktop.services.safety import statistics as S

D = dt.date
MONTHS = [D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1)]


def monthly(total=(3, 0, 1, 4, 2)):
    by_category = {c: [0] * 5 for c in S.CATEGORIES}
    by_category["råben"] = [2, 0, 1, 3, 2]
    by_category["affald"] = [1, 0, 0, 1, 0]
    return S.MonthlyEpisodes(MONTHS, list(total), by_category,
                             {"Kildeparken": [2, 0, 1, 2, 1], "Øvrige steder": [1, 0, 0, 2, 1]})


def strings(drawing) -> list[str]:
    """Every string the drawing draws, its chart widgets expanded into shapes."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, String):
            found.append(node.text)
        elif isinstance(node, Group):
            for child in node.contents:
                walk(child)
        elif hasattr(node, "provideNode"):  # a chart, axis or label widget: its shapes
            walk(node.provideNode())

    walk(drawing)
    return found


def text_of(drawing) -> str:
    """The strings one a line: what a reader of the chart sees, to search in."""
    return "\n".join(strings(drawing))


def test_month_labels_are_danish():
    assert [C.month_label(m) for m in MONTHS] == ["jan 26", "feb 26", "mar 26", "apr 26",
                                                  "maj 26"]
    assert C.month_label(D(2025, 10, 1)) == "okt 25"


def test_charts_carry_month_names_and_danish_legends():
    text = text_of(C.episodes_chart(monthly(), 480, 200, "Hændelser pr. måned"))
    assert "Hændelser pr. måned" in text and "maj 26" in text
    assert "4" in strings(C.episodes_chart(monthly(), 480, 200))  # the bar's figure
    text = text_of(C.category_chart(monthly()))
    assert "Råben og skænderi" in text and "Efterladt affald eller kanyler" in text
    assert "Hærværk" not in text  # only categories that occur get a legend entry
    text = text_of(C.place_chart(monthly()))
    assert "Kildeparken" in text and "Øvrige steder" in text and "apr 26" in text


def test_empty_data_says_so_in_words():
    empty = S.MonthlyEpisodes(MONTHS, [0] * 5, {c: [0] * 5 for c in S.CATEGORIES}, {})
    for build in (C.episodes_chart, C.category_chart, C.place_chart):
        assert C.NO_EPISODES in text_of(build(empty))
    assert C.NO_EPISODES in text_of(C.episodes_chart(S.MonthlyEpisodes([], [], {}, {})))
    assert C.NO_ACTIONS in text_of(C.completion_chart([]))
    assert C.NO_MEETINGS in text_of(C.attendance_chart([]))
    nothing = S.BeforeAfter(1, D(2026, 3, 1), 0, D(2026, 3, 1), D(2026, 2, 28), D(2026, 3, 1),
                            D(2026, 2, 28), 0, 0, {}, {}, None)
    assert C.NO_EPISODES in text_of(C.before_after_chart(nothing))


def test_before_after_completion_and_attendance_labels():
    b = S.BeforeAfter(1, D(2026, 3, 1), 61, D(2025, 12, 30), D(2026, 2, 28), D(2026, 3, 1),
                      D(2026, 4, 30), 5, 3, {"råben": 3, "konflikt": 2},
                      {"råben": 2, "konflikt": 1}, -0.4)
    text = text_of(C.before_after_chart(b))
    assert "Før: 30.12.2025–28.02.2026 (5)" in text
    assert "Efter: 01.03.2026–30.04.2026 (3)" in text
    assert "Konflikt eller vold" in text
    rows = [S.Completion("Kildeparkens Tryghedsforum", 4, 1, 2, 1, 1, 1 / 3),
            S.Completion("Netværk Midtby", 2, 0, 0, 0, 2, None)]
    text = text_of(C.completion_chart(rows))
    assert "33 % (1 af 3)" in text and "ingen at udføre" in text and "100 %" in text
    rows = [S.Attendance("kommune", "Kommune", 1200, 900, 0.75),
            S.Attendance("privatperson", "Privatperson (beboer)", 2, 1, 0.5)]
    text = text_of(C.attendance_chart(rows))
    assert "1.200" in text and "900 (75 %)" in text and "Privatperson (beboer)" in text
    assert "Inviteret" in text and "Deltog" in text


def test_long_periods_thin_out_the_month_labels():
    months = S.month_starts(D(2024, 1, 1), D(2026, 12, 31))
    m = S.MonthlyEpisodes(months, [1] * 36, {"råben": [1] * 36}, {})
    drawn = strings(C.episodes_chart(m, 480, 200))
    shown = [C.month_label(x) for x in months if C.month_label(x) in drawn]
    assert "jan 24" in shown and 6 <= len(shown) < 36


def test_each_place_has_its_own_marker_for_a_grey_print():
    """On a grey print the places' lines had one marker and near-equal greys: now each has
    its own shape, in the plot and in the legend."""
    places = {f"Sted {n}": [n, 1, 2, 3, n] for n in range(5)}
    places["Øvrige steder"] = [1, 1, 1, 1, 1]
    drawing = C.place_chart(S.MonthlyEpisodes(MONTHS, [0] * 5, {}, places))
    chart = next(node for node in drawing.contents if hasattr(node, "lines"))
    kinds = [chart.lines[i].symbol.kind for i in range(len(places))]
    assert len(set(kinds)) == len(places), kinds
    legend = [node for node in drawing.contents if getattr(node, "kind", None)]
    assert [m.kind for m in legend] == kinds
