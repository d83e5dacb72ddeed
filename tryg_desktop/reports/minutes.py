"""Referat (beslutningsreferat) of a meeting: who came, each item's proposal, minutes, decision
and agreed actions, a table of all the meeting's actions, and the forum's next meeting.

Built from service rows; nothing here queries. Until the minutes are godkendt every page carries
"Udkast" in the header band; once approved, the front says "Godkendt den … af …" and the
action table is the snapshot taken at approval (the caller passes it), so a reprint is the
same document. What each version may hold is decided before the rows get here
(services/meetings/disclosure.py): for the participants' version (the default) a closed item arrives
as its number and "Lukket punkt", and its actions do not arrive at all. The full version is for the
chair and the minute-taker and says so on every page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Indenter, KeepTogether, Spacer

from tryg_desktop import l10n
from tryg_desktop.reports.agenda import CLOSED
from tryg_desktop.reports.meeting_parts import NO_ORGANISATION, PRIVATE_GROUP, residents
from tryg_desktop.reports.styles import (
    CONFIDENTIAL,
    CONTENT_WIDTH,
    Document,
    default_subject,
    hex_colour,
    layout_table,
    listing_table,
    meeting_title,
    when_line,
)
from tryg_desktop.services.meetings.disclosure import INTERNAL_MARK

if TYPE_CHECKING:
    from tryg_desktop.services.meetings.actions import ActionRow
    from tryg_desktop.services.meetings.agenda import ItemRow
    from tryg_desktop.services.meetings.meetings import MeetingRow
    from tryg_desktop.services.meetings.participants import ParticipantRow

LABEL = "Referat"
DRAFT = "Udkast"
INTERNAL = INTERNAL_MARK  # the same words on every internal version
PRESENT, DECLINED, ABSENT = "Til stede", "Afbud", "Fraværende"
OPEN_ITEM, CLOSED_ITEM = "Åbent punkt", CLOSED  # after each title in the internal version
NO_ACTIONS = "Der blev ikke aftalt handlinger på mødet."
NO_NEXT_MEETING = "Næste møde er ikke planlagt."

_NUMBER_WIDTH = 10 * mm
_TABLE_START = 55 * mm  # "Aftalte handlinger", its note, the table's head and two rows


def minutes_document(meeting: MeetingRow, items: list[ItemRow],
                     participants: list[ParticipantRow], actions: list[ActionRow], *,
                     header: str, draft: bool, next_meeting: MeetingRow | None = None,
                     full: bool = False) -> Document:
    """The referat. `actions`: the meeting's actions; `draft`: the minutes are not godkendt;
    `full`: include closed items (the internal version), else the participants' version."""
    banner = " · ".join(b for b in (DRAFT if draft else "", INTERNAL if full else "") if b)
    footer = f"{LABEL}: {meeting.title} · {l10n.format_date(meeting.starts_at.date(), 'short')}"
    if not draft and meeting.approved_on:  # every page says it is the approved version
        footer += f" · Godkendt {l10n.format_date(meeting.approved_on, 'short')}"
    title = meeting_title(LABEL, meeting.title, meeting.starts_at.date())
    approved = "" if draft or not meeting.approved_on else \
        f"Godkendt {l10n.format_date(meeting.approved_on, 'long')}"  # in the PDF's Subject
    doc = Document(header=header, label=LABEL, footer=footer, banner=banner, title=title,
                   subject=default_subject(title, header, " · ".join(
                       m for m in (approved, banner) if m)))
    _front(doc, meeting, draft)
    _attendance(doc, participants, name_residents=full)
    doc.add(doc.para("Punkterne", "h2"))
    marked = full and any(item.closed for item in items)  # only beside closed items it informs
    for item in items:
        # A closed item arrives as "Lukket punkt" only (services/meetings/disclosure.py).
        if item.closed and not full:
            doc.add(_heading(doc, item.number, doc.para(CLOSED, "item_closed")), Spacer(0, 6))
            continue
        _item(doc, item, [a for a in actions if a.agenda_item_id == item.id], marked=marked)
    _action_table(doc, actions, None if draft else meeting.approved_on, marked=full)
    _next(doc, next_meeting)
    return doc


# --- parts ------------------------------------------------------------------------------------

