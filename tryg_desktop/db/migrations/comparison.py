"""Migration step 14: the comparison places an effort may be measured against (issue 15,
point 1): effort_comparison_place, many-to-many like effort_place. The server's GRANTs need no
change: db/server/roles.py grants on every table in the schema (admin and koordinator write,
the others read), and new tables get default privileges until the next `server init`.
Frozen like every step once released."""

from __future__ import annotations

from peewee import ForeignKeyField, Model


def step_14_comparison(db) -> None:
    class Base(Model):
        class Meta:
            legacy_table_names = False

    # Stand-ins for the existing tables, so the foreign keys can name them.
    class Place(Base):
        pass

    class Effort(Base):
        pass

    class EffortComparisonPlace(Base):
        effort = ForeignKeyField(Effort, on_delete="CASCADE", index=False)
        place = ForeignKeyField(Place, on_delete="CASCADE")

        class Meta:
            indexes = ((("effort", "place"), True),)

    for model in (Place, Effort, EffortComparisonPlace):
        model._meta.set_database(db)
    db.create_tables([EffortComparisonPlace])
