"""Migration step 5: action items (handlinger) and the minutes' state of a meeting.
Frozen table definitions, as every step's are."""

from __future__ import annotations

import datetime as dt

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def step_5_actions(db) -> None:
    class Base(Model):
        class Meta:
            legacy_table_names = False

    # Stand-ins for the existing tables, so the foreign keys can name them.
    class Organisation(Base):
        pass

    class Contact(Base):
        pass

    class Forum(Base):
        pass

    class Meeting(Base):
        pass

    class AgendaItem(Base):
        pass

    now = dt.datetime.utcnow

    class ActionItem(Base):
        meeting = ForeignKeyField(Meeting, null=True, on_delete="SET NULL", index=False)
        agenda_item = ForeignKeyField(AgendaItem, null=True, on_delete="SET NULL")
        # (forum, status) below serves the forum look-ups, so no index of its own.
        forum = ForeignKeyField(Forum, null=True, on_delete="SET NULL", index=False)
        title = CharField()
        description = TextField(default="")
        responsible_contact = ForeignKeyField(Contact, null=True, on_delete="SET NULL")
        responsible_organisation = ForeignKeyField(Organisation, null=True, on_delete="SET NULL")
        due = DateField(null=True)
        status = CharField(default="åben")
        completed_on = DateField(null=True)
        completion_note = TextField(default="")
        version = IntegerField(default=1)
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)
        search_text = TextField(default="")

        class Meta:
            indexes = ((("status", "due"), False), (("forum", "status"), False),
                       (("meeting",), False))

    for model in (ActionItem, Organisation, Contact, Forum, Meeting, AgendaItem):
        model._meta.set_database(db)
    db.create_tables([ActionItem])
    # The Handlinger list's order (deadline, those without one last): walking this index gives
    # the first page at once instead of sorting every open action.
    db.execute_sql('CREATE INDEX "action_item_due_order" ON "action_item" (("due" IS NULL), "due")')
    # Plain ALTER TABLE (valid on SQLite and PostgreSQL): a table rebuild would be needless.
    db.execute_sql('ALTER TABLE "meeting" ADD COLUMN "minutes_status" VARCHAR(255) '
                   "NOT NULL DEFAULT 'kladde'")
    db.execute_sql('ALTER TABLE "meeting" ADD COLUMN "comment_deadline" DATE')
    db.execute_sql('ALTER TABLE "meeting" ADD COLUMN "approved_on" DATE')
