"""Migration step 10: working side by side on the team's server (issue 12, point 6).

On PostgreSQL:
- AFTER INSERT/UPDATE/DELETE triggers on the tables users edit call tryg_notify_change(),
  which sends NOTIFY tryg_changes with a small JSON payload: the table, the row's id, the action
  (insert/update/delete), the login (session_user), the meeting the row belongs to (when it has
  one) and the backend's pid. Ids only: no names or texts travel on the wire. The app listens
  (db/server/live.py) and refreshes what shows the row.
- meeting_presence(meeting_id, login, backend_pid, since): who has a meeting open in the
  meeting editor. Written only through three SECURITY DEFINER functions, so every role (a
  tryg_laeser too) can say "I have it open" and nobody can write another login or pid:
  tryg_presence_enter(meeting), tryg_presence_leave(meeting) and tryg_presence_list(meeting);
  rows whose backend is gone (not in pg_stat_activity under that login) are ignored and
  cleaned. A change of presence is announced on the same channel (table meeting_presence).

On SQLite the step does nothing: a file has one user at a time.

Frozen like every step: the SQL below is what step 10 did, whatever later code does."""

from __future__ import annotations

from tryg_desktop.db.dialect import is_server

CHANNEL = "tryg_changes"
WATCHED = ("organisation", "contact", "forum", "meeting", "participant", "agenda_item",
           "action_item", "place", "effort", "episode", "attachment")


def step_10_live(db) -> None:
    if not is_server(db):
        return
    db.execute_sql(f"""
        CREATE OR REPLACE FUNCTION tryg_notify_change() RETURNS trigger AS $$
        DECLARE
            r record;
            meeting integer;
        BEGIN
            IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
            IF TG_TABLE_NAME = 'meeting' THEN
                meeting := r.id;
            ELSIF TG_TABLE_NAME IN ('participant', 'agenda_item', 'action_item') THEN
                meeting := r.meeting_id;
            ELSIF TG_TABLE_NAME = 'attachment' THEN
                SELECT a.meeting_id INTO meeting FROM agenda_item a WHERE a.id = r.agenda_item_id;
            END IF;
            PERFORM pg_notify('{CHANNEL}', json_build_object(
                'table', TG_TABLE_NAME, 'id', r.id, 'action', lower(TG_OP),
                'login', session_user, 'meeting_id', meeting, 'pid', pg_backend_pid())::text);
            RETURN NULL;
        END $$ LANGUAGE plpgsql""")
    for table in WATCHED:
        trigger = f"{table}_notify_aiud"
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{trigger}" ON "{table}"')
        db.execute_sql(f'CREATE TRIGGER "{trigger}" AFTER INSERT OR UPDATE OR DELETE '
                       f'ON "{table}" FOR EACH ROW EXECUTE FUNCTION tryg_notify_change()')

    db.execute_sql("""
        CREATE TABLE IF NOT EXISTS "meeting_presence" (
            "meeting_id" INTEGER NOT NULL REFERENCES "meeting" ("id") ON DELETE CASCADE,
            "login" TEXT NOT NULL,
            "backend_pid" INTEGER NOT NULL,
            "since" TIMESTAMPTZ NOT NULL DEFAULT now(),
            PRIMARY KEY ("meeting_id", "backend_pid"))""")
    schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
    path = '"' + schema.replace('"', '""') + '", pg_temp'  # no shadowing from a temp schema
    stale = """DELETE FROM meeting_presence p WHERE NOT EXISTS (
                   SELECT 1 FROM pg_stat_activity s
                   WHERE s.pid = p.backend_pid AND s.usename = p.login)"""
    announce = (f"PERFORM pg_notify('{CHANNEL}', json_build_object("
                "'table', 'meeting_presence', 'id', meeting, 'action', {action}, "
                "'login', session_user, 'meeting_id', meeting, 'pid', pg_backend_pid())::text)")
    db.execute_sql(f"""
        CREATE OR REPLACE FUNCTION tryg_presence_enter(meeting integer) RETURNS void AS $$
        DECLARE
            added integer;
        BEGIN
            {stale};
            INSERT INTO meeting_presence (meeting_id, login, backend_pid)
                SELECT meeting, session_user, pg_backend_pid()
                WHERE EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting)
                ON CONFLICT DO NOTHING;
            GET DIAGNOSTICS added = ROW_COUNT;
            IF added > 0 THEN
                {announce.format(action="'enter'")};
            END IF;
        END $$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path}""")
    db.execute_sql(f"""
        CREATE OR REPLACE FUNCTION tryg_presence_leave(meeting integer) RETURNS void AS $$
        DECLARE
            removed integer;
        BEGIN
            DELETE FROM meeting_presence
                WHERE meeting_id = meeting AND backend_pid = pg_backend_pid();
            GET DIAGNOSTICS removed = ROW_COUNT;
            IF removed > 0 THEN
                {announce.format(action="'leave'")};
            END IF;
        END $$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path}""")
    db.execute_sql(f"""
        CREATE OR REPLACE FUNCTION tryg_presence_list(meeting integer)
        RETURNS TABLE (login text, backend_pid integer, since timestamptz) AS $$
        BEGIN
            {stale};
            RETURN QUERY SELECT p.login, p.backend_pid, p.since FROM meeting_presence p
                WHERE p.meeting_id = meeting ORDER BY p.since, p.login;
        END $$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path}""")
