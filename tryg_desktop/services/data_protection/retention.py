"""Retention (Slettefrister, issue 13 point 2): how long each kind of data is kept, what has
passed its period now. The purge that deletes or anonymises it is retention_purge.py.

The periods are the team's, in the database (privacy_setting, key "retention.<kind>_months"),
so every colleague's app purges by the same rules; only an administrator changes them or
purges (access_log.require_admin). Each kind:

- private_inactive: privatpersoner with no activity in the period. Activity: the contact was
  created or changed, invited to or took part in a meeting (also as chair or minute-taker) that
  started in the period, or is responsible for an action changed in the period or still open.
  Erased through services/data_protection/erasure.erase (they become »Slettet person«; meetings
  stay whole).
- inactive_contacts: any other contact made inactive (its last change, updated_at, is when)
  longer ago than the period; erased the same way.
- episode_notes: an episode's free text (note) is cleared once the episode is older than the
  period; date, place, category and severity stay, so the statistics do not change. The text
  also goes from the episode's history entries (NOTE_CLEARED instead; on PostgreSQL through
  tryg_audit_clear_episode_notes, migration step 13).
- change_history: audit_entry rows older than the period are deleted.
- access_log: access_log rows older than the period (never less than six months).
- minutes: kept (archival rules), never purged.

Each kind is purged in its own transaction and leaves an access-log entry (action "purge",
detail: the kind and the count); records that change get their audit entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tryg_desktop.db import database
from tryg_desktop.db.models import AuditEntry, Contact, utcnow
from tryg_desktop.db.privacy_models import AccessLogEntry, PrivacySetting
from tryg_desktop.services import audit
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.errors import ServiceError

ERASED_NAME = "Slettet person"  # what erasure leaves (services/data_protection/erasure.py)
LEGAL_MIN_DAYS = 183  # six months: no purge of the logs reaches further forward than this
KEY = "retention.{}_months"
NOTE_CLEARED = "(slettet efter slettefristen)"  # as migration step 13 writes it
MAX_MONTHS = 120
ACCESS_LOG_REASON = "Datatilsynet forventer, at logningen gemmes i mindst 6 måneder"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # Danish, as the page and the command line show it
    default_months: int | None  # None: kept (never purged)
    minimum_months: int
    reason: str  # why this period (shown next to it)
    action: str  # what the purge does, for the confirmation


KINDS: tuple[Kind, ...] = (
    Kind("private_inactive", "Privatpersoner uden aktivitet", 24, 1,
         "Beboere registreres kun for at kunne invitere dem til møderne. Når en privatperson "
         "i 2 år ikke er oprettet eller ændret, ikke har været inviteret til eller deltaget i et "
         "møde og ikke er ansvarlig for en handling, er formålet opfyldt.",
         "Personerne slettes: de står som »Slettet person« i møder og handlinger, så "
         "møderne, tallene og de godkendte referater forbliver hele."),
    Kind("inactive_contacts", "Kontakter gjort inaktive", 12, 1,
         "En kontakt, der er gjort inaktiv, bruges ikke længere. Den gemmes et år, så "
         "igangværende sager kan følges op, og slettes derefter.",
         "Kontakterne slettes: de står som »Slettet person« i møder og handlinger."),
    Kind("episode_notes", "Fritekst i hændelser", 24, 1,
         "Hændelsernes fritekst kan rumme oplysninger om enkeltpersoner. Efter 2 år slettes "
         "teksten; dato, sted, kategori og alvor bliver, så statistikken er uændret.",
         "Fritekstfeltet (note) tømmes; resten af hændelsen bliver."),
    Kind("change_history", "Historik (ændringer)", 60, 6,
         "Historikken viser, hvem der har ændret hvad, og bruges ved klager og tilsyn. 5 år "
         "dækker den almindelige forældelsesfrist på 3 år med god margen.",
         "Historikkens linjer ældre end fristen slettes."),
    Kind("access_log", "Adgangslog", 24, 6,
         "Adgangsloggen viser, hvem der har set, søgt i, udskrevet og eksporteret "
         f"personoplysninger. {ACCESS_LOG_REASON}; 2 år giver tid til at undersøge en klage.",
         "Adgangsloggens indgange ældre end fristen slettes."),
    Kind("minutes", "Referater", None, 0,
         "Referater dokumenterer kommunens møder og beslutninger og gemmes efter arkivloven; "
         "programmet sletter dem aldrig. En slettet person står i dem som »Slettet person«.",
         "Intet: referater gemmes (arkivloven)."),
)
KIND_BY_KEY = {kind.key: kind for kind in KINDS}
KEPT_TEXT = "gemmes (arkivloven)"


class RetentionError(ServiceError):
    """A period that cannot be set, or a kind that does not exist (Danish message)."""


@dataclass(frozen=True)
class DueItem:
    record_type: str  # "contact", "episode"
    record_id: int
    label: str  # a contact's name, an episode's "Kildeparken, 12.03.2026"


@dataclass(frozen=True)
class Due:
    kind: Kind
    period_months: int | None  # None: kept
    cutoff: dt.datetime | None  # UTC; what is older is due
    count: int
    items: tuple[DueItem, ...] = ()  # listed for contacts and episodes (not the logs' rows)

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def status(self) -> str:
        if self.period_months is None:
            return "Slettes ikke"
        return f"{self.count} skal slettes" if self.count else "Intet at slette"


_DONE = {"private_inactive": ("person", "personer", "slettet"),
         "inactive_contacts": ("kontakt", "kontakter", "slettet"),
         "episode_notes": ("fritekst", "fritekster", "tømt"),
         "change_history": ("linje", "linjer", "slettet"),
         "access_log": ("indgang", "indgange", "slettet")}


@dataclass
class Purged:
    kind: Kind
    count: int = 0
    failed: list[str] = field(default_factory=list)  # Danish: what could not be done, and why
    notes: list[str] = field(default_factory=list)  # Danish: done, but with a remark

    @property
    def text(self) -> str:
        one, many, verb = _DONE[self.kind.key]
        line = f"{self.kind.label}: {self.count} {one if self.count == 1 else many} {verb}."
        if self.failed:
            line += " Ikke slettet: " + "; ".join(self.failed)
        if self.notes:
            line += " " + " ".join(self.notes)
        return line


# --- the periods -------------------------------------------------------------------------------

def kind(key: str) -> Kind:
    try:
        return KIND_BY_KEY[key]
    except KeyError:
        raise RetentionError(f"Der er ingen slettefrist, der hedder {key!r}.") from None


def periods() -> dict[str, int | None]:
    """Every kind's period in months (None: kept), the team's setting or the default. One
    query; anyone may read them."""
    stored = {row.key: row.value for row in
              PrivacySetting.select().where(PrivacySetting.key.startswith("retention."))}
    result: dict[str, int | None] = {}
    for each in KINDS:
        if each.default_months is None:
            result[each.key] = None
            continue
        try:
            months = int(stored.get(KEY.format(each.key), each.default_months))
        except ValueError:
            months = each.default_months
        result[each.key] = max(months, each.minimum_months)
    return result


def periods_if_open() -> dict[str, int | None] | None:
    """periods(), or None when no database is open (Indstillinger opened before one is).
    A database that cannot be read: RetentionError (Danish)."""
    from peewee import DatabaseError, InterfaceError

    if database.obj is None:
        return None
    try:
        return periods()
    except ServiceError:
        raise
    except (DatabaseError, InterfaceError) as error:
        raise RetentionError("Slettefristerne kunne ikke læses fra databasen "
                             f"({type(error).__name__}).") from None


def period(key: str) -> int | None:
    return periods()[kind(key).key]


def check_period(key: str, months: int) -> str | None:
    """The Danish reason a period cannot be set, or None when it can."""
    each = kind(key)
    if each.default_months is None:
        return f"{each.label} gemmes efter arkivloven og har ingen slettefrist."
    if months < each.minimum_months:
        if each.key == "access_log":
            return (f"Slettefristen for adgangsloggen kan ikke være under "
                    f"{each.minimum_months} måneder: {ACCESS_LOG_REASON}.")
        return (f"Slettefristen for {each.label.lower()} kan ikke være under "
                f"{each.minimum_months} {'måned' if each.minimum_months == 1 else 'måneder'}.")
    if months > MAX_MONTHS:
        return f"Slettefristen kan højst være {MAX_MONTHS} måneder (10 år)."
    return None


def set_period(key: str, months: int) -> None:
    """Store a kind's period (administrators only), with an audit entry."""
    access_log.require_admin("ændre slettefristerne")
    problem = check_period(key, months)
    if problem:
        raise RetentionError(problem)
    name = KEY.format(key)
    with database.atomic():
        row = PrivacySetting.get_or_none(PrivacySetting.key == name)
        before = periods()[key]
        if row is None:
            record_id = PrivacySetting.insert(key=name, value=str(months)).execute()
        else:
            PrivacySetting.update(value=str(months)).where(PrivacySetting.id == row.id).execute()
            record_id = row.id
        if before != months:
            audit.record("privacy_setting", record_id, "update",
                         f"Slettefrist: {kind(key).label}", {"months": [before, months]})


