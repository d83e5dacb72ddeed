"""Dagsorden (the participants' agenda) and Drejebog (the chair's runsheet) of a meeting.

Both are built from service rows (MeetingRow, TimePlan, ParticipantRow, ActionRow, bilag rows);
nothing here queries. What the participants may see is decided before the rows get here
(services/meetings/disclosure.py): a closed item (Lukket punkt) arrives as its number and "Lukket
punkt", and is drawn as just that; the actions and bilag of closed items do not arrive at all.

The participants' version gives each open item its start time, number, title, oplægsholder,
Sagsfremstilling, Indstilling and bilag; the Drejebog adds the time plan, the notes for the
chair ("Noter til mødeleder", printed nowhere else) and the closed items in full.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Indenter, KeepTogether, Spacer

from tryg_desktop.reports.meeting_parts import follow_up_table, invited, is_follow_up
from tryg_desktop.reports.styles import (
    CONFIDENTIAL,
    CONTENT_WIDTH,
    WARNING_INK,
    Document,
    clock,
    hex_colour,
    layout_table,
    listing_table,
    meeting_title,
    minutes_text,
    when_line,
)
from tryg_desktop.services.meetings.disclosure import INTERNAL_MARK

if TYPE_CHECKING:
    from tryg_desktop.services.meetings.actions import OpenActions
    from tryg_desktop.services.meetings.agenda import ItemRow, TimePlan
    from tryg_desktop.services.meetings.meetings import MeetingRow
    from tryg_desktop.services.meetings.participants import ParticipantRow

CLOSED = "Lukket punkt"
FOR_CHAIR_ONLY = "Kun til mødeleder"
CHAIR_NOTES = "Noter til mødeleder"
CANCELLED_TEXT = "AFLYST · Mødet er aflyst og holdes ikke."
NO_ITEMS = "Der er endnu ingen punkter på dagsordenen."

_NUMBER_WIDTH = 10 * mm  # the gutter that holds "3." in the participants' version
_TIME_WIDTH = 16 * mm  # the gutter that holds "14.05" in the runsheet
_CLOCK_WIDTH = 22 * mm  # "kl. 14.25" at the right of a participants' heading


def participants_version(meeting: MeetingRow, plan: TimePlan,
                         participants: list[ParticipantRow], *, header: str,
                         durations: bool = True, follow_up: OpenActions | None = None,
                         bilag: dict[int, list] | None = None,
                         today: dt.date | None = None) -> Document:
    """The agenda sent to the participants: each open item with its start time, kind,
    oplægsholder, duration (when `durations`), sagsfremstilling, indstilling and bilag; closed
    items as number and "Lukket punkt". `follow_up`: the forum's open actions, listed under
    "Opfølgning på handlinger"; `bilag`: item id → its bilag rows."""
    doc = _document(meeting, header, "Dagsorden")
    _front(doc, meeting, "Dagsorden")
    invited(doc, participants, for_chair=False)
    heading = [doc.para("Dagsorden", "h2")]
    if not plan.items:
        doc.add(*heading, doc.para(NO_ITEMS, "body"))
    for planned in plan.items:
        item = planned.item
        if item.closed:
            doc.add(KeepTogether([*heading, _heading(doc, item.number,
                                                     doc.para(CLOSED, "item_closed"))]),
                    Spacer(0, 6))
            heading = []
            continue
        title = _heading(doc, item.number, _title(doc, item),
                         doc.para(f"kl. {clock(planned.starts)}", "item_clock"))
        meta = _meta(doc, item, minutes=item.minutes if durations else None)
        body = [doc.para(meta, "meta")]
        body += _texts(doc, item, (("Sagsfremstilling", item.background, "sagsfremstilling"),
                                   ("Indstilling", item.proposal, "indstilling")))
        body += _extras(doc, item, follow_up, bilag, today)
        _add_item(doc, heading, title, body, _NUMBER_WIDTH, 6)
        heading = []
    return doc


def runsheet(meeting: MeetingRow, plan: TimePlan, participants: list[ParticipantRow], *,
             header: str, follow_up: OpenActions | None = None,
             bilag: dict[int, list] | None = None, today: dt.date | None = None,
             role_clashes: list[str] | None = None) -> Document:
    """The chair's runsheet: "Internt – med lukkede punkter" on every page, the time plan,
    presenters, sagsfremstilling, indstilling and the notes for the chair of every item,
    closed ones included and marked. `role_clashes`: sentences such as "Mødelederen, …, har
    meldt afbud." (participants.role_clashes), printed as warnings under the front."""
    doc = _document(meeting, header, "Drejebog", banner=INTERNAL_MARK)  # every page
    _front(doc, meeting, "Drejebog")
    holds = "lukkede punkter og noter" if any(p.item.closed for p in plan.items) else "noter"
    doc.add(doc.para(f"{FOR_CHAIR_ONLY}. Drejebogen rummer {holds} til mødeleder og må ikke "
                     "sendes til deltagerne.", "confidential"))
    if plan.warning:
        doc.add(doc.para(f"Tidsplanen holder ikke: {doc.text(plan.warning, 'tidsplanen')}",
                         "warning"))
    if role_clashes:  # one box, a sentence a line
        doc.add(doc.para("<br/>".join(doc.text(c, "rollerne") for c in role_clashes),
                         "warning"))
    doc.add(KeepTogether([doc.para("Tidsplan", "h2"), _time_table(doc, meeting, plan)]))
    invited(doc, participants, for_chair=True)
    heading = [doc.para("Punkterne", "h2")]
    if not plan.items:
        doc.add(*heading, doc.para(NO_ITEMS, "body"))
    for planned in plan.items:
        item = planned.item
        time = doc.para(clock(planned.starts), "item_number")
        title = f"{item.number}. {doc.text(item.title, _where(item, 'titel'))}"
        if item.closed:
            title += f" {_marked(CLOSED)}"
        title = layout_table([[time, doc.para(title, "item_title")]],
                             [_TIME_WIDTH, CONTENT_WIDTH - _TIME_WIDTH])
        body = [doc.para(_meta(doc, item, minutes=item.minutes, ends=planned.ends), "meta")]
        notes = doc.paragraphs(item.chair_notes, "chair_note", _where(item, "noter"))
        if notes:
            body += [doc.para(CHAIR_NOTES, "subhead_chair"), *notes]
        body += _texts(doc, item, (("Sagsfremstilling", item.background, "sagsfremstilling"),
                                   ("Indstilling", item.proposal, "indstilling")))
        body += _extras(doc, item, follow_up, bilag, today, for_chair=True)
        _add_item(doc, heading, title, body, _TIME_WIDTH, 8)
        heading = []
    return doc


