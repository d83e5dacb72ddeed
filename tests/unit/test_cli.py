"""The command line, run in-process (capsys) and, where the process boundary matters, as
`python main.py …`; on a SQLite file (--database) and on the team's server (--server) through
`cli_db`, except where the point is the file itself."""

import json
import os
import sqlite3
import subprocess
import sys
import types
from pathlib import Path

import pytest

from tryg_desktop import cli
from tryg_desktop.db import close_database, open_database
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.errors import CprFoundError, ServiceError

MAIN = Path(__file__).resolve().parents[2] / "main.py"
DANISH_ORDER = ["Bo Berg", "Zara Holm", "Æbbe Lund", "Øjvind Sø", "Åge Holm", "Aase Berg"]


def run(capsys, *argv):
    """(exit code, stdout, stderr) of one CLI run."""
    code = cli.run(cli.parse_args(list(argv)))
    out, err = capsys.readouterr()
    return code, out, err


def parse_error(capsys, *argv):
    with pytest.raises(SystemExit) as exc:
        cli.parse_args(list(argv))
    return exc.value.code, capsys.readouterr().err


def seed(path, names=DANISH_ORDER):
    """Six contacts, one organisation, in the SQLite file or server database at path."""
    open_database(path)
    try:
        org = O.create(O.OrganisationInput(name="Blå Kors", kind="ngo"))
        for i, name in enumerate(reversed(names)):
            C.create(C.ContactInput(name=name, organisation_id=org.id if i % 2 else None,
                                    phone="98 31 31 31" if i == 0 else "", active=i != 1))
    finally:
        close_database()


def assert_one_error_line(err, starts="Fejl: "):
    assert err.startswith(starts), err
    assert err.count("\n") == 1 and "Traceback" not in err, err


# --- parsing ----------------------------------------------------------------------------------

def test_no_command_means_gui(tmp_path):
    args = cli.parse_args([])
    assert args.command is None and args.database is None
    assert cli.parse_args(["--database", "x.db"]).database == "x.db"


@pytest.mark.parametrize("argv", [
    ["--database", "x.db", "contacts", "list", "--json"],
    ["contacts", "list", "--json", "--database", "x.db"],
    ["contacts", "--database", "x.db", "list"],
    ["--database", "x.db", "demo"],
    ["demo", "--database", "x.db"],
    ["backup", "kopi.db", "--database", "x.db"],
    ["contacts", "import", "fil.csv", "--database", "x.db"],
    ["contacts", "export", "--database", "x.db", "--purpose", "Test", "fil.vcf"],
])
def test_database_option_before_or_after_the_command(argv):
    assert cli.parse_args(argv).database == "x.db"


