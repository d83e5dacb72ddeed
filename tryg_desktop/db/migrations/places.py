"""Migration step 6: places (steder), efforts (indsatser) and the anonymous episode log
(hændelser), and the place/effort links of forums, meetings and actions.
Frozen table definitions, as every step's are."""

from __future__ import annotations

import datetime as dt

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def step_6_places(db) -> None:
    class Base(Model):
        class Meta:
            legacy_table_names = False

    # Stand-ins for the existing tables, so the foreign keys can name them.
    class Organisation(Base):
        pass

    class Contact(Base):
        pass

    now = dt.datetime.utcnow

    class Place(Base):
        name = CharField()
        district = CharField(default="")
        kind = CharField(default="andet")
        latitude = FloatField(null=True)
        longitude = FloatField(null=True)
        notes = TextField(default="")
        active = BooleanField(default=True)
        version = IntegerField(default=1)
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)
        sort_name = TextField(default="", index=True)

    class Effort(Base):
        title = CharField()
        strand = CharField()
        goal = TextField(default="")
        coordinator = ForeignKeyField(Contact, null=True, on_delete="SET NULL")
        starts_on = DateField()
        ends_on = DateField(null=True)
        status = CharField(default="planlagt")
        version = IntegerField(default=1)
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)
        sort_title = TextField(default="", index=True)

    class EffortPlace(Base):
        effort = ForeignKeyField(Effort, on_delete="CASCADE", index=False)
        place = ForeignKeyField(Place, on_delete="CASCADE")

        class Meta:
            indexes = ((("effort", "place"), True),)

    class EffortOrganisation(Base):
        effort = ForeignKeyField(Effort, on_delete="CASCADE", index=False)
        organisation = ForeignKeyField(Organisation, on_delete="CASCADE")

        class Meta:
            indexes = ((("effort", "organisation"), True),)

    class Episode(Base):
        occurred_on = DateField()
        occurred_time = CharField(null=True)  # "HH:MM", or None when only a time band is known
        time_band = CharField(default="")
        # RESTRICT: an episode without its place would drop out of every figure.
        place = ForeignKeyField(Place, on_delete="RESTRICT", index=False)
        category = CharField()
        severity = IntegerField(default=1)
        reporter_kind = CharField(default="andet")
        note = TextField(default="")
        version = IntegerField(default=1)
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)

        class Meta:
            # Covering indexes: the monthly figures read only the index, in total and per place.
            indexes = ((("occurred_on", "place", "category", "severity"), False),
                       (("place", "occurred_on", "category", "severity"), False))

    for model in (Organisation, Contact, Place, Effort, EffortPlace, EffortOrganisation, Episode):
        model._meta.set_database(db)
    db.create_tables([Place, Effort, EffortPlace, EffortOrganisation, Episode])
    # Plain ALTER TABLE with a REFERENCES clause (NULL default), valid on SQLite and PostgreSQL.
    for table, column, target in (("forum", "place_id", "place"), ("meeting", "place_id", "place"),
                                  ("meeting", "effort_id", "effort"),
                                  ("action_item", "place_id", "place"),
                                  ("action_item", "effort_id", "effort")):
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" INTEGER '
                       f'REFERENCES "{target}" ("id") ON DELETE SET NULL')
        db.execute_sql(f'CREATE INDEX "{table}_{column}" ON "{table}" ("{column}")')
    # Covering indexes for the completion figures per forum and per effort (Oversigt, report):
    # grouping 100,000 actions otherwise dominates the dashboard's time.
    db.execute_sql('CREATE INDEX "action_item_forum_created" ON "action_item" '
                   '("forum_id", "created_at", "status", "due")')
    db.execute_sql('CREATE INDEX "action_item_effort_created" ON "action_item" '
                   '("effort_id", "meeting_id", "created_at", "status", "due")')
