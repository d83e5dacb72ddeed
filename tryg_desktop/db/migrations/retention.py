"""Migration step 13: retention purges (issue 13, point 2).

- PostgreSQL: audit_entry is append-only by GRANTs (nobody may DELETE), so the retention purge
  of old change history runs through tryg_audit_purge(cutoff timestamp) RETURNS integer,
  SECURITY DEFINER with a fixed search_path (the pattern of tryg_access_log_purge in step 11).
  It refuses a cutoff less than six months back, so a slip cannot empty the trail. Executed by
  tryg_admin alone: PUBLIC's right is revoked here, and `server init` grants EXECUTE to
  tryg_admin (db/server/roles.ADMIN_FUNCTIONS).
- SQLite: nothing; the purge is a plain DELETE (services/data_protection/retention.py).

Frozen like every step once released."""

from __future__ import annotations

from tryg_desktop.db.dialect import is_server

MIN_DAYS = 183  # the purge never reaches history younger than six months
REFUSE = "Historik yngre end 6 måneder kan ikke slettes."


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
    db.execute_sql("REVOKE ALL ON FUNCTION tryg_audit_purge(timestamp) FROM PUBLIC")
