"""Migration step 8 (issue 10 point 16): rebuild the stored search text of actions and meetings.

Before db/derived.py owned it, a renamed contact, organisation or forum left its old name in
the actions' and meetings' search text, and that text did not hold an action's organisation
through its responsible person nor a meeting's place. No schema change: the rows are read with
the step-7 columns in plain SQL and rebuilt with db/derived.py's functions, one UPDATE per
batch of changed rows.
"""

from __future__ import annotations

from tryg_desktop.db.derived import action_search_text, meeting_search_text, update_by_id

_ACTIONS = (
    'SELECT a."id", a."title", a."description", c."name", COALESCE(ro."name", co."name"), '
    'a."search_text" FROM "action_item" a '
    'LEFT JOIN "contact" c ON c."id" = a."responsible_contact_id" '
    'LEFT JOIN "organisation" co ON co."id" = c."organisation_id" '
    'LEFT JOIN "organisation" ro ON ro."id" = a."responsible_organisation_id"')
_MEETINGS = (
    'SELECT m."id", m."title", f."name", m."location", m."kind", p."name", m."search_text" '
    'FROM "meeting" m LEFT JOIN "forum" f ON f."id" = m."forum_id" '
    'LEFT JOIN "place" p ON p."id" = m."place_id"')


def step_8_derived_text(db) -> None:
    _rebuild(db, "action_item", [(row[0], action_search_text(*row[1:5]), row[5])
                                 for row in db.execute_sql(_ACTIONS).fetchall()])
    _rebuild(db, "meeting", [(row[0], meeting_search_text(*row[1:6]), row[6])
                             for row in db.execute_sql(_MEETINGS).fetchall()])


def _rebuild(db, table: str, rows: list[tuple[int, str, str]]) -> None:
    update_by_id(db, table, ["search_text"],
                 [(record_id, text) for record_id, text, stored in rows if text != stored])
