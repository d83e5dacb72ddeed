"""The statusrapport the council reads (issue 15 point 7): page 1's sentences on a hand-made
city, an effort that works and a place that merely follows the city telling different stories,
the batch comparisons agreeing with comparison.py, and a long city fitting in 12 pages."""

import datetime as dt
from io import BytesIO

from pypdf import PdfReader

from tryg_desktop.db.place_models import Effort, EffortComparisonPlace, EffortPlace, Episode, Place
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services.safety import comparison
from tryg_desktop.services.safety import report_printing as R
from tryg_desktop.services.safety import statistics as S
from tryg_desktop.services.safety import status_comparisons
from tryg_desktop.services.safety.safety_terms import EPISODE_CATEGORIES

TODAY = dt.date(2026, 12, 4)
START, END = dt.date(2025, 12, 1), dt.date(2026, 11, 30)


def _months(first: dt.date, count: int) -> list[dt.date]:
    return [dt.date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 10)
            for i in range(count)]


def _place(name: str) -> int:
    return Place.create(name=name, sort_name=danish_sort_key(name)).id


def _episodes(rows: list[tuple[dt.date, int, str]]) -> None:
    data = [dict(occurred_on=day, place=place, category=category, severity=1,
                 time_band="aften") for day, place, category in rows]
    for first in range(0, len(data), 500):
        Episode.insert_many(data[first:first + 500]).execute()


def build_town():
    """Three places, on the 10th of every month from December 2024 to November 2026:
    Lyseparken 10 a month until its effort starts (7 February 2026), then 5 a month from March;
    Stille Torv 10 a month, then 9 a month from December 2025 (and 3 'trivsel' in June 2026);
    Travle Gade 20 a month, then 18. The city falls about 10 %; Lyseparken by half."""
    park, square, street = _place("Lyseparken"), _place("Stille Torv"), _place("Travle Gade")
    rows = []
    for n, day in enumerate(_months(dt.date(2024, 12, 1), 24)):
        later = n >= 12  # December 2025 on
        rows += [(day, park, "påvirket")] * (5 if day >= dt.date(2026, 3, 1) else 10)
        rows += [(day, square, "råben")] * (9 if later else 10)
        rows += [(day, street, "hærværk")] * (18 if later else 20)
    rows += [(dt.date(2026, 6, 12), square, "trivsel")] * 3
    _episodes(rows)
    effort = Effort.create(title="Lys i parken", strand="byrum", starts_on=dt.date(2026, 2, 7),
                           status="i gang", goal_change=-20, goal_due=dt.date(2027, 12, 31))
    EffortPlace.create(effort=effort, place=park)
    return park, square, street, effort.id


def report(scope=S.Scope(), start=START, end=END, today=TODAY):
    data = R.status_report_pdf_bytes(start, end, scope, header="Aalborg Kommune", today=today)
    reader = PdfReader(BytesIO(data))
    pages = [" ".join(p.extract_text().replace("\u00a0", " ").split()) for p in reader.pages]
    return pages


def test_page_one_tells_the_city_its_trend_goals_and_what_to_notice(db):
    build_town()
    first = report()[0]
    # 402 episodes against 480 the same days a year before: −16.25 %.
    assert ("I perioden er der registreret 402 hændelser i hele byen, mod 480 de samme dage "
            "året før: et fald på 16 %.") in first
    assert "402 Hændelser −16 % mod samme dage året før" in first
    # The goal: −20 % by 2027; March–November 2026 against 2025 at Lyseparken: 90 → 45,
    # the rest of the city 270 → 246 (−9 %), so on the way.
    assert ("Mål for Lys i parken: −20 % alle hændelser inden 31.12.2027. Resultat: −50 % "
            "(resten af byen −9 %): på vej.") in first
    assert ("Tydeligst: Lys i parken: Lyseparken −50 %, resten af byen −9 %: 41 procentpoint "
            "bedre end resten af byen. Forskellen er større end de tilfældige udsving, man kan "
            "forvente.") in first
    assert ("Bekymring for en borgers trivsel steg mest: 3 hændelser mod 0 de samme dage året "
            "før.") in first
    assert "Indhold" in first  # the contents follow on page 1


def test_the_effort_and_a_place_that_follows_the_city_tell_different_stories(db):
    park, square, _, effort = build_town()
    effort_page = report(S.Scope(effort_id=effort))[0]
    assert ("Bedre end resten af byen. mar.–nov. 2026 mod samme måneder året før "
            "(mar.–nov. 2025): fra 90 til 45 hændelser. Lyseparken −50 %, resten af byen −9 %: "
            "41 procentpoint bedre end resten af byen. Forskellen er større end de tilfældige "
            "udsving, man kan forvente.") in effort_page
    # Stille Torv: 120 → 111 (−8 %), the rest of the city 360 → 291 (−19 %). Eleven points
    # apart, but well within chance: the same development as the city, not an effect.
    place_page = report(S.Scope(place_id=square))[0]
    assert ("I perioden er der registreret 111 hændelser ved Stille Torv, mod 120 de samme dage "
            "året før: et fald på 8 %.") in place_page
    assert ("Samme udvikling som resten af byen. dec. 2025–nov. 2026 mod samme måneder året "
            "før (dec. 2024–nov. 2025): fra 120 til 111 hændelser. Stille Torv −8 %, resten af "
            "byen −19 %: 11 procentpoint dårligere end resten af byen. Forskellen kan skyldes "
            "tilfældigheder.") in place_page
    assert "Bedre end" not in place_page


