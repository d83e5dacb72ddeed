"""Places (steder), efforts (indsatser) and the anonymous episode log (hændelser).
Migration step 6 (db/migrations/places.py) creates their tables."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from tryg_desktop.db.models import BaseModel, Contact, Organisation, utcnow


class Place(BaseModel):
    name = CharField()
    district = CharField(default="")  # bydel: Aalborg Midtby, Nørresundby, Aalborg Øst, …
    kind = CharField(default="andet")  # park / plads / gade / boligområde / andet
    latitude = FloatField(null=True)
    longitude = FloatField(null=True)
    notes = TextField(default="")
    active = BooleanField(default=True)
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    sort_name = TextField(default="")  # l10n.danish_sort_key(name)


class Effort(BaseModel):
    title = CharField()
    strand = CharField()  # byrum / socialfaglig / samskabelse
    goal = TextField(default="")
    coordinator = ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    starts_on = DateField()
    ends_on = DateField(null=True)
    status = CharField(default="planlagt")  # planlagt / i gang / afsluttet / stoppet
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    sort_title = TextField(default="")
    # The goal as an indicator (migration step 15; services/safety/goals.py): None = no goal.
    goal_change = IntegerField(null=True)  # wanted change in per cent, e.g. -20
    goal_due = DateField(null=True)
    goal_categories = TextField(default="")  # comma-separated EPISODE_CATEGORIES keys


class EffortPlace(BaseModel):
    effort = ForeignKeyField(Effort, backref="place_links", on_delete="CASCADE")
    place = ForeignKeyField(Place, backref="effort_links", on_delete="CASCADE")


class EffortOrganisation(BaseModel):
    effort = ForeignKeyField(Effort, backref="organisation_links", on_delete="CASCADE")
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE")


class Episode(BaseModel):
    """Anonymous by design: no field can hold who was involved."""
    occurred_on = DateField()
    occurred_time = CharField(null=True)  # "HH:MM", or None when only a time band is known
    time_band = CharField(default="")  # nat / morgen / formiddag / eftermiddag / aften
    place = ForeignKeyField(Place, backref="episodes", on_delete="RESTRICT")
    category = CharField()
    severity = IntegerField(default=1)  # 1–3
    reporter_kind = CharField(default="andet")
    note = TextField(default="")
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


class EffortComparisonPlace(BaseModel):
    """Places an effort's figures are compared with instead of the rest of the city
    (migration step 14)."""
    effort = ForeignKeyField(Effort, backref="comparison_links", on_delete="CASCADE")
    place = ForeignKeyField(Place, backref="comparison_links", on_delete="CASCADE")


class SafetyMeasure(BaseModel):
    """A measure of safety from outside the episode log (migration step 16): a survey's share
    who feel safe, or a tryghedsvandring's findings, for a place or a district (bydel)."""
    kind = CharField()  # undersøgelse / tryghedsvandring
    place = ForeignKeyField(Place, null=True, backref="measures", on_delete="CASCADE")
    district = TextField(default="")  # the bydel when there is no place
    period_start = DateField()
    period_end = DateField()
    source = TextField(default="")
    value = FloatField(null=True)  # per cent who feel safe (trygge), 0–100
    respondents = IntegerField(null=True)
    findings = TextField(default="")
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
