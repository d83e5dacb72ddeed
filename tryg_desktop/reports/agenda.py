"""Dagsorden (the participants' agenda) and Drejebog (the chair's runsheet) of a meeting.

Both are built from service rows (MeetingRow, TimePlan, ParticipantRow); nothing here queries.
A closed item (Lukket punkt) reaches the participants' version as its number and "Lukket punkt"
only: its title, presenter, texts and duration are never read for that version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Indenter, KeepTogether, Spacer

from tryg_desktop.reports.styles import (
    CONFIDENTIAL,
    CONTENT_WIDTH,
    MUTED,
    WARNING_INK,
    Document,
    clock,
    hex_colour,
    layout_table,
    listing_table,
    minutes_text,
    when_line,
)

if TYPE_CHECKING:
    from tryg_desktop.services.agenda import ItemRow, TimePlan
    from tryg_desktop.services.meetings import MeetingRow
    from tryg_desktop.services.participants import ParticipantRow

CLOSED = "Lukket punkt"
FOR_CHAIR_ONLY = "Kun til mødeleder"
PRIVATE_GROUP = "Privatpersoner"
NO_ORGANISATION = "Uden organisation"
NO_ITEMS = "Der er endnu ingen punkter på dagsordenen."

_NUMBER_WIDTH = 10 * mm  # the gutter that holds "3." in the participants' version
_TIME_WIDTH = 16 * mm  # the gutter that holds "14.05" in the runsheet


def participants_version(meeting: MeetingRow, plan: TimePlan,
                         participants: list[ParticipantRow], *, header: str,
                         durations: bool = True) -> Document:
    """The agenda sent to the participants: open items with kind, presenter, duration (when
    `durations`) and proposal; closed items as number and "Lukket punkt"."""
    doc = _document(meeting, header, "Dagsorden")
    _front(doc, meeting, "Dagsorden")
    _invited(doc, participants, with_answers=False)
    doc.add(doc.para("Dagsorden", "h2"))
    if not plan.items:
        doc.add(doc.para(NO_ITEMS, "body"))
    for planned in plan.items:
        item = planned.item
        if item.closed:
            doc.add(_heading(doc, item.number, doc.para(CLOSED, "item_closed")), Spacer(0, 6))
            continue
        meta = _meta(doc, item, minutes=item.minutes if durations else None)
        block = [_heading(doc, item.number, _title(doc, item))]
        body = [doc.para(meta, "meta")] if meta else []
        proposal = doc.paragraphs(item.proposal, "body", _where(item, "indstilling"))
        if proposal:
            body.append(doc.para("Indstilling", "subhead"))
            body.extend(proposal)
        block.extend(_indented(body, _NUMBER_WIDTH))
        doc.add(KeepTogether(block), Spacer(0, 6))
    return doc


def runsheet(meeting: MeetingRow, plan: TimePlan, participants: list[ParticipantRow], *,
             header: str) -> Document:
    """The chair's runsheet: "Kun til mødeleder" on every page, the time plan, presenters,
    sagsfremstilling and indstilling of every item, closed ones included and marked."""
    doc = _document(meeting, header, "Drejebog", banner=FOR_CHAIR_ONLY)
    _front(doc, meeting, "Drejebog")
    doc.add(doc.para(f"{FOR_CHAIR_ONLY}. Drejebogen rummer lukkede punkter og baggrund, "
                     "der ikke må sendes til deltagerne.", "confidential"))
    if plan.warning:
        doc.add(doc.para(f"Tidsplanen holder ikke: {doc.text(plan.warning, 'tidsplanen')}",
                         "warning"))
    doc.add(doc.para("Tidsplan", "h2"), _time_table(doc, meeting, plan))
    _invited(doc, participants, with_answers=True)
    doc.add(doc.para("Punkterne", "h2"))
    if not plan.items:
        doc.add(doc.para(NO_ITEMS, "body"))
    for planned in plan.items:
        item = planned.item
        time = doc.para(clock(planned.starts), "item_number")
        title = f"{item.number}. {doc.text(item.title, _where(item, 'titel'))}"
        if item.closed:
            title += f" {_marked(CLOSED)}"
        title = doc.para(title, "item_title")
        heading = layout_table([[time, title]], [_TIME_WIDTH, CONTENT_WIDTH - _TIME_WIDTH])
        heading.keepWithNext = True
        body = [doc.para(_meta(doc, item, minutes=item.minutes, ends=planned.ends), "meta")]
        for label, text, where in (("Sagsfremstilling", item.background, "sagsfremstilling"),
                                   ("Indstilling", item.proposal, "indstilling")):
            paragraphs = doc.paragraphs(text, "body", _where(item, where))
            if paragraphs:
                body.append(doc.para(label, "subhead"))
                body.extend(paragraphs)
        doc.add(heading, *_indented(body, _TIME_WIDTH), Spacer(0, 8))
    return doc


# --- parts ------------------------------------------------------------------------------------

def _document(meeting: MeetingRow, header: str, label: str, banner: str = "") -> Document:
    from tryg_desktop import l10n

    footer = f"{label}: {meeting.title} · {l10n.format_date(meeting.starts_at.date(), 'short')}"
    return Document(header=header, label=label, title=f"{label}: {meeting.title}",
                    footer=footer, banner=banner, subject=meeting.kind_label)


def _front(doc: Document, meeting: MeetingRow, label: str) -> None:
    """Kind of document and meeting, title, the date line and the facts (place, chair …)."""
    doc.add(doc.para(f"{label} · {doc.text(meeting.kind_label, 'mødetypen')}", "kicker"),
            doc.para(doc.text(meeting.title, "mødets titel"), "title"),
            doc.para(when_line(meeting.starts_at, meeting.ends_at), "when"))
    if meeting.status == "aflyst":
        doc.add(doc.para("Mødet er aflyst.", "warning"))
    facts = [("Sted", meeting.location, "mødets sted"),
             ("Mødeleder", meeting.chair_name, "mødeleder"),
             ("Referent", meeting.minute_taker_name, "referent"),
             ("Mødeforum", meeting.forum_name, "mødeforum"),
             ("Formål", meeting.purpose, "mødets formål")]
    rows = [[doc.para(label, "label"), doc.para(doc.text(value, where), "cell")]
            for label, value, where in facts if (value or "").strip()]
    if rows:
        doc.add(layout_table(rows, [28 * mm, CONTENT_WIDTH - 28 * mm],
                             [("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))


def _invited(doc: Document, participants: list[ParticipantRow], *, with_answers: bool) -> None:
    """"Inviterede" by organisation (the service's order), those without one, then
    privatpersoner by name only; afbud in a line of their own."""
    groups: dict[str, list[str]] = {}
    declined: list[str] = []
    for number, p in enumerate(participants, start=1):
        where = f"deltagerlisten (nr. {number})"
        entry = doc.text(p.name, where)
        if p.title and not p.is_private:  # a privatperson: the name and nothing else
            entry += f", {doc.text(p.title, where)}"
        if p.invitation == "afbud":
            declined.append(entry if p.is_private or not p.organisation_name
                            else f"{entry} ({doc.text(p.organisation_name, where)})")
            continue
        if with_answers and p.invitation == "tilmeldt":
            entry += f' <font color="{hex_colour(MUTED)}">(tilmeldt)</font>'
        if p.is_private:
            group = PRIVATE_GROUP
        else:
            group = doc.text(p.organisation_name, where) or NO_ORGANISATION
        groups.setdefault(group, []).append(entry)
    if not groups and not declined:
        return
    ordered = sorted(groups.items(), key=lambda g: g[0] == PRIVATE_GROUP)  # stable otherwise
    doc.add(doc.para("Inviterede", "h2"))
    rows = [[doc.para(group, "cell_bold"), doc.para(", ".join(names), "cell")]
            for group, names in ordered]
    if declined:
        rows.append([doc.para("Afbud", "cell_bold"), doc.para(", ".join(declined), "cell")])
    doc.add(layout_table(rows, [60 * mm, CONTENT_WIDTH - 60 * mm],
                         [("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))


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
    end_label = "Mødet slutter" if not plan.overrun_minutes else (
        f"Sidste punkt slutter {plan.overrun_minutes} min. efter mødets sluttid "
        f"(kl. {clock(meeting.ends_at)})")
    rows.append([doc.para(f"<b>{clock(plan.ends)}</b>", "cell"),
                 doc.para(f"<b>{end_label}</b>", "cell"), "", "", ""])
    widths = [16 * mm, 10 * mm, CONTENT_WIDTH - 16 * mm - 10 * mm - 50 * mm - 14 * mm,
              50 * mm, 14 * mm]
    table = listing_table(rows, widths, [("SPAN", (1, -1), (-1, -1))])
    return table


def _heading(doc: Document, number: int, title):
    return layout_table([[doc.para(f"{number}.", "item_number"), title]],
                        [_NUMBER_WIDTH, CONTENT_WIDTH - _NUMBER_WIDTH])


def _title(doc: Document, item: ItemRow):
    return doc.para(doc.text(item.title, _where(item, "titel")), "item_title")


def _meta(doc: Document, item: ItemRow, *, minutes: int | None = None, ends=None) -> str:
    """'Drøftelse · Oplæg: Politikommissær Jens Ø · 15 min.'"""
    parts = [item.kind_label]
    if item.presenter:
        parts.append(f"Oplæg: {doc.text(item.presenter, _where(item, 'oplægsholder'))}")
    if minutes is not None:
        parts.append(minutes_text(minutes) if ends is None
                     else f"{minutes_text(minutes)} (til kl. {clock(ends)})")
    return " · ".join(parts)


def _indented(flowables: list, indent: float) -> list:
    """Body text under a heading, aligned with the title (not with the number or the time)."""
    return [Indenter(left=indent), *flowables, Indenter(left=-indent)] if flowables else []


def _marked(text: str) -> str:
    return f'<font color="{hex_colour(CONFIDENTIAL)}">· {text}</font>'


def _where(item: ItemRow, what: str) -> str:
    return f"punkt {item.number} ({what})"

