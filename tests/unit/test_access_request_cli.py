"""`privacy request` and `privacy record` on the command line, on a SQLite file and on the
server (cli_db): the files written and read back (JSON parsed, PDF text extracted), existing
files refused without --force, bad ids and unknown contacts as one Danish line, and on the
server a koordinator refused."""

from __future__ import annotations

import json

import pytest

from tests.unit.test_access_request import NAME, pdf_text, plant
from tryg_desktop import cli


def run(capsys, *argv):
    code = cli.run(cli.parse_args(list(argv)))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> None:
    assert err.startswith("Fejl: ") and err.count("\n") == 1 and "Traceback" not in err, err


@pytest.fixture
def planted(cli_db):
    with cli_db.opened():
        return plant()


def test_request_writes_the_pdf_and_the_json(cli_db, planted, tmp_path, capsys):
    pdf, js = tmp_path / "indsigt.pdf", tmp_path / "indsigt.json"
    code, out, err = run(capsys, *cli_db.argv, "privacy", "request", str(planted["person"]),
                         str(pdf), "--json", str(js))
    assert (code, err) == (0, ""), err
    assert f"Indsigt for {NAME} (kontakt {planted['person']}) gemt: {pdf}" in out
    assert f"Det samme som JSON: {js}" in out
    assert "til gennemsyn" in out
    data = json.loads(js.read_text("utf-8"))
    assert data["contact"]["name"] == NAME
    assert [a["title"] for a in data["actions"]] == ["Tjek lamperne ved åen"]
    assert any(m["record_id"] == planted["item"] for m in data["mentions_for_review"])
    assert [(m["invitation"], m["attendance"]) for m in data["meetings"]] == [
        ("tilmeldt", "deltog"), ("inviteret", "")]
    text = pdf_text(str(pdf))
    assert "Indsigt efter databeskyttelsesforordningens artikel 15" in text and NAME in text
    # The answer is in the access log, for the next access request.
    code, out, err = run(capsys, *cli_db.argv, "access-log", "list", "--contact",
                         str(planted["person"]), "--json")
    assert code == 0, err
    assert any(e["action"] == "request" and e["detail"] == "Indsigt: PDF og JSON"
               for e in json.loads(out))


def test_existing_files_need_force(cli_db, planted, tmp_path, capsys):
    pdf, js = tmp_path / "indsigt.pdf", tmp_path / "indsigt.json"
    js.write_text("gammel", "utf-8")
    argv = [*cli_db.argv, "privacy", "request", str(planted["person"]), str(pdf), "--json",
            str(js)]
    code, _out, err = run(capsys, *argv)
    assert code == 1 and "--force" in err, err
    one_error_line(err)
    assert not pdf.exists() and js.read_text("utf-8") == "gammel"
    code, _out, err = run(capsys, *argv, "--force")
    assert code == 0, err
    assert json.loads(js.read_text("utf-8"))["contact_id"] == planted["person"]


def test_pdf_only_and_bad_input(cli_db, planted, tmp_path, capsys):
    pdf = tmp_path / "kun.pdf"
    code, out, err = run(capsys, *cli_db.argv, "privacy", "request", str(planted["person"]),
                         str(pdf))
    assert code == 0 and pdf.exists() and "JSON" not in out, err
    code, out, err = run(capsys, *cli_db.argv, "privacy", "request", "abc",
                         str(tmp_path / "x.pdf"))
    assert code == 1 and "Kontaktens id skal være et tal" in err
    one_error_line(err)
    code, out, err = run(capsys, *cli_db.argv, "privacy", "request", "99999",
                         str(tmp_path / "x.pdf"))
    assert code == 1 and "ingen kontakt med id 99999" in err
    one_error_line(err)
    code, out, err = run(capsys, *cli_db.argv, "privacy", "request", str(planted["person"]),
                         str(tmp_path / "x.pdf"), "--json", str(tmp_path / "x.pdf"))
    assert code == 1 and "hver sit navn" in err
    assert not (tmp_path / "x.pdf").exists()


def test_record_writes_the_fortegnelse(cli_db, tmp_path, capsys):
    with cli_db.opened():  # the SQLite file must exist (a typo is not a new database)
        pass
    target = tmp_path / "fortegnelse.pdf"
    code, out, err = run(capsys, *cli_db.argv, "privacy", "record", str(target))
    assert (code, err) == (0, ""), err
    assert out == f"Fortegnelse over behandlinger gemt: {target}\n"
    text = pdf_text(str(target))
    assert "Fortegnelse over behandlinger" in text and "Slettefrister" in text
    code, out, err = run(capsys, *cli_db.argv, "privacy", "record", str(target))
    assert code == 1 and "--force" in err
    one_error_line(err)
    code, out, err = run(capsys, *cli_db.argv, "privacy", "record", str(target), "--force")
    assert code == 0, err


@pytest.mark.parametrize("command", [["privacy", "request", "1", "x.pdf"],
                                     ["privacy", "record", "x.pdf"]])
def test_a_koordinator_is_refused_on_the_server(server_url, logins, tmp_path, capsys,
                                                monkeypatch, command):
    from tests.support.server import as_login
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services import server_admin
    from tryg_desktop.services.register import contacts as C

    open_database(server_url)
    server_admin.init_server()
    C.create(C.ContactInput(name=NAME))
    login = logins("koordinator")
    server_admin.add_user(login, "koordinator")
    close_database()
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, "--server", as_login(server_url, login), *command)
    assert code == 1 and "Kun en administrator (rollen tryg_admin)" in err, err
    one_error_line(err)
    assert not (tmp_path / "x.pdf").exists()
