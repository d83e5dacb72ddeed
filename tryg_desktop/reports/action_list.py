"""Handlingsliste: the open actions (åben, i gang) grouped by the responsible organisation, each
with deadline, responsible person and the forum and meeting it came from; an overdue one is
marked "Overskredet". Built from ActionRows in the service's organisation order (Danish);
nothing here queries.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reportlab.lib.units import mm

from tryg_desktop import l10n
from tryg_desktop.reports.styles import (
    CONFIDENTIAL,
    CONTENT_WIDTH,
    Document,
    hex_colour,
    listing_table,
)

if TYPE_CHECKING:
    from tryg_desktop.services.actions import ActionRow

LABEL = "Handlingsliste"
OVERDUE = "Overskredet"
NO_ORGANISATION = "Uden ansvarlig organisation"
NO_ACTIONS = "Der er ingen åbne handlinger."


def group_by_organisation(actions: list[ActionRow]) -> list[tuple[str, list[ActionRow]]]:
    """Groups in the order met (the service sorts by organisation, Danish); those without a
    responsible organisation last."""
    groups: dict[str, list[ActionRow]] = {}
    for action in actions:
        groups.setdefault(action.organisation_name or "", []).append(action)
    ordered = sorted(groups.items(), key=lambda g: g[0] == "")
    return [(name or NO_ORGANISATION, rows) for name, rows in ordered]


def action_list(actions: list[ActionRow], *, header: str, today: dt.date,
                forum_name: str = "", overdue_only: bool = False) -> Document:
    date = l10n.format_date(today, "short")
    doc = Document(header=header, label=LABEL, title=LABEL, footer=f"{LABEL} · {date}",
                   subject="Åbne handlinger")
    kicker = "Åbne handlinger" + (" · kun overskredne" if overdue_only else "")
    doc.add(doc.para(kicker, "kicker"), doc.para(LABEL, "title"))
    scope = f"Pr. {l10n.format_date(today, 'long')}"
    if forum_name:
        scope += f" · Mødeforum: {doc.text(forum_name, 'mødeforum')}"
    overdue = sum(1 for a in actions if a.is_overdue(today))
    scope += f" · {len(actions)} {'handling' if len(actions) == 1 else 'handlinger'}"
    if overdue:
        scope += f", heraf {overdue} overskredne"
    doc.add(doc.para(scope, "when"))
    if not actions:
        doc.add(doc.para(NO_ACTIONS, "body"))
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
        origin = [doc.text(action.forum_name, where), doc.text(action.meeting_title, where)]
        if origin[1] == origin[0]:  # a forum's meetings are usually named after it
            origin[1] = ""
        if action.item_number and action.meeting_title:
            origin[1] = (origin[1] + ", " if origin[1] else "") + f"punkt {action.item_number}"
        rows.append([doc.para(doc.text(action.title, where), "cell_small"),
                     doc.para(doc.text(action.responsible_name, where) or "–", "cell_small"),
                     doc.para(due, "cell_small"),
                     doc.para(action.status_label, "cell_small"),
                     doc.para("<br/>".join(o for o in origin if o) or "–", "cell_small")])
    widths = [CONTENT_WIDTH - 38 * mm - 26 * mm - 20 * mm - 42 * mm, 38 * mm, 26 * mm,
              20 * mm, 42 * mm]
    table = listing_table(rows, widths)
    return table
