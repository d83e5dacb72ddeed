"""The status report's "Tryghed målt udefra" section, rendered and read back from the PDF."""

import datetime as dt
from io import BytesIO

from pypdf import PdfReader

from tryg_desktop.reports.status_measures import measures_section
from tryg_desktop.reports.styles import Document
from tryg_desktop.services.safety import measures as M
from tryg_desktop.services.safety import places as P


def _pdf_text(doc: Document) -> str:
    reader = PdfReader(BytesIO(doc.render()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _doc() -> Document:
    return Document(header="Tryg Aalborg", label="Statusrapport", footer="")


def test_the_section_shows_the_measures_and_a_sentence_per_place_or_district(db):
    park = P.create(P.PlaceInput(name="Kildeparken", district="Aalborg Midtby", kind="park"))
    for year, value in ((2024, 71), (2025, 68)):
        M.create(M.MeasureInput(kind=M.SURVEY, district="Aalborg Midtby",
                                period_start=dt.date(year, 1, 1),
                                period_end=dt.date(year, 12, 31),
                                source="Nordjyllands Politi", value=value, respondents=1204))
    for year, value in ((2025, 58), (2026, 64)):
        M.create(M.MeasureInput(kind=M.SURVEY, place_id=park.id,
                                period_start=dt.date(year, 9, 1),
                                period_end=dt.date(year, 9, 30),
                                source="Beboerundersøgelse", value=value))
    M.create(M.MeasureInput(kind=M.WALK, place_id=park.id, period_start=dt.date(2026, 3, 4),
                            period_end=dt.date(2026, 3, 4), source="Tryghedsvandring",
                            findings="Mørk sti langs Vesterbro; lys opsat i 2026"))
    rows = M.in_period([park.id], dt.date(2025, 6, 1), dt.date(2026, 11, 30))
    doc = _doc()
    measures_section(doc, rows, "Kildeparken")
    text = _pdf_text(doc)
    assert "Tryghed målt udefra" in text
    assert ("Andelen trygge i Kildeparken steg fra 58 % til 64 % (målt 01.09.2025–30.09.2025 "
            "og 01.09.2026–30.09.2026, Beboerundersøgelse).") in text
    assert ("Andelen trygge i Aalborg Midtby (bydel) faldt fra 71 % til 68 % (målt 2024 og 2025, "
            "Nordjyllands Politi).") in text
    assert "Periode Måling Kilde Resultat Ændring" in text
    assert "Mørk sti langs Vesterbro; lys opsat i 2026" in text
    assert "68 % trygge (1.204 besvarelser)" in text
    assert "+6 procentpoint siden" in text
    # Every printed text is recorded for the report's CPR check.
    assert ("tryghedsmåling", "Mørk sti langs Vesterbro; lys opsat i 2026") in doc.texts


def test_without_measures_the_section_says_so(db):
    doc = _doc()
    measures_section(doc, [], "hele byen")
    assert ("Der er ingen tryghedsundersøgelser eller tryghedsvandringer for hele byen i "
            "perioden.") in _pdf_text(doc)
