"""The agenda (dagsorden) of a meeting: numbered items, their order, the time plan, and the
agenda templates (the standard Danish dialogue-meeting agenda and the user's own)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields, replace

from tryg_desktop.db import database
from tryg_desktop.db.meeting_models import AgendaItem, AgendaTemplate, AgendaTemplateItem, Meeting
from tryg_desktop.services import audit, records, validation
from tryg_desktop.services.errors import NotFoundError, ServiceError, ValidationError
from tryg_desktop.services.privacy import quoted

ENTITY = "agenda_item"
WHAT = "Dagsordenspunktet"
KINDS = [("orientering", "Orientering"), ("drøftelse", "Drøftelse"), ("beslutning", "Beslutning")]
KIND_LABELS = dict(KINDS)
FIELD_LABELS = {"title": "Titel", "kind": "Type", "presenter": "Oplægsholder",
                "minutes": "Minutter", "background": "Sagsfremstilling",
                "proposal": "Indstilling", "closed": "Lukket punkt", "position": "Nummer",
                "notes": "Referat", "decision": "Beslutning", "case_number": "Sagsnummer",
                "chair_notes": "Noter til mødeleder"}


@dataclass
class ItemInput:
    title: str = ""
    kind: str = "orientering"
    presenter: str = ""
    minutes: int = 10
    background: str = ""
    proposal: str = ""
    closed: bool = False
    case_number: str = ""  # sagsnummer
    chair_notes: str = ""  # "Noter til mødeleder": printed only in the Drejebog


@dataclass(frozen=True)
class ItemRow:
    id: int
    meeting_id: int
    number: int  # 1, 2, 3 … in agenda order
    title: str
    kind: str
    presenter: str
    minutes: int
    background: str
    proposal: str
    closed: bool
    notes: str
    decision: str
    version: int
    case_number: str = ""  # sagsnummer
    chair_notes: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def as_input(self) -> ItemInput:
        return ItemInput(**{f.name: getattr(self, f.name) for f in fields(ItemInput)})


@dataclass(frozen=True)
class PlannedItem:
    item: ItemRow
    starts: dt.datetime
    ends: dt.datetime


@dataclass(frozen=True)
class TimePlan:
    items: list[PlannedItem]
    ends: dt.datetime  # when the last item ends
    overrun_minutes: int  # past the meeting's end time; 0 when it fits
    meeting_starts: dt.datetime | None = None
    meeting_ends: dt.datetime | None = None

    @property
    def total_minutes(self) -> int:
        return sum(p.item.minutes for p in self.items)

    @property
    def warning(self) -> str:
        """A Danish warning (not an error) when the items run past the meeting's end."""
        if self.overrun_minutes <= 0:
            return ""
        return (f"Punkterne varer {self.overrun_minutes} minutter længere end mødet. "
                "Forkort punkterne, eller flyt mødets sluttidspunkt.")

    def with_minutes(self, item_id: int, minutes: int) -> TimePlan:
        """The plan as it will be when the item lasts `minutes`: what the builder shows while
        the length is being changed, before the change is saved."""
        rows = [replace(p.item, minutes=minutes) if p.item.id == item_id else p.item
                for p in self.items]
        return _planned(rows, self.meeting_starts, self.meeting_ends)


def clean(data: ItemInput) -> tuple[ItemInput, dict[str, str]]:
    out = replace(data)
    errors: dict[str, str] = {}
    out.title, error = validation.required(out.title, "Titlen")
    if error:
        errors["title"] = error
    for field in ("presenter", "background", "proposal", "chair_notes"):
        value, error = validation.free_text(getattr(out, field))
        setattr(out, field, value)
        if error:
            errors[field] = error
    out.case_number, error = validation.case_number(out.case_number)
    if error:
        errors["case_number"] = error
    if out.kind not in KIND_LABELS:
        errors["kind"] = "Vælg orientering, drøftelse eller beslutning."
    try:
        out.minutes = int(out.minutes)
    except (TypeError, ValueError):
        errors["minutes"] = "Angiv varigheden i hele minutter."
    else:
        if not 0 <= out.minutes <= 600:
            errors["minutes"] = "Varigheden skal være mellem 0 og 600 minutter."
    return out, errors


LOCKED_MESSAGE = "Referatet er godkendt. Genåbn det for at ændre dagsordenen."


def ensure_editable(meeting_id: int) -> None:
    """An approved referat locks its meeting's agenda too (Genåbn unlocks it)."""
    locked = (Meeting.select(Meeting.minutes_status).where(Meeting.id == meeting_id)
              .scalar() == "godkendt")
    if locked:
        raise ServiceError(LOCKED_MESSAGE)


