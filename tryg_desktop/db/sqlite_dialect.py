"""What only SQLite understands: the FTS5 trigram index, unary-plus index hints, strftime,
COLLATE NOCASE, sqlite_master, the write lock of a migration. db/postgres_dialect.py holds the
same functions for PostgreSQL; db/dialect.py picks the one for the open database."""

from __future__ import annotations

from peewee import SQL, Expression, NodeList, fn

NAME = "sqlite"


def not_for_index(node):
    """The column behind a unary plus: the same value, but SQLite's planner will not pick an
    index on it. A flag such as "active" matches most rows; filtering through its index would
    stop the planner from walking the sort index for ORDER BY … LIMIT, the fast plan here."""
    return NodeList((SQL("+"), node), glue="")


def same_text_ignoring_case(field, value: str):
    """field = value ignoring case, through the NOCASE index where the value is ASCII (NOCASE
    folds ASCII only, which suits e-mail addresses); elsewhere lower() on both sides."""
    if value.isascii():
        return field.collate("NOCASE") == value
    return fn.lower(field) == value.lower()


def month_key(column):
    """'2026-07' for a date or timestamp column."""
    return fn.strftime("%Y-%m", column)


def danish(column):
    """column ordered in Danish (QCollator, through the collation registered on each
    connection), for a sort on a text the app keeps no sort key for."""
    from tryg_desktop.l10n import COLLATION_NAME

    return column.collate(COLLATION_NAME)


def count_if(condition):
    """How many rows meet the condition (SQLite's comparisons are 0 or 1)."""
    return fn.SUM(condition)


def contact_text_search(model, terms: list[str]):
    """The FTS5 trigram index for terms of three or more characters. "+id": the unary plus keeps
    SQLite from driving the query from the matches and then sorting them all (30 ms for a
    common word at 100,000 contacts); it walks the sort index instead and checks each id
    against the matches (under 8 ms in every case)."""
    match = " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)
    return Expression(not_for_index(model.id), "IN", SQL(
        "(SELECT rowid FROM contact_search WHERE contact_search MATCH ?)", [match]))


def order_after_text_search(key):
    """SQLite's plan is good as it is (see contact_text_search): the key unchanged."""
    return key


def contains_lowercase(column, term: str):
    """column (lower-cased text) contains term (lower-cased): peewee's contains, which SQLite
    runs as LIKE with the wildcards escaped."""
    return column.contains(term)


def table_exists(db, name: str) -> bool:
    return db.execute_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          (name,)).fetchone() is not None


def migration_lock(db) -> dict:
    """The write lock at BEGIN, so that the version is read again under it: two processes
    opening an old file at once both saw the old version; the second ran a step the first had
    just committed and failed with "duplicate column name"."""
    return {"lock_type": "IMMEDIATE"}


def lock_for_migration(db) -> None:
    pass  # the IMMEDIATE transaction above holds it


# --- schema pieces the migration steps need ------------------------------------------------

def danish_index(db, name: str, table: str, column: str) -> None:
    from tryg_desktop.l10n import COLLATION_NAME

    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                   f'("{column}" COLLATE {COLLATION_NAME})')


def case_blind_index(db, name: str, table: str, column: str) -> None:
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}" COLLATE NOCASE)')


def contact_search_index(db) -> None:
    """An FTS5 trigram index over contact.search_text, kept in step by triggers."""
    db.execute_sql(
        "CREATE VIRTUAL TABLE contact_search USING fts5("
        "search_text, content='contact', content_rowid='id', tokenize='trigram')")
    db.execute_sql("INSERT INTO contact_search(contact_search) VALUES('rebuild')")
    db.execute_sql(
        "CREATE TRIGGER contact_search_ai AFTER INSERT ON contact BEGIN "
        "INSERT INTO contact_search(rowid, search_text) VALUES (new.id, new.search_text); END")
    db.execute_sql(
        "CREATE TRIGGER contact_search_ad AFTER DELETE ON contact BEGIN "
        "INSERT INTO contact_search(contact_search, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); END")
    db.execute_sql(
        "CREATE TRIGGER contact_search_au AFTER UPDATE OF search_text ON contact BEGIN "
        "INSERT INTO contact_search(contact_search, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); "
        "INSERT INTO contact_search(rowid, search_text) VALUES (new.id, new.search_text); END")


def closed_item_triggers(db) -> None:
    """action_item.from_closed_item follows its agenda item's `closed`: an action added to or
    moved to an item takes the item's flag, and closing or opening an item carries it to its
    actions. Clearing the link (SET NULL on delete) leaves the flag as it was."""
    db.execute_sql(
        'CREATE TRIGGER action_item_closed_item_ai AFTER INSERT ON "action_item" '
        'WHEN new.agenda_item_id IS NOT NULL BEGIN '
        'UPDATE "action_item" SET from_closed_item = (SELECT closed FROM "agenda_item" '
        'WHERE id = new.agenda_item_id) WHERE id = new.id; END')
    db.execute_sql(
        'CREATE TRIGGER action_item_closed_item_au AFTER UPDATE OF agenda_item_id '
        'ON "action_item" WHEN new.agenda_item_id IS NOT NULL BEGIN '
        'UPDATE "action_item" SET from_closed_item = (SELECT closed FROM "agenda_item" '
        'WHERE id = new.agenda_item_id) WHERE id = new.id; END')
    db.execute_sql(
        'CREATE TRIGGER agenda_item_closed_au AFTER UPDATE OF closed ON "agenda_item" '
        'WHEN new.closed IS NOT old.closed BEGIN '
        'UPDATE "action_item" SET from_closed_item = new.closed '
        'WHERE agenda_item_id = new.id; END')


def after_step(db) -> None:
    pass  # SQLite compares text byte by byte already: the sort keys need nothing