def months_text(months: int | None) -> str:
    """"24 måneder (2 år)" – or "gemmes (arkivloven)"."""
    if months is None:
        return KEPT_TEXT
    text = f"{months} {'måned' if months == 1 else 'måneder'}"
    if months % 12 == 0:
        years = months // 12
        text += f" ({years} år)"
    return text


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day and time `months` calendar months earlier (the month's last day if the
    day does not exist there)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def cutoff_for(key: str, months: int, now: dt.datetime | None = None) -> dt.datetime:
    """What is older than this (UTC) is due. The two logs never further forward than six
    months (183 days): the databases refuse to delete younger entries."""
    now = now or utcnow()
    cutoff = months_before(now, months)
    if key in ("access_log", "change_history"):
        cutoff = min(cutoff, now - dt.timedelta(days=LEGAL_MIN_DAYS))
    return cutoff


# --- what is due -------------------------------------------------------------------------------

def _not_erased():
    return Contact.name != ERASED_NAME


def _active_contact_ids(cutoff: dt.datetime):
    """Subqueries of contacts with activity since cutoff, or an open responsibility."""
    from tryg_desktop.db.action_models import ActionItem
    from tryg_desktop.db.meeting_models import Meeting, Participant

    # Meetings keep local time; a few hours' difference at a cutoff years back does not matter.
    invited = (Participant.select(Participant.contact).join(Meeting)
               .where(Meeting.starts_at >= cutoff))
    chaired = (Meeting.select(Meeting.chair).where((Meeting.starts_at >= cutoff)
                                                    & Meeting.chair.is_null(False)))
    minuted = (Meeting.select(Meeting.minute_taker)
               .where((Meeting.starts_at >= cutoff) & Meeting.minute_taker.is_null(False)))
    responsible = (ActionItem.select(ActionItem.responsible_contact)
                   .where(ActionItem.responsible_contact.is_null(False)
                          & ((ActionItem.updated_at >= cutoff)
                             | ActionItem.status.in_(("åben", "i gang")))))
    return invited, chaired, minuted, responsible