def _front(doc: Document, meeting: MeetingRow, draft: bool) -> None:
    kicker = "Beslutningsreferat" + (f" · {DRAFT}" if draft else " · Godkendt")
    if meeting.forum_name:
        kicker += f" · {doc.text(meeting.forum_name, 'mødeforum')}"
    doc.add(doc.para(kicker, "kicker"),
            doc.para(doc.text(meeting.title, "mødets titel"), "title"),
            doc.para(when_line(meeting.starts_at, meeting.ends_at), "when"))
    if draft:
        doc.add(doc.para(f"{DRAFT}: referatet er endnu ikke godkendt.", "warning"))
    elif meeting.approved_on:
        doc.add(doc.para(approved_line(meeting, doc), "body"))
    facts = [("Mødeforum", meeting.forum_name, "mødeforum"),
             ("Sted", meeting.location, "mødets sted"),
             ("Mødeleder", meeting.chair_name, "mødeleder"),
             ("Referent", meeting.minute_taker_name, "referent"),
             ("Sagsnr.", meeting.case_number, "sagsnummer")]
    rows = [[doc.para(label, "label"), doc.para(doc.text(value, where), "cell")]
            for label, value, where in facts if (value or "").strip()]
    if rows:
        doc.add(layout_table(rows, [28 * mm, CONTENT_WIDTH - 28 * mm],
                             [("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))


def approved_line(meeting: MeetingRow, doc: Document | None = None) -> str:
    """"Godkendt den 22. september 2026 af jkl" (by whom only when known)."""
    by = meeting.approved_by or ""
    if by and doc is not None:
        by = doc.text(by, "godkendt af")
    line = f"Godkendt den {l10n.format_date(meeting.approved_on, 'long')}"
    return line + (f" af {by}" if by else "") + "."


def attendance_group(p: ParticipantRow) -> str | None:
    """Til stede / Afbud / Fraværende from the registered attendance; without one, an afbud to
    the invitation still counts as Afbud. None: not registered (left out)."""
    if p.attendance == "deltog":
        return PRESENT
    if p.attendance == "udeblev":
        return ABSENT
    if p.attendance == "afbud" or (not p.attendance and p.invitation == "afbud"):
        return DECLINED
    return None


def _attendance(doc: Document, participants: list[ParticipantRow], *,
                name_residents: bool) -> None:
    """Each group by organisation (the service's order), one "Navn (titel)" a line so names
    and titles never run together. Residents (privatpersoner) without consent to be named
    (services/data_protection/consent.py): counted ("2 beboere") in the participants' version,
    as in the Dagsorden; with consent, and in the internal version, named, last."""
    sections: dict[str, dict[str, list[str]]] = {PRESENT: {}, DECLINED: {}, ABSENT: {}}
    residents_counted = {PRESENT: 0, DECLINED: 0, ABSENT: 0}
    for number, p in enumerate(participants, start=1):
        section = attendance_group(p)
        if section is None:
            continue
        if not p.may_be_named and not name_residents:
            residents_counted[section] += 1
            continue
        where = f"deltagerlisten (nr. {number})"
        entry = doc.text(p.name, where)
        if p.title and not p.is_private:
            entry += f" ({doc.text(p.title, where)})"
        group = PRIVATE_GROUP if p.is_private else (
            doc.text(p.organisation_name, where) or NO_ORGANISATION)
        sections[section].setdefault(group, []).append(entry)
    for title, groups in sections.items():
        if not groups and not residents_counted[title]:
            continue
        ordered = sorted(groups.items(), key=lambda g: g[0] == PRIVATE_GROUP)
        rows = [[doc.para(group, "cell_bold"), doc.para("<br/>".join(names), "cell")]
                for group, names in ordered]
        if residents_counted[title]:
            rows.append([doc.para(PRIVATE_GROUP, "cell_bold"),
                         doc.para(residents(residents_counted[title]), "cell")])
        doc.add(KeepTogether([doc.para(title, "h2"),
                              layout_table(rows, [60 * mm, CONTENT_WIDTH - 60 * mm],
                                           [("BOTTOMPADDING", (0, 0), (-1, -1), 4)])]))


def _item(doc: Document, item: ItemRow, actions: list[ActionRow], marked: bool) -> None:
    """`marked`: "· Åbent punkt"/"· Lukket punkt" after the title, where it informs: in the
    full version of a meeting with closed items. In the participants' version every item with
    a title is open, and in a meeting without closed items so is every item."""
    title = doc.text(item.title, _where(item, "titel"))
    if marked:
        state = CLOSED_ITEM if item.closed else OPEN_ITEM
        colour = hex_colour(CONFIDENTIAL) if item.closed else "#5a5a5a"
        title += f' <font color="{colour}" size="9">· {state}</font>'
    block = [_heading(doc, item.number, doc.para(title, "item_title"))]
    meta = item.kind_label
    if item.case_number:  # as in the Dagsorden
        meta += f" · Sagsnr. {doc.text(item.case_number, _where(item, 'sagsnummer'))}"
    body = [doc.para(meta, "meta")]
    for label, text, where in (("Indstilling", item.proposal, "indstilling"),
                               ("Referat", item.notes, "referat"),
                               ("Beslutning", item.decision, "beslutning")):
        paragraphs = doc.paragraphs(text, "body", _where(item, where))
        if paragraphs:
            body.append(doc.para(label, "subhead"))
            body.extend(paragraphs)
    if actions:
        body.append(doc.para("Handlinger", "subhead"))
        for action in actions:
            body.append(doc.para(f"• {_action_line(doc, action)}", "body"))
    block.extend(_indented(body))
    doc.add(KeepTogether(block), Spacer(0, 6))


def _action_line(doc: Document, action: ActionRow) -> str:
    where = f"handling nr. {action.id}"
    line = doc.text(action.title, where)
    who = doc.text(action.responsible_name or action.organisation_name, where)
    details = [f"ansvarlig: {who}" if who else "",
               f"frist: {l10n.format_date(action.due, 'short')}" if action.due else ""]
    details = [d for d in details if d]
    return line + (f" ({', '.join(details)})" if details else "")


def _action_table(doc: Document, actions: list[ActionRow], approved_on=None,
                  marked: bool = False) -> None:
    """`marked` (the full version): the actions of a closed item say so under its number.
    The heading starts a page when less than its note and a few rows would fit: it was left
    alone at the foot of a page, its table on the next."""
    doc.add(CondPageBreak(_TABLE_START), doc.para("Aftalte handlinger", "h2"))
    if not actions:
        doc.add(doc.para(NO_ACTIONS, "body"))
        return
    if approved_on:  # the snapshot: say so, and where the live status is
        doc.add(doc.para(f"Status som ved godkendelsen den {l10n.format_date(approved_on)}. "
                         "Den aktuelle status står i Handlingslisten.", "meta"))
    head = [doc.para(t, "cell_bold") for t in ("Punkt", "Handling", "Ansvarlig", "Frist",
                                               "Status")]
    rows = [head]
    for action in sorted(actions, key=lambda a: (a.item_number is None, a.item_number or 0,
                                                 a.due is None, a.due or a.id, a.id)):
        where = f"handling nr. {action.id}"
        who = doc.text(action.responsible_name, where)
        org = doc.text(action.organisation_name, where)
        responsible = f"{who}<br/>{org}" if who and org else (who or org or "–")
        number = f"{action.item_number}." if action.item_number else "–"
        if marked and getattr(action, "item_closed", False):
            number += f'<br/><font color="{hex_colour(CONFIDENTIAL)}">Lukket</font>'
        rows.append([
            doc.para(number, "cell_small"),
            doc.para(doc.text(action.title, where), "cell_small"),
            doc.para(responsible, "cell_small"),
            doc.para(l10n.format_date(action.due, "short") if action.due else "–",
                     "cell_small"),
            doc.para(action.status_label, "cell_small")])
    widths = [16 * mm, CONTENT_WIDTH - 16 * mm - 50 * mm - 22 * mm - 20 * mm, 50 * mm,
              22 * mm, 20 * mm]
    doc.add(listing_table(rows, widths))


def _next(doc: Document, meeting: MeetingRow | None) -> None:
    doc.add(doc.para("Næste møde", "h2"))
    if meeting is None:
        doc.add(doc.para(NO_NEXT_MEETING, "body"))
        return
    line = when_line(meeting.starts_at, meeting.ends_at)
    if meeting.location:
        line += f", {doc.text(meeting.location, 'næste mødes sted')}"
    doc.add(doc.para(line[:1].upper() + line[1:], "body"))


def _heading(doc: Document, number: int, title):
    return layout_table([[doc.para(f"{number}.", "item_number"), title]],
                        [_NUMBER_WIDTH, CONTENT_WIDTH - _NUMBER_WIDTH])


def _indented(flowables: list) -> list:
    return [Indenter(left=_NUMBER_WIDTH), *flowables, Indenter(left=-_NUMBER_WIDTH)] \
        if flowables else []


def _where(item: ItemRow, what: str) -> str:
    return f"punkt {item.number} ({what})"
