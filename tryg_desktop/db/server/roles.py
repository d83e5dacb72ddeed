"""The server's administration (PostgreSQL only): the four group roles, what each may do (GRANTs
the server enforces), row-level security on closed agenda items, logins and their link to a
contact, and the PostgreSQL pieces of moving data in and out (db/server/transfer.py).

The roles (NOLOGIN groups; a person's login is made a member of exactly one):
- tryg_admin: everything, including who is linked to which contact (server_login).
- tryg_koordinator: everything but administration (reads server_login, cannot change it).
- tryg_referent: writes meetings, agenda items, participants, minutes (columns of meeting and
  agenda_item), actions, bilag (attachment) and episodes; reads the register (organisation,
  contact), places, efforts, forums and agenda templates.
- tryg_laeser: reads only.
Every role that writes may add to the audit trail; nobody may change or delete it.

Row-level security: an agenda item with closed = true, and its bilag, are visible (and
writable) only for tryg_admin, tryg_koordinator and the meeting's own chair and minute-taker,
recognised through server_login (login -> contact, migration step 9). The table owner (the
login that ran the migrations, normally the one that ran `server init`) and superusers are not
bound by it, so a backup made by the owner is complete.

Roles are the cluster's (shared by every database on the server); GRANTs and policies are the
database's. `server init` is idempotent: run it again after an upgrade of the app, and tables a
new version adds get their GRANTs."""

from __future__ import annotations

import re

ADMIN, KOORDINATOR, REFERENT, LAESER = ("tryg_admin", "tryg_koordinator", "tryg_referent",
                                        "tryg_laeser")
ROLES = (ADMIN, KOORDINATOR, REFERENT, LAESER)

# What a referent writes; everything else it reads.
REFERENT_WRITES = ("meeting", "participant", "agenda_item", "attachment", "action_item",
                   "episode")
APPEND_ONLY = ("audit_entry",)  # every writer may insert and read; nobody updates or deletes
ADMIN_ONLY_WRITES = ("server_login", "privacy_setting")
# Every role's accesses are logged, so every role inserts; only tryg_admin reads the log (the
# others see the new row's id, which INSERT … RETURNING needs).
LOGGED_BY_ALL = ("access_log",)
# The data-protection functions only tryg_admin may run (SECURITY DEFINER: they do what the
# GRANTs refuse everyone else: purge old log entries, scrub an erased person's history).
ADMIN_FUNCTIONS = ("tryg_access_log_purge(timestamp)", "tryg_audit_purge(timestamp)",
                   "tryg_erase_audit(integer)", "tryg_audit_clear_episode_notes(integer[])")
READ_ONLY = ("schema_version",)  # the migrations' own: changed by the owner alone
_WRITE = "SELECT, INSERT, UPDATE, DELETE"

_LOGIN_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}")


def identifier(name: str) -> str:
    """A quoted SQL identifier (a role or table name), safe whatever it holds."""
    return '"' + name.replace('"', '""') + '"'


def valid_login(name: str) -> bool:
    """Letters, digits and _ . @ - (a Kerberos principal fits), at most 63 characters."""
    return bool(_LOGIN_PATTERN.fullmatch(name))


# --- who am I ------------------------------------------------------------------------------

def session_login(db) -> str:
    return db.execute_sql("SELECT session_user").fetchone()[0]


def may_create_roles(db) -> bool:
    row = db.execute_sql("SELECT rolsuper OR rolcreaterole FROM pg_roles "
                         "WHERE rolname = session_user").fetchone()
    return bool(row and row[0])


def owns_tables(db, tables: list[str]) -> bool:
    """True when the session's login may ALTER every one of tables (owner or superuser)."""
    row = db.execute_sql(
        "SELECT bool_and(pg_has_role(session_user, c.relowner, 'USAGE')) FROM pg_class c "
        "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(%s)",
        (list(tables),)).fetchone()
    return bool(row and row[0])


def may_read(db, table: str) -> bool:
    """True when the session may read every column of table."""
    return bool(db.execute_sql("SELECT has_table_privilege(%s, 'SELECT')",
                               (identifier(table),)).fetchone()[0])


def role_exists(db, name: str) -> bool:
    return db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone() \
        is not None


def is_set_up(db) -> bool:
    """True once `server init` has run on this database: the roles exist (they are the
    cluster's) and have their GRANTs here (they are the database's)."""
    if not all(role_exists(db, role) for role in ROLES):
        return False
    return bool(db.execute_sql("SELECT has_table_privilege(%s, '\"contact\"', 'SELECT')",
                               (LAESER,)).fetchone()[0])


# --- server init ---------------------------------------------------------------------------