def test_help_is_danish(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.parse_args(["--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0
    assert out.startswith("Brug: ")
    assert "kommandoer" in out and "vis denne hjælp og afslut" in out and "sikkerhedskopi" in out
    with pytest.raises(SystemExit):
        cli.parse_args(["contacts", "list", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("Brug: ") and "Brug: Brug:" not in out and "--json" in out


@pytest.mark.parametrize("argv, message", [
    (["contacts", "list", "--foo"], "ukendte argumenter: --foo"),
    (["bogus"], "ugyldigt valg »bogus«"),
    (["contacts"], "mangler: KOMMANDO"),
    (["contacts", "import"], "mangler: FIL"),
    (["--database"], "--database skal have en værdi"),
])
def test_usage_errors_are_one_danish_line(capsys, argv, message):
    code, err = parse_error(capsys, *argv)
    assert code == 2
    assert_one_error_line(err)
    assert message in err


# --- demo and list ----------------------------------------------------------------------------

def test_demo_then_list(capsys, cli_db):
    code, out, err = run(capsys, *cli_db.argv, "demo")
    assert (code, err) == (0, "")
    assert out.startswith("Demodata indlæst: ") and "kontakter oprettet" in out
    code, out, _ = run(capsys, "demo", *cli_db.argv)
    assert code == 0 and "allerede" in out
    code, out, _ = run(capsys, "contacts", "list", "--json", *cli_db.argv)
    assert code == 0 and len(json.loads(out)) >= 60


def test_list_json_in_danish_order(capsys, cli_db):
    seed(cli_db.location)
    code, out, err = run(capsys, *cli_db.argv, "contacts", "list", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [r["name"] for r in rows] == DANISH_ORDER
    assert "Øjvind Sø" in out  # not \u-escaped
    first = rows[-1]  # the first one created
    assert {"id", "name", "organisation", "email", "phone", "title", "mobile", "active",
            "is_private"} <= set(first)
    assert first["phone"] == "+4598313131"
    assert {r["organisation"] for r in rows} == {"Blå Kors", None}
    assert [r["active"] for r in rows].count(False) == 1


def test_list_table(capsys, cli_db):
    seed(cli_db.location)
    code, out, _ = run(capsys, *cli_db.argv, "contacts", "list")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["Navn", "Organisation", "Titel", "Telefon", "E-mail", "Status"]
    assert [line.split("  ")[0] for line in lines[2:2 + len(DANISH_ORDER)]] == DANISH_ORDER
    assert "98 31 31 31" in out and "inaktiv" in out
    assert lines[-1] == "6 kontakter, heraf 1 inaktive."


def test_list_of_an_empty_database(capsys, cli_db):
    with cli_db.opened():
        pass
    code, out, _ = run(capsys, *cli_db.argv, "contacts", "list")
    assert code == 0 and out == "Der er ingen kontakter i databasen.\n"
    code, out, _ = run(capsys, *cli_db.argv, "contacts", "list", "--json")
    assert json.loads(out) == []


def test_database_from_environment(capsys, cli_db, monkeypatch):
    seed(cli_db.location)
    monkeypatch.setenv(*cli_db.environment)
    code, out, _ = run(capsys, "contacts", "list", "--json")
    assert code == 0 and len(json.loads(out)) == len(DANISH_ORDER)


def test_database_option_beats_the_server_in_the_environment(capsys, db_path, monkeypatch):
    """TRYG_SERVER may be set for every user (group policy): a file named with --database is
    still the one used, and --database with --server is refused before anything opens."""
    seed(db_path)
    monkeypatch.setenv("TRYG_SERVER", "postgresql://nobody@127.0.0.1:1/tryg")  # nothing there
    code, out, err = run(capsys, "--database", str(db_path), "contacts", "list", "--json")
    assert (code, err) == (0, "")
    assert [r["name"] for r in json.loads(out)] == DANISH_ORDER
    code, out, err = run(capsys, "contacts", "list", "--database", str(db_path), "--server",
                         "postgresql://nobody@127.0.0.1:1/tryg")
    assert (code, out) == (1, "")
    assert_one_error_line(err, "Fejl: Angiv enten --database FIL eller --server URL, ikke begge.")


# --- database errors --------------------------------------------------------------------------

@pytest.mark.sqlite_only("a missing file is not created")
def test_missing_database_is_not_created(capsys, tmp_path):
    missing = tmp_path / "stavefejl.sqlite3"
    code, _, err = run(capsys, "--database", str(missing), "contacts", "list")
    assert code == 1
    assert_one_error_line(err)
    assert "Databasen findes ikke" in err
    assert not missing.exists()


def test_too_new_database(capsys, cli_db):
    seed(cli_db.location)
    with cli_db.opened() as database:  # as a newer app would leave it
        database.execute_sql('UPDATE "schema_version" SET "version" = 99')
    code, out, err = run(capsys, *cli_db.argv, "contacts", "list", "--json")
    assert code == 1 and out == ""
    assert_one_error_line(err)
    assert "nyere version af Tryg Desktop" in err


@pytest.mark.sqlite_only("a file that is no SQLite database")
def test_file_that_is_not_a_database(capsys, tmp_path):
    bogus = tmp_path / "noter.txt"
    bogus.write_text("Indkøbsliste: mælk, æg, rugbrød\n" * 200)
    code, _, err = run(capsys, "--database", str(bogus), "contacts", "list")
    assert code == 1
    assert_one_error_line(err)
    assert "ikke en database" in err


def test_check(capsys, cli_db):
    """On a file: SQLite's checks; on the server only the connection is tried, and the command
    says so rather than vouching for the server's own storage."""
    from tryg_desktop.cli_commands import SERVER_CHECKED

    seed(cli_db.location)
    code, out, err = run(capsys, *cli_db.argv, "check")
    assert (code, err) == (0, "")
    assert out == (SERVER_CHECKED if cli_db.on_server else "Databasen er i orden.") + "\n"


# --- backup -----------------------------------------------------------------------------------

@pytest.mark.sqlite_only("the file's own backup; the server's is in test_server_transfer.py")
def test_backup(capsys, db_path, tmp_path):
    seed(db_path)
    target = tmp_path / "kopi.sqlite3"
    code, out, err = run(capsys, "--database", str(db_path), "backup", str(target))
    assert (code, err) == (0, "")
    assert out == f"Sikkerhedskopi gemt: {target} (6 kontakter, 1 organisation)\n"
    code, out, _ = run(capsys, "--database", str(target), "contacts", "list", "--json")
    assert [r["name"] for r in json.loads(out)] == DANISH_ORDER


@pytest.mark.sqlite_only("the open file as the backup's target")
def test_backup_onto_the_database_itself(capsys, db_path):
    seed(db_path)
    code, _, err = run(capsys, "--database", str(db_path), "backup", str(db_path))
    assert code == 1
    assert_one_error_line(err)
    assert "oven i den database, der er åben" in err


@pytest.mark.sqlite_only("an old file's schema")
def test_backup_copies_an_old_database_without_migrating_it(capsys, db_path, tmp_path):
    from tryg_desktop.db import migrations

    migrations.migrate(open_database(db_path, migrate=False), target=1)
    close_database()
    target = tmp_path / "kopi.sqlite3"
    code, _, _ = run(capsys, "--database", str(db_path), "backup", str(target))
    assert code == 0
    for path in (db_path, target):
        with sqlite3.connect(str(path)) as conn:
            assert conn.execute('SELECT "version" FROM "schema_version"').fetchone() == (1,)


# --- import and export: the CLI's wiring, with the services replaced --------------------------

def fake_module(monkeypatch, name, **attrs):
    module = types.ModuleType(name)
    module.__dict__.update(attrs)
    monkeypatch.setitem(sys.modules, name, module)
    return module


def test_import_prints_the_summary_and_succeeds_despite_rejected_rows(capsys, db_path, tmp_path,
                                                                      monkeypatch):
    source = tmp_path / "kontakter.csv"
    source.write_text("Navn\nÅse\n", encoding="utf-8")
    calls = []

    class Result:
        imported, duplicates, rejected, cancelled = 1, 0, [(3, "Navn mangler")], False

        def summary(self):
            return "Importerede 1 kontakt. Afviste 1 række: linje 3: Navn mangler."

    def import_file(path, mapping=None, progress=None, is_cancelled=None):
        calls.append(Path(path))
        return Result()

    fake_module(monkeypatch, "tryg_desktop.services.register.contact_import",
                import_file=import_file)
    code, out, err = run(capsys, "--database", str(db_path), "contacts", "import", str(source))
    assert (code, err) == (0, "")
    assert out == "Importerede 1 kontakt. Afviste 1 række: linje 3: Navn mangler.\n"
    assert calls == [source]


@pytest.mark.parametrize("error, message", [
    (ServiceError("Filen er hverken CSV eller vCard."), "Fejl: Filen er hverken CSV eller vCard."),
    (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
     "Fejl: Filen kunne ikke læses"),
    (PermissionError(13, "Permission denied", "k.csv"), "Fejl: Ingen adgang til k.csv"),
])
def test_import_errors(capsys, db_path, tmp_path, monkeypatch, error, message):
    source = tmp_path / "k.csv"
    source.write_text("x")

    def import_file(path, mapping=None, progress=None, is_cancelled=None):
        raise error

    fake_module(monkeypatch, "tryg_desktop.services.register.contact_import",
                import_file=import_file)
    code, _, err = run(capsys, "--database", str(db_path), "contacts", "import", str(source))
    assert code == 1
    assert_one_error_line(err)
    assert err.startswith(message)


@pytest.mark.sqlite_only("no database file is created")
@pytest.mark.parametrize("target", ["mangler.csv", "."])
def test_import_of_a_missing_file_creates_no_database(capsys, tmp_path, target):
    database = tmp_path / "ny.sqlite3"
    code, _, err = run(capsys, "--database", str(database), "contacts", "import",
                       str(tmp_path / target))
    assert code == 1
    assert_one_error_line(err)
    assert "findes ikke" in err or "er en mappe" in err
    assert not database.exists()


def test_export_wiring(capsys, db_path, tmp_path, monkeypatch):
    seed(db_path)
    target = tmp_path / "ud.vcf"
    calls = []

    def export_file(path, flt=None, purpose=None):
        calls.append((Path(path), purpose))
        return 6

    fake_module(monkeypatch, "tryg_desktop.services.register.contact_export",
                export_file=export_file)
    code, out, _ = run(capsys, "--database", str(db_path), "contacts", "export", str(target),
                       "--purpose", "Telefonliste")
    assert code == 0
    assert out == f"Eksporterede 6 kontakter til {target}\n"
    assert calls == [(target, "Telefonliste")]

    def refuse(path, flt=None, purpose=None):
        raise CprFoundError(["Åse Berg (noter)"])

    fake_module(monkeypatch, "tryg_desktop.services.register.contact_export",
                export_file=refuse)
    code, out, err = run(capsys, "--database", str(db_path), "contacts", "export", str(target),
                         "--purpose", "Telefonliste")
    assert code == 1 and out == ""
    assert_one_error_line(err, "Fejl: Der ser ud til at være CPR-numre i: Åse Berg (noter)")


# --- a real process ---------------------------------------------------------------------------

def _main(*argv, encoding="ascii"):
    # An ASCII-only stdout, as on a misconfigured console: the CLI must still write UTF-8.
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    return subprocess.run([sys.executable, str(MAIN), *argv], capture_output=True, env=env,
                          timeout=60)


def test_main_py_as_a_process(cli_db, tmp_path):
    done = _main(*cli_db.argv, "demo")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8").startswith("Demodata indlæst")

    done = _main("contacts", "list", "--json", *cli_db.argv)
    assert done.returncode == 0 and done.stderr == b""
    names = [r["name"] for r in json.loads(done.stdout.decode("utf-8"))]
    assert any(n.startswith("Ø") for n in names) and names[-1].startswith(("Aa", "Å"))

    done = _main(*cli_db.argv, "contacts", "import", str(tmp_path / "mangler.csv"))
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1
    assert_one_error_line(err)
    assert done.stdout == b""

    done = _main("contacts", "list", "--nej")
    assert done.returncode == 2
    assert_one_error_line(done.stderr.decode("utf-8"))


def test_cli_loads_no_widgets(db_path):
    code = ("import sys; from tryg_desktop import app\n"
            "try:\n    app.main(sys.argv[1:])\nexcept SystemExit as e:\n    code = e.code\n"
            "loaded = [m for m in ('PySide6.QtWidgets', 'PySide6.QtGui') if m in sys.modules]\n"
            "print(code, loaded)")
    done = subprocess.run([sys.executable, "-c", code, "--database", str(db_path), "demo"],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr


# --- import and export with the real services -------------------------------------------------

@pytest.mark.parametrize("suffix", [".csv", ".vcf"])
def test_export_then_import_round_trip(capsys, tmp_path, cli_db, suffix):
    source_db, copy_db = cli_db.argv, cli_db.another("b").argv
    run(capsys, *source_db, "demo")
    _, listing, _ = run(capsys, *source_db, "contacts", "list", "--json")
    expected = [(r["name"], r["organisation"], r["phone"]) for r in json.loads(listing)]
    exported = tmp_path / f"kontakter{suffix}"

    code, out, err = run(capsys, *source_db, "contacts", "export", str(exported),
                         "--purpose", "Kopi til test")
    assert (code, err) == (0, "")
    assert out == f"Eksporterede {len(expected)} kontakter til {exported}\n"

    code, out, err = run(capsys, *copy_db, "contacts", "import", str(exported))
    assert (code, err) == (0, "")
    assert f"Importeret: {len(expected)} kontakter" in out
    _, listing, _ = run(capsys, "contacts", "list", "--json", *copy_db)
    assert [(r["name"], r["organisation"], r["phone"]) for r in json.loads(listing)] == expected

    code, out, _ = run(capsys, *copy_db, "contacts", "import", str(exported))
    assert code == 0
    assert "Importeret: 0 kontakter" in out
    assert f"Sprunget over (findes allerede): {len(expected)}" in out


def test_import_reports_rejected_lines_and_still_succeeds(capsys, cli_db, tmp_path):
    source = tmp_path / "liste.csv"
    source.write_text("Navn;Telefon\nÅse Berg;98 31 31 31\nOle Hansen;123\n", encoding="utf-8")
    code, out, err = run(capsys, *cli_db.argv, "contacts", "import", str(source))
    assert (code, err) == (0, "")
    assert "Importeret: 1 kontakt" in out
    assert "Afvist: 1" in out and "linje 3" in out


@pytest.mark.parametrize("name, content", [
    ("billede.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))),
    ("kontakter.vcf", "Navn;Telefon\nÅse;98 31 31 31\n".encode()),
])
def test_import_of_the_wrong_format(capsys, cli_db, tmp_path, name, content):
    source = tmp_path / name
    source.write_bytes(content)
    code, out, err = run(capsys, *cli_db.argv, "contacts", "import", str(source))
    assert code == 1 and out == ""
    assert_one_error_line(err)


def test_export_to_an_unknown_file_type(capsys, cli_db, tmp_path):
    seed(cli_db.location)
    target = tmp_path / "kontakter.pdf"
    code, out, err = run(capsys, *cli_db.argv, "contacts", "export", str(target), "--purpose",
                         "Test")
    assert code == 1 and out == ""
    assert_one_error_line(err)
    assert ".csv" in err and not target.exists()


@pytest.mark.server_only("the server's roles")
def test_server_backup_for_each_role(capsys, cli_db, tmp_path):
    """`--server URL backup FILE`: admin and koordinator get the whole copy; a referent's or
    læser's would silently lack the closed items, so it is refused in one line (the menu item
    is off for them: tests/gui/test_server_roles_in_app.py)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    from tryg_desktop.services import server_admin

    seed(cli_db.location)
    with cli_db.opened():
        server_admin.init_server()
        logins = {role: f"cli_{os.getpid()}_{role}" for role in ("admin", "koordinator",
                                                                 "referent", "laeser")}
        for role, login in logins.items():
            server_admin.add_user(login, role)
    parts = urlsplit(cli_db.location)
    port = f":{parts.port}" if parts.port else ""
    try:
        for role, login in logins.items():
            url = urlunsplit(parts._replace(netloc=f"{login}@{parts.hostname}{port}"))
            target = tmp_path / f"{role}.sqlite3"
            code, out, err = run(capsys, "--server", url, "backup", str(target))
            if role in ("admin", "koordinator"):
                assert (code, err) == (0, ""), err
                assert "Sikkerhedskopi af den fælles database gemt" in out
                with sqlite3.connect(target) as copy:
                    assert copy.execute("SELECT count(*) FROM contact").fetchone() == (6,)
            else:
                assert (code, out) == (1, "")
                assert_one_error_line(err, "Fejl: Kun en administrator eller koordinator")
                assert not target.exists()
    finally:
        with psycopg.connect(cli_db.location, autocommit=True) as admin:
            for login in logins.values():
                admin.execute(f'DROP OWNED BY "{login}"')
                admin.execute(f'DROP ROLE IF EXISTS "{login}"')
