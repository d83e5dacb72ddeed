"""Migration step 11: data protection (issue 13).

- access_log: who looked at, searched, printed, exported, mailed, backed up or deleted which
  personal data, when, and for bulk work why. Append-only on both databases: UPDATE is refused,
  and DELETE of an entry younger than six months (the legal minimum, Datatilsynet) too, so only
  the retention purge of old entries removes any.
  - SQLite: two triggers do it (RAISE ABORT).
  - PostgreSQL: the same two triggers, for every login including the owner; "user" and "at" are
    the server's (session_user, and the client's time only within the last five minutes, so a
    batch written a moment later keeps its times but nobody can backdate an entry). The roles'
    GRANTs (db/server/roles.py) let every role INSERT and only tryg_admin SELECT; the purge runs
    through tryg_access_log_purge(cutoff), SECURITY DEFINER, granted to tryg_admin alone.
- privacy_setting(key, value): the team's retention periods.
- contact.consent_given_on / consent_purpose / consent_withdrawn_on: a privatperson's consent
  to be named in documents for participants.

Frozen like every step: the SQL below is what step 11 did, whatever later code does."""

from __future__ import annotations

from tryg_desktop.db.dialect import is_server

MIN_DAYS = 183  # six months: the access log's legal minimum
REFUSE_UPDATE = "Adgangsloggen kan ikke ændres."
REFUSE_DELETE = "Adgangsloggen skal gemmes i mindst 6 måneder."


def step_11_privacy(db) -> None:
    server = is_server(db)
    key = "SERIAL PRIMARY KEY" if server else "INTEGER PRIMARY KEY AUTOINCREMENT"
    stamp = "TIMESTAMP"  # naive UTC, as every other timestamp of the schema
    db.execute_sql(f"""
        CREATE TABLE IF NOT EXISTS "access_log" (
            "id" {key},
            "at" {stamp} NOT NULL,
            "user" TEXT NOT NULL,
            "action" TEXT NOT NULL,
            "record_type" TEXT NOT NULL DEFAULT '',
            "record_id" INTEGER,
            "detail" TEXT NOT NULL DEFAULT '',
            "purpose" TEXT NOT NULL DEFAULT '')""")
    for name, columns in (("access_log_at", '"at"'),
                          ("access_log_record", '"record_type", "record_id", "at"'),
                          ("access_log_user", '"user", "at"')):
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "access_log" ({columns})')
    db.execute_sql(f"""
        CREATE TABLE IF NOT EXISTS "privacy_setting" (
            "id" {key},
            "key" TEXT NOT NULL UNIQUE,
            "value" TEXT NOT NULL)""")
    have = {column.name for column in db.get_columns("contact")}  # (a step run again: tests)
    for column, kind in (("consent_given_on", "DATE"), ("consent_withdrawn_on", "DATE"),
                         ("consent_purpose", "TEXT NOT NULL DEFAULT ''")):
        if column not in have:
            db.execute_sql(f'ALTER TABLE "contact" ADD COLUMN "{column}" {kind}')
    if server:
        _server(db)
    else:
        _sqlite(db)


def _sqlite(db) -> None:
    db.execute_sql(f"""
        CREATE TRIGGER IF NOT EXISTS "access_log_no_update" BEFORE UPDATE ON "access_log"
        BEGIN SELECT RAISE(ABORT, '{REFUSE_UPDATE}'); END""")
    db.execute_sql(f"""
        CREATE TRIGGER IF NOT EXISTS "access_log_keep" BEFORE DELETE ON "access_log"
        WHEN OLD."at" > datetime('now', '-{MIN_DAYS} days')
        BEGIN SELECT RAISE(ABORT, '{REFUSE_DELETE}'); END""")


def _server(db) -> None:
    db.execute_sql("""
        CREATE OR REPLACE FUNCTION tryg_access_log_stamp() RETURNS trigger AS $$
        DECLARE
            now_utc timestamp := now() AT TIME ZONE 'UTC';
        BEGIN
            NEW."user" := session_user;
            IF NEW."at" IS NULL OR NEW."at" > now_utc
                    OR NEW."at" < now_utc - interval '5 minutes' THEN
                NEW."at" := now_utc;
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""")
    db.execute_sql(f"""
        CREATE OR REPLACE FUNCTION tryg_access_log_guard() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                RAISE EXCEPTION '{REFUSE_UPDATE}' USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF OLD."at" > (now() AT TIME ZONE 'UTC') - interval '{MIN_DAYS} days' THEN
                RAISE EXCEPTION '{REFUSE_DELETE}' USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN OLD;
        END $$ LANGUAGE plpgsql""")
    for trigger, when, function in (
            ("access_log_stamp_bi", "BEFORE INSERT", "tryg_access_log_stamp"),
            ("access_log_guard_bud", "BEFORE UPDATE OR DELETE", "tryg_access_log_guard")):
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{trigger}" ON "access_log"')
        db.execute_sql(f'CREATE TRIGGER "{trigger}" {when} ON "access_log" '
                       f'FOR EACH ROW EXECUTE FUNCTION {function}()')
    schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
    path = '"' + schema.replace('"', '""') + '", pg_temp'
    db.execute_sql(f"""
        CREATE OR REPLACE FUNCTION tryg_access_log_purge(cutoff timestamp) RETURNS integer AS $$
        DECLARE
            removed integer;
        BEGIN
            IF cutoff > (now() AT TIME ZONE 'UTC') - interval '{MIN_DAYS} days' THEN
                RAISE EXCEPTION '{REFUSE_DELETE}' USING ERRCODE = 'insufficient_privilege';
            END IF;
            DELETE FROM access_log WHERE "at" < cutoff;
            GET DIAGNOSTICS removed = ROW_COUNT;
            RETURN removed;
        END $$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path}""")
    db.execute_sql("REVOKE ALL ON FUNCTION tryg_access_log_purge(timestamp) FROM PUBLIC")
