"""Migration step 13: retention purges (issue 13, point 2).

- PostgreSQL: audit_entry is append-only by GRANTs (nobody may DELETE), so the retention purge
  of old change history runs through tryg_audit_purge(cutoff timestamp) RETURNS integer,
  SECURITY DEFINER with a fixed search_path (the pattern of tryg_access_log_purge in step 11).
  It refuses a cutoff less than six months back, so a slip cannot empty the trail. Executed by
  tryg_admin alone: PUBLIC's right is revoked here, and `server init` grants EXECUTE to
  tryg_admin (db/server/roles.ADMIN_FUNCTIONS).
- PostgreSQL: tryg_audit_clear_episode_notes(episodes integer[]) RETURNS integer, the same
  way: when an episode's free text is cleared after its period, the text is also replaced by
  "(slettet efter slettefristen)" in the episode's history entries (their "note" values), so
  the Historik no longer shows it. The entries keep their author (step 12's trigger).
- Both functions are granted to tryg_admin here when that role already exists (a server made
  before this step, whose `server init` has run); a new server gets the grants at
  `server init` (db/server/roles.ADMIN_FUNCTIONS).
- SQLite: nothing; the purge is a plain DELETE and the history's note values are rewritten
  through the models (services/data_protection/retention.py).

Frozen like every step once released."""

from __future__ import annotations

from tryg_desktop.db.dialect import is_server

MIN_DAYS = 183  # the purge never reaches history younger than six months
REFUSE = "Historik yngre end 6 måneder kan ikke slettes."
NOTE_CLEARED = "(slettet efter slettefristen)"
FUNCTIONS = ("tryg_audit_purge(timestamp)", "tryg_audit_clear_episode_notes(integer[])")


def step_13_retention(db) -> None:
    if not is_server(db):
        return
    schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
    path = '"' + schema.replace('"', '""') + '", pg_temp'
    db.execute_sql(f"""
        CREATE OR REPLACE FUNCTION tryg_audit_purge(cutoff timestamp) RETURNS integer AS $$
        DECLARE
            removed integer;
        BEGIN
            IF cutoff > (now() AT TIME ZONE 'UTC') - interval '{MIN_DAYS} days' THEN
                RAISE EXCEPTION '{REFUSE}' USING ERRCODE = 'insufficient_privilege';
            END IF;
            DELETE FROM audit_entry WHERE "at" < cutoff;
            GET DIAGNOSTICS removed = ROW_COUNT;
            RETURN removed;
        END $$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path}""")
    note = "changes::jsonb->'note'"
    kept = [f"CASE WHEN coalesce({note}->>{i}, '') IN ('', '{NOTE_CLEARED}') THEN {note}->{i} "
            f"ELSE to_jsonb('{NOTE_CLEARED}'::text) END" for i in (0, 1)]
    db.execute_sql(f"""
        CREATE OR REPLACE FUNCTION tryg_audit_clear_episode_notes(episodes integer[])
        RETURNS integer AS $$
        DECLARE
            cleared integer;
        BEGIN
            UPDATE audit_entry
            SET changes = jsonb_set(changes::jsonb, '{{note}}',
                                    jsonb_build_array({kept[0]}, {kept[1]}))::text
            WHERE entity = 'episode' AND record_id = ANY(episodes)
              AND strpos(changes, '"note"') > 0
              AND jsonb_typeof({note}) = 'array'
              AND (coalesce({note}->>0, '') NOT IN ('', '{NOTE_CLEARED}')
                   OR coalesce({note}->>1, '') NOT IN ('', '{NOTE_CLEARED}'));
            GET DIAGNOSTICS cleared = ROW_COUNT;
            RETURN cleared;
        END $$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path}""")
    for function in FUNCTIONS:
        db.execute_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        db.execute_sql(f"""
            DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tryg_admin') THEN
                    GRANT EXECUTE ON FUNCTION {function} TO tryg_admin;
                END IF;
            END $$""")
