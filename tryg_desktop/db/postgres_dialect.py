"""What only PostgreSQL understands, beside db/sqlite_dialect.py's SQLite versions of the same
functions: the pg_trgm index for search, to_char, FILTER, advisory locks, PL/pgSQL triggers,
ICU collations and binary ("C") order for the stored sort keys."""

from __future__ import annotations

from peewee import OP, SQL, Case, Expression, NodeList, fn

NAME = "postgres"
DANISH_COLLATION = '"da-DK-x-icu"'
_MIGRATION_LOCK = 0x7472_7967  # "tryg": one number every Tryg Desktop migration locks on


def not_for_index(node):
    return node  # PostgreSQL's planner needs no hint here (and "+" is no boolean operator)


def same_text_ignoring_case(field, value: str):
    return fn.lower(field) == value.lower()


def month_key(column):
    # The pattern as a literal, not a parameter: a GROUP BY must repeat the SELECT's expression
    # exactly, and two parameters ($1, $2) are two different expressions to the server.
    return fn.to_char(column, SQL("'YYYY-MM'"))


def danish(column):
    """column ordered in Danish (ICU), for a sort on a text the app keeps no sort key for."""
    return column.collate(DANISH_COLLATION)


def count_if(condition):
    return fn.SUM(Case(None, [(condition, 1)], 0))


def contact_text_search(model, terms: list[str]):
    """pg_trgm's GIN index answers LIKE '%term%' on search_text (lower-cased already)."""
    condition = None
    for term in terms:
        like = contains_lowercase(model.search_text, term)
        condition = like if condition is None else condition & like
    return condition


def order_after_text_search(key):
    """The first sort key of a list searched through the trigram index, as an expression no
    index can give in order (the same values and collation). Otherwise the planner walks the
    sort index and tests every row: 33,000 rows before the hundredth »mette« at 20× (70 ms),
    where the index's 9,000 matches sorted take 25 ms; a rare term takes under a millisecond."""
    return NodeList((key, SQL("|| ''")))


