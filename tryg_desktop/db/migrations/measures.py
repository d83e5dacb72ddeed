"""Migration step 16: external measures of safety (issue 15, point 9): surveys (a police
tryghedsundersøgelse per district, a residents' survey) and tryghedsvandringer with their
findings, per place or per district and period, shown beside the episode counts. The server's
GRANTs need no change: db/server/roles.py grants on every table in the schema (admin and
koordinator write, the others read). On the server a trigger announces each change on the
channel of step 10 (ids only), so a colleague's page shows a new measure. Frozen like every
step once released."""

from __future__ import annotations

import datetime as dt

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from tryg_desktop.db.dialect import is_server


def step_16_measures(db) -> None:
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class Place(Base):  # a stand-in for the existing table, so the foreign key can name it
        pass

    now = dt.datetime.utcnow

    class SafetyMeasure(Base):
        kind = CharField()  # undersøgelse / tryghedsvandring
        # NULL for a district's measure; deleting the place takes its own measures along.
        place = ForeignKeyField(Place, null=True, on_delete="CASCADE")
        district = TextField(default="")
        period_start = DateField()
        period_end = DateField()
        source = TextField(default="")
        value = FloatField(null=True)  # per cent who feel safe, 0–100
        respondents = IntegerField(null=True)
        findings = TextField(default="")
        version = IntegerField(default=1)
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)

        class Meta:
            indexes = ((("district", "period_end"), False),)

    for model in (Place, SafetyMeasure):
        model._meta.set_database(db)
    db.create_tables([SafetyMeasure])
    if is_server(db):  # tryg_notify_change() is step 10's
        db.execute_sql('DROP TRIGGER IF EXISTS "safety_measure_notify_aiud" ON "safety_measure"')
        db.execute_sql('CREATE TRIGGER "safety_measure_notify_aiud" AFTER INSERT OR UPDATE OR '
                       'DELETE ON "safety_measure" FOR EACH ROW EXECUTE FUNCTION '
                       'tryg_notify_change()')
