"""Migration step 9: who did it, on the team's server (issue 12, point 5).

On PostgreSQL:
- audit_entry."user" is set by the server itself: a BEFORE INSERT OR UPDATE trigger writes
  session_user (the database login) into it, whatever the client sent, so a client cannot
  write another name into the Historik.
- server_login(login, contact_id) links a database login to a contact in the register, so the
  Historik can show the person's name and the row-level security of closed agenda items
  (db/server/roles.py) can recognise a meeting's own chair and minute-taker. It is filled by
  `server add-user LOGIN --role ROLE --contact ID`.

On SQLite the step does nothing: the author stays the operating system's user name
(services/audit.current_user), and a file has no logins.

Frozen like every step: the SQL below is what step 9 did, whatever later code does."""

from __future__ import annotations

from tryg_desktop.db.dialect import is_server


def step_9_server(db) -> None:
    if not is_server(db):
        return
    db.execute_sql("""
        CREATE OR REPLACE FUNCTION tryg_audit_user() RETURNS trigger AS $$
        BEGIN
            NEW."user" := session_user;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""")
    db.execute_sql('DROP TRIGGER IF EXISTS audit_entry_user_biu ON "audit_entry"')
    db.execute_sql('CREATE TRIGGER audit_entry_user_biu BEFORE INSERT OR UPDATE '
                   'ON "audit_entry" FOR EACH ROW EXECUTE FUNCTION tryg_audit_user()')
    db.execute_sql("""
        CREATE TABLE IF NOT EXISTS "server_login" (
            "login" TEXT PRIMARY KEY,
            "contact_id" INTEGER REFERENCES "contact" ("id") ON DELETE SET NULL)""")
    db.execute_sql('CREATE INDEX IF NOT EXISTS "server_login_contact_id" '
                   'ON "server_login" ("contact_id")')
