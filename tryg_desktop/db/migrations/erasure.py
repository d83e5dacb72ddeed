"""Migration step 12: erasing a person (issue 13, point 4).

On PostgreSQL no role may UPDATE audit_entry (append-only GRANTs, db/server/roles.py), yet an
erasure must scrub the person's values from the history. So:
- tryg_erase_audit(contact integer) RETURNS integer, SECURITY DEFINER with a fixed search_path,
  EXECUTE for tryg_admin only (granted at `server init`, ADMIN_FUNCTIONS): reads the contact's
  name and e-mail from its row (so it must run BEFORE the row is cleared), then
  - the contact's own history entries: label "Slettet person", changes "{}";
  - other records' entries whose label or changes hold the name or e-mail: each occurrence
    replaced by "Slettet person" (case-insensitive);
  an entry with action 'erase' (the erasure's own trace) is never touched. Returns how many
  entries were scrubbed.
- tryg_audit_user() (step 9's trigger function) keeps the author of an entry on UPDATE (the
  scrub must not sign every old entry with the administrator's login); INSERT still stamps
  session_user. Only the table owner and the function above can UPDATE audit_entry anyway.

On SQLite the step does nothing: the service scrubs through the models (db/sqlite_dialect.py).

Frozen like every step once released."""

from __future__ import annotations

from tryg_desktop.db.dialect import is_server

TOMBSTONE = "Slettet person"


def step_12_erasure(db) -> None:
    if not is_server(db):
        return
    db.execute_sql("""
        CREATE OR REPLACE FUNCTION tryg_audit_user() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                NEW."user" := OLD."user";
            ELSE
                NEW."user" := session_user;
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""")
    schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
    path = '"' + schema.replace('"', '""') + '", pg_temp'
    # The name as a regular expression: every character but letters, digits and spaces
    # escaped (a backslash before a non-alphanumeric is a literal in PostgreSQL's AREs), and a
    # run of spaces matching any run of whitespace.
    db.execute_sql(rf"""
        CREATE OR REPLACE FUNCTION tryg_erase_audit(contact integer) RETURNS integer AS $$
        DECLARE
            wanted ALIAS FOR $1;
            person_name text;
            person_email text;
            value text;
            pattern text;
            scrubbed integer := 0;
            n integer;
        BEGIN
            SELECT c.name, c.email INTO person_name, person_email
            FROM "contact" c WHERE c.id = wanted;
            IF NOT FOUND THEN
                RAISE EXCEPTION USING ERRCODE = 'no_data_found',
                    MESSAGE = 'Kontakten findes ikke (id ' || wanted || ').';
            END IF;
            UPDATE "audit_entry" SET label = '{TOMBSTONE}', changes = '{{}}'
            WHERE entity = 'contact' AND record_id = wanted AND action <> 'erase'
              AND (label <> '{TOMBSTONE}' OR changes <> '{{}}');
            GET DIAGNOSTICS n = ROW_COUNT;
            scrubbed := scrubbed + n;
            FOREACH value IN ARRAY ARRAY[person_name, person_email] LOOP
                value := btrim(coalesce(value, ''));
                CONTINUE WHEN length(value) < 3 OR value = '{TOMBSTONE}';
                pattern := regexp_replace(value, '([^[:alnum:][:space:]])', '\\\1', 'g');
                pattern := regexp_replace(pattern, '[[:space:]]+', '[[:space:]]+', 'g');
                UPDATE "audit_entry"
                SET label = regexp_replace(label, pattern, '{TOMBSTONE}', 'gi'),
                    changes = regexp_replace(changes, pattern, '{TOMBSTONE}', 'gi')
                WHERE action <> 'erase'
                  AND NOT (entity = 'contact' AND record_id = wanted)
                  AND (label ~* pattern OR changes ~* pattern);
                GET DIAGNOSTICS n = ROW_COUNT;
                scrubbed := scrubbed + n;
            END LOOP;
            RETURN scrubbed;
        END $$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path}""")
    db.execute_sql("REVOKE ALL ON FUNCTION tryg_erase_audit(integer) FROM PUBLIC")
