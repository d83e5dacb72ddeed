"""Handlingsliste: the open actions (åben, i gang) grouped by the responsible organisation, each
with deadline, responsible person and where it came from ("Netværksmøde 8.9.2026, pkt. 5"); an
overdue one is marked "Overskredet". Built from ActionRows in the service's organisation order
(Danish); nothing here queries. What the rows may hold is decided before they get here
(services/meetings/disclosure.py); `internal` only marks the internal version on every page.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reportlab.lib.units import mm

from tryg_desktop import l10n
from tryg_desktop.reports.styles import (
    CONFIDENTIAL,
    CONTENT_WIDTH,
    NBSP,
    Document,
    hex_colour,
    listing_table,
)
from tryg_desktop.services.meetings.disclosure import CLOSED_ITEM, INTERNAL_MARK

if TYPE_CHECKING:
    from tryg_desktop.services.meetings.actions import ActionRow

LABEL = "Handlingsliste"
OVERDUE = "Overskredet"
NO_ORGANISATION = "Uden ansvarlig organisation"
NO_ACTIONS = "Der er ingen åbne handlinger."
NO_OVERDUE = "Der er ingen overskredne handlinger."


def group_by_organisation(actions: list[ActionRow]) -> list[tuple[str, list[ActionRow]]]:
    """Groups in the order met (the service sorts by organisation, Danish); those without a
    responsible organisation last."""
    groups: dict[str, list[ActionRow]] = {}
    for action in actions:
        groups.setdefault(action.organisation_name or "", []).append(action)
    ordered = sorted(groups.items(), key=lambda g: g[0] == "")
    return [(name or NO_ORGANISATION, rows) for name, rows in ordered]


def action_list(actions: list[ActionRow], *, header: str, today: dt.date,
                forum_name: str = "", overdue_only: bool = False,
                internal: bool = False) -> Document:
    """`internal`: the version with the actions of closed items (the rows say what is in it);
    "Internt – med lukkede punkter" in the header band of every page."""
    date = l10n.format_date(today, "short")
    long_date = l10n.format_date(today, "long")
    scope_name = " ".join((forum_name or "alle mødefora").split())
    version = "intern udgave med lukkede punkter" if internal else "deltagerudgave"
    what = "Åbne handlinger" + (", kun overskredne" if overdue_only else "")
    doc = Document(header=header, label=LABEL, footer=f"{LABEL} · {scope_name} · {date}",
                   title=f"{LABEL} – {scope_name}, pr. {long_date}",
                   subject=f"{what}, {scope_name}, pr. {long_date} ({version})",
                   banner=INTERNAL_MARK if internal else "")
    kicker = "Åbne handlinger" + (" · kun overskredne" if overdue_only else "")
    doc.add(doc.para(kicker, "kicker"), doc.para(LABEL, "title"))
    # The forum on a line of its own: run on with the date and the count, it broke at a "·".
    scope = f"Mødeforum: {doc.text(forum_name, 'mødeforum')}<br/>" if forum_name else ""
    scope += f"Pr. {long_date}"
    overdue = sum(1 for a in actions if a.is_overdue(today))
    one = len(actions) == 1
    if overdue_only:  # "10 handlinger, heraf 10 overskredne" said the same twice
        noun = "overskredet handling" if one else "overskredne handlinger"
    else:
        noun = "handling" if one else "handlinger"
    scope += f" · {len(actions)}{NBSP}{noun}"
    if overdue and not overdue_only:
        scope += f", heraf {overdue}{NBSP}{'overskredet' if overdue == 1 else 'overskredne'}"
    from_closed = sum(1 for a in actions if a.item_closed)
    if from_closed:
        scope += f" og {from_closed}{NBSP}fra lukkede punkter" if overdue and not overdue_only \
            else f", heraf {from_closed}{NBSP}fra lukkede punkter"
    doc.add(doc.para(scope, "when"))
    if internal:
        doc.add(doc.para(f"{INTERNAL_MARK}: listen rummer handlinger fra lukkede punkter og "
                         "må ikke sendes til deltagerne.", "confidential"))
    if not actions:
        doc.add(doc.para(NO_OVERDUE if overdue_only else NO_ACTIONS, "body"))
    for organisation, rows in group_by_organisation(actions):
        doc.add(doc.para(doc.text(organisation, "organisation"), "h2"),
                _table(doc, rows, today))
    return doc


def _table(doc: Document, actions: list[ActionRow], today: dt.date):
    head = [doc.para(t, "cell_bold") for t in ("Handling", "Ansvarlig", "Frist", "Status",
                                               "Fra")]
    rows = [head]
    red = hex_colour(CONFIDENTIAL)
    for action in actions:
        where = f"handling nr. {action.id}"
        due = l10n.format_date(action.due, "short") if action.due else "–"
        if action.is_overdue(today):
            due += f'<br/><font color="{red}"><b>{OVERDUE}</b></font>'
        rows.append([doc.para(doc.text(action.title, where), "cell_small"),
                     doc.para(doc.text(action.responsible_name, where) or "–", "cell_small"),
                     doc.para(due, "cell_small"),
                     doc.para(action.status_label, "cell_small"),
                     doc.para(origin(doc, action, where) or "–", "cell_small")])
    # The action's own words get the room; "Overskredet" and "I gang" just fit their columns.
    widths = [CONTENT_WIDTH - 34 * mm - 26 * mm - 17 * mm - 42 * mm, 34 * mm, 26 * mm,
              17 * mm, 42 * mm]
    table = listing_table(rows, widths)
    return table


def origin(doc: Document, action: ActionRow, where: str) -> str:
    """'Netværksmøde Aalborg Midtby / 08.09.2026, pkt. 5': the forum (else the meeting's
    title), then the meeting's date (written as the Frist beside it) and the agenda item on a
    line of their own, never broken. An action from a closed item (only ever in the internal
    version) says so."""
    name = doc.text(action.forum_name or action.meeting_title, where)
    day = action.meeting_date
    when = l10n.format_date(day, "short").replace(" ", NBSP) if day else ""
    if when and action.item_number and action.meeting_id is not None:
        when += f",{NBSP}pkt.{NBSP}{action.item_number}"
    text = "<br/>".join(p for p in (name, when) if p)
    if action.item_closed:
        text += f'<br/><font color="{hex_colour(CONFIDENTIAL)}">{CLOSED_ITEM}</font>'
    return text
