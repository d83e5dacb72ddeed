"""`server upload LOCAL.sqlite3` (a local file into an empty server database) and `backup FILE`
on the server (a portable SQLite copy), on the demo data: equal counts per table, a non-empty
target refused, and a round trip SQLite → server → SQLite that keeps names, the audit trail
and search."""

from __future__ import annotations

import shutil

import pytest

from tests.support.server import as_login
from tryg_desktop import cli
from tryg_desktop.db import close_database, open_database
from tryg_desktop.db.server import transfer
from tryg_desktop.services import server_admin
from tryg_desktop.services.errors import ServiceError


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """The demo data in a SQLite file, made once for the module (it takes seconds)."""
    from tryg_desktop.services.demo.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    open_database(path)
    try:
        load_demo()
    finally:
        close_database()
    return path


@pytest.fixture
def local_copy(demo_file, tmp_path):
    """A copy of the demo file this test may change."""
    path = tmp_path / "lokal.sqlite3"
    shutil.copy(demo_file, path)
    return path


def run(capsys, *argv):
    code = cli.run(cli.parse_args(list(argv)))
    out, err = capsys.readouterr()
    return code, out, err


def counts_of(target) -> dict[str, int]:
    db = open_database(target)
    try:
        return transfer.counts(db)
    finally:
        close_database()


def rows_of(target, sql: str) -> list[tuple]:
    db = open_database(target)
    try:
        return [tuple(row) for row in db.execute_sql(sql).fetchall()]
    finally:
        close_database()


def test_every_table_is_copied_parents_first():
    tables = transfer.table_names()
    assert "schema_version" not in tables and "server_login" not in tables
    for parent, child in (("organisation", "contact"), ("contact", "meeting"),
                          ("meeting", "agenda_item"), ("agenda_item", "attachment"),
                          ("agenda_item", "action_item"), ("place", "episode")):
        assert tables.index(parent) < tables.index(child)


def test_upload_gives_equal_counts_and_refuses_a_non_empty_target(server_url, local_copy,
                                                                  capsys):
    expected = counts_of(local_copy)
    assert expected["contact"] and expected["audit_entry"] and expected["episode"]
    code, out, err = run(capsys, "--server", server_url, "server", "init")
    assert code == 0, err
    code, out, err = run(capsys, "--server", server_url, "server", "upload", str(local_copy))
    assert code == 0, err
    assert "antal kontrolleret" in out
    for table, count in expected.items():
        assert f"{table} " in out and str(count) in out
    assert counts_of(server_url) == expected
    # Vacuumed and analysed at once: the planner knows the new rows, and counts can be
    # answered from the indexes, before autovacuum would have come by.
    import psycopg

    from tryg_desktop.db.server.transfer import table_names

    with psycopg.connect(server_url) as conn:
        unvisited = conn.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE (last_vacuum IS NULL "
            "OR last_analyze IS NULL) AND relname = ANY(%s)", [table_names()]).fetchall()
    assert "contact" in table_names() and unvisited == []
    # A second upload into the now non-empty database: refused, nothing changed.
    code, out, err = run(capsys, "--server", server_url, "server", "upload", str(local_copy))
    assert code == 1
    assert "ikke tom" in err and "Traceback" not in err
    assert counts_of(server_url) == expected


def test_after_upload_new_rows_get_new_ids_and_the_server_names_the_author(server_url,
                                                                          local_copy):
    from tryg_desktop.services import audit
    from tryg_desktop.services.register import contacts

    open_database(server_url)
    server_admin.upload(local_copy)
    largest = max(row.id for row in contacts.iter_all())
    made = contacts.create(contacts.ContactInput(name="Ny Kollega"))
    assert made.id == largest + 1  # the sequence was set past the copied ids
    login = audit.history("contact", made.id)[0].user
    close_database()
    # The uploaded history kept its authors (the trigger was off during the upload).
    local_users = set(rows_of(local_copy, 'SELECT DISTINCT "user" FROM audit_entry'))
    server_users = set(rows_of(server_url, 'SELECT DISTINCT "user" FROM audit_entry '
                                           f"WHERE record_id <> {made.id} "
                                           "OR entity <> 'contact'"))
    assert server_users == local_users
    assert login == rows_of(server_url, "SELECT session_user")[0][0]


def test_upload_refuses_a_missing_file(server_url, tmp_path, capsys):
    code, out, err = run(capsys, "--server", server_url, "server", "upload",
                         str(tmp_path / "findes-ikke.sqlite3"))
    assert code == 1 and "findes ikke" in err


def test_upload_needs_the_server(local_copy, tmp_path):
    open_database(tmp_path / "andet.sqlite3")
    try:
        with pytest.raises(ServiceError, match="PostgreSQL-server"):
            server_admin.upload(local_copy)
    finally:
        close_database()


def test_backup_of_the_server_is_a_sqlite_file_with_equal_counts(server_url, local_copy,
                                                                tmp_path, capsys):
    open_database(server_url)
    server_admin.upload(local_copy)
    close_database()
    target = tmp_path / "kopi.sqlite3"
    code, out, err = run(capsys, "--server", server_url, "backup", str(target))
    assert code == 0, err
    assert "Sikkerhedskopi af den fælles database gemt" in out
    copied, on_server = counts_of(target), counts_of(server_url)
    assert copied == counts_of(local_copy)
    # The access log's entry about this backup is written after the copy is made.
    assert on_server == {**copied, "access_log": copied["access_log"] + 1}
    assert not list(tmp_path.glob(".kopi.sqlite3*"))  # no temporary copy left behind
    assert (target.stat().st_mode & 0o777) == 0o600
    # An existing file: only with --force (as the SQLite backup).
    code, out, err = run(capsys, "--server", server_url, "backup", str(target))
    assert code == 1 and "--force" in err
    code, out, err = run(capsys, "--server", server_url, "backup", str(target), "--force")
    assert code == 0, err
    code, out, err = run(capsys, "--database", str(target), "check")
    assert code == 0, out + err