def items(meeting_id: int) -> list[ItemRow]:
    query = (AgendaItem.select().where(AgendaItem.meeting == meeting_id)
             .order_by(AgendaItem.position, AgendaItem.id))
    return [_row(item, number) for number, item in enumerate(query, start=1)]


def get(item_id: int) -> ItemRow:
    item = AgendaItem.get_or_none(AgendaItem.id == item_id)
    if item is None:
        raise NotFoundError(f"Dagsordenspunktet findes ikke (id {item_id}).")
    number = (AgendaItem.select().where((AgendaItem.meeting == item.meeting_id)
                                        & ((AgendaItem.position < item.position)
                                           | ((AgendaItem.position == item.position)
                                              & (AgendaItem.id < item.id)))).count() + 1)
    return _row(item, number)


def audit_values(data: ItemInput) -> dict:
    """The Historik's values of an item, in Danish. Shared with the demo's bulk load."""
    values = asdict(data)
    values["kind"] = KIND_LABELS.get(data.kind, data.kind)
    return values


def add(meeting_id: int, data: ItemInput, at: int | None = None) -> ItemRow:
    """Add an item at the end, or before the item now numbered `at` (1-based)."""
    data, errors = clean(data)
    if errors:
        raise ValidationError(errors)
    if not Meeting.select().where(Meeting.id == meeting_id).exists():
        raise NotFoundError(f"Mødet findes ikke (id {meeting_id}).")
    ensure_editable(meeting_id)
    with database.atomic():
        current = items(meeting_id)
        position = len(current) + 1 if at is None else max(1, min(at, len(current) + 1))
        if position <= len(current):  # appending needs no renumbering
            _renumber(meeting_id, [i.id for i in current], insert_at=position)
        record_id = records.insert(AgendaItem, ENTITY, {**asdict(data), "meeting": meeting_id,
                                                        "position": position},
                                   data.title, audit_values(data))
    return get(record_id)


def update(item_id: int, data: ItemInput, version: int) -> ItemRow:
    data, errors = clean(data)
    if errors:
        raise ValidationError(errors)
    old = get(item_id)
    ensure_editable(old.meeting_id)
    records.update(AgendaItem, ENTITY, WHAT, item_id, version, asdict(data), data.title,
                   audit_values(old.as_input()), audit_values(data))
    return get(item_id)


def delete(item_id: int) -> None:
    old = get(item_id)
    ensure_editable(old.meeting_id)
    with database.atomic():
        records.delete(AgendaItem, ENTITY, WHAT, item_id, None, old.title, audit_values(old.as_input()))
        _renumber(old.meeting_id, [i.id for i in items(old.meeting_id)])


def move(item_id: int, delta: int) -> ItemRow:
    """Move an item up (delta -1) or down (+1); at either end nothing happens."""
    old = get(item_id)
    order = [i.id for i in items(old.meeting_id)]
    index = order.index(item_id)
    target = max(0, min(len(order) - 1, index + delta))
    if target != index:
        order.insert(target, order.pop(index))
        reorder(old.meeting_id, order)
    return get(item_id)


def reorder(meeting_id: int, ordered_ids: list[int]) -> None:
    """Give the items the order of ordered_ids (drag and drop); the list must hold them all."""
    ensure_editable(meeting_id)
    current = {i.id: i for i in items(meeting_id)}
    if sorted(ordered_ids) != sorted(current):
        raise ServiceError("Dagsordenen er ændret et andet sted. Genindlæs mødet.")
    with database.atomic():
        _renumber(meeting_id, ordered_ids)
        for new_number, item_id in enumerate(ordered_ids, start=1):
            old_number = current[item_id].number
            if old_number != new_number:
                audit.record(ENTITY, item_id, "update", current[item_id].title,
                             {"position": [old_number, new_number]})


def _renumber(meeting_id: int, ordered_ids: list[int], insert_at: int | None = None) -> None:
    """Positions 1, 2, 3 … in the given order, leaving a gap at insert_at."""
    position = 0
    for item_id in ordered_ids:
        position += 1
        if insert_at is not None and position == insert_at:
            position += 1
        AgendaItem.update(position=position).where(AgendaItem.id == item_id).execute()


def time_plan(meeting_id: int) -> TimePlan:
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise NotFoundError(f"Mødet findes ikke (id {meeting_id}).")
    return _planned(items(meeting_id), meeting.starts_at, meeting.ends_at)


