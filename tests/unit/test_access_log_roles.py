"""The access log on the team's server (issue 13, points 1 and 7): every role writes it, only
tryg_admin reads it or purges it; "user" and "at" are the server's; the app mirrors the rule
(NotAllowedError in Danish), and a reader may not export the register."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.server import as_login
from tryg_desktop.db import close_database, open_database
from tryg_desktop.services import server_admin
from tryg_desktop.services.data_protection import access_log

psycopg = pytest.importorskip("psycopg")


def init(url: str) -> None:
    open_database(url)
    server_admin.init_server()


def connect_as(url: str, login: str):
    return psycopg.connect(as_login(url, login), autocommit=True)


@pytest.mark.parametrize("role", ["laeser", "koordinator", "referent"])
def test_every_role_writes_the_log_but_only_an_admin_reads_or_purges_it(server_url, logins,
                                                                         role):
    init(server_url)
    login = logins(role)
    server_admin.add_user(login, role)
    with connect_as(server_url, login) as conn:
        # The client says who and when; the server decides.
        conn.execute(
            "INSERT INTO access_log (at, \"user\", action, record_type, record_id, detail, "
            "purpose) VALUES ('2000-01-01', 'direktøren', 'view', 'contact', 7, '', '')")
        # (The id alone is readable: peewee's INSERT … RETURNING id.)
        for sql in ('SELECT "user", detail FROM access_log', "SELECT * FROM access_log",
                    "SELECT tryg_access_log_purge(now()::timestamp - interval '3 years')",
                    "UPDATE access_log SET detail = 'x'", "DELETE FROM access_log"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
                conn.execute(sql)
    admin = logins("admin")
    server_admin.add_user(admin, "admin")
    with connect_as(server_url, admin) as conn:
        [(user, at)] = conn.execute('SELECT "user", at FROM access_log').fetchall()
        assert user == login
        assert abs(at - dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)) < \
            dt.timedelta(minutes=5)
        assert conn.execute("SELECT tryg_access_log_purge(now()::timestamp - interval '3 years')"
                            ).fetchone()[0] == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="mindst 6 måneder"):
            conn.execute("SELECT tryg_access_log_purge(now()::timestamp)")


def test_the_app_refuses_the_log_to_a_coordinator_and_logs_as_the_login(server_url, logins):
    from tryg_desktop.services.register import contacts

    init(server_url)
    anna = contacts.create(contacts.ContactInput(name="Anna Jensen"))
    login = logins("koord")
    server_admin.add_user(login, "koordinator")
    close_database()
    open_database(as_login(server_url, login))
    assert not access_log.is_admin()
    contacts.view(anna.id)
    assert access_log.flush() == 1
    with pytest.raises(access_log.NotAllowedError) as refused:
        access_log.entries()
    assert refused.value.message.startswith("Kun en administrator (rollen tryg_admin)")
    with pytest.raises(access_log.NotAllowedError):
        access_log.count()
    close_database()
    open_database(server_url)  # the owner (as tryg_admin would) reads what the login did
    [entry] = access_log.entries()
    assert (entry.user, entry.action, entry.record_id) == (login, "view", anna.id)


def test_a_reader_may_not_export_the_register(server_url, logins, tmp_path):
    from tryg_desktop.services.register import contact_export, contacts

    init(server_url)
    contacts.create(contacts.ContactInput(name="Anna Jensen"))
    login = logins("laeser")
    server_admin.add_user(login, "laeser")
    close_database()
    open_database(as_login(server_url, login))
    assert not contact_export.may_export()
    with pytest.raises(access_log.NotAllowedError) as refused:
        contact_export.export_file(tmp_path / "k.csv", purpose="Telefonliste")
    assert "læser" in refused.value.message
    assert not (tmp_path / "k.csv").exists()


def test_the_servers_backup_is_logged(server_url, tmp_path, capsys):
    from tryg_desktop import cli
    from tryg_desktop.services.register import contacts

    init(server_url)
    contacts.create(contacts.ContactInput(name="Anna Jensen"))
    close_database()
    code = cli.run(cli.parse_args(["--server", server_url, "backup",
                                   str(tmp_path / "kopi.sqlite3")]))
    assert code == 0, capsys.readouterr().err
    open_database(server_url)
    [entry] = access_log.entries(access_log.LogFilter(action="backup"))
    assert entry.detail == "Sikkerhedskopi af den fælles database: kopi.sqlite3"