# --- erasing a person (issue 13, point 4; services/data_protection/erasure.py) -------------------
# The erased values must not stay readable in the file. secure_delete makes SQLite overwrite
# what the erasure frees with zeros; it is turned on for the erasure's connection only (always on
# would zero every ordinary delete and update too, for no gain on a register's other data).
# The FTS5 index keeps a deleted row's tokens in its old segments until they are merged:
# 'optimize' merges them now. VACUUM then rewrites the whole file, so no free page or unused
# cell space from earlier edits of the person (a corrected spelling, an old search text) is
# left, and the write-ahead log is checkpointed and truncated to nothing.

def erase_audit(db, contact_id: int, tombstone: str) -> int:
    """The contact's own history entries lose their values (label tombstone, changes {}); other
    entries whose label or changes name the person (name or e-mail, case-insensitive) get
    tombstone instead. Entries with action 'erase' are not touched. Call before the contact's
    row is cleared (the name is read from it). Returns how many entries changed. PostgreSQL
    does the same in tryg_erase_audit (migration step 12)."""
    import re

    from tryg_desktop.db.models import AuditEntry, Contact

    contact = Contact.get_by_id(contact_id)
    scrubbed = (AuditEntry.update(label=tombstone, changes="{}")
                .where((AuditEntry.entity == "contact") & (AuditEntry.record_id == contact_id)
                       & (AuditEntry.action != "erase")
                       & ((AuditEntry.label != tombstone) | (AuditEntry.changes != "{}")))
                .execute())
    for value in (contact.name, contact.email):
        value = (value or "").strip()
        if len(value) < 3 or value == tombstone:
            continue
        pattern = re.compile(r"\s+".join(re.escape(word) for word in value.split()),
                             re.IGNORECASE)
        variants = dict.fromkeys((value, value.lower(), value.upper(), value.title()))
        condition = None
        for variant in variants:
            for column in (AuditEntry.label, AuditEntry.changes):
                part = column.contains(variant)
                condition = part if condition is None else condition | part
        found = (AuditEntry.select(AuditEntry.id, AuditEntry.label, AuditEntry.changes)
                 .where(condition & (AuditEntry.action != "erase")
                        & ~((AuditEntry.entity == "contact")
                            & (AuditEntry.record_id == contact_id))).tuples())
        for entry_id, label, changes in list(found):
            new_label = pattern.sub(tombstone, label or "")
            new_changes = pattern.sub(tombstone, changes or "")
            if (new_label, new_changes) != (label, changes):
                AuditEntry.update(label=new_label, changes=new_changes).where(
                    AuditEntry.id == entry_id).execute()
                scrubbed += 1
    return scrubbed


def contact_logins(db, contact_id: int) -> list[str]:
    return []  # a file has no logins


def unlink_contact_logins(db, contact_id: int) -> int:
    return 0


def erasure_begins(db) -> object:
    """Before the erasure's transaction: secure_delete on for this connection; returns what to
    give erasure_ends (the previous setting)."""
    before = db.execute_sql("PRAGMA secure_delete").fetchone()[0]
    db.execute_sql("PRAGMA secure_delete = ON")
    return before


def erased_from_search_index(db, contact_id: int) -> None:
    """Inside the transaction, after the contact's search_text changed (the triggers wrote the
    'delete' of its old tokens): merge the index's segments so the old tokens are gone."""
    db.execute_sql("INSERT INTO contact_search(contact_search) VALUES('optimize')")


def erasure_ends(db, begun: object, tables: list[str]) -> list[str]:
    """After the commit: VACUUM, checkpoint and truncate the WAL, secure_delete as before.
    Returns Danish notes for what could not be done (empty when all went well)."""
    from peewee import OperationalError

    notes = []
    if not tables:  # the erasure was rolled back: only the setting back
        db.execute_sql(f"PRAGMA secure_delete = {int(begun or 0)}")
        return notes
    try:
        db.execute_sql("VACUUM")
    except OperationalError:
        notes.append("Databasefilen kunne ikke komprimeres (VACUUM), fordi den var i brug; "
                     "de slettede oplysninger er overskrevet, men filen er ikke gennemskrevet.")
    busy = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    if busy:
        notes.append("Logfilen (-wal) kunne ikke tømmes, fordi et andet program læste "
                     "databasen; den tømmes, når programmet lukkes.")
    db.execute_sql(f"PRAGMA secure_delete = {int(begun or 0)}")
    return notes


# --- the retention purge: plain statements (access_log's trigger refuses young entries) ------

def purge_audit(db, cutoff) -> int:
    from tryg_desktop.db.models import AuditEntry

    return AuditEntry.delete().where(AuditEntry.at < cutoff).execute()


def purge_access_log(db, cutoff) -> int:
    from tryg_desktop.db.privacy_models import AccessLogEntry

    return AccessLogEntry.delete().where(AccessLogEntry.at < cutoff).execute()


def clear_episode_notes_in_history(db, episode_ids: list[int], marker: str) -> bool:
    """As tryg_audit_clear_episode_notes does on PostgreSQL (migration step 13)."""
    import json

    from tryg_desktop.db.models import AuditEntry

    entries = AuditEntry.select().where((AuditEntry.entity == "episode")
                                        & AuditEntry.record_id.in_(episode_ids)
                                        & AuditEntry.changes.contains('"note"'))
    for entry in entries:
        changes = json.loads(entry.changes or "{}")
        values = changes.get("note")
        if not isinstance(values, list):
            continue
        scrubbed = [value if value in ("", None, marker) else marker for value in values]
        if scrubbed != values:
            changes["note"] = scrubbed
            (AuditEntry.update(changes=json.dumps(changes, ensure_ascii=False))
             .where(AuditEntry.id == entry.id).execute())
    return True