def _planned(rows: list[ItemRow], starts: dt.datetime, meeting_ends: dt.datetime) -> TimePlan:
    clock = starts
    planned = []
    for item in rows:
        ends = clock + dt.timedelta(minutes=item.minutes)
        planned.append(PlannedItem(item, clock, ends))
        clock = ends
    overrun = int((clock - meeting_ends).total_seconds() // 60)
    return TimePlan(planned, clock, max(0, overrun), starts, meeting_ends)


# -- templates -------------------------------------------------------------------------------

@dataclass(frozen=True)
class TemplateRow:
    id: int
    name: str
    is_standard: bool
    items: list[ItemInput]


def templates() -> list[TemplateRow]:
    """The standard template first, then the user's own by name."""
    rows = AgendaTemplate.select().order_by(AgendaTemplate.is_standard.desc(), AgendaTemplate.name)
    return [template(t.id) for t in rows]


def template(template_id: int) -> TemplateRow:
    t = AgendaTemplate.get_or_none(AgendaTemplate.id == template_id)
    if t is None:
        raise NotFoundError(f"Skabelonen findes ikke (id {template_id}).")
    lines = (AgendaTemplateItem.select().where(AgendaTemplateItem.template == t.id)
             .order_by(AgendaTemplateItem.position))
    return TemplateRow(t.id, t.name, t.is_standard, [
        ItemInput(title=i.title, kind=i.kind, minutes=i.minutes, background=i.background,
                  proposal=i.proposal, closed=i.closed) for i in lines])


def standard_template_id() -> int:
    return AgendaTemplate.select(AgendaTemplate.id).where(AgendaTemplate.is_standard == True).scalar()  # noqa: E712


def apply_template(meeting_id: int, template_id: int) -> list[ItemRow]:
    """Append the template's items to the meeting's agenda, fitted (fit) to the time the
    meeting has left, so inserting the standard agenda opens no overrun warning."""
    with database.atomic():
        meeting = Meeting.get_by_id(meeting_id)
        length = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
        left = length - sum(i.minutes for i in items(meeting_id))
        for line in fit(template(template_id).items, left):
            add(meeting_id, line)
    return items(meeting_id)


def save_as_template(meeting_id: int, name: str, replace_existing: bool = False) -> TemplateRow:
    """The meeting's agenda (titles, kinds, durations, texts) as a new template."""
    name, error = validation.required(name, "Skabelonens navn")
    if error:
        raise ValidationError({"name": error})
    with database.atomic():
        existing = AgendaTemplate.get_or_none(AgendaTemplate.name == name)
        if existing is not None:
            # The standard template may be replaced too: it is the municipality's to adapt.
            if not replace_existing:
                raise ValidationError(
                    {"name": f"Der findes allerede en skabelon med navnet {quoted(name)}."})
            AgendaTemplateItem.delete().where(AgendaTemplateItem.template == existing.id).execute()
            template_id = existing.id
        else:
            template_id = AgendaTemplate.insert(name=name).execute()
        AgendaTemplateItem.insert_many([
            dict(template=template_id, position=i.number, title=i.title, kind=i.kind,
                 minutes=i.minutes, background=i.background, proposal=i.proposal,
                 closed=i.closed) for i in items(meeting_id)]).execute()
        audit.record("agenda_template", template_id, "create" if existing is None else "update",
                     name, {"items": [None, len(items(meeting_id))]})
    return template(template_id)


def _row(item, number: int) -> ItemRow:
    return ItemRow(id=item.id, meeting_id=item.meeting_id, number=number, title=item.title,
                   kind=item.kind, presenter=item.presenter, minutes=item.minutes,
                   background=item.background, proposal=item.proposal, closed=item.closed,
                   notes=item.notes, decision=item.decision, version=item.version,
                   case_number=item.case_number, chair_notes=item.chair_notes)


def fit(items: list[ItemInput], minutes: int) -> list[ItemInput]:
    """Copies of the items, shortened to fit `minutes`: the longest item loses 5 minutes at a
    time (none below 5). Items that cannot fit are returned as they are (the builder then
    warns)."""
    fitted = [replace(item) for item in items]
    excess = sum(item.minutes for item in fitted) - minutes
    while excess > 0:
        longest = max(fitted, key=lambda item: item.minutes, default=None)
        if longest is None or longest.minutes <= 5:
            return [replace(item) for item in items]
        cut = min(5, excess, longest.minutes - 5)
        longest.minutes -= cut
        excess -= cut
    return fitted
