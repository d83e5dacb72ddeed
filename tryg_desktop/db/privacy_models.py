"""The data-protection tables (issue 13): the access log and the team's retention settings.
Migration step 11 (db/migrations/privacy.py) creates them."""

from __future__ import annotations

from peewee import CharField, DateTimeField, IntegerField, TextField

from tryg_desktop.db.models import BaseModel, utcnow


class AccessLogEntry(BaseModel):
    """One access to personal data: a view, a search, a print, an export, an e-mail draft, a
    backup, a deletion. Append-only: the database refuses UPDATE, and DELETE of entries younger
    than the legal minimum (six months); on the server "user" and "at" are the server's."""

    at = DateTimeField(default=utcnow)  # UTC
    user = CharField()  # the database login (server) or the OS user (SQLite)
    action = CharField()  # services/data_protection/access_log.ACTIONS
    record_type = CharField(default="")  # "contact", "meeting", … or "" (the register)
    record_id = IntegerField(null=True)
    detail = TextField(default="")  # the search text, the file's kind, what was printed
    purpose = TextField(default="")  # asked for bulk exports and prints of the register

    class Meta:
        table_name = "access_log"


class PrivacySetting(BaseModel):
    """The team's data-protection settings (retention periods): in the database, not in one
    PC's settings file, so every colleague's app purges by the same rules."""

    key = CharField(unique=True)
    value = TextField()

    class Meta:
        table_name = "privacy_setting"