def create_roles(db) -> None:
    """The four NOLOGIN group roles; one that exists already is left as it is."""
    for role in ROLES:
        # CREATE ROLE has no IF NOT EXISTS; two inits at once meet duplicate_object.
        db.execute_sql(f"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
                    CREATE ROLE {role} NOLOGIN;
                END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$""")


def _tables(db) -> list[str]:
    return [row[0] for row in db.execute_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
        "ORDER BY tablename").fetchall()]


def _sequence(db, table: str) -> str | None:
    row = db.execute_sql("SELECT pg_get_serial_sequence(%s, 'id')",
                         (identifier(table),)).fetchone()
    return row[0] if row else None


def _has_id(db, table: str) -> bool:
    return db.execute_sql(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = %s AND column_name = 'id'", (table,)).fetchone() is not None


def privileges(table: str) -> dict[str, str]:
    """{role: the privileges it gets on table} ("" for none)."""
    if table in READ_ONLY:
        return {role: "SELECT" for role in ROLES}
    if table in APPEND_ONLY:
        return {ADMIN: "SELECT, INSERT", KOORDINATOR: "SELECT, INSERT",
                REFERENT: "SELECT, INSERT", LAESER: "SELECT"}
    if table in LOGGED_BY_ALL:
        others = 'INSERT, SELECT ("id")'
        return {ADMIN: "SELECT, INSERT", KOORDINATOR: others, REFERENT: others, LAESER: others}
    if table in ADMIN_ONLY_WRITES:
        return {ADMIN: _WRITE, KOORDINATOR: "SELECT", REFERENT: "SELECT", LAESER: "SELECT"}
    return {ADMIN: _WRITE, KOORDINATOR: _WRITE,
            REFERENT: _WRITE if table in REFERENT_WRITES else "SELECT", LAESER: "SELECT"}


def grant_privileges(db) -> None:
    """Every table's GRANTs from privileges(), set afresh (revoked first, so a second init after
    a change of the rules leaves nothing behind); sequences for the tables a role inserts into."""
    schema = identifier(db.execute_sql("SELECT current_schema()").fetchone()[0])
    everyone = ", ".join(ROLES)
    db.execute_sql(f"GRANT USAGE ON SCHEMA {schema} TO {everyone}")
    db.execute_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {everyone}")
    db.execute_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {everyone}")
    for table in _tables(db):
        sequence = _sequence(db, table) if _has_id(db, table) else None
        for role, what in privileges(table).items():
            if not what:
                continue
            db.execute_sql(f"GRANT {what} ON {identifier(table)} TO {role}")
            if sequence and "INSERT" in what:
                db.execute_sql(f"GRANT USAGE, SELECT ON SEQUENCE {sequence} TO {role}")
    for function in ADMIN_FUNCTIONS:
        if db.execute_sql("SELECT to_regprocedure(%s) IS NOT NULL", (function,)).fetchone()[0]:
            db.execute_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
            db.execute_sql(f"GRANT EXECUTE ON FUNCTION {function} TO {ADMIN}")
    # Tables a later version's migrations add (run by this login): readable at once, writable
    # by admin and koordinator; the next `server init` sets their exact GRANTs.
    db.execute_sql(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT ON TABLES "
                   f"TO {everyone}")
    db.execute_sql(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT {_WRITE} ON TABLES "
                   f"TO {ADMIN}, {KOORDINATOR}")
    db.execute_sql(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON "
                   f"SEQUENCES TO {ADMIN}, {KOORDINATOR}")


# Who may see a closed item: admin, koordinator (as the current role), or the login linked to
# the meeting's chair or minute-taker. pg_has_role with two arguments asks for current_user.
_MAY_SEE_ITEM = f"""(
    NOT closed
    OR pg_has_role('{ADMIN}', 'MEMBER')
    OR pg_has_role('{KOORDINATOR}', 'MEMBER')
    OR EXISTS (SELECT 1 FROM "meeting" m JOIN "server_login" l
                   ON l.contact_id IN (m.chair_id, m.minute_taker_id)
               WHERE m.id = "agenda_item".meeting_id AND l.login = session_user))"""
# A bilag is visible when its item is (agenda_item's policy applies inside the subquery).
_MAY_SEE_ATTACHMENT = """(
    EXISTS (SELECT 1 FROM "agenda_item" i WHERE i.id = "attachment".agenda_item_id))"""


def row_security(db) -> None:
    """Closed agenda items and their bilag: the policies above, for reading and writing."""
    for table, condition in (("agenda_item", _MAY_SEE_ITEM),
                             ("attachment", _MAY_SEE_ATTACHMENT)):
        db.execute_sql(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        db.execute_sql(f'DROP POLICY IF EXISTS tryg_closed_item ON "{table}"')
        db.execute_sql(f'CREATE POLICY tryg_closed_item ON "{table}" '
                       f'USING {condition} WITH CHECK {condition}')
    # The triggers that keep action_item.from_closed_item read agenda_item.closed: they must
    # see the item whoever saves the action, so they run as their owner (who is not bound by
    # the policy), with a fixed search_path as every SECURITY DEFINER function should.
    schema = identifier(db.execute_sql("SELECT current_schema()").fetchone()[0])
    for function in ("tryg_action_item_closed_item()", "tryg_agenda_item_closed()"):
        exists = db.execute_sql("SELECT to_regprocedure(%s) IS NOT NULL",
                                (function,)).fetchone()[0]
        if exists:
            db.execute_sql(f"ALTER FUNCTION {function} SECURITY DEFINER "
                           f"SET search_path = {schema}, pg_temp")


# --- logins --------------------------------------------------------------------------------

def create_login(db, login: str) -> bool:
    """CREATE ROLE login LOGIN (no password) unless it exists; True if made now."""
    if role_exists(db, login):
        return False
    db.execute_sql(f"CREATE ROLE {identifier(login)} LOGIN")
    return True


def may_log_in(db, login: str) -> bool:
    row = db.execute_sql("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s",
                         (login,)).fetchone()
    return bool(row and row[0])


def set_password(db, login: str, password: str) -> None:
    """The password as a SCRAM verifier made by libpq on this side: the statement the server
    sees (and may log) never holds the password itself."""
    conn = db.connection()
    verifier = conn.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
    text = verifier.decode("ascii").replace("'", "''")
    db.execute_sql(f"ALTER ROLE {identifier(login)} PASSWORD '{text}'")


def set_role(db, login: str, role: str) -> None:
    """Exactly one tryg role: role granted, the other three revoked."""
    db.execute_sql(f"GRANT {role} TO {identifier(login)}")
    for other in ROLES:
        if other != role:
            db.execute_sql(f"REVOKE {other} FROM {identifier(login)}")


def link_contact(db, login: str, contact_id: int) -> None:
    db.execute_sql('INSERT INTO "server_login" ("login", "contact_id") VALUES (%s, %s) '
                   'ON CONFLICT ("login") DO UPDATE SET "contact_id" = EXCLUDED."contact_id"',
                   (login, contact_id))


def contact_exists(db, contact_id: int) -> bool:
    return db.execute_sql('SELECT 1 FROM "contact" WHERE id = %s',
                          (contact_id,)).fetchone() is not None


def users(db) -> list[tuple[str, str, int | None, str | None]]:
    """(login, role, contact_id, contact name) for every member of a tryg role, by login."""
    return [tuple(row) for row in db.execute_sql(
        'SELECT r.rolname, g.rolname, l.contact_id, c.name FROM pg_auth_members m '
        'JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member '
        'LEFT JOIN "server_login" l ON l.login = r.rolname '
        'LEFT JOIN "contact" c ON c.id = l.contact_id '
        'WHERE g.rolname = ANY(%s) ORDER BY r.rolname, g.rolname', (list(ROLES),)).fetchall()]


def login_names(db) -> dict[str, str]:
    """{login: the linked contact's name} (server_login, migration step 9)."""
    return dict(db.execute_sql(
        'SELECT l.login, c.name FROM "server_login" l JOIN "contact" c '
        'ON c.id = l.contact_id').fetchall())


def session_role(db) -> str | None:
    """The tryg role the session's login has (the first, if several), or None."""
    row = db.execute_sql(
        "SELECT g.rolname FROM pg_roles g WHERE g.rolname = ANY(%s) "
        "AND pg_has_role(session_user, g.oid, 'MEMBER') ORDER BY array_position(%s, g.rolname) "
        "LIMIT 1", (list(ROLES), list(ROLES))).fetchone()
    return row[0] if row else None


# --- moving data (db/server/transfer.py) -----------------------------------------------------------

def read_snapshot(db) -> None:
    """First statement of a transaction: one consistent, read-only view of every table."""
    db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def lock_for_upload(db, tables: list[str]) -> None:
    """Inside the upload's transaction: no user trigger fires (the audit trail keeps its
    authors, derived columns copy as they are), and the tables are locked, so a second upload
    at once waits and then finds the target no longer empty. Needs the tables' owner."""
    for table in tables:
        db.execute_sql(f"ALTER TABLE {identifier(table)} DISABLE TRIGGER USER")


def unlock_after_upload(db, tables: list[str]) -> None:
    for table in tables:
        db.execute_sql(f"ALTER TABLE {identifier(table)} ENABLE TRIGGER USER")


def set_sequences(db, tables: list[str]) -> None:
    """Each table's id sequence past its largest id (an empty table starts again at 1)."""
    for table in tables:
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {identifier(table)}), 1), "
            f"(SELECT MAX(id) FROM {identifier(table)}) IS NOT NULL)", (identifier(table),))
