"""Migration step 7 (issue 9): what a kommune's meeting work needs beyond step 4–6.

- meeting: sagsnummer, when the invitation was sent ("Udsendt den …"), who approved the
  referat, and the actions as they stood at approval (JSON), so an approved referat reprints
  the same;
- agenda_item: sagsnummer and "Noter til mødeleder" (printed only in the Drejebog);
- attachment: an agenda item's bilag, kept in the database with the meeting;
- action_item.from_closed_item: the action was agreed under a closed (lukket) item. Kept by
  triggers, so it stays true after the item (or its meeting) is deleted and the link is set
  NULL: closed must stay closed in every participants' version (services/meetings/disclosure.py);
- forum.rhythm: the old codes ("biweekly" …) become calendar rules (RFC 5545 RRULE text,
  e.g. "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"), anchored on the forum's latest meeting.

Frozen, as every step is."""

from __future__ import annotations

import datetime as dt

from peewee import BlobField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model

from tryg_desktop.db.dialect import for_database

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def legacy_rule(rhythm: str, anchor: dt.date | None) -> str:
    """The calendar rule for an old rhythm code, keeping the weekday (and, for the monthly
    ones, the n-th weekday of the month) of the forum's latest meeting."""
    if rhythm in ("", "none") or rhythm.startswith("FREQ="):
        return "" if rhythm == "none" else rhythm
    anchor = anchor or dt.date(2026, 1, 6)  # a Tuesday: the usual day of the demo's forums
    weekday = _WEEKDAYS[min(anchor.weekday(), 4)]
    if rhythm in ("weekly", "biweekly"):
        interval = 1 if rhythm == "weekly" else 2
        return f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={weekday}"
    months = {"monthly": 1, "bimonthly": 2, "quarterly": 3}.get(rhythm, 1)
    nth = (anchor.day - 1) // 7 + 1
    nth = -1 if nth >= 5 else nth  # a fifth Tuesday does not come every month: the last one
    return f"FREQ=MONTHLY;INTERVAL={months};BYDAY={nth}{weekday}"


def step_7_meeting_work(db) -> None:
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class AgendaItem(Base):
        pass

    class Attachment(Base):
        agenda_item = ForeignKeyField(AgendaItem, on_delete="CASCADE")
        file_name = CharField()
        media_type = CharField(default="application/octet-stream")
        size = IntegerField()
        content = BlobField()
        created_at = DateTimeField(default=dt.datetime.utcnow)

    for model in (AgendaItem, Attachment):
        model._meta.set_database(db)
    db.create_tables([Attachment])
    for table, column in (("meeting", "case_number"), ("meeting", "approved_by"),
                          ("meeting", "approved_actions"), ("agenda_item", "case_number"),
                          ("agenda_item", "chair_notes")):
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" TEXT NOT NULL DEFAULT \'\'')
    db.execute_sql('ALTER TABLE "meeting" ADD COLUMN "invitation_sent_at" TIMESTAMP NULL')
    _closed_item_flag(db)
    rows = db.execute_sql(
        'SELECT f.id, f.rhythm, MAX(m.starts_at) FROM "forum" f '
        'LEFT JOIN "meeting" m ON m.forum_id = f.id GROUP BY f.id, f.rhythm').fetchall()
    for forum_id, rhythm, latest in rows:
        if isinstance(latest, str):
            latest = dt.datetime.fromisoformat(latest)
        rule = legacy_rule(rhythm or "", latest.date() if latest else None)
        db.execute_sql(f'UPDATE "forum" SET rhythm = {db.param} WHERE id = {db.param}',
                       (rule, forum_id))


def _closed_item_flag(db) -> None:
    """action_item.from_closed_item, derived from the agenda item's `closed` and owned by the
    database: triggers follow an item that is closed or opened and an action that is moved to
    another item, and leave the flag alone when the link is cleared (SET NULL on delete)."""
    db.execute_sql('ALTER TABLE "action_item" ADD COLUMN "from_closed_item" BOOLEAN NOT NULL '
                   'DEFAULT FALSE')
    db.execute_sql('UPDATE "action_item" SET from_closed_item = TRUE WHERE agenda_item_id IN '
                   '(SELECT id FROM "agenda_item" WHERE closed)')
    for_database(db).closed_item_triggers(db)