def test_the_batch_comparisons_agree_with_comparison_py(db):
    park, square, street, effort = build_town()
    other = Effort.create(title="Torv og gade", strand="socialfaglig",
                          starts_on=dt.date(2025, 12, 1), ends_on=dt.date(2026, 9, 15),
                          status="i gang")
    for place in (square, street):
        EffortPlace.create(effort=other, place=place)
    chosen = Effort.create(title="Med sammenligningssteder", strand="samskabelse",
                           starts_on=dt.date(2026, 4, 1), status="i gang")
    EffortPlace.create(effort=chosen, place=street)
    EffortComparisonPlace.create(effort=chosen, place=square)
    bare = Effort.create(title="Uden steder", strand="byrum", starts_on=dt.date(2026, 5, 1),
                         status="i gang")
    fresh = Effort.create(title="Helt ny", strand="byrum", starts_on=dt.date(2026, 11, 20),
                          status="i gang")
    EffortPlace.create(effort=fresh, place=park)
    efforts = list(Effort.select())
    batch = status_comparisons.for_efforts(efforts, TODAY)
    for e in efforts:
        assert batch[e.id] == comparison.for_effort(e.id, TODAY), e.title
    assert batch[bare.id] is None and batch[fresh.id] is None
    assert batch[chosen.id].comparison_name == comparison.CHOSEN_PLACES
    names = {park: "Lyseparken", square: "Stille Torv", street: "Travle Gade"}
    months = status_comparisons.whole_months(dt.date(2025, 12, 15), dt.date(2026, 11, 30))
    assert months == (dt.date(2026, 1, 1), dt.date(2026, 11, 1))
    places = status_comparisons.for_places(names, TODAY, *months)
    for place in names:
        assert places[place] == comparison.for_place(place, TODAY, *months)
    assert status_comparisons.whole_months(dt.date(2026, 3, 2), dt.date(2026, 3, 30)) is None


def test_a_long_city_year_fits_in_twelve_pages(db):
    """200 efforts started in the year and 60 places, as the 20x data's shapes (the yearly
    report printed 71 pages there): the body names the busiest, the appendix a capped few."""
    places = [_place(f"Sted {n:02d}") for n in range(60)]
    categories = [key for key, _ in EPISODE_CATEGORIES]
    rows = []
    for i, place in enumerate(places):
        for n, day in enumerate(_months(dt.date(2024, 12, 1), 24)):
            for k in range(3 + (i + n) % 4):
                rows.append((day + dt.timedelta(days=k), place, categories[(i + k) % 8]))
    _episodes(rows)
    for n in range(200):
        effort = Effort.create(title=f"Indsats nummer {n:03d}", strand="byrum",
                               starts_on=dt.date(2025, 12, 1) + dt.timedelta(days=n),
                               status="i gang", goal_change=-10 if n % 4 == 0 else None,
                               goal_due=dt.date(2027, 6, 30) if n % 4 == 0 else None)
        EffortPlace.create(effort=effort, place=places[n % 60])
    pages = report()
    assert len(pages) <= 12
    text = " ".join(pages)
    assert "… og 192 indsatser mere: se Bilag A og Excel-filen." in text
    assert "… og 188 indsatser mere, der startede i perioden: se Excel-filen." in text
    assert "… og 50 steder mere med hændelser i perioden: se Excel-filen." in text
    assert "… og 42 mål mere: se Excel-filen." in text
    assert "50 indsatser har et mål, der kan måles:" in pages[0]


def test_the_charts_draw_the_running_month_pale_and_last_year_as_a_line(db):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import PolyLine

    from tryg_desktop.reports import chart_terms as T
    from tryg_desktop.reports import charts as C

    build_town()
    m = S.episodes_per_month(dt.date(2026, 1, 1), TODAY, today=TODAY, previous_year=True)
    assert m.running_index == 11 and m.through == TODAY
    drawing = C.episodes_chart(m)
    bars = next(n for n in drawing.contents if isinstance(n, VerticalBarChart))
    assert bars.bars[(0, 11)].fillColor == C.PALE != bars.bars[0].fillColor
    assert T.lightness(T.paler(T.PALETTE[0])) - T.lightness(T.PALETTE[0]) >= 30  # grey too
    assert bars.categoryAxis.categoryNames[-1] == "dec.\nt.o.m. 4."
    line = next(n for n in drawing.contents if isinstance(n, PolyLine))
    assert line.strokeDashArray and len(line.points) == 2 * 12  # one point a month
    # The same months a year earlier through the same day: December 2025 through the 4th.
    assert m.previous_year[-1] == 0 and m.previous_year[0] == 40
    stacked = next(n for n in C.category_chart(m).contents if isinstance(n, VerticalBarChart))
    assert stacked.bars[(0, 11)].fillColor != stacked.bars[0].fillColor
    lines = next(n for n in C.place_chart(m).contents if isinstance(n, HorizontalLineChart))
    # The running month is not joined to the line: a point of its own.
    assert lines.data[0][-1] is None and lines.data[len(m.by_place)][-1] is not None
