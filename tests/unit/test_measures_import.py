"""Safety measures imported from CSV (issue 15, point 9): semicolons or commas, with or without
BOM, decimal comma, places by name; a bad line refused with its number, and then nothing."""

import datetime as dt

import pytest

from tryg_desktop.db.models import AuditEntry
from tryg_desktop.services.safety import measures as M
from tryg_desktop.services.safety import measures_import as MI
from tryg_desktop.services.safety import places as P

GOOD = ("type;sted;bydel;fra;til;kilde;andel_trygge;besvarelser;fund\n"
        "undersøgelse;;Aalborg Midtby;01.01.2024;31.12.2024;Nordjyllands Politi;71;1.204;\n"
        "Undersøgelse;;Aalborg Midtby;2025-01-01;2025-12-31;Nordjyllands Politi;68,5;1204;\n"
        "tryghedsvandring;kildeparken;;04.03.2026;04.03.2026;Tryghedsvandring;;;"
        "Mørk sti langs Vesterbro\n")


@pytest.fixture
def park(db):
    return P.create(P.PlaceInput(name="Kildeparken", district="Aalborg Midtby", kind="park"))


def _write(tmp_path, text: str, bom: bool = False, name: str = "målinger.csv"):
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_a_semicolon_file_with_bom_and_decimal_comma_lands_whole(park, tmp_path):
    result = MI.import_file(_write(tmp_path, GOOD.replace("1.204", "1204"), bom=True))
    assert result.summary == "3 tryghedsmålinger importeret."
    rows = M.for_place(park.id)
    assert [(r.kind_label, r.where, r.period_text, r.value) for r in rows] == [
        ("Tryghedsvandring", "Kildeparken", "04.03.2026", None),
        ("Undersøgelse", "Aalborg Midtby (bydel)", "2025", 68.5),
        ("Undersøgelse", "Aalborg Midtby (bydel)", "2024", 71.0)]
    assert rows[0].findings == "Mørk sti langs Vesterbro"
    assert rows[1].respondents == 1204
    assert rows[1].change_text == "\u22122,5 procentpoint siden 2024"
    assert AuditEntry.select().where(AuditEntry.entity == "safety_measure").count() == 3


def test_a_comma_file_with_quoted_decimal_commas(park, tmp_path):
    text = ("Type,Sted,Fra,Til,Kilde,Andel_trygge,Besvarelser,Fund\n"
            'undersøgelse,Kildeparken,01.09.2025,30.09.2025,Beboerundersøgelse,"58,5",140,\n'
            'undersøgelse,Kildeparken,01.09.2026,30.09.2026,Beboerundersøgelse,64.0,151,'
            '"Flere bruger parken, også om aftenen"\n')
    MI.import_file(_write(tmp_path, text))
    newest = M.for_place(park.id)[0]
    assert (newest.value, newest.respondents, newest.period_text) == (
        64.0, 151, "01.09.2026–30.09.2026")
    assert newest.findings == "Flere bruger parken, også om aftenen"
    assert newest.change_text == "+5,5 procentpoint siden 01.09.2025–30.09.2025"


def test_an_unquoted_decimal_comma_in_a_comma_file_is_refused_not_misread(park, tmp_path):
    text = ("type,sted,bydel,fra,til,kilde,andel_trygge,besvarelser,fund\n"
            "undersøgelse,Kildeparken,,01.09.2025,30.09.2025,Beboerne,58,5,140,\n")
    with pytest.raises(MI.MeasureImportError) as caught:
        MI.import_file(_write(tmp_path, text))
    assert caught.value.lines[0].startswith(
        "Linje 2: Linjen har flere felter end overskrifterne.")
    assert M.count() == 0


def test_a_bad_line_is_refused_with_its_number_and_nothing_is_imported(park, tmp_path):
    text = GOOD + ("undersøgelse;Vesterbro;;01.01.2025;31.12.2025;Beboerne;60;;\n"
                   "undersøgelse;Kildeparken;;01.01.2025;31.12.2025;Beboerne;160;;\n"
                   "undersøgelse;Kildeparken;;31.02.2025;31.12.2025;Beboerne;60;;\n")
    with pytest.raises(MI.MeasureImportError) as caught:
        MI.import_file(_write(tmp_path, text))
    assert caught.value.lines == [
        "Linje 5: Stedet »Vesterbro« findes ikke i Steder",
        "Linje 6: Andel_trygge: Andelen trygge skal ligge mellem 0 og 100 %.",
        "Linje 7: Fra-datoen »31.02.2025« er ikke en dato (skriv fx 01.03.2026 eller "
        "2026-03-01)"]
    assert caught.value.message.startswith("Intet er importeret. Linje 5: Stedet »Vesterbro«")
    assert M.count() == 0
    assert AuditEntry.select().where(AuditEntry.entity == "safety_measure").count() == 0


def test_cpr_in_the_findings_is_refused(park, tmp_path):
    text = ("type;sted;bydel;fra;til;kilde;andel_trygge;besvarelser;fund\n"
            "tryghedsvandring;Kildeparken;;04.03.2026;04.03.2026;Vandring;;;"
            "Talte med 010190-1234 ved bænken\n")
    with pytest.raises(MI.MeasureImportError) as caught:
        MI.import_file(_write(tmp_path, text))
    assert "Linje 2: Fund: Teksten ser ud til at indeholde et CPR-nummer" in caught.value.message
    assert "1234" not in caught.value.message
    assert M.count() == 0


def test_a_file_without_the_headings_or_empty_is_explained(db, tmp_path):
    with pytest.raises(MI.MeasureImportError, match="Første linje skal have overskrifterne"):
        MI.import_file(_write(tmp_path, "navn;dato\nx;y\n"))
    with pytest.raises(MI.MeasureImportError, match="er tom"):
        MI.import_file(_write(tmp_path, "\n\n"))
    with pytest.raises(MI.MeasureImportError, match="findes ikke|kan ikke"):
        MI.import_file(tmp_path / "mangler.csv")


def test_dates_both_ways():
    assert MI.parse_date("01.03.2026") == MI.parse_date("2026-03-01") == dt.date(2026, 3, 1)
    assert MI.parse_date("1.3.2026") == dt.date(2026, 3, 1)
    assert MI.parse_date("marts") is None


def test_a_file_danish_excel_saved_as_windows_1252_is_read(park, tmp_path):
    """Danish Excel's "CSV (semikolonsepareret)" is Windows-1252: ø and å as single bytes."""
    path = tmp_path / "målinger.csv"
    path.write_bytes(GOOD.encode("cp1252"))
    result = MI.import_file(path)
    assert len(result.rows) == 3
    assert result.rows[-1].findings == "Mørk sti langs Vesterbro"


def test_a_binary_file_is_refused_in_danish(park, tmp_path):
    path = tmp_path / "målinger.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(MI.MeasureImportError, match="ser ikke ud til at være en tekstfil"):
        MI.import_file(path)
    assert M.count() == 0
