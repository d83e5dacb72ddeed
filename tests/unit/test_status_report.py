"""The statusrapport (PDF) and its monthly CSV, on the hand-computed city of test_statistics."""

import codecs
import datetime as dt
from io import BytesIO

import pytest
from pypdf import PdfReader

from tryg_desktop.db.place_models import Effort, Episode
from tryg_desktop.services.safety import report_printing as R
from tryg_desktop.services.safety import statistics as S
from tryg_desktop.services.errors import CprFoundError, NotFoundError, ServiceError

from .test_statistics import END, START, TODAY, build_city

SECTIONS = ["Sammenfatning", "Hændelser", "Indsatser og mål", "Møder og handlinger",
            "Tryghed målt udefra", "Sådan er tallene opgjort", "Bilag"]


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(BytesIO(data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return text, len(reader.pages)


def report(scope=S.Scope(), start=START, end=END, today=TODAY, **kw):
    return pdf_text(R.status_report_pdf_bytes(start, end, scope, header="Aalborg Kommune",
                                              today=today, **kw))


def test_city_report_has_the_danish_sections_and_the_figures(db):
    build_city()
    text, pages = report()
    assert "Statusrapport – Tryg Aalborg" in text and "1. januar 2026 – 30. april 2026" in text
    at = text.index("Indhold")  # the table of contents, then each heading in this order
    for section in SECTIONS[1:]:
        at = text.index(section, at + 1)
    assert f"Side 1 af {pages}" in text and f"Side {pages} af {pages}" in text
    # Key figures: 18 episodes, 2 meetings held (5 of 9 attended), 8 actions.
    assert "18 Hændelser" in text and "2 Afholdte møder fremmøde 56 %" in text
    assert "8 Handlinger oprettet 2 udført, 2 over fristen" in text
    assert "Af 9 inviterede til de afholdte møder deltog 5 (56 %)" in text
    assert "Kildeparkens Tryghedsforum 4 1 2 1 1 33 %" in text
    assert "Netværk Midtby 2 0 0 0 2 –" in text
    # Month by month with the same month a year earlier (none then): no severity sum.
    assert "Januar 2026 5 0 1 2 1" in text and "Marts 2026 0 0 0 1 0" in text
    assert "I alt 18 0 2 8 2" in text
    assert "Udvikling af byrum 1 1 1 3 2 7" in text
    # Each effort started in the period with its like-with-like comparison (comparison.py):
    # Tryg Kildepark's places had nothing in March–April 2025, so no verdict.
    assert ("Tryg Kildepark (Udvikling af byrum, startet 1. marts 2026). For få hændelser til at "
            "sige noget sikkert. mar.–apr. 2026 mod samme måneder året før (mar.–apr. 2025): "
            "fra 0 til 3 hændelser.") in text
    assert "Gadeteam i Midtbyen" in text
    assert "Dialog i Vestbyen" not in text  # starts after the period
    for gone in ("Alvorlighed", "alvorlighed", "Før og efter indsatsens start",
                 "lige lange perioder", "English", "None"):
        assert gone not in text


def test_every_section_has_a_bookmark_and_a_line_in_the_contents(db):
    build_city()
    data = R.status_report_pdf_bytes(START, END, header="Aalborg Kommune", today=TODAY)
    reader = PdfReader(BytesIO(data))
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in top] == SECTIONS
    nested = next(item for item in reader.outline if isinstance(item, list))
    assert [item.title for item in nested] == ["A. Indsatserne, der startede i perioden",
                                               "B. Stederne med flest hændelser"]
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Indhold" in first and all(section in first for section in SECTIONS)
    # Each bookmark opens the page its heading is on.
    for item in top:
        page = reader.get_destination_page_number(item)
        assert item.title in " ".join(reader.pages[page].extract_text().split())
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_the_charts_are_in_the_report(db):
    build_city()
    text, _ = report()
    assert text.count("jan 26") == 2 and "apr 26" in text  # two month axes
    # The category chart: the four busiest and the rest summed; the table names them all.
    assert "Øvrige kategorier" in text and "Påvirket adfærd" in text
    assert "Efterladt affald eller kanyler" in text
    assert "Samme måned året før" in text  # the monthly chart's second line
    for title in ("Hændelser pr. måned", "Hændelser pr. måned efter kategori"):
        assert title in text
    # The places are compared in Bilag B, not drawn as lines that say little.
    assert "Øvrige steder" not in text and "Nørresundby Torv 3 0 3" in text


def test_the_running_month_is_labelled_never_a_fall(db):
    build_city()
    text, _ = report(end=dt.date(2026, 12, 31), today=dt.date(2026, 4, 3))
    assert "Den lyse søjle er apr. t.o.m. 3.: måneden er kun talt til og med den 3." in text
    assert "Apr. t.o.m. 3." in text and "April 2026" not in text  # the table's row
    assert "apr. t.o.m. 3. (en del af måneden)" in text  # the chart's legend
    assert "Den løbende måned (april) er talt til og med den 3., året før til og med " \
           "samme dag." in text


def test_place_and_effort_reports(db):
    city = build_city()
    text, _ = report(S.Scope(place_id=city.place["Kildeparken"]))
    assert "Sted: Kildeparken" in text and "registreret 5 hændelser ved Kildeparken" in text
    assert "Indsatserne efter spor" not in text  # the city's table: only in the city report
    assert "B. Stederne med flest hændelser" not in text
    text, _ = report(S.Scope(effort_id=city.kilde))
    assert "Indsats: Tryg Kildepark · Udvikling af byrum" in text
    assert "registreret 7 hændelser ved indsatsens steder" in text
    assert "Gadeteam i Midtbyen" not in text and "Bilag" not in text
    assert "Før og efter efter kategori ved Kildeparken og Østre Anlæg" in text


def two_surveys(place_id: int, later: float) -> None:
    """A residents' survey in March 2025 (58 %) and March 2026 (later), 140 answers each."""
    from tryg_desktop.services.safety import measures as M

    for day, value in ((dt.date(2025, 3, 1), 58), (dt.date(2026, 3, 1), later)):
        M.create(M.MeasureInput(kind=M.SURVEY, place_id=place_id, period_start=day,
                                period_end=day + dt.timedelta(days=29),
                                source="Beboerundersøgelse", value=value, respondents=140))


def test_perceived_safety_stands_beside_the_episodes_on_page_1_and_in_its_section(db):
    """Issue 15.9: the place's surveys in the period (and the measure before, for the change)
    on page 1 and in the section; the whole city's report has them too; another place's not."""
    city = build_city()
    park = city.place["Kildeparken"]
    two_surveys(park, 64)
    sentence = ("Andelen trygge i Kildeparken steg fra 58 % til 64 % (målt 01.03.2025–30.03.2025 "
                "og 01.03.2026–30.03.2026, Beboerundersøgelse).")
    text, _ = report(S.Scope(place_id=park))
    page_1 = text[:text.index("Indhold")]
    assert "Tryghed målt udefra: " + sentence in page_1
    section = text[text.index("Tryghed målt udefra Undersøgelser"):]
    assert sentence in section and "64 % trygge (140 besvarelser)" in section
    assert "+6 procentpoint siden 01.03.2025–" in section  # (a line break after the dash)
    text, _ = report()
    assert sentence in text[:text.index("Indhold")]
    text, _ = report(S.Scope(place_id=city.place["Budolfi Plads"]))
    assert "Andelen trygge" not in text
    assert "Der er ingen tryghedsundersøgelser eller tryghedsvandringer for Budolfi Plads" in text


def test_a_place_without_data_gets_a_report_that_says_so(db):
    city = build_city()
    text, pages = report(S.Scope(place_id=city.place["Vestre Fjordpark"]))
    assert pages >= 1
    assert "Der er ikke registreret hændelser ved Vestre Fjordpark i perioden." in text
    assert "Der er ikke holdt eller planlagt møder knyttet til Vestre Fjordpark" in text
    assert "Der er ikke oprettet handlinger knyttet til Vestre Fjordpark i perioden." in text
    assert "Ingen indsatser ved Vestre Fjordpark var i gang i perioden." in text


def test_an_empty_database_gives_a_report(db):
    text, _ = report()
    assert "Der er ikke registreret hændelser i perioden." in text
    assert "Ingen indsatser var i gang i perioden." in text


def test_year_before_and_future_months(db):
    city = build_city()
    Episode.create(occurred_on=dt.date(2025, 2, 3), place=city.place["Budolfi Plads"],
                   category="råben", severity=1)
    # A period running past today: the months after today are left out of charts and tables,
    # and the year before is compared over the same days.
    text, _ = report(end=dt.date(2026, 12, 31))
    assert "Perioden er ikke slut: tallene går til og med 1. maj 2026." in text
    assert "Maj t.o.m. 1." in text and "Juni 2026" not in text
    assert "I perioden er der registreret 19 hændelser i hele byen, mod 1 de samme dage året " \
           "før: en stigning på" in text


def test_bad_period_unknown_scope_and_cpr(db, tmp_path):
    city = build_city()
    with pytest.raises(ServiceError, match="Perioden slutter før den begynder."):
        R.status_report_pdf_bytes(END, START, today=TODAY)
    with pytest.raises(NotFoundError, match="Stedet findes ikke"):
        R.status_report_pdf_bytes(START, END, S.Scope(place_id=999), today=TODAY)
    Effort.update(goal="Borgeren 010190-1234 skal hjælpes").where(
        Effort.id == city.kilde).execute()
    target = tmp_path / "rapport.pdf"
    with pytest.raises(CprFoundError, match="indsatsens mål"):
        R.print_status_report(target, START, END, S.Scope(effort_id=city.kilde), today=TODAY)
    assert not target.exists()
    R.print_status_report(target, START, END, S.Scope(effort_id=city.kilde), today=TODAY,
                          allow_cpr=True)
    assert target.read_bytes().startswith(b"%PDF")


def test_monthly_csv_for_excel(db):
    city = build_city()
    data, count = R.monthly_csv_bytes(START, END, S.Scope(place_id=city.place["Kildeparken"]),
                                      TODAY)
    assert count == 4 and data.startswith(codecs.BOM_UTF8)
    lines = data[len(codecs.BOM_UTF8):].decode("utf-8").split("\r\n")
    assert lines[0] == ("Måned;Hændelser;Råben og skænderi;Konflikt eller vold;"
                        "Påvirket adfærd;Hærværk;Efterladt affald eller kanyler;"
                        "Chikane af forbipasserende;Bekymring for en borgers trivsel;Andet;"
                        "Afholdte møder;Handlinger oprettet;Handlinger udført")
    assert lines[1] == "2026-01;2;1;1;0;0;0;0;0;0;1;1;1"  # no sum of severity scores
    assert lines[3] == "2026-03;0;0;0;0;0;0;0;0;0;0;1;0"
    assert lines[5] == "" and len(lines) == 6


def test_the_csv_labels_the_running_month(db):
    city = build_city()
    data, count = R.monthly_csv_bytes(START, END, S.Scope(place_id=city.place["Kildeparken"]),
                                      dt.date(2026, 4, 3))
    lines = data[len(codecs.BOM_UTF8):].decode("utf-8").split("\r\n")
    assert [line.split(";")[0] for line in lines[1:5]] == [
        "2026-01", "2026-02", "2026-03", "2026-04 t.o.m. 3."]


def test_suggested_file_name(db):
    city = build_city()
    assert R.suggested_file_name(START, END) == "Statusrapport 2026-01-01–2026-04-30.pdf"
    assert R.suggested_file_name(START, END, S.Scope(effort_id=city.kilde)) == (
        "Statusrapport 2026-01-01–2026-04-30 Tryg Kildepark.pdf")


def test_the_actions_sentence_leaves_out_what_is_nought():
    from tryg_desktop.reports.status_report import action_states

    assert action_states(13, 15, 10, 2) == \
        "13 er udført, 15 er åbne – heraf er 10 over fristen – og 2 er annulleret."
    assert action_states(2, 5, 4, 0) == "2 er udført, og 5 er åbne – heraf er 4 over fristen."
    assert action_states(2, 1, 0, 0) == "2 er udført, og 1 er åben."
    assert action_states(0, 3, 0, 1) == "0 er udført, 3 er åbne og 1 er annulleret."