# --- parts ------------------------------------------------------------------------------------

def _document(meeting: MeetingRow, header: str, label: str, banner: str = "") -> Document:
    from tryg_desktop import l10n

    footer = f"{label}: {meeting.title} · {l10n.format_date(meeting.starts_at.date(), 'short')}"
    return Document(header=header, label=label, footer=footer, banner=banner,
                    title=meeting_title(label, meeting.title, meeting.starts_at.date()),
                    cancelled=meeting.status == "aflyst")


def _front(doc: Document, meeting: MeetingRow, label: str) -> None:
    """Kind of document and meeting, title, the date line and the facts (place, chair …)."""
    from tryg_desktop import l10n

    doc.add(doc.para(f"{label} · {doc.text(meeting.kind_label, 'mødetypen')}", "kicker"),
            doc.para(doc.text(meeting.title, "mødets titel"), "title"),
            doc.para(when_line(meeting.starts_at, meeting.ends_at), "when"))
    if meeting.status == "aflyst":
        doc.add(doc.para(CANCELLED_TEXT, "cancelled"))
    facts = [("Sted", meeting.location, "mødets sted"),
             ("Mødeleder", meeting.chair_name, "mødeleder"),
             ("Referent", meeting.minute_taker_name, "referent"),
             ("Mødeforum", meeting.forum_name, "mødeforum"),
             ("Formål", meeting.purpose, "mødets formål"),
             ("Sagsnr.", getattr(meeting, "case_number", ""), "sagsnummer")]
    rows = [[doc.para(label, "label"), doc.para(doc.text(value, where), "cell")]
            for label, value, where in facts if (value or "").strip()]
    if rows:
        doc.add(layout_table(rows, [28 * mm, CONTENT_WIDTH - 28 * mm],
                             [("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    sent = getattr(meeting, "invitation_sent_at", None)
    if sent is not None:
        doc.add(Spacer(0, 3), doc.para(f"Udsendt den {l10n.format_date(sent.date(), 'long')}",
                                       "meta"))


def _add_item(doc: Document, heading: list, title, body: list, indent: float,
              space: float) -> None:
    """An item: its title with the meta line and the start of its first text kept together
    (and the section's heading before the first item with them), the rest flowing on."""
    keep = 1  # the meta line
    if len(body) > 1 and getattr(getattr(body[1], "style", None), "name", "").startswith(
            "subhead"):
        keep = 3  # with the first text's subhead and first paragraph
    first, rest = body[:keep], body[keep:]
    doc.add(KeepTogether([*heading, title, *_indented(first, indent)]),
            *_indented(rest, indent), Spacer(0, space))


def _texts(doc: Document, item: ItemRow, texts) -> list:
    body = []
    for label, text, where in texts:
        paragraphs = doc.paragraphs(text, "body", _where(item, where))
        if paragraphs:
            body += [doc.para(label, "subhead"), *paragraphs]
    return body


def _extras(doc: Document, item: ItemRow, follow_up, bilag, today, for_chair=False) -> list:
    """The bilag line, and under "Opfølgning på handlinger" the forum's open actions."""
    body = []
    if follow_up is not None and is_follow_up(item.title):
        body += follow_up_table(doc, follow_up, today or dt.date.today(),
                                CONTENT_WIDTH - (_TIME_WIDTH if for_chair else _NUMBER_WIDTH),
                                for_chair=for_chair)
    rows = (bilag or {}).get(item.id, [])
    if rows:
        names = ", ".join(doc.text(r.file_name, _where(item, "bilag")) for r in rows)
        body.append(doc.para(f"<b>Bilag:</b> {names}", "meta"))
    return body


def _time_table(doc: Document, meeting: MeetingRow, plan: TimePlan):
    head = [doc.para(text, "cell_bold") for text in ("Kl.", "Nr.", "Punkt", "Oplæg", "Min.")]
    rows = [head]
    for planned in plan.items:
        item = planned.item
        title = doc.text(item.title, _where(item, "titel"))
        if item.closed:
            title += f" {_marked(CLOSED)}"
        starts = clock(planned.starts)
        if planned.ends > meeting.ends_at:  # past the meeting's end: the chair must cut
            starts = f'<font color="{hex_colour(WARNING_INK)}"><b>{starts}</b></font>'
        rows.append([doc.para(starts, "cell"), doc.para(f"{item.number}.", "cell"),
                     doc.para(title, "cell"),
                     doc.para(doc.text(item.presenter, _where(item, "oplægsholder")), "cell"),
                     doc.para(str(item.minutes), "cell_right")])
    # "Mødet slutter" only when the last item ends with the meeting: "14.10 Mødet slutter"
    # for a meeting until 15.00 told the chair the wrong time.
    early = int((meeting.ends_at - plan.ends).total_seconds() // 60)
    end_label = (
        f"Sidste punkt slutter {plan.overrun_minutes} min. efter mødets sluttid "
        f"(kl. {clock(meeting.ends_at)})" if plan.overrun_minutes else
        f"Sidste punkt slutter {early} min. før mødets sluttid (kl. {clock(meeting.ends_at)})"
        if early > 0 else "Mødet slutter")
    total = sum(p.item.minutes for p in plan.items)  # from the items, never a stored sum
    rows.append([doc.para(f"<b>{clock(plan.ends)}</b>", "cell"),
                 doc.para(f"<b>{end_label}</b>", "cell"), "", "",
                 doc.para(f"<b>{total}</b>", "cell_right")])
    widths = [16 * mm, 10 * mm, CONTENT_WIDTH - 16 * mm - 10 * mm - 50 * mm - 14 * mm,
              50 * mm, 14 * mm]
    return listing_table(rows, widths, [("SPAN", (1, -1), (-2, -1))])


def _heading(doc: Document, number: int, title, at=None):
    if at is None:
        return layout_table([[doc.para(f"{number}.", "item_number"), title]],
                            [_NUMBER_WIDTH, CONTENT_WIDTH - _NUMBER_WIDTH])
    return layout_table([[doc.para(f"{number}.", "item_number"), title, at]],
                        [_NUMBER_WIDTH, CONTENT_WIDTH - _NUMBER_WIDTH - _CLOCK_WIDTH,
                         _CLOCK_WIDTH], [("RIGHTPADDING", (-1, 0), (-1, 0), 0)])


def _title(doc: Document, item: ItemRow):
    return doc.para(doc.text(item.title, _where(item, "titel")), "item_title")


def _meta(doc: Document, item: ItemRow, *, minutes: int | None = None, ends=None) -> str:
    """'Drøftelse · Oplæg: Politikommissær Jens Ø · 15 min. · Sagsnr. 27.00.00-A00-1-26'"""
    parts = [item.kind_label]
    if item.presenter:
        parts.append(f"Oplæg: {doc.text(item.presenter, _where(item, 'oplægsholder'))}")
    if minutes is not None:
        parts.append(minutes_text(minutes) if ends is None
                     else f"{minutes_text(minutes)} (til kl. {clock(ends)})")
    case_number = getattr(item, "case_number", "")
    if case_number:
        parts.append(f"Sagsnr. {doc.text(case_number, _where(item, 'sagsnummer'))}")
    return " · ".join(parts)


def _indented(flowables: list, indent: float) -> list:
    """Body text under a heading, aligned with the title (not with the number or the time)."""
    return [Indenter(left=indent), *flowables, Indenter(left=-indent)] if flowables else []


def _marked(text: str) -> str:
    return f'<font color="{hex_colour(CONFIDENTIAL)}">· {text}</font>'


def _where(item: ItemRow, what: str) -> str:
    return f"punkt {item.number} ({what})"
