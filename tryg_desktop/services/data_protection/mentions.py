"""Where a person is mentioned by name in the free texts (issue 13): the minutes and agenda
texts, actions and their notes, episode notes and meetings' purpose. An access request lists
them for review; an erasure lists them for the user to edit by hand (free text is never
changed automatically: the app cannot tell a namesake or a quotation from the person).

What is looked for: the whole name (case-insensitive, also for æ, ø, å), the e-mail address
and the phone and mobile numbers (as 8 digits, with or without spaces in pairs/fours).
The database narrows the rows with LIKE / ILIKE (peewee's contains()); Python confirms each
hit case-insensitively and cuts an excerpt around it, CPR numbers masked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from peewee import JOIN

from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import AgendaItem, Meeting
from tryg_desktop.db.models import Contact
from tryg_desktop.db.place_models import Episode, Place
from tryg_desktop.services.errors import NotFoundError
from tryg_desktop.services.privacy import excerpt as _one_line
from tryg_desktop.services.privacy import mask_cpr

EXCERPT_SIDE = 40  # characters either side of the hit
MIN_NAME_LENGTH = 3  # a name shorter than this would match everywhere

# (model, field name, Danish field name) for every free text searched.
AGENDA_FIELDS = (("title", "Titel"), ("presenter", "Oplægsholder"),
                 ("background", "Sagsfremstilling"), ("proposal", "Indstilling"),
                 ("notes", "Referat"), ("decision", "Beslutning"),
                 ("chair_notes", "Noter til mødeleder"))
ACTION_FIELDS = (("title", "Titel"), ("description", "Beskrivelse"),
                 ("completion_note", "Opfølgning"))
EPISODE_FIELDS = (("note", "Note"),)
MEETING_FIELDS = (("title", "Titel"), ("purpose", "Formål"))


@dataclass(frozen=True)
class Mention:
    record_type: str  # agenda_item / action_item / episode / meeting
    record_id: int
    where: str  # Danish: "Referat, Dialogmøde 3. dec. 2026, punkt 4"
    field: str  # Danish field name: "Beslutning"
    excerpt: str  # the text around the hit, on one line, CPR numbers masked


def _patterns(contact: Contact) -> list[str]:
    """What is looked for, as the user may have written it."""
    found = []
    name = " ".join((contact.name or "").split())
    if len(name) >= MIN_NAME_LENGTH:
        found.append(name)
    if (contact.email or "").strip():
        found.append(contact.email.strip())
    for number in (contact.phone, contact.mobile):
        digits = re.sub(r"\D", "", number or "")
        if digits.startswith("45") and len(digits) == 10:
            digits = digits[2:]
        if len(digits) == 8:
            found += [digits, " ".join(digits[i:i + 2] for i in range(0, 8, 2)),
                      f"{digits[:4]} {digits[4:]}"]
    return list(dict.fromkeys(found))


def _variants(pattern: str) -> list[str]:
    """Case variants for the database's LIKE: SQLite's LIKE folds only ASCII letters, so
    "Søren Ærø" is also looked for as "søren ærø", "SØREN ÆRØ" and "Søren Ærø" (title case);
    Python confirms case-insensitively afterwards."""
    return list(dict.fromkeys((pattern, pattern.lower(), pattern.upper(), pattern.title())))


def _condition(columns, patterns: list[str]):
    condition = None
    for column in columns:
        for pattern in patterns:
            for variant in _variants(pattern):
                part = column.contains(variant)
                condition = part if condition is None else condition | part
    return condition


def _regex(patterns: list[str]) -> re.Pattern:
    # Whitespace in a pattern matches any run of whitespace (a name broken over two lines).
    parts = [r"\s+".join(re.escape(word) for word in p.split()) for p in patterns]
    return re.compile("|".join(sorted(parts, key=len, reverse=True)), re.IGNORECASE)


def _excerpt(text: str, regex: re.Pattern) -> str | None:
    masked = mask_cpr(text)
    hit = regex.search(masked)
    if hit is None:
        return None
    start = max(hit.start() - EXCERPT_SIDE, 0)
    end = min(hit.end() + EXCERPT_SIDE, len(masked))
    part = masked[start:end]
    shown = _one_line(part, limit=len(part) + 2)
    return ("…" if start > 0 else "") + shown + ("…" if end < len(masked) else "")


def _date(value) -> str:
    from tryg_desktop.l10n import format_date

    return format_date(value.date() if hasattr(value, "date") else value, "medium")


def _meeting_label(meeting: Meeting | None, regex: re.Pattern) -> str:
    if meeting is None:
        return ""
    title = meeting.title if not regex.search(meeting.title or "") else f"Møde {meeting.id}"
    return f"{title} {_date(meeting.starts_at)}"


def find_mentions(contact_id: int) -> list[Mention]:
    """Every free text that names the contact (or gives their e-mail or phone), in the order
    meetings' agenda items, actions, episodes, meetings. A contact erased or with too short a
    name and no e-mail or phone: an empty list."""
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFoundError(f"Kontakten findes ikke (id {contact_id}).")
    patterns = _patterns(contact)
    if not patterns:
        return []
    regex = _regex(patterns)
    found: list[Mention] = []

    def add(record_type, row, fields, where):
        for name, label in fields:
            shown = _excerpt(getattr(row, name) or "", regex)
            if shown is not None:
                found.append(Mention(record_type, row.id, where, label, shown))

    def columns(model, fields):
        return [getattr(model, name) for name, _ in fields]

    items = (AgendaItem.select(AgendaItem, Meeting).join(Meeting)
             .where(_condition(columns(AgendaItem, AGENDA_FIELDS), patterns))
             .order_by(Meeting.starts_at, AgendaItem.meeting, AgendaItem.position, AgendaItem.id))
    numbers: dict[int, dict[int, int]] = {}
    for item in items:
        if item.meeting_id not in numbers:
            ordered = (AgendaItem.select(AgendaItem.id).where(AgendaItem.meeting == item.meeting_id)
                       .order_by(AgendaItem.position, AgendaItem.id).tuples())
            numbers[item.meeting_id] = {row[0]: n for n, row in enumerate(ordered, start=1)}
        meeting = _meeting_label(item.meeting, regex)
        number = numbers[item.meeting_id].get(item.id, 0)
        for name, label in AGENDA_FIELDS:
            shown = _excerpt(getattr(item, name) or "", regex)
            if shown is not None:
                document = "Referat" if name in ("notes", "decision") else "Dagsorden"
                found.append(Mention("agenda_item", item.id,
                                     f"{document}, {meeting}, punkt {number}", label, shown))

    actions = (ActionItem.select(ActionItem, Meeting).join(Meeting, join_type=JOIN.LEFT_OUTER)
               .where(_condition(columns(ActionItem, ACTION_FIELDS), patterns))
               .order_by(ActionItem.id))
    for action in actions:
        meeting = _meeting_label(action.meeting if action.meeting_id else None, regex)
        add("action_item", action, ACTION_FIELDS,
            f"Handling {action.id}" + (f", {meeting}" if meeting else ""))

    episodes = (Episode.select(Episode, Place).join(Place)
                .where(_condition(columns(Episode, EPISODE_FIELDS), patterns))
                .order_by(Episode.occurred_on, Episode.id))
    for episode in episodes:
        add("episode", episode, EPISODE_FIELDS,
            f"Hændelse {_date(episode.occurred_on)}, {episode.place.name}")

    meetings = (Meeting.select().where(_condition(columns(Meeting, MEETING_FIELDS), patterns))
                .order_by(Meeting.starts_at, Meeting.id))
    for meeting in meetings:
        add("meeting", meeting, MEETING_FIELDS, f"Møde, {_meeting_label(meeting, regex)}")
    return found
