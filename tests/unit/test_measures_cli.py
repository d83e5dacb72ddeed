"""`main.py measures import FILE.csv` and `measures list [--place ID] [--json]`, on a SQLite
file and on the team's server (cli_db): what landed, and every mistake one Danish line.
The end-to-end tests need cli.py's wiring (/work/brief/out/measures-cli.patch); the
functions behind them are tested without it."""

import json

import pytest

from tryg_desktop import cli, cli_measures
from tryg_desktop.db import close_database, open_database
from tryg_desktop.services.safety import measures as M
from tryg_desktop.services.safety import places as P

from .test_cli_print import assert_one_error_line, run
from .test_measures_import import GOOD

wired = pytest.mark.skipif("measures" not in cli.HANDLERS,
                           reason="cli.py's measures wiring (measures-cli.patch) not applied")


@pytest.fixture
def city(cli_db):
    open_database(cli_db.location)
    park = P.create(P.PlaceInput(name="Kildeparken", district="Aalborg Midtby", kind="park"))
    close_database()
    return cli_db, park.id


@wired
def test_import_then_list_as_table_and_json(capsys, city, tmp_path):
    cli_db, park_id = city
    source = tmp_path / "målinger.csv"
    source.write_text(GOOD, "utf-8")
    code, out, err = run(capsys, *cli_db.argv, "measures", "import", str(source))
    assert (code, err, out) == (0, "", "3 tryghedsmålinger importeret.\n")
    code, out, err = run(capsys, *cli_db.argv, "measures", "list", "--place", str(park_id))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["Id", "Periode", "Type", "Hvor", "Kilde", "Resultat", "Ændring"]
    assert "Mørk sti langs Vesterbro" in lines[2]
    assert "68,5\u00a0% trygge (1.204 besvarelser)" in lines[3]
    assert "\u22122,5 procentpoint siden 2024" in lines[3]
    assert lines[-1] == "3 målinger."
    code, out, _ = run(capsys, *cli_db.argv, "measures", "list", "--json")
    items = json.loads(out)
    assert [i["kind"] for i in items] == ["tryghedsvandring", "undersøgelse", "undersøgelse"]
    assert items[1]["district"] == "Aalborg Midtby" and items[1]["change_points"] == -2.5


@wired
def test_mistakes_are_one_danish_line(capsys, city, tmp_path):
    cli_db, _ = city
    bad = tmp_path / "forkert.csv"
    bad.write_text(GOOD + "undersøgelse;Vesterbro;;2025-01-01;2025-12-31;X;50;;\n", "utf-8")
    code, out, err = run(capsys, *cli_db.argv, "measures", "import", str(bad))
    assert code == 1 and out == ""
    assert_one_error_line(err, "Intet er importeret. Linje 5: Stedet »Vesterbro« findes ikke")
    code, _, err = run(capsys, *cli_db.argv, "measures", "import", str(tmp_path / "nej.csv"))
    assert code == 1
    assert_one_error_line(err, "Filen findes ikke")
    code, _, err = run(capsys, *cli_db.argv, "measures", "import", str(tmp_path))
    assert code == 1
    assert_one_error_line(err, "er en mappe, ikke en fil.")
    code, _, err = run(capsys, *cli_db.argv, "measures", "list", "--place", "x")
    assert code == 1
    assert_one_error_line(err, "Stedets id skal være et tal")
    code, _, err = run(capsys, *cli_db.argv, "measures", "list", "--place", "999")
    assert_one_error_line(err, "Stedet findes ikke (id 999).")
    with pytest.raises(SystemExit) as caught:
        cli.parse_args([*cli_db.argv, "measures"])
    assert caught.value.code == 2
    open_database(cli_db.location)
    try:
        assert M.count() == 0
    finally:
        close_database()


def test_the_functions_behind_the_commands(capsys, db, tmp_path):
    park = P.create(P.PlaceInput(name="Kildeparken", district="Aalborg Midtby", kind="park"))
    assert cli_measures.list_measures(None, False) == 0
    assert capsys.readouterr().out == "Der er ingen tryghedsmålinger.\n"
    source = tmp_path / "m.csv"
    source.write_text(GOOD, "utf-8")
    assert cli_measures.import_file(str(source)) == 0
    assert capsys.readouterr().out == "3 tryghedsmålinger importeret.\n"
    assert cli_measures.list_measures(str(park.id), True) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
