"""The peewee models of the current schema. Migrations, not these classes, create the tables."""

from __future__ import annotations

import datetime as dt

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from tryg_desktop.db.connection import database


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class SchemaVersion(BaseModel):
    version = IntegerField()


class Organisation(BaseModel):
    name = CharField()
    kind = CharField(default="andet")
    street = CharField(default="")
    postal_code = CharField(default="")
    city = CharField(default="")
    phone = CharField(default="")
    email = CharField(default="")
    website = CharField(default="")
    notes = TextField(default="")
    active = BooleanField(default=True)
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    # Danish sort keys (l10n.danish_sort_key), kept in step by the services.
    sort_name = TextField(default="")
    sort_city = TextField(default="")


class Contact(BaseModel):
    name = CharField()
    title = CharField(default="")
    organisation = ForeignKeyField(Organisation, null=True, backref="contacts", on_delete="SET NULL")
    phone = CharField(default="")
    mobile = CharField(default="")
    email = CharField(default="")
    notes = TextField(default="")
    active = BooleanField(default=True)
    is_private = BooleanField(default=False)
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    # Lower-cased name, organisation, title, email and phone digits: what search-as-you-type reads.
    search_text = TextField(default="")
    # Danish sort keys; sort_organisation is the organisation's name key, so that sorting by
    # organisation walks one index instead of joining and sorting every contact.
    sort_name = TextField(default="")
    sort_title = TextField(default="")
    sort_organisation = TextField(default="")
    # A privatperson's consent to be named in documents for participants (issue 13, point 5):
    # given on a date, for a stated purpose, until withdrawn. services/data_protection/consent.py
    # is the one rule that reads it.
    consent_given_on = DateField(null=True)
    consent_purpose = TextField(default="")
    consent_withdrawn_on = DateField(null=True)


class AuditEntry(BaseModel):
    at = DateTimeField(default=utcnow)
    user = CharField()
    entity = CharField()
    record_id = IntegerField()
    action = CharField()  # create / update / delete
    label = CharField(default="")
    changes = TextField(default="{}")  # JSON: {field: [old, new]}
