"""Who may see what: THE rule for closed (lukket) agenda items, in one place.

Whatever is born under a closed item is closed too: its title and texts (sagsfremstilling,
indstilling, noter til mødeleder, referat, beslutning, sagsnummer), the actions agreed under it
(with their descriptions and follow-up notes), and its bilag. The participants' versions of
every output (Dagsorden, Referat, Handlingsliste, the actions CSV, the e-mail drafts, the .ics)
show a closed item as its number and "Lukket punkt" only, and leave out everything that hangs
on it. The internal versions (Drejebog, Referat --full, Handlingsliste --full, the CSV --full)
show it all; the PDFs say so on every page (INTERNAL_MARK), the CSV in a "Lukket punkt" column.

Every document's data passes through these functions in the service that gathers it
(printing.py, action_export.py, calendar_invite.py, invitation_mail.py); the reports only draw
what they are given. The e-mail drafts refuse to attach an internal version
(check_for_participants). Where a query can say it, the rule is a condition on the query, so
the participants' version never even reads the closed rows (`restrict_actions`, used by
actions.ActionFilter(audience=…) and actions.open_for_forum).

An action remembers that it was agreed under a closed item (action_item.from_closed_item, kept
by the database), so it stays closed after the item or the meeting is deleted.

The other rule of the participants' versions, whether a resident (privatperson) may be named or
is counted ("2 beboere"), lives in services/data_protection/consent.py (may_be_named), not here.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import TypeVar

from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import AgendaItem

__all__ = ["CLOSED_ITEM", "INTERNAL", "INTERNAL_MARK", "PARTICIPANTS", "Audience",
           "actions", "agenda_lines", "audience", "check_for_participants", "closed_item_ids",
           "is_internal_pdf", "item", "items", "restrict_actions",
           "rows_of_open_items", "time_plan"]

CLOSED_ITEM = "Lukket punkt"
INTERNAL_MARK = "Internt – med lukkede punkter"

T = TypeVar("T")


class Audience(enum.Enum):
    PARTICIPANTS = "participants"  # everyone invited: the closed items are left out
    INTERNAL = "internal"  # the chair, the minute-taker, the secretariat: everything

    @property
    def internal(self) -> bool:
        return self is Audience.INTERNAL


PARTICIPANTS = Audience.PARTICIPANTS
INTERNAL = Audience.INTERNAL


def audience(full: bool) -> Audience:
    """The command line's and the printing functions' `full` flag as an Audience."""
    return INTERNAL if full else PARTICIPANTS


# --- at the query ------------------------------------------------------------------------------

def restrict_actions(query, who: Audience):
    """An ActionItem query as `who` may read it: for participants, the actions agreed under
    closed items (also items deleted since) are not even selected."""
    return query if who.internal else query.where(
        ActionItem.from_closed_item == False)  # noqa: E712 - SQL, not Python


def closed_item_ids(meeting_id: int | None = None) -> set[int]:
    """The ids of the closed agenda items (of one meeting, or of all)."""
    query = AgendaItem.select(AgendaItem.id).where(AgendaItem.closed == True)  # noqa: E712
    if meeting_id is not None:
        query = query.where(AgendaItem.meeting == meeting_id)
    return {row.id for row in query}


# --- on rows a service has read ---------------------------------------------------------------

def item(row: T, who: Audience) -> T:
    """An agenda item (agenda.ItemRow or any dataclass row with `closed` and `title`) as `who`
    may see it. A closed item keeps its id, number, place and length in the time plan, and
    becomes "Lukket punkt" with every other text emptied: fields added later are emptied too."""
    if who.internal or not getattr(row, "closed", False):
        return row
    blank = {f.name: "" for f in dataclasses.fields(row)
             if isinstance(getattr(row, f.name), str)}
    blank["title"] = CLOSED_ITEM
    return dataclasses.replace(row, **blank)


def items(rows: list[T], who: Audience) -> list[T]:
    return [item(row, who) for row in rows]


def time_plan(plan, who: Audience):
    """agenda.TimePlan with each planned item passed through `item`."""
    if who.internal:
        return plan
    return dataclasses.replace(plan, items=[dataclasses.replace(p, item=item(p.item, who))
                                            for p in plan.items])


def agenda_lines(rows, who: Audience) -> list[str]:
    """'1. Velkomst (orientering)' … for e-mail and calendar texts; a closed item only as
    'N. Lukket punkt' for participants."""
    return [f"{i.number}. {CLOSED_ITEM}" if i.closed and not who.internal
            else f"{i.number}. {i.title} ({i.kind})" for i in rows]


def _get(row, name: str):
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)


def _under_closed_item(row, closed_ids: set[int]) -> bool:
    return bool(_get(row, "item_closed") or _get(row, "agenda_item_id") in closed_ids)


def actions(rows: list[T], who: Audience, closed_ids: set[int] | None = None) -> list[T]:
    """Action rows (actions.ActionRow carries item_closed; a snapshot row may carry only
    agenda_item_id, then give closed_ids) as `who` may see them: for participants, those
    agreed under a closed item are left out, follow-up notes and all."""
    if who.internal:
        return list(rows)
    closed_ids = closed_ids or set()
    return [row for row in rows if not _under_closed_item(row, closed_ids)]


def rows_of_open_items(rows: list[T], who: Audience,
                       closed_ids: set[int] | None = None) -> list[T]:
    """Any rows that hang on an agenda item (bilag, notes …), by `item_closed`, `closed` or
    `agenda_item_id` in closed_ids: for participants, those of closed items are left out."""
    if who.internal:
        return list(rows)
    closed_ids = closed_ids or set()
    return [row for row in rows
            if not (_get(row, "closed") or _under_closed_item(row, closed_ids))]


# --- what leaves the app ------------------------------------------------------------------------

INTERNAL_REFUSED = ("Den interne udgave (med lukkede punkter) kan ikke sendes til deltagerne. "
                    "Vedhæft deltagerudgaven.")


def is_internal_pdf(pdf_bytes: bytes) -> bool:
    """Whether a PDF is one of our internal versions: they carry INTERNAL_MARK in the header
    band of every page, so the first page's text tells."""
    import pypdfium2 as pdfium  # already the app's PDF reader (print preview)

    try:
        document = pdfium.PdfDocument(pdf_bytes)
    except pdfium.PdfiumError:
        return False  # not a PDF we made
    try:
        text = document[0].get_textpage().get_text_range() if len(document) else ""
    finally:
        document.close()
    return INTERNAL_MARK in " ".join(text.split())


def check_for_participants(pdf_bytes: bytes | None) -> None:
    """Raises ServiceError before an internal version is attached to a mail to the
    participants (the e-mail drafts call this for every PDF they attach)."""
    from tryg_desktop.services.errors import ServiceError

    if pdf_bytes is not None and is_internal_pdf(pdf_bytes):
        raise ServiceError(INTERNAL_REFUSED)