def test_the_copy_is_written_without_moving_the_apps_database_even_for_a_moment(
        server_url, local_copy, tmp_path, monkeypatch):
    """The window's backup runs on a worker while its pages go on reading: the second (SQLite)
    database is opened beside the server's, never in its place, so no page of the window
    reads the copy being written, and no save can land in it."""
    from tryg_desktop.db import database, migrations

    open_database(server_url)
    try:
        server_admin.upload(local_copy)
        app_db = database.obj
        seen = []
        migrate = migrations.migrate

        def watching(db, *args, **kwargs):
            seen.append(database.obj)  # what every other thread's query would use now
            return migrate(db, *args, **kwargs)

        monkeypatch.setattr(migrations, "migrate", watching)
        monkeypatch.setattr(transfer, "copy_all", lambda source, target, *leave_out: (
            seen.append(database.obj), [])[1])
        transfer.backup_to_sqlite(app_db, tmp_path / "kopi.sqlite3")
        assert len(seen) == 2 and all(obj is app_db for obj in seen)
        assert database.obj is app_db
    finally:
        close_database()


def test_a_referent_cannot_take_an_incomplete_backup(server_url, local_copy, tmp_path,
                                                     logins):
    open_database(server_url)
    server_admin.init_server()
    server_admin.upload(local_copy)
    login = logins()
    server_admin.add_user(login, "referent")
    close_database()
    url = as_login(server_url, login)
    open_database(url, migrate=False)
    with pytest.raises(ServiceError, match="administrator eller koordinator"):
        server_admin.backup(tmp_path / "kopi.sqlite3")
    close_database()
    assert not (tmp_path / "kopi.sqlite3").exists()


def test_round_trip_keeps_names_history_and_search(server_url, local_copy, tmp_path):
    from tryg_desktop.services import audit
    from tryg_desktop.services.register import contacts

    from tryg_desktop.db.meeting_models import AgendaItem, Attachment

    open_database(local_copy)  # a bilag, so that a blob travels too
    item = AgendaItem.select().where(AgendaItem.closed == True).first()  # noqa: E712
    Attachment.create(agenda_item=item, file_name="bilag.pdf", size=5, content=b"%PDF\x00")
    close_database()
    open_database(server_url)
    server_admin.upload(local_copy)
    on_server = [row.id for row in contacts.iter_all(contacts.ContactFilter(search="jen"))]
    close_database()
    back = tmp_path / "tilbage.sqlite3"
    open_database(server_url, migrate=False)
    server_admin.backup(back)
    close_database()

    names = 'SELECT id, name, sort_name, search_text FROM contact ORDER BY id'
    assert rows_of(back, names) == rows_of(local_copy, names)
    trail = ('SELECT id, at, "user", entity, record_id, action, label, changes '
             'FROM audit_entry ORDER BY id')
    assert rows_of(back, trail) == rows_of(local_copy, trail)
    bilag = "SELECT id, agenda_item_id, file_name, content FROM attachment ORDER BY id"
    assert rows_of(back, bilag) == rows_of(local_copy, bilag)
    assert rows_of(back, bilag)[0][3] == b"%PDF\x00"
    flags = "SELECT id, from_closed_item FROM action_item ORDER BY id"
    assert rows_of(back, flags) == rows_of(local_copy, flags)

    def search(path, text):
        open_database(path)
        try:
            found = [row.id for row in contacts.iter_all(contacts.ContactFilter(search=text))]
            some = next(iter(found), None)
            history = audit.history("contact", some) if some else []
            return found, [(h.user, h.action) for h in history]
        finally:
            close_database()

    for text in ("jen", "politi", "aalborg"):
        assert search(back, text) == search(local_copy, text)
    assert search(back, "jen")[0] == on_server
    assert search(back, "jen")[0]  # the demo has a Jens or two


def test_upload_refuses_a_changed_standard_template_and_a_file_that_is_no_database(
        server_url, local_copy, tmp_path, capsys):
    open_database(server_url).execute_sql(  # the team made the standard agenda its own
        "UPDATE agenda_template SET version = 2, name = 'Vores dagsorden'")
    close_database()
    code, out, err = run(capsys, "--server", server_url, "server", "upload", str(local_copy))
    assert code == 1 and "ikke tom" in err
    junk = tmp_path / "noter.sqlite3"
    junk.write_bytes(b"ikke en database" * 100)
    code, out, err = run(capsys, "--server", server_url, "server", "upload", str(junk))
    assert code == 1 and "Traceback" not in err
    assert "ikke en database" in err or "kan ikke åbnes" in err
    assert counts_of(server_url)["contact"] == 0


def test_only_the_owner_may_upload(server_url, local_copy, logins):
    open_database(server_url)
    server_admin.init_server()
    login = logins("admin")
    server_admin.add_user(login, "admin")
    close_database()
    open_database(as_login(server_url, login), migrate=False)
    with pytest.raises(ServiceError, match="ejer ikke tabellerne"):
        server_admin.upload(local_copy)
    close_database()
    assert counts_of(server_url)["contact"] == 0
