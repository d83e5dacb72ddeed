"""Mødeplan: a year's meetings on one A4 page.

All forums: a year grid, a row per forum (its name, rhythm and usual time) and a column per
month, each cell the month's meeting days ("12., 26."), a date moved off a closed day starred
and a cancelled one struck through; a dozen forums fit. Under the grid, each forum's place, the
moved dates with the day they were moved from, and the year's closed days (helligdage,
juleaftensdag …).
One forum: a table of its meetings (date, time, place, status)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from tryg_desktop import l10n
from tryg_desktop.reports.styles import (
    CONTENT_WIDTH,
    EN_DASH,
    NBSP,
    RULE,
    Document,
    listing_table,
    organisation_of,
)

if TYPE_CHECKING:
    from tryg_desktop.services.meetings.meeting_plan import MeetingPlan, PlanForum, PlanMeeting

LABEL = "Mødeplan"
_FORUM_WIDTH = 46 * mm
_MONTHS = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.",
           "nov.", "dec.")


def meeting_plan_document(plan: MeetingPlan, *, header: str) -> Document:
    organisation = organisation_of(header)
    year = plan.year
    if plan.one_forum:
        forum = plan.forums[0]
        name = " ".join(forum.name.split())
        title = f"{LABEL} {year} {EN_DASH} {name}"
        subject = f"{LABEL} {year} for {name}, {organisation}"
    else:
        title = f"{LABEL} {year} {EN_DASH} {organisation}"
        subject = f"{LABEL} {year} for alle mødefora, {organisation}"
    doc = Document(header=header, label=LABEL, title=title, subject=subject,
                   footer=f"{LABEL} {year} · udskrevet {l10n.format_date(_today(), 'short')}")
    doc.add(doc.para(f"{LABEL} · {doc.text(organisation, 'organisationen')}", "kicker"),
            doc.para(f"{LABEL} {year}", "title"))
    if plan.one_forum:
        _one_forum(doc, plan.forums[0])
    else:
        count = sum(len(f.meetings) for f in plan.forums)
        doc.add(doc.para(f"{len(plan.forums)} mødefora · {count} møder", "when"))
        _grid(doc, plan.forums)
        doc.add(Spacer(0, 3), doc.para("Tallene er mødedagene i måneden. * flyttet fra en "
                                       "lukkedag (se nedenfor); overstreget: aflyst.", "meta"))
        _legend(doc, plan.forums)
        _moves(doc, plan.forums)
    _closed_days(doc, plan)
    return doc


def _today() -> dt.date:
    return dt.date.today()


def _time(value) -> str:
    return l10n.format_time(value)


def _usual(forum: PlanForum) -> str:
    hour, minute = (int(p) for p in forum.start_time.split(":"))
    starts = dt.datetime(2000, 1, 1, hour, minute)
    ends = starts + dt.timedelta(minutes=forum.duration_minutes)
    return f"kl. {_time(starts)}{EN_DASH}{_time(ends)}"


def _cell(meetings: list[PlanMeeting]) -> str:
    """'12., 26.': the month's meeting days; a moved one starred, a cancelled one struck."""
    days = []
    for m in meetings:
        day = f"{m.starts_at.day}." + ("*" if m.moved_from else "")
        days.append(f"<strike>{day}</strike>" if m.status == "aflyst" else day)
    return ", ".join(days)


def _grid(doc: Document, forums: list[PlanForum]) -> None:
    """A row per forum (name, rhythm and time), a column per month."""
    month_width = (CONTENT_WIDTH - _FORUM_WIDTH) / 12
    rows = [[doc.para("Mødeforum", "cell_small_bold")]
            + [doc.para(m, "cell_small_bold") for m in _MONTHS]]
    for f in forums:
        row = [doc.para(f"<b>{doc.text(f.name, 'mødeforummets navn')}</b><br/>"
                        f"<font size=7.5 color='#5a5a5a'>{doc.text(f.rhythm_label, 'rytmen')}, "
                        f"{_usual(f)}</font>", "cell_small")]
        for month in range(1, 13):
            meetings = [m for m in f.meetings if m.starts_at.month == month]
            row.append(doc.para(_cell(meetings), "cell_small") if meetings else "")
        rows.append(row)
    doc.add(listing_table(rows, [_FORUM_WIDTH] + [month_width] * 12, [
        ("LINEBEFORE", (1, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (1, 0), (-1, -1), 2),
        ("RIGHTPADDING", (1, 0), (-1, -1), 1),
        ("FONTSIZE", (1, 0), (-1, -1), 8),
    ]))


def _legend(doc: Document, forums: list[PlanForum]) -> None:
    lines = [f"<b>{doc.text(f.name, 'mødeforummets navn')}</b>: "
             f"{doc.text(f.location, 'mødeforummets sted')}" for f in forums if f.location.strip()]
    if lines:
        doc.add(doc.para("Faste mødesteder", "h3"), *(doc.para(line, "small") for line in lines))


def _moves(doc: Document, forums: list[PlanForum]) -> None:
    lines = [f"<b>{doc.text(f.name, 'mødeforummets navn')}</b>: "
             f"{l10n.format_date(m.starts_at.date(), 'full')}, {m.moved_from}"
             for f in forums for m in f.meetings if m.moved_from]
    if lines:
        doc.add(doc.para("* Flyttet fra en lukkedag", "h3"),
                *(doc.para(line, "small") for line in lines))


def _one_forum(doc: Document, forum: PlanForum) -> None:
    place = f" · {doc.text(forum.location, 'mødeforummets sted')}" if forum.location.strip() \
        else ""
    doc.add(doc.para(f"<b>{doc.text(forum.name, 'mødeforummets navn')}</b>", "when"),
            doc.para(f"{doc.text(forum.rhythm_label, 'rytmen')}, {_usual(forum)}{place}",
                     "meta"),
            Spacer(0, 4))
    rows = [[doc.para(h, "cell_bold") for h in ("Dato", "Tid", "Bemærkning")]]
    for m in forum.meetings:
        notes = [{"aflyst": "Aflyst", "afholdt": "Afholdt"}.get(m.status, "")]
        notes.append(m.moved_from[:1].upper() + m.moved_from[1:])
        if m.location.strip() and m.location != forum.location:
            notes.append(f"Sted: {doc.text(m.location, 'mødets sted')}")
        rows.append([doc.para(l10n.format_date(m.starts_at.date(), "full"), "cell"),
                     doc.para(f"kl. {_time(m.starts_at)}{EN_DASH}{_time(m.ends_at)}", "cell"),
                     doc.para(". ".join(n for n in notes if n), "cell_small")])
    doc.add(listing_table(rows, [62 * mm, 32 * mm, CONTENT_WIDTH - 94 * mm]))


def _closed_days(doc: Document, plan: MeetingPlan) -> None:
    # A day and its name never part ("17. maj 2." / "pinsedag" did): lines break at the dots.
    days = " · ".join(NBSP.join(f"{d.day}. {l10n.format_date(d, 'MMMM')} {name}".split())
                      for d, name in plan.closed_days.items() if d.weekday() < 5)
    doc.add(KeepTogether([
        doc.para(f"Lukkedage {plan.year}", "h3"),
        doc.para(f"Møder lægges ikke på helligdage, juleaftensdag, nytårsaftensdag, "
                 f"grundlovsdag eller i weekender. Falder en mødedato på en af de dage, "
                 f"flyttes mødet til næste hverdag (eller til hverdagen før, hvis det ellers "
                 f"ville glide ud af måneden eller forbi næste møde). Hverdage, der er "
                 f"lukkedage i {plan.year}: {days}.", "small"),
    ]))