def _quiet_contacts(cutoff: dt.datetime):
    """Contacts with no activity since cutoff (query of Contact.id, Contact.name)."""
    query = Contact.select(Contact.id, Contact.name).where(
        _not_erased() & (Contact.created_at < cutoff) & (Contact.updated_at < cutoff))
    for busy in _active_contact_ids(cutoff):
        query = query.where(Contact.id.not_in(busy))
    return query


def _private_due(cutoff: dt.datetime):
    return _quiet_contacts(cutoff).where(Contact.is_private == True)  # noqa: E712 - SQL


def _inactive_due(cutoff: dt.datetime, private_cutoff: dt.datetime):
    query = _quiet_contacts(cutoff).where(Contact.active == False)  # noqa: E712 - SQL
    # A privatperson due under the first kind is listed there only.
    return query.where(Contact.id.not_in(_private_due(private_cutoff).select(Contact.id)))


def _episodes_due(cutoff: dt.datetime):
    from tryg_desktop.db.place_models import Episode, Place

    return (Episode.select(Episode.id, Episode.occurred_on, Episode.version, Place.name)
            .join(Place).where((Episode.occurred_on < cutoff.date()) & (Episode.note != ""))
            .order_by(Episode.occurred_on, Episode.id))


def _contact_items(query) -> tuple[DueItem, ...]:
    from tryg_desktop.l10n import danish_sort_key

    rows = sorted(query.tuples(), key=lambda row: danish_sort_key(row[1]))
    return tuple(DueItem("contact", contact_id, name) for contact_id, name in rows)


def due(lists: bool = True, now: dt.datetime | None = None) -> list[Due]:
    """What has passed its period now, per kind in KINDS' order (administrators only: the
    lists name persons, and only an administrator reads the access log). lists=False counts
    only (the start-up reminder)."""
    access_log.require_admin("se slettefristerne")
    now = now or utcnow()
    months = periods()
    cutoffs = {key: cutoff_for(key, value, now) for key, value in months.items()
               if value is not None}
    result = []
    for each in KINDS:
        if months[each.key] is None:
            result.append(Due(each, None, None, 0))
            continue
        cutoff = cutoffs[each.key]
        items: tuple[DueItem, ...] = ()
        if each.key == "private_inactive":
            query = _private_due(cutoff)
        elif each.key == "inactive_contacts":
            query = _inactive_due(cutoff, cutoffs["private_inactive"])
        elif each.key == "episode_notes":
            query = _episodes_due(cutoff)
        elif each.key == "change_history":
            query = AuditEntry.select().where(AuditEntry.at < cutoff)
        else:
            query = AccessLogEntry.select().where(AccessLogEntry.at < cutoff)
        if lists and each.key in ("private_inactive", "inactive_contacts"):
            items = _contact_items(query)
            count = len(items)
        elif lists and each.key == "episode_notes":
            items = tuple(DueItem("episode", e.id, f"{e.place.name}, {e.occurred_on:%d.%m.%Y}")
                          for e in query)
            count = len(items)
        else:
            count = query.count()
        result.append(Due(each, months[each.key], cutoff, count, items))
    return result


def overdue_count() -> int:
    """How many records have passed their period (counts only: cheap)."""
    return sum(each.count for each in due(lists=False))


def settings_json() -> list[dict]:
    """The periods as the record of processing may print them."""
    months = periods()
    return [{"kind": k.key, "label": k.label, "period_months": months[k.key],
             "period": months_text(months[k.key]), "reason": k.reason} for k in KINDS]


def due_json(rows: list[Due]) -> list[dict]:
    """The command line's --json form of due()."""
    return [{"kind": d.kind.key, "label": d.label, "period_months": d.period_months,
             "cutoff": d.cutoff.date().isoformat() if d.cutoff else None, "count": d.count,
             "items": [{"record_type": i.record_type, "record_id": i.record_id,
                        "label": i.label} for i in d.items]}
            for d in rows]

