"""Fremmødeliste: the sign-in sheet passed round at a meeting.

Everyone invited who has not sent afbud, grouped by organisation as the participants service
orders them, with an empty Underskrift column (rows about 1 cm high) and a few blank rows for
those who turn up uninvited. The header row repeats on every page.

The sheet goes round the table, so it is a participants' document: residents (privatpersoner)
without consent to be named (services/data_protection/consent.py) are not named on it, as in
the Dagsorden and the participants' Referat. Each gets a blank row instead, and a line under
the table says how many residents write their own names. Residents with consent are named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from tryg_desktop.reports.meeting_parts import residents

from tryg_desktop.reports.styles import (
    CONTENT_WIDTH,
    FONT,
    INK,
    RULE,
    SHADE,
    Document,
    layout_table,
    meeting_title,
    when_line,
)

if TYPE_CHECKING:
    from tryg_desktop.services.meetings.meetings import MeetingRow
    from tryg_desktop.services.meetings.participants import ParticipantRow

LABEL = "Fremmødeliste"
BLANK_ROWS = 5
# Every row at least 1 cm high: room to sign. A long name or organisation that wraps makes its
# row taller instead of running over the line.
ROW_HEIGHT = 10 * mm
_PADDING = 4
_WIDTHS = [52 * mm, 58 * mm, CONTENT_WIDTH - 110 * mm]  # Underskrift gets 6 cm


def attendance_sheet(meeting: MeetingRow, participants: list[ParticipantRow], *, header: str,
                     blank_rows: int = BLANK_ROWS) -> Document:
    from tryg_desktop import l10n

    footer = f"{LABEL}: {meeting.title} · {l10n.format_date(meeting.starts_at.date(), 'short')}"
    cancelled = meeting.status == "aflyst"
    doc = Document(header=header, label=LABEL, footer=footer, cancelled=cancelled,
                   title=meeting_title(LABEL, meeting.title, meeting.starts_at.date()))
    doc.add(doc.para(f"{LABEL} · {doc.text(meeting.kind_label, 'mødetypen')}", "kicker"),
            doc.para(doc.text(meeting.title, "mødets titel"), "title"),
            doc.para(when_line(meeting.starts_at, meeting.ends_at), "when"))
    if cancelled:
        doc.add(doc.para("AFLYST · Mødet er aflyst og holdes ikke. Listen skal ikke "
                         "bruges.", "cancelled"))
    facts = [("Sted", meeting.location, "mødets sted"),
             ("Mødeleder", meeting.chair_name, "mødeleder")]
    rows = [[doc.para(label, "label"), doc.para(doc.text(value, where), "cell")]
            for label, value, where in facts if (value or "").strip()]
    if rows:
        doc.add(layout_table(rows, [28 * mm, CONTENT_WIDTH - 28 * mm],
                             [("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    doc.add(Spacer(0, 8),
            doc.para("Skriv under ud for dit navn. Står du ikke på listen, så skriv dig på "
                     "nederst.", "meta"),
            Spacer(0, 4))

    head = [doc.para("Navn", "cell_bold"), doc.para("Organisation", "cell_bold"),
            doc.para("Underskrift", "cell_bold")]
    table_rows = [head]
    attending = [p for p in participants if p.invitation != "afbud"]
    counted = 0  # residents: a blank row each, not their names
    for number, p in enumerate(attending, start=1):
        if not p.may_be_named:
            counted += 1
            continue
        where = f"deltagerlisten (nr. {number})"
        table_rows.append([doc.para(doc.text(p.name, where), "cell"),
                           doc.para(doc.text(p.organisation_name, where), "cell_small"), ""])
    table_rows += [["", "", ""] for _ in range(blank_rows + counted)]
    heights = [None] + [_row_height(row) for row in table_rows[1:]]

    table = Table(table_rows, colWidths=_WIDTHS, rowHeights=heights, repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), _PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PADDING),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
    ]))
    doc.add(table)
    notes = []
    if counted:
        notes.append(f"{residents(counted)} er inviteret og skriver sig selv på listen.")
    declined = len(participants) - len(attending)
    if declined:
        noun = "deltager har" if declined == 1 else "deltagere har"
        notes.append(f"{declined} {noun} meldt afbud og står ikke på listen.")
    if notes:
        doc.add(Spacer(0, 6), doc.para(" ".join(notes), "meta"))
    return doc


def _row_height(row) -> float:
    """1 cm, or what the tallest wrapped cell needs."""
    needed = max((cell.wrap(width - 10, 1000)[1] for cell, width in zip(row, _WIDTHS)
                  if hasattr(cell, "wrap")), default=0)
    return max(ROW_HEIGHT, needed + 2 * _PADDING)
