"""`server init`, `server add-user`, `server users`, the roles the server enforces (GRANTs and
row-level security on closed agenda items) and the audit trail's author set by the server.

Each test makes its own database (tests/support/server.py) and its own logins (CREATE ROLE …
LOGIN, trust auth), and drops both. The four tryg_* group roles are the cluster's and stay."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit

import pytest

from tests.support.server import as_login
from tryg_desktop import cli
from tryg_desktop.db import close_database, open_database
from tryg_desktop.services import db_health, server_admin
from tryg_desktop.services.errors import ServiceError

psycopg = pytest.importorskip("psycopg")



def connect_as(url: str, login: str):
    return psycopg.connect(as_login(url, login), autocommit=True)


def run(capsys, *argv):
    code = cli.run(cli.parse_args(list(argv)))
    out, err = capsys.readouterr()
    return code, out, err


def init(url: str) -> None:
    open_database(url)
    server_admin.init_server()


# --- init, add-user, users ---------------------------------------------------------------------

def test_init_is_idempotent_and_makes_the_four_roles(server_url, capsys):
    code, out, err = run(capsys, "--server", server_url, "server", "init")
    assert code == 0, err
    assert "er klar" in out and "tryg_referent" in out
    assert "postgresql://" not in out  # the URL may hold a password: never shown
    code, out, err = run(capsys, "--server", server_url, "server", "init")
    assert code == 0, err
    with psycopg.connect(server_url) as conn:
        roles = dict(conn.execute(
            "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'tryg\\_%'").fetchall())
        assert {name: roles.get(name) for name in ("tryg_admin", "tryg_koordinator",
                                                   "tryg_referent", "tryg_laeser")} == \
            dict.fromkeys(("tryg_admin", "tryg_koordinator", "tryg_referent", "tryg_laeser"),
                          False)
        assert conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
        assert conn.execute("SELECT relrowsecurity FROM pg_class "
                            "WHERE relname = 'agenda_item'").fetchone()[0]


def test_add_user_and_users_round_trip(server_url, logins, capsys):
    from tryg_desktop.db.models import Contact

    init(server_url)
    contact = Contact.create(name="Lone Bæk", sort_name="lone bæk")
    login = logins("lone")
    close_database()
    code, out, err = run(capsys, "--server", server_url, "server", "add-user", login,
                         "--role", "referent", "--contact", str(contact.id))
    assert code == 0, err
    assert "oprettet" in out and "tryg_referent" in out and "Lone Bæk" in out
    # Again, with another role: the login is kept, and has exactly the new role.
    code, out, err = run(capsys, "--server", server_url, "server", "add-user", login,
                         "--role", "tryg_laeser")
    assert code == 0, err
    assert "fandtes i forvejen" in out and "tryg_laeser" in out
    code, out, err = run(capsys, "--server", server_url, "server", "users", "--json")
    assert code == 0, err
    mine = [row for row in json.loads(out) if row["login"] == login]
    assert mine == [{"login": login, "role": "tryg_laeser", "contact_id": contact.id,
                     "contact": "Lone Bæk"}]
    code, out, err = run(capsys, "--server", server_url, "server", "users")
    assert code == 0 and login in out and "Lone Bæk" in out
    with psycopg.connect(server_url) as conn:  # made without a password
        assert conn.execute("SELECT rolcanlogin, rolpassword IS NULL FROM pg_authid "
                            "WHERE rolname = %s", (login,)).fetchone() == (True, True)


def test_a_wrong_role_or_contact_is_a_danish_line(server_url, logins, capsys):
    init(server_url)
    close_database()
    login = logins()
    code, out, err = run(capsys, "--server", server_url, "server", "add-user", login,
                         "--role", "chef")
    assert code == 1
    assert err.startswith("Fejl: Ukendt rolle »chef«") and "Traceback" not in err
    code, out, err = run(capsys, "--server", server_url, "server", "add-user", login,
                         "--role", "admin", "--contact", "4711")
    assert code == 1 and "Kontakten med id 4711 findes ikke" in err
    with psycopg.connect(server_url) as conn:  # nothing was made
        assert conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone() \
            is None


def test_server_commands_need_a_server(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TRYG_SERVER", raising=False)
    code, out, err = run(capsys, "--database", str(tmp_path / "t.sqlite3"), "server", "init")
    assert code == 1 and "angiv --server URL" in err


def test_a_password_is_stored_as_a_scram_verifier(server_url, logins):
    init(server_url)
    login = logins()
    server_admin.add_user(login, "koordinator", password="hemmelig-42")
    with psycopg.connect(server_url) as conn:
        stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                              (login,)).fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$") and "hemmelig" not in stored


# --- what each role may do, enforced by the server ----------------------------------------------

def _seed(url: str) -> dict:
    """As the owner (the open database): an organisation, two contacts, a place, a meeting
    chaired by the first contact with an open and a closed item, a bilag on each, an episode,
    an action, a participant and an audit entry."""
    from tryg_desktop.db.action_models import ActionItem
    from tryg_desktop.db.meeting_models import AgendaItem, Attachment, Meeting, Participant
    from tryg_desktop.db.models import AuditEntry, Contact, Organisation
    from tryg_desktop.db.place_models import Episode, Place

    now = dt.datetime(2026, 12, 3, 14, 0)
    org = Organisation.create(name="Aalborg Kommune")
    chair = Contact.create(name="Mette Mødeleder", organisation=org)
    other = Contact.create(name="Rasmus Referent")
    third = Contact.create(name="Tina Tredje")
    place = Place.create(name="Kildeparken")
    meeting = Meeting.create(title="Dialogmøde", starts_at=now, ends_at=now, ics_uid="uid-1",
                             chair=chair)
    open_item = AgendaItem.create(meeting=meeting, position=1, title="Åbent punkt",
                                  background="alle må læse")
    closed_item = AgendaItem.create(meeting=meeting, position=2, title="Lukket punkt",
                                    background="fortroligt", closed=True)
    for item in (open_item, closed_item):
        Attachment.create(agenda_item=item, file_name="bilag.pdf", size=3, content=b"abc")
    episode = Episode.create(occurred_on=now.date(), place=place, category="uro")
    action = ActionItem.create(title="Gør noget", meeting=meeting)
    participant = Participant.create(meeting=meeting, contact=other)
    audit = AuditEntry.create(user="x", entity="contact", record_id=other.id, action="update")
    return dict(org=org.id, chair=chair.id, other=other.id, third=third.id, place=place.id,
                meeting=meeting.id, open_item=open_item.id, closed_item=closed_item.id,
                episode=episode.id, action=action.id, participant=participant.id,
                audit=audit.id)


def _may(conn, sql: str, *params) -> bool:
    """True if the server lets the statement through (it is rolled back either way)."""
    try:
        with conn.transaction(force_rollback=True):
            conn.execute(sql, params)
        return True
    except psycopg.errors.InsufficientPrivilege:
        return False


def _copy(table: str, row_id: int, **changed) -> tuple[str, list]:
    """Hand-written SQL that inserts a copy of one row (new id, some columns changed)."""
    columns = _COLUMNS[table]
    chosen = ", ".join("%s" if name in changed else f'"{name}"' for name in columns)
    names = ", ".join(f'"{name}"' for name in columns)
    params = [changed[name] for name in columns if name in changed]
    return (f'INSERT INTO "{table}" ({names}) SELECT {chosen} FROM "{table}" WHERE id = %s',
            params + [row_id])


_COLUMNS: dict[str, list[str]] = {}


def _read_columns(url: str) -> None:
    with psycopg.connect(url) as owner:
        for table in ("contact", "place", "meeting", "participant", "action_item", "episode",
                      "audit_entry"):
            _COLUMNS[table] = [row[0] for row in owner.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "AND column_name <> 'id' ORDER BY ordinal_position", (table,))]


def _writes(conn, url: str, ids: dict) -> dict[str, bool]:
    """What a login can write, statement by statement."""
    _read_columns(url)

    def may_copy(table, row_id, **changed):
        sql, params = _copy(table, row_id, **changed)
        return _may(conn, sql, *params)

    return {
        "contact insert": may_copy("contact", ids["other"], name="Ny"),
        "contact update": _may(conn, "UPDATE contact SET title = 'x' WHERE id = %s",
                               ids["other"]),
        "organisation delete": _may(conn, "DELETE FROM organisation WHERE id = %s", ids["org"]),
        "place insert": may_copy("place", ids["place"], name="Ny plads"),
        "meeting insert": may_copy("meeting", ids["meeting"], ics_uid="uid-2"),
        "minutes": _may(conn, "UPDATE agenda_item SET notes = 'referat' WHERE id = %s",
                        ids["open_item"]),
        "participant": may_copy("participant", ids["participant"], contact_id=ids["third"]),
        "action": may_copy("action_item", ids["action"]),
        "episode": may_copy("episode", ids["episode"]),
        "audit insert": may_copy("audit_entry", ids["audit"]),
        "audit delete": _may(conn, "DELETE FROM audit_entry"),
        "audit update": _may(conn, "UPDATE audit_entry SET label = 'x'"),
        "server_login": _may(conn, "INSERT INTO server_login (login) VALUES ('nogen')"),
    }


ALL_DATA = {"contact insert", "contact update", "organisation delete", "place insert",
            "meeting insert", "minutes", "participant", "action", "episode", "audit insert"}
MEETING_WORK = {"meeting insert", "minutes", "participant", "action", "episode",
                "audit insert"}


@pytest.mark.parametrize("role, allowed", [
    ("admin", ALL_DATA | {"server_login"}),
    ("koordinator", ALL_DATA),
    ("referent", MEETING_WORK),
    ("laeser", set()),
])
def test_each_role_can_write_exactly_what_it_should(server_url, logins, role, allowed):
    init(server_url)
    ids = _seed(server_url)
    login = logins(role)
    server_admin.add_user(login, role)
    with connect_as(server_url, login) as conn:
        writes = _writes(conn, server_url, ids)
        # Everyone reads every table (the closed item aside, below).
        for table in ("contact", "organisation", "meeting", "agenda_item", "action_item",
                      "episode", "place", "effort", "audit_entry", "server_login",
                      "schema_version"):
            conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()
    assert {what for what, ok in writes.items() if ok} == allowed


def test_a_reader_cannot_write_even_with_hand_written_sql(server_url, logins):
    init(server_url)
    ids = _seed(server_url)
    login = logins("laeser")
    server_admin.add_user(login, "laeser")
    with connect_as(server_url, login) as conn:
        for sql in ("INSERT INTO contact (name) VALUES ('Snyd')",
                    f"UPDATE meeting SET title = 'Snyd' WHERE id = {ids['meeting']}",
                    "DELETE FROM episode", "TRUNCATE audit_entry",
                    "UPDATE schema_version SET version = 1",
                    "CREATE TABLE snyd (id int)",
                    "SELECT setval(pg_get_serial_sequence('contact', 'id'), 1000)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
    with psycopg.connect(server_url) as conn:
        assert conn.execute("SELECT title FROM meeting WHERE id = %s",
                            (ids["meeting"],)).fetchone()[0] == "Dialogmøde"


def test_a_closed_item_is_hidden_from_a_referent_who_is_not_its_chair(server_url, logins):
    init(server_url)
    ids = _seed(server_url)
    chair, outsider, koordinator = logins("chair"), logins("outsider"), logins("koord")
    server_admin.add_user(chair, "referent", contact_id=ids["chair"])
    server_admin.add_user(outsider, "referent", contact_id=ids["other"])
    server_admin.add_user(koordinator, "koordinator")

    def visible(login):
        with connect_as(server_url, login) as conn:
            items = {row[0] for row in conn.execute("SELECT title FROM agenda_item")}
            bilag = conn.execute("SELECT COUNT(*) FROM attachment").fetchone()[0]
            text = conn.execute("SELECT background FROM agenda_item WHERE id = %s",
                                (ids["closed_item"],)).fetchall()
        return items, bilag, text

    assert visible(outsider) == ({"Åbent punkt"}, 1, [])
    assert visible(chair) == ({"Åbent punkt", "Lukket punkt"}, 2, [("fortroligt",)])
    assert visible(koordinator) == ({"Åbent punkt", "Lukket punkt"}, 2, [("fortroligt",)])
    with connect_as(server_url, outsider) as conn:
        # Nor can the outsider change it, or make an open item closed in another's meeting.
        assert conn.execute("UPDATE agenda_item SET notes = 'x' WHERE id = %s",
                            (ids["closed_item"],)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE agenda_item SET closed = true WHERE id = %s",
                         (ids["open_item"],))
        # An action agreed under the closed item is still marked so (the trigger sees it).
        _read_columns(server_url)
        sql, params = _copy("action_item", ids["action"], agenda_item_id=ids["closed_item"],
                            from_closed_item=False)
        conn.execute(sql, params)
        assert conn.execute("SELECT from_closed_item FROM action_item WHERE agenda_item_id = %s",
                            (ids["closed_item"],)).fetchall() == [(True,)]
    # The minute-taker is the meeting's own as much as the chair.
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute("UPDATE meeting SET minute_taker_id = %s WHERE id = %s",
                     (ids["other"], ids["meeting"]))
    assert visible(outsider)[0] == {"Åbent punkt", "Lukket punkt"}


# --- identity and audit --------------------------------------------------------------------------

def test_the_audit_trail_names_the_login_whatever_the_client_writes(server_url, logins):
    init(server_url)
    login = logins("ref")
    server_admin.add_user(login, "referent")
    with connect_as(server_url, login) as conn:
        author = conn.execute(
            "INSERT INTO audit_entry (at, \"user\", entity, record_id, action, label, changes) "
            "VALUES (now(), 'direktøren', 'meeting', 1, 'update', '', '{}') "
            "RETURNING \"user\"").fetchone()[0]
    assert author == login
    # The app's own audit.record() on the server: the login, not the OS user.
    from tryg_desktop.db.models import AuditEntry
    from tryg_desktop.services import audit

    audit.record("contact", 7, "update", "Nogen", {"title": ["a", "b"]})
    assert [row.user for row in audit.history("contact", 7)] == [urlsplit(server_url).username]
    assert AuditEntry.select().count() == 2


def test_the_historik_can_show_the_persons_name(server_url, logins):
    from tryg_desktop.db.models import Contact

    init(server_url)
    contact = Contact.create(name="Jens Hansen", sort_name="jens hansen")
    login = logins("jha")
    server_admin.add_user(login, "koordinator", contact_id=contact.id)
    assert server_admin.login_names()[login] == "Jens Hansen"
    assert server_admin.display_user(login) == f"Jens Hansen ({login})"
    assert server_admin.display_user("ukendt") == "ukendt"
    # The Historik (audit.history, as the Historik tab shows it) names the person.
    from tryg_desktop.services import audit
    from tryg_desktop.services.register import contacts

    close_database()
    open_database(as_login(server_url, login))
    row = contacts.create(contacts.ContactInput(name="Anna Jensen"))
    [entry] = audit.history("contact", row.id)
    assert (entry.user, entry.shown_user) == (login, f"Jens Hansen ({login})")


def test_on_sqlite_the_step_does_nothing_and_names_are_the_os_users(db_path):
    from tryg_desktop.db import migrations

    database = open_database(db_path)
    try:
        assert migrations.schema_version(database) == migrations.LATEST
        tables = {row[0] for row in database.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "server_login" not in tables
        assert server_admin.login_names() == {}
        assert db_health.role() is None
        with pytest.raises(ServiceError, match="PostgreSQL-server"):
            server_admin.init_server()
    finally:
        close_database()


def test_add_user_refuses_a_role_name_as_login(server_url):
    init(server_url)
    with pytest.raises(ServiceError, match="roller"):
        server_admin.add_user("tryg_admin", "admin")


def test_password_prompt_asks_twice_and_refuses_two_different(server_url, logins, capsys,
                                                              monkeypatch):
    import getpass

    init(server_url)
    close_database()
    login = logins()
    answers = iter(["hemmelig-1", "hemmelig-2"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    code, out, err = run(capsys, "--server", server_url, "server", "add-user", login,
                         "--role", "referent", "--password-prompt")
    assert code == 1 and "ikke ens" in err and "hemmelig" not in err + out
    answers = iter(["hemmelig-1", "hemmelig-1"])
    code, out, err = run(capsys, "--server", server_url, "server", "add-user", login,
                         "--role", "referent", "--password-prompt")
    assert code == 0 and "Adgangskoden er sat" in out and "hemmelig" not in err + out


def test_add_user_before_init_says_to_run_init(server_url, logins):
    open_database(server_url)
    with pytest.raises(ServiceError, match="server init"):
        server_admin.add_user(logins(), "referent")


@pytest.mark.parametrize("role", ["laeser", "referent", "koordinator", "admin"])
def test_every_role_can_open_the_database_as_the_app_does(server_url, logins, role, capsys):
    """The app opens with open_database(url) (migrating if needed): a login that may not create
    tables must still get in once the schema is current, and read the register."""
    init(server_url)
    _seed(server_url)
    login = logins(role)
    server_admin.add_user(login, role)
    close_database()
    code, out, err = run(capsys, "--server", as_login(server_url, login), "contacts", "list")
    assert (code, err) == (0, ""), err
    assert out.strip()


def test_a_login_meeting_an_older_schema_is_told_to_have_the_owner_run_init(server_url,
                                                                             logins, capsys):
    init(server_url)
    login = logins("laeser")
    server_admin.add_user(login, "laeser")
    close_database()
    with psycopg.connect(server_url, autocommit=True) as owner:  # as if the app were newer
        owner.execute("UPDATE schema_version SET version = version - 1")
    code, out, err = run(capsys, "--server", as_login(server_url, login), "contacts", "list")
    assert code == 1 and "skal opdateres" in err and "server init" in err, err
