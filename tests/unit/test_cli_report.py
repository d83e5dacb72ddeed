"""`main.py print report`, `report csv`, `places list` and `efforts list`, on a SQLite file and on
the team's server (cli_db)."""

import codecs
import json

import pytest

from tryg_desktop.db import close_database, open_database

from .test_cli_print import assert_one_error_line, run, text_of
from .test_statistics import build_city


@pytest.fixture
def city(cli_db):
    open_database(cli_db.location)
    built = build_city()
    close_database()
    return cli_db, built


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "ud"
    folder.mkdir()
    return folder


def test_print_report_for_the_city_a_place_and_an_effort(capsys, city, out):
    cli_db, built = city
    target = out / "statusrapport.pdf"
    code, stdout, err = run(capsys, *cli_db.argv, "print", "report",
                            "--from", "2026-01-01", "--to", "2026-04-30", str(target))
    assert (code, err, stdout) == (0, "", f"Statusrapport gemt: {target}\n")
    text = text_of(target)
    assert "Statusrapport – Tryg Aalborg" in text and "1. januar 2026 – 30. april 2026" in text
    assert "Hele byen" in text and "Indsatser og mål" in text
    place = built.place["Vestre Fjordpark"]
    code, _, _ = run(capsys, "print", "report", "--from", "01.01.2026", "--to", "30.04.2026",
                     "--place", str(place), str(target), "--force", *cli_db.argv)
    text = text_of(target)
    assert code == 0 and "Sted: Vestre Fjordpark" in text
    assert "Der er ikke registreret hændelser ved Vestre Fjordpark i perioden." in text
    code, _, _ = run(capsys, *cli_db.argv, "print", "report", "--from",
                     "2026-01-01", "--to", "2026-04-30", "--effort", str(built.kilde),
                     str(target), "--force")
    assert code == 0 and "Indsats: Tryg Kildepark" in text_of(target)


def test_report_csv(capsys, city, out):
    cli_db, built = city
    target = out / "tal.csv"
    code, stdout, err = run(capsys, *cli_db.argv, "report", "csv", "--from",
                            "2026-01-01", "--to", "2026-04-30", "--place",
                            str(built.place["Kildeparken"]), str(target))
    assert (code, err) == (0, "") and stdout == f"Månedstal gemt: {target} (4 måneder)\n"
    data = target.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and b"\r\n" in data
    lines = data[3:].decode("utf-8").splitlines()
    assert lines[0].startswith("Måned;Hændelser;Råben og skænderi;")
    assert lines[1:] == ["2026-01;2;1;1;0;0;0;0;0;0;1;1;1", "2026-02;1;1;0;0;0;0;0;0;0;0;2;0",
                         "2026-03;0;0;0;0;0;0;0;0;0;0;1;0", "2026-04;2;1;0;0;1;0;0;0;0;0;0;0"]


@pytest.mark.parametrize("argv, message", [
    (["print", "report", "--from", "2026-05-01", "--to", "2026-04-30", "r.pdf"],
     "Perioden slutter før den begynder."),
    (["report", "csv", "--from", "2026-05-01", "--to", "2026-04-30", "t.csv"],
     "Perioden slutter før den begynder."),
    (["print", "report", "--from", "2026-01-01", "--to", "2026-04-30", "--place", "99",
      "r.pdf"], "Stedet findes ikke (id 99)."),
    (["report", "csv", "--from", "2026-01-01", "--to", "2026-04-30", "--effort", "99",
      "t.csv"], "Indsatsen findes ikke (id 99)."),
    (["print", "report", "--from", "2026-01-01", "--to", "2026-04-30", "--effort", "tre",
      "r.pdf"], "Indsatsens id skal være et tal, ikke »tre«."),
    (["report", "csv", "--from", "1. januar", "--to", "2026-04-30", "t.csv"],
     "Startdatoen »1. januar« er ikke en gyldig dato. Skriv den som ÅÅÅÅ-MM-DD"),
])
def test_bad_input_gives_one_danish_line(capsys, city, out, argv, message):
    cli_db, _ = city
    argv = [*argv[:-1], str(out / argv[-1])]
    code, stdout, err = run(capsys, *cli_db.argv, *argv)
    assert code == 1 and stdout == ""
    assert_one_error_line(err, message)
    assert list(out.iterdir()) == []


def test_missing_period_is_a_usage_error(capsys, city, out):
    cli_db, _ = city
    with pytest.raises(SystemExit) as exit_:
        run(capsys, *cli_db.argv, "print", "report", "--to", "2026-04-30",
            str(out / "r.pdf"))
    assert exit_.value.code == 2
    assert_one_error_line(capsys.readouterr().err, "mangler: --from")


def test_places_and_efforts_list(capsys, city):
    cli_db, built = city
    code, stdout, _ = run(capsys, *cli_db.argv, "places", "list", "--json")
    places = json.loads(stdout)
    assert code == 0 and len(places) == 8
    # Danish order: Ø after the other letters.
    assert [p["name"] for p in places][-2:] == ["Vestre Fjordpark", "Østre Anlæg"]
    assert places[0].keys() == {"id", "name", "district", "kind", "latitude", "longitude",
                                "active", "episodes_last_12_months"}
    code, stdout, _ = run(capsys, *cli_db.argv, "places", "list")
    assert code == 0 and "Kildeparken" in stdout and stdout.endswith("8 steder.\n")
    code, stdout, _ = run(capsys, *cli_db.argv, "efforts", "list", "--json")
    efforts = json.loads(stdout)
    assert [e["title"] for e in efforts] == ["Tryg Kildepark", "Gadeteam i Midtbyen",
                                             "Dialog i Vestbyen"]
    assert efforts[0]["places"] == [{"id": built.place["Kildeparken"], "name": "Kildeparken"},
                                    {"id": built.place["Østre Anlæg"], "name": "Østre Anlæg"}]
    assert (efforts[1]["starts_on"], efforts[1]["ends_on"]) == ("2026-04-01", "2026-04-20")
    assert efforts[0]["ends_on"] is None and efforts[0]["strand"] == "byrum"
    code, stdout, _ = run(capsys, *cli_db.argv, "efforts", "list")
    assert code == 0 and "Udvikling af byrum" in stdout and stdout.endswith("3 indsatser.\n")


def test_empty_lists(capsys, cli_db):
    open_database(cli_db.location)
    close_database()
    assert run(capsys, *cli_db.argv, "places", "list", "--json")[1] == "[]\n"
    assert run(capsys, *cli_db.argv, "efforts", "list")[1] == (
        "Der er ingen indsatser i databasen.\n")
