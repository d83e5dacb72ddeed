"""Migration step 4: dialogue meetings. Frozen table definitions, as every step's are."""

from __future__ import annotations

import datetime as dt

from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

# The standard Danish dialogue-meeting agenda, as the step seeds it: (title, kind, minutes).
STANDARD_AGENDA = [
    ("Velkomst", "orientering", 5),
    ("Godkendelse af dagsorden", "beslutning", 5),
    ("Godkendelse af referat fra sidste møde", "beslutning", 5),
    ("Opfølgning på handlinger", "orientering", 15),
    ("Tema", "drøftelse", 30),
    ("Nyt fra parterne", "orientering", 20),
    ("Eventuelt", "orientering", 10),
    ("Næste møde", "beslutning", 5),
]


def step_4_meetings(db) -> None:
    class Base(Model):
        class Meta:
            legacy_table_names = False

    # Stand-ins for the existing tables, so the foreign keys can name them.
    class Organisation(Base):
        pass

    class Contact(Base):
        pass

    now = dt.datetime.utcnow

    class AgendaTemplate(Base):
        name = CharField()
        is_standard = BooleanField(default=False)
        version = IntegerField(default=1)
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)

    class AgendaTemplateItem(Base):
        template = ForeignKeyField(AgendaTemplate, on_delete="CASCADE")
        position = IntegerField()
        title = CharField()
        kind = CharField(default="orientering")
        minutes = IntegerField(default=10)
        background = TextField(default="")
        proposal = TextField(default="")
        closed = BooleanField(default=False)

    class Forum(Base):
        name = CharField()
        description = TextField(default="")
        location = CharField(default="")
        rhythm = CharField(default="bimonthly")
        meeting_kind = CharField(default="dialogmøde")
        start_time = CharField(default="14:00")
        duration_minutes = IntegerField(default=120)
        template = ForeignKeyField(AgendaTemplate, null=True, on_delete="SET NULL")
        active = BooleanField(default=True)
        version = IntegerField(default=1)
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)
        sort_name = TextField(default="", index=True)

    class ForumMember(Base):
        forum = ForeignKeyField(Forum, on_delete="CASCADE")
        contact = ForeignKeyField(Contact, null=True, on_delete="CASCADE")
        organisation = ForeignKeyField(Organisation, null=True, on_delete="CASCADE")

    class Meeting(Base):
        title = CharField()
        forum = ForeignKeyField(Forum, null=True, on_delete="SET NULL")
        kind = CharField(default="dialogmøde")
        starts_at = DateTimeField(index=True)
        ends_at = DateTimeField()
        location = CharField(default="")
        chair = ForeignKeyField(Contact, null=True, on_delete="SET NULL", column_name="chair_id")
        minute_taker = ForeignKeyField(Contact, null=True, on_delete="SET NULL",
                                       column_name="minute_taker_id")
        purpose = TextField(default="")
        status = CharField(default="planlagt")
        ics_uid = CharField()
        ics_sequence = IntegerField(default=0)
        version = IntegerField(default=1)
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)
        search_text = TextField(default="")

    class Participant(Base):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        contact = ForeignKeyField(Contact, on_delete="CASCADE")
        invitation = CharField(default="inviteret")
        attendance = CharField(default="")

        class Meta:
            indexes = ((("meeting", "contact"), True),)

    class AgendaItem(Base):
        meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
        position = IntegerField()
        title = CharField()
        kind = CharField(default="orientering")
        presenter = CharField(default="")
        minutes = IntegerField(default=10)
        background = TextField(default="")
        proposal = TextField(default="")
        closed = BooleanField(default=False)
        notes = TextField(default="")
        decision = TextField(default="")
        version = IntegerField(default=1)

        class Meta:
            indexes = ((("meeting", "position"), False),)

    models = [AgendaTemplate, AgendaTemplateItem, Forum, ForumMember, Meeting, Participant,
              AgendaItem]
    for model in models + [Organisation, Contact]:
        model._meta.set_database(db)
    db.create_tables(models)
    template_id = AgendaTemplate.insert(name="Standarddagsorden for dialogmøde",
                                        is_standard=True).execute()
    AgendaTemplateItem.insert_many([
        dict(template=template_id, position=n, title=title, kind=kind, minutes=minutes)
        for n, (title, kind, minutes) in enumerate(STANDARD_AGENDA, start=1)]).execute()
