"""Action items (handlinger) agreed at meetings. Migration step 5 (db/migrations/actions.py)
creates their table and the minutes columns of Meeting."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from tryg_desktop.db.meeting_models import AgendaItem, Forum, Meeting
from tryg_desktop.db.models import BaseModel, Contact, Organisation, utcnow
from tryg_desktop.db.place_models import Effort, Place


class ActionItem(BaseModel):
    # Every link is SET NULL: an action still has to be done after its meeting, agenda item
    # or responsible person is deleted, and then shows up as missing a responsible.
    meeting = ForeignKeyField(Meeting, null=True, backref="actions", on_delete="SET NULL")
    agenda_item = ForeignKeyField(AgendaItem, null=True, backref="actions", on_delete="SET NULL")
    forum = ForeignKeyField(Forum, null=True, backref="actions", on_delete="SET NULL")
    title = CharField()
    description = TextField(default="")
    responsible_contact = ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    responsible_organisation = ForeignKeyField(Organisation, null=True, on_delete="SET NULL")
    due = DateField(null=True)  # frist
    status = CharField(default="åben")  # åben / i gang / udført / annulleret
    completed_on = DateField(null=True)
    completion_note = TextField(default="")
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    # Lower-cased title, description and the responsible's names: what the search box reads.
    search_text = TextField(default="")
    # Migration step 6.
    place = ForeignKeyField(Place, null=True, backref="actions", on_delete="SET NULL")
    effort = ForeignKeyField(Effort, null=True, backref="actions", on_delete="SET NULL")
    # Migration step 7: agreed under a closed item; kept by the database's triggers (also after
    # the item is deleted), never written by a service.
    from_closed_item = BooleanField(default=False)