def contains_lowercase(column, term: str):
    """column (lower-cased text) contains term (lower-cased): LIKE, not peewee's ILIKE, which
    costs three times as much for the same rows (the server benchmark)."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return Expression(column, OP.LIKE, f"%{escaped}%")


def table_exists(db, name: str) -> bool:
    return db.execute_sql("SELECT to_regclass(%s) IS NOT NULL",
                          (f'"{name}"',)).fetchone()[0]


def migration_lock(db) -> dict:
    return {}


def lock_for_migration(db) -> None:
    """Two app windows (or a window and `server init`) opening a new database at once: the
    second waits here until the first has committed its step, then reads the version again."""
    db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))


# --- schema pieces the migration steps need ------------------------------------------------

def danish_index(db, name: str, table: str, column: str) -> None:
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                   f'("{column}" COLLATE {DANISH_COLLATION})')


def case_blind_index(db, name: str, table: str, column: str) -> None:
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" (lower("{column}"))')


def contact_search_index(db) -> None:
    """A trigram index over contact.search_text: the server keeps it, no triggers needed."""
    db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    db.execute_sql('CREATE INDEX IF NOT EXISTS "contact_search_trgm" ON "contact" '
                   'USING gin ("search_text" gin_trgm_ops)')


def closed_item_triggers(db) -> None:
    """The three SQLite triggers of db/sqlite_dialect.py as PL/pgSQL functions."""
    db.execute_sql("""
        CREATE OR REPLACE FUNCTION tryg_action_item_closed_item() RETURNS trigger AS $$
        BEGIN
            IF NEW.agenda_item_id IS NOT NULL THEN
                NEW.from_closed_item := (SELECT closed FROM agenda_item
                                         WHERE id = NEW.agenda_item_id);
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""")
    db.execute_sql('CREATE TRIGGER action_item_closed_item_ai BEFORE INSERT ON "action_item" '
                   'FOR EACH ROW EXECUTE FUNCTION tryg_action_item_closed_item()')
    db.execute_sql('CREATE TRIGGER action_item_closed_item_au BEFORE UPDATE OF agenda_item_id '
                   'ON "action_item" FOR EACH ROW EXECUTE FUNCTION tryg_action_item_closed_item()')
    db.execute_sql("""
        CREATE OR REPLACE FUNCTION tryg_agenda_item_closed() RETURNS trigger AS $$
        BEGIN
            IF NEW.closed IS DISTINCT FROM OLD.closed THEN
                UPDATE action_item SET from_closed_item = NEW.closed
                WHERE agenda_item_id = NEW.id;
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""")
    db.execute_sql('CREATE TRIGGER agenda_item_closed_au AFTER UPDATE OF closed '
                   'ON "agenda_item" FOR EACH ROW EXECUTE FUNCTION tryg_agenda_item_closed()')


def after_step(db) -> None:
    """The stored sort keys (db/derived.py) are made to be compared byte by byte, as SQLite
    does; a server database's own collation (da_DK, en_US …) would reorder them. Every sort_…
    column gets the "C" collation (its indexes are rebuilt with it)."""
    rows = db.execute_sql(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND column_name LIKE %s "
        "AND (collation_name IS NULL OR collation_name <> 'C')", ("sort\\_%",)).fetchall()
    for table, column in rows:
        db.execute_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE TEXT COLLATE "C"')


# --- erasing a person (issue 13, point 4; services/data_protection/erasure.py) -------------------
# No role may UPDATE audit_entry: the scrub runs in tryg_erase_audit (migration step 12),
# SECURITY DEFINER, granted to tryg_admin. The old row versions stay in the table files until
# VACUUM: the erasure VACUUMs the tables it touched after its commit when the login may (the
# tables' owner or a superuser); otherwise the server's autovacuum or IT's routine VACUUM
# removes them, and the result says so.

def erase_audit(db, contact_id: int, tombstone: str) -> int:
    return db.execute_sql("SELECT tryg_erase_audit(%s)", (contact_id,)).fetchone()[0]


def contact_logins(db, contact_id: int) -> list[str]:
    if not table_exists(db, "server_login"):
        return []
    return [row[0] for row in db.execute_sql(
        'SELECT login FROM "server_login" WHERE contact_id = %s ORDER BY login',
        (contact_id,)).fetchall()]


def unlink_contact_logins(db, contact_id: int) -> int:
    if not table_exists(db, "server_login"):
        return 0
    return db.execute_sql('DELETE FROM "server_login" WHERE contact_id = %s',
                          (contact_id,)).rowcount


def erasure_begins(db) -> object:
    return None


def erased_from_search_index(db, contact_id: int) -> None:
    pass  # the pg_trgm index follows the row; VACUUM removes the old entries


def erasure_ends(db, begun: object, tables: list[str]) -> list[str]:
    """After the commit, outside any transaction: VACUUM the touched tables this login may
    vacuum. Returns Danish notes for what was left to the server."""
    if not tables:  # the erasure was rolled back: nothing to clean
        return []
    allowed = {row[0] for row in db.execute_sql(
        "SELECT c.relname FROM pg_class c "
        "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(%s) "
        "AND (pg_has_role(current_user, c.relowner, 'USAGE') "
        "     OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user))",
        (list(tables),)).fetchall()}
    for table in tables:
        if table in allowed:
            db.execute_sql(f'VACUUM "{table}"')
    if set(tables) - allowed:
        return ["Serveren fjerner de gamle udgaver af rækkerne ved sin næste VACUUM "
                "(autovacuum eller IT's faste vedligeholdelse); dit login må ikke selv køre "
                "VACUUM."]
    return []


# --- the retention purge: both logs are append-only; SECURITY DEFINER functions granted to
# tryg_admin do it (migration steps 11 and 13) ------------------------------------------------

def purge_audit(db, cutoff) -> int:
    return db.execute_sql("SELECT tryg_audit_purge(%s)", (cutoff,)).fetchone()[0]


def purge_access_log(db, cutoff) -> int:
    return db.execute_sql("SELECT tryg_access_log_purge(%s)", (cutoff,)).fetchone()[0]


def clear_episode_notes_in_history(db, episode_ids: list[int], marker: str) -> bool:
    """tryg_audit_clear_episode_notes writes its own marker (the same text, step 13)."""
    function = "tryg_audit_clear_episode_notes(integer[])"
    if not db.execute_sql("SELECT has_function_privilege(%s, 'EXECUTE')",
                          (function,)).fetchone()[0]:
        return False
    db.execute_sql("SELECT tryg_audit_clear_episode_notes(%s)", (episode_ids,))
    return True
