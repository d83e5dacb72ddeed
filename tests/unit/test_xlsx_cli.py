"""`main.py report xlsx`, `actions export FILE.xlsx` and `episodes export`, on a SQLite file and
on the team's server (cli_db): the files read back, and every mistake one Danish line."""

import pytest
from openpyxl import load_workbook

from tryg_desktop.db import close_database, open_database

from .test_cli_print import assert_one_error_line, run
from .test_minutes_report import after_the_meeting, build_minutes  # noqa: F401 - the clock
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


def test_report_xlsx(capsys, city, out):
    cli_db, built = city
    target = out / "tal.xlsx"
    code, stdout, err = run(capsys, *cli_db.argv, "report", "xlsx", "--from", "2026-01-01",
                            "--to", "30.04.2026", "--effort", str(built.kilde), str(target))
    assert (code, err, stdout) == (0, "", f"Statusrapportens tal gemt: {target}\n")
    book = load_workbook(target)
    assert book.sheetnames[:6] == ["Månedstal", "Steder pr. måned", "Før og efter",
                                   "Sammenligning", "Tryghedsmålinger", "Spor"]
    # Tryg Kildepark's places, Kildeparken and Østre Anlæg, month by month.
    assert [row[3] for row in book["Månedstal"].iter_rows(min_row=2, values_only=True)] == [
        3, 1, 0, 3]
    # A name without the ending gets it, as the save dialog does.
    code, stdout, _ = run(capsys, *cli_db.argv, "report", "xlsx", "--from", "2026-01-01",
                          "--to", "2026-04-30", str(out / "by"))
    assert code == 0 and (out / "by.xlsx").exists()


def test_actions_export_xlsx_with_the_lists_filters(capsys, cli_db, out,
                                                    after_the_meeting):  # noqa: F811
    open_database(cli_db.location)
    build_minutes()
    close_database()
    target = out / "handlinger.xlsx"
    code, stdout, err = run(capsys, *cli_db.argv, "actions", "export", str(target))
    assert (code, err, stdout) == (0, "", f"1 handling gemt: {target}\n")
    titles = [r[0] for r in load_workbook(target)["Handlinger"].iter_rows(min_row=2,
                                                                          values_only=True)]
    assert titles == ["Bestil nye lamper"]
    code, stdout, _ = run(capsys, *cli_db.argv, "actions", "export", str(target), "--full",
                          "--search", "Quirinus", "--force")
    assert stdout == f"1 handling gemt (intern udgave): {target}\n"
    ws = load_workbook(target)["Handlinger"]
    assert [c.value for c in ws[2]][0] == "Kontakt Quirinusfonden"
    assert ws["M1"].value == "Lukket punkt" and ws["M2"].value == "ja"
    code, stdout, _ = run(capsys, *cli_db.argv, "actions", "export", str(out / "h.csv"),
                          "--search", "lamper")
    assert code == 0 and "Bestil nye lamper" in (out / "h.csv").read_text("utf-8-sig")


def test_episodes_export(capsys, city, out):
    cli_db, built = city
    target = out / "hændelser.xlsx"
    code, stdout, err = run(capsys, *cli_db.argv, "episodes", "export", str(target),
                            "--from", "2026-02-01", "--to", "2026-02-28")
    assert (code, err, stdout) == (0, "", f"6 hændelser gemt: {target}\n")
    ws = load_workbook(target)["Hændelser"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:I7"
    assert all(row[0].month == 2 for row in ws.iter_rows(min_row=2, values_only=True))
    code, stdout, _ = run(capsys, *cli_db.argv, "episodes", "export", str(target), "--force",
                          "--from", "2026-02-01", "--to", "2026-02-28",
                          "--place", str(built.place["Karolinelund"]))
    assert stdout == f"2 hændelser gemt: {target}\n"
    open_database(cli_db.location)
    try:
        from tryg_desktop.services.data_protection import access_log

        details = [e.detail for e in access_log.entries(access_log.LogFilter(action="export"))]
    finally:
        close_database()
    assert details == ["Hændelser (Excel) 01.02.2026–28.02.2026: 2 hændelser, hændelser.xlsx",
                       "Hændelser (Excel) 01.02.2026–28.02.2026: 6 hændelser, hændelser.xlsx"]


@pytest.mark.parametrize("argv, message", [
    (["episodes", "export", "e.xlsx", "--from", "2026-13-01", "--to", "2026-12-31"],
     "Startdatoen »2026-13-01« er ikke en gyldig dato."),
    (["episodes", "export", "e.xlsx", "--from", "2026-05-01", "--to", "2026-04-30"],
     "Perioden slutter før den begynder."),
    (["episodes", "export", "e.xlsx", "--from", "2026-01-01", "--to", "2026-04-30",
      "--place", "99"], "Stedet findes ikke (id 99)."),
    (["episodes", "export", "e.xlsx", "--from", "2026-01-01", "--to", "2026-04-30",
      "--place", "Kildeparken"], "Stedets id skal være et tal, ikke »Kildeparken«."),
    (["report", "xlsx", "--from", "2026-01-01", "--to", "2026-04-30", "--effort", "99",
      "t.xlsx"], "Indsatsen findes ikke (id 99)."),
    (["report", "xlsx", "--from", "1. januar", "--to", "2026-04-30", "t.xlsx"],
     "Startdatoen »1. januar« er ikke en gyldig dato."),
    (["actions", "export", "h.xlsx", "--forum", "99"], "Mødeforummet findes ikke (id 99)."),
])
def test_bad_input_gives_one_danish_line(capsys, city, out, argv, message):
    cli_db, _ = city
    argv = [str(out / a) if a.endswith(".xlsx") else a for a in argv]
    code, stdout, err = run(capsys, *cli_db.argv, *argv)
    assert code == 1 and stdout == ""
    assert_one_error_line(err, message)
    assert list(out.iterdir()) == []


def test_a_missing_period_is_a_danish_usage_error(capsys):
    from tryg_desktop import cli

    with pytest.raises(SystemExit) as stop:
        cli.parse_args(["episodes", "export", "e.xlsx", "--to", "2026-04-30"])
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert_one_error_line(err, "mangler: --from")


def test_an_unwritable_or_existing_file_is_refused(capsys, city, out):
    cli_db, _ = city
    period = ["--from", "2026-01-01", "--to", "2026-04-30"]
    code, _, err = run(capsys, *cli_db.argv, "episodes", "export",
                       str(out / "mangler" / "e.xlsx"), *period)
    assert code == 1
    assert_one_error_line(err, "findes ikke")
    (out / "e.xlsx").write_bytes(b"gammel")
    code, _, err = run(capsys, *cli_db.argv, "report", "xlsx", *period, str(out / "e.xlsx"))
    assert code == 1
    assert_one_error_line(err, "findes allerede. Brug --force for at overskrive den.")
    assert (out / "e.xlsx").read_bytes() == b"gammel"
