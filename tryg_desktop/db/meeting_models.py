"""The models of dialogue meetings: forums, meetings, participants, agenda items and agenda
templates. Migration step 4 (db/migrations/meetings.py) creates their tables."""

from __future__ import annotations

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from tryg_desktop.db.models import BaseModel, Contact, Organisation, utcnow
from tryg_desktop.db.place_models import Effort, Place


class AgendaTemplate(BaseModel):
    name = CharField()
    is_standard = BooleanField(default=False)  # the built-in Danish dialogue-meeting agenda
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


class AgendaTemplateItem(BaseModel):
    template = ForeignKeyField(AgendaTemplate, backref="items", on_delete="CASCADE")
    position = IntegerField()
    title = CharField()
    kind = CharField(default="orientering")
    minutes = IntegerField(default=10)
    background = TextField(default="")
    proposal = TextField(default="")
    closed = BooleanField(default=False)


class Forum(BaseModel):
    name = CharField()
    description = TextField(default="")
    location = CharField(default="")
    rhythm = CharField(default="")  # a calendar rule (RRULE text) since step 7; "" = none
    meeting_kind = CharField(default="dialogmøde")
    start_time = CharField(default="14:00")  # HH:MM, local time
    duration_minutes = IntegerField(default=120)
    template = ForeignKeyField(AgendaTemplate, null=True, on_delete="SET NULL")
    active = BooleanField(default=True)
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    sort_name = TextField(default="")
    place = ForeignKeyField(Place, null=True, backref="forums", on_delete="SET NULL")  # step 6


class ForumMember(BaseModel):
    """One line of a forum's standing invitation list: a contact, or a whole organisation."""
    forum = ForeignKeyField(Forum, backref="members", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, null=True, on_delete="CASCADE")
    organisation = ForeignKeyField(Organisation, null=True, on_delete="CASCADE")


class Meeting(BaseModel):
    title = CharField()
    forum = ForeignKeyField(Forum, null=True, backref="meetings", on_delete="SET NULL")
    kind = CharField(default="dialogmøde")
    starts_at = DateTimeField()  # local time (Europe/Copenhagen), naive
    ends_at = DateTimeField()
    location = CharField(default="")
    chair = ForeignKeyField(Contact, null=True, on_delete="SET NULL", column_name="chair_id")
    minute_taker = ForeignKeyField(Contact, null=True, on_delete="SET NULL",
                                   column_name="minute_taker_id")
    purpose = TextField(default="")
    status = CharField(default="planlagt")
    ics_uid = CharField()  # stays the same across re-exports of the invitation
    ics_sequence = IntegerField(default=0)  # raised when time, place, title or status change
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    search_text = TextField(default="")
    # The minutes' state (issue 4, migration step 5): kladde / til_kommentering / godkendt.
    minutes_status = CharField(default="kladde")
    comment_deadline = DateField(null=True)
    approved_on = DateField(null=True)
    # Migration step 6: what the meeting is about.
    place = ForeignKeyField(Place, null=True, backref="meetings", on_delete="SET NULL")
    effort = ForeignKeyField(Effort, null=True, backref="meetings", on_delete="SET NULL")
    # Migration step 7 (issue 9).
    case_number = TextField(default="")  # sagsnummer
    invitation_sent_at = DateTimeField(null=True)  # "Udsendt den …" on the Dagsorden
    approved_by = TextField(default="")  # who approved the referat
    approved_actions = TextField(default="")  # JSON: the actions as they stood at approval


class Participant(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="participants", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, on_delete="CASCADE")
    invitation = CharField(default="inviteret")  # inviteret / tilmeldt / afbud
    attendance = CharField(default="")  # deltog / afbud / udeblev (after the meeting)

    class Meta:
        indexes = ((("meeting", "contact"), True),)


class AgendaItem(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="agenda", on_delete="CASCADE")
    position = IntegerField()
    title = CharField()
    kind = CharField(default="orientering")  # orientering / drøftelse / beslutning
    presenter = CharField(default="")
    minutes = IntegerField(default=10)
    background = TextField(default="")  # sagsfremstilling
    proposal = TextField(default="")  # indstilling
    closed = BooleanField(default=False)  # Lukket punkt: never in the participants' documents
    notes = TextField(default="")  # referat (issue 4)
    decision = TextField(default="")  # beslutning (issue 4)
    version = IntegerField(default=1)
    # Migration step 7 (issue 9).
    case_number = TextField(default="")  # sagsnummer
    chair_notes = TextField(default="")  # "Noter til mødeleder": only in the Drejebog


class Attachment(BaseModel):
    """A bilag of an agenda item, kept in the database with its meeting (migration step 7).
    A closed item's bilag are closed too."""
    agenda_item = ForeignKeyField(AgendaItem, backref="attachments", on_delete="CASCADE")
    file_name = CharField()
    media_type = CharField(default="application/octet-stream")
    size = IntegerField()
    content = BlobField()
    created_at = DateTimeField(default=utcnow)
