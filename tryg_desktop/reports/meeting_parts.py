"""Parts the Dagsorden and the Drejebog share: the compact list of invitees, and the forum's
open actions under "Opfølgning på handlinger"."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether

from tryg_desktop import l10n
from tryg_desktop.reports.styles import (
    CONFIDENTIAL,
    MUTED,
    WARNING_INK,
    Document,
    hex_colour,
    listing_table,
)

if TYPE_CHECKING:
    from tryg_desktop.services.meetings.actions import OpenActions
    from tryg_desktop.services.meetings.participants import ParticipantRow

FOLLOW_UP = "Opfølgning på handlinger"
NO_ACTIONS = "Ingen åbne handlinger."
PRIVATE_GROUP = "Privatpersoner"
NO_ORGANISATION = "Uden organisation"


def residents(count: int) -> str:
    from tryg_desktop.services.data_protection.consent import residents as counted

    return counted(count)


def invited(doc: Document, participants: list[ParticipantRow], *, for_chair: bool) -> None:
    """"Inviterede (15)" in a few small lines, one an organisation: "Aalborg Kommune: Anne
    Berg (SSP-konsulent), Ole Hansen (sekretær)", so the agenda still begins on page 1; afbud
    in a line of their own. Residents (privatpersoner) without consent to be named
    (services/data_protection/consent.py) are counted in the participants' version
    ("2 beboere"); those with consent are named under Privatpersoner. The chair's Drejebog
    names everyone, and shows who has said yes ("tilmeldt")."""
    groups: dict[str, list[str]] = {}
    declined: list[str] = []
    counted = counted_declined = 0
    for number, p in enumerate(participants, start=1):
        where = f"deltagerlisten (nr. {number})"
        if not p.may_be_named and not for_chair:
            if p.invitation == "afbud":
                counted_declined += 1
            else:
                counted += 1
            continue
        entry = doc.text(p.name, where)
        details = [] if p.is_private else [doc.text(p.title, where)]  # a resident: name only
        if p.invitation == "afbud":
            if not p.is_private:
                details.append(doc.text(p.organisation_name, where))
            details = [d for d in details if d]
            declined.append(f"{entry} ({', '.join(details)})" if details else entry)
            continue
        if details and details[0]:
            entry += f" ({details[0]})"
        if for_chair and p.invitation == "tilmeldt":
            # kept with the name: "·" at a line end and "tilmeldt" on the next read badly
            entry += f'\u00a0<font color="{hex_colour(MUTED)}">·\u00a0tilmeldt</font>'
        group = PRIVATE_GROUP if p.is_private else (
            doc.text(p.organisation_name, where) or NO_ORGANISATION)
        groups.setdefault(group, []).append(entry)
    present = sum(len(names) for names in groups.values()) + counted
    if not present and not declined and not counted_declined:
        return
    ordered = sorted(groups.items(), key=lambda g: g[0] == PRIVATE_GROUP)  # stable otherwise
    lines = [f"<b>{group}:</b> {', '.join(names)}" for group, names in ordered]
    if counted:
        lines.append(f"Desuden {residents(counted)}.")
    if declined or counted_declined:
        names = declined + ([residents(counted_declined)] if counted_declined else [])
        lines.append(f"<b>Afbud:</b> {', '.join(names)}")
    doc.add(KeepTogether([doc.para(f"Inviterede ({present})", "h3"),
                          *[doc.para(line, "small") for line in lines]]))


def is_follow_up(title: str) -> bool:
    return " ".join((title or "").lower().split()).startswith(FOLLOW_UP.lower())


def _thousands(value: int) -> str:
    """'2.345': Danish thousands without loading Qt or babel's number data into a print job."""
    return f"{value:,}".replace(",", ".")


def follow_up_table(doc: Document, follow_up: OpenActions, today: dt.date, width: float,
                    for_chair: bool = False) -> list:
    """The forum's open actions as they stand today: Handling, Ansvarlig, Frist, Status;
    the overdue ones marked. The Drejebog marks those agreed under a closed item. A long list
    stops after its first rows and says how many more the Handlingsliste holds."""
    actions = follow_up.rows
    if not actions:
        return [doc.para(NO_ACTIONS, "body")]
    overdue = follow_up.overdue
    noun = "åben handling" if follow_up.total == 1 else "åbne handlinger"
    total = _thousands(follow_up.total)
    summary = f"Pr. {l10n.format_date(today, 'long')}: {total} {noun}"
    if overdue:
        summary += f", heraf {overdue} med overskredet frist"
    rows = [[doc.para(h, "cell_small_bold") for h in ("Handling", "Ansvarlig", "Frist",
                                                       "Status")]]
    for number, a in enumerate(actions, start=1):
        where = f"opfølgning på handlinger (nr. {number})"
        title = doc.text(a.title, where)
        if for_chair and getattr(a, "item_closed", False):
            title += f' <font color="{hex_colour(CONFIDENTIAL)}">· lukket punkt</font>'
        responsible = doc.text(a.responsible_name, where)
        organisation = doc.text(a.organisation_name, where)
        if responsible and organisation:
            responsible += f'<br/><font color="{hex_colour(MUTED)}">{organisation}</font>'
        responsible = responsible or organisation or "Ikke fordelt"
        due = l10n.format_date(a.due, "medium") if a.due else "Ingen frist"  # 1. sep. 2026
        status = a.status_label
        if a.is_overdue(today):
            ink = hex_colour(WARNING_INK)
            due = f'<font color="{ink}"><b>{due}</b></font>'
            status = f'{status}<br/><font color="{ink}"><b>Overskredet</b></font>'
        rows.append([doc.para(title, "cell_small"), doc.para(responsible, "cell_small"),
                     doc.para(due, "cell_small"), doc.para(status, "cell_small")])
    widths = [width - 48 * mm - 24 * mm - 26 * mm, 48 * mm, 24 * mm, 26 * mm]
    shown = [doc.para(summary + ".", "meta"), listing_table(rows, widths)]
    more = follow_up.total - len(actions)
    if more > 0:
        others = "anden åben handling" if more == 1 else "andre åbne handlinger"
        shown.append(doc.para(f"… og {_thousands(more)}\u00a0{others}. Alle står i "
                              "Handlingslisten.", "meta"))
    return shown
