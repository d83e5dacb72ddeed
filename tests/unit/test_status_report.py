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

SECTIONS = ["Sammenfatning", "Møder og deltagelse", "Handlinger", "Hændelser",
            "Før og efter indsatsens start", "Indsatser fordelt på spor",
            "Sådan er tallene opgjort"]


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
    at = 0
    for section in SECTIONS:  # each heading, in this order
        at = text.index(section, at + 1)
    assert f"Side 1 af {pages}" in text and f"Side {pages} af {pages}" in text
    # Key figures: 18 episodes, 2 meetings held (1 cancelled), 5 of 9 attended, 8 actions.
    assert "18 Hændelser" in text and "2 Afholdte møder 1 aflyst" in text
    assert "5 af 9 inviterede deltog" in text and "8 Handlinger oprettet 2 udført (40 %)" in text
    assert "Kommune 3 2 67 %" in text and "Privatperson (beboer) 2 1 50 %" in text
    assert "Kildeparkens Tryghedsforum 4 1 2 1 1 33 %" in text
    assert "Netværk Midtby 2 0 0 0 2 –" in text and "Tryg Kildepark 3 2 1 1 0 67 %" in text
    assert "Januar 2026 5 9 1 2 1" in text and "Marts 2026 0 0 0 1 0" in text
    assert "I alt 18 28 2 8 2" in text
    assert "Udvikling af byrum 1 1 1 3 2 7" in text
    # Before/after for both efforts that started in the period, in equal windows.
    assert "I de 61 dage før starten blev der registreret 5 hændelser" in text
    assert "et fald på 40 %" in text and "Gadeteam i Midtbyen" in text
    assert "Dialog i Vestbyen" not in text  # starts after the period
    assert "English" not in text and "None" not in text


def test_the_charts_are_in_the_report(db):
    build_city()
    text, _ = report()
    # Month axes, the category and place legends, the before/after and attendance legends.
    assert text.count("jan 26") >= 3 and "apr 26" in text
    # The category chart: the four busiest and the rest summed; the table names them all.
    assert "Øvrige kategorier" in text and "Påvirket adfærd" in text
    assert "Efterladt affald eller kanyler" in text
    assert "Øvrige steder" in text and "Nørresundby Torv" in text
    assert "Før: 30.12.2025–28.02.2026 (5)" in text
    assert "Efter: 01.03.2026–30.04.2026 (3)" in text
    assert "Inviteret Deltog" in text and "33 % (1 af 3)" in text
    for title in ("Hændelser pr. måned", "Hændelser pr. måned efter kategori",
                  "Hændelser pr. måned efter sted", "Inviterede og deltagere efter "
                  "organisationstype", "Andel udførte handlinger efter mødeforum"):
        assert title in text


def test_place_and_effort_reports(db):
    city = build_city()
    text, _ = report(S.Scope(place_id=city.place["Kildeparken"]))
    assert "Sted: Kildeparken" in text and "registreret 5 hændelser ved Kildeparken" in text
    assert "Hændelser pr. måned efter sted" not in text  # one place: no place chart
    assert "Oversigten gælder alle indsatser i byen." in text
    text, _ = report(S.Scope(effort_id=city.kilde))
    assert "Indsats: Tryg Kildepark · Udvikling af byrum" in text
    assert "registreret 7 hændelser ved indsatsens steder" in text
    assert "Gadeteam i Midtbyen" not in text.split("Indsatser fordelt på spor")[0]


def test_a_place_without_data_gets_a_report_that_says_so(db):
    city = build_city()
    text, pages = report(S.Scope(place_id=city.place["Vestre Fjordpark"]))
    assert pages >= 1
    assert "Der er ikke registreret hændelser ved Vestre Fjordpark i perioden." in text
    assert "Der er ikke holdt eller planlagt møder knyttet til Vestre Fjordpark" in text
    assert "Der er ikke oprettet handlinger knyttet til Vestre Fjordpark i perioden." in text
    assert "Ingen indsatser ved Vestre Fjordpark er startet i perioden." in text


def test_an_empty_database_gives_a_report(db):
    text, _ = report()
    assert "Der er ikke registreret hændelser i perioden." in text
    assert "Ingen indsatser i perioden." in text


def test_year_before_and_future_months(db):
    city = build_city()
    Episode.create(occurred_on=dt.date(2025, 2, 3), place=city.place["Budolfi Plads"],
                   category="råben", severity=1)
    # A period running past today: the months after today are left out of charts and tables,
    # and the year before is compared over the same days.
    text, _ = report(end=dt.date(2026, 12, 31))
    assert "Perioden er ikke slut: tallene går til og med 1. maj 2026." in text
    assert "Maj 2026" in text and "Juni 2026" not in text
    assert "Samme periode året før var der 1: en stigning på" in text


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
                        "Alvorlighed i alt;Afholdte møder;Handlinger oprettet;"
                        "Handlinger udført")
    assert lines[1] == "2026-01;2;1;1;0;0;0;0;0;0;4;1;1;1"
    assert lines[3] == "2026-03;0;0;0;0;0;0;0;0;0;0;0;1;0"
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
