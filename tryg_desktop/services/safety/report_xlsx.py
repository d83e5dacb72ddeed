"""The status report's figures as an Excel workbook, for coordinators who work on in Excel: the
same StatusData the PDF is drawn from (status_report.gather), one sheet per table:

    Månedstal          month by month: episodes in total and per category, meetings
                       held, actions created and completed (the CSV's columns), with the days
                       each month was counted over, so a running month never reads as a fall
    Steder pr. måned   the busiest places month by month, the rest as "Øvrige steder"
    Før og efter       each effort started in the period: its categories before and after, in
                       equal windows on each side of its start
    Sammenligning      each effort started in the period and every place with episodes
                       against the rest of the city (or the chosen places) in the same
                       calendar months a year earlier, as the PDF and the pages say it
    Tryghedsmålinger   the period's surveys and tryghedsvandringer at the report's places and
                       their districts, beside the episodes (as the PDF's Tryghed målt udefra)
    Spor               the efforts by strand (for the whole city, as in the PDF)
    Indsatser          the efforts running in the period
    Om tallene         what the figures are about and how they are counted
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from pathlib import Path

from tryg_desktop.reports.xlsx import (
    CHANGE,
    DATE,
    INTEGER,
    MIXED,
    MONTH,
    PERCENT,
    TEXT,
    Column,
    Sheet,
)
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.files import write_atomically
from tryg_desktop.services.safety import comparison, status_comparisons, status_report
from tryg_desktop.services.safety.report_printing import COLUMNS
from tryg_desktop.services.safety.safety_terms import CATEGORY_LABELS
from tryg_desktop.services.safety.statistics import Scope
from tryg_desktop.services.spreadsheet import checked_workbook

NAME = "Statusrapport, tal (Excel)"
ALL = "I alt"
NOTES = [
    "Hændelser er de anonyme registreringer i hændelsesloggen på de steder, tallene omfatter; "
    "en indsats omfatter sine steder.",
    "En måned er talt fra kolonnen »Fra« til og med »Til og med«: en måned, der ikke er talt "
    "til ende, er ikke et fald.",
    "Et møde regnes som afholdt, når det ikke er aflyst og er begyndt. Handlinger tælles i den "
    "måned, de er oprettet, og udførte i den måned, de blev udført.",
    "Arket »Før og efter« sammenligner lige lange perioder på hver side af indsatsens start, "
    "højst ét år; startdagen tæller med i perioden efter. Ændringer skyldes ikke nødvendigvis "
    "indsatsen alene.",
    "Arket »Sammenligning« er rapportens sammenligning: " + comparison.METHOD_TEXT,
    "Hændelsesloggen er anonym: den rummer hverken navne eller CPR-numre.",
]


def _month_span(month: dt.date, start: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The days of the month that were counted: the period may begin or end inside it."""
    month_end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    return max(month, start), min(month_end, last)


def _monthly(data: status_report.StatusData) -> Sheet:
    last = max(data.start, min(data.end, data.today))
    keys = [key for key, _ in COLUMNS[1:]]
    columns = ([Column("Måned", MONTH), Column("Fra", DATE), Column("Til og med", DATE)]
               + [Column(label, INTEGER) for _, label in COLUMNS[1:]])
    rows = [[row["month"], *_month_span(row["month"], data.start, last)]
            + [row[key] for key in keys] for row in data.rows]
    return Sheet("Månedstal", columns, rows)


def _by_place(data: status_report.StatusData) -> Sheet:
    monthly = data.monthly
    names = list(monthly.by_place)
    rows = [[month, *(monthly.by_place[name][i] for name in names), monthly.total[i]]
            for i, month in enumerate(monthly.months)]
    return Sheet("Steder pr. måned", [Column("Måned", MONTH)]
                 + [Column(name, INTEGER) for name in names] + [Column(ALL, INTEGER)], rows)


def _change(before: int, after: int) -> float | None:
    return (after - before) / before if before else None


def _before_after(data: status_report.StatusData) -> Sheet:
    columns = [Column("Indsats"), Column("Spor"), Column("Steder"), Column("Start", DATE),
               Column("Før fra", DATE), Column("Før til", DATE), Column("Efter fra", DATE),
               Column("Efter til", DATE), Column("Kategori"), Column("Hændelser før", INTEGER),
               Column("Hændelser efter", INTEGER), Column("Ændring", CHANGE)]
    rows, where = [], []
    for item in data.before_after:
        effort, b = item.effort, item.before_after
        if b.days <= 0:  # started on the last day counted: nothing to compare yet
            continue
        head = [effort.title, effort.strand_label, effort.places_text, b.starts_on,
                b.before_start, b.before_end, b.after_start, b.after_end]
        for category, label in CATEGORY_LABELS.items():
            before, after = b.before_by_category.get(category, 0), b.after_by_category.get(
                category, 0)
            if before or after:
                rows.append([*head, label, before, after, _change(before, after)])
                where.append(f"indsats {effort.id}")
        rows.append([*head, ALL, b.before, b.after, b.change])
        where.append(f"indsats {effort.id}")
    return Sheet("Før og efter", columns, rows, where)


def _comparisons(data: status_report.StatusData) -> Sheet:
    """The PDF's like-with-like comparisons for every effort started in the period and every
    place (the PDF names the busiest and points here for the rest)."""
    columns = [Column("Indsats eller sted"), Column("Navn"), Column("Start", DATE),
               Column("Måneder efter"), Column("Samme måneder før"),
               Column("Hændelser før", INTEGER), Column("Hændelser efter", INTEGER),
               Column("Ændring", CHANGE), Column("Sammenlignet med"),
               Column("Sammenligning før", INTEGER), Column("Sammenligning efter", INTEGER),
               Column("Sammenligningens ændring", CHANGE),
               Column("Forskel i procentpoint", INTEGER), Column("Vurdering"),
               Column("Tilfældighed", TEXT, width=50)]
    rows, where = [], []
    items = [("Indsats", r.effort.title, r.effort.starts_on, r.result, f"indsats {r.effort.id}")
             for r in data.started]
    items += [("Sted", p.name, None, p.result, f"sted {p.place_id}") for p in data.places]
    for kind, name, start, c, at in items:
        if c is None:
            rows.append([kind, name, start] + [None] * 10 + [
                "Endnu ingen hel måned at sammenligne, eller ingen steder", None])
        else:
            rows.append([kind, name, start, c.after_text, c.before_text, c.before, c.after,
                         _change(c.before, c.after), c.comparison_name, c.comparison_before,
                         c.comparison_after, _change(c.comparison_before, c.comparison_after),
                         c.net_points, status_comparisons.verdict(c), c.chance.text])
        where.append(at)
    return Sheet("Sammenligning", columns, rows, where)


def _measures(data: status_report.StatusData) -> Sheet:
    columns = [Column("Type"), Column("Sted eller bydel"), Column("Fra", DATE),
               Column("Til", DATE), Column("Kilde"), Column("Andel trygge", PERCENT),
               Column("Besvarelser", INTEGER), Column("Ændring"),
               Column("Fund", TEXT, width=50)]
    rows = [[m.kind_label, m.where, m.period_start, m.period_end, m.source,
             None if m.value is None else m.value / 100, m.respondents, m.change_text,
             m.findings] for m in data.measures]
    return Sheet("Tryghedsmålinger", columns, rows, ["tryghedsmåling"] * len(rows))


def _strands(data: status_report.StatusData) -> Sheet:
    columns = [Column("Spor"), Column("Indsatser", INTEGER), Column("Heraf i gang", INTEGER),
               Column("Afholdte møder", INTEGER), Column("Handlinger oprettet", INTEGER),
               Column("Heraf udført", INTEGER), Column("Hændelser ved stederne", INTEGER)]
    rows = [[s.label, s.efforts, s.active_efforts, s.meetings, s.actions_created,
             s.actions_done, s.episodes] for s in data.strands]
    return Sheet("Spor", columns, rows)


def _efforts(data: status_report.StatusData) -> Sheet:
    columns = [Column("Indsats"), Column("Spor"), Column("Start", DATE), Column("Slut", DATE),
               Column("Status"), Column("Steder"), Column("Mål", TEXT, width=50)]
    rows = [[e.title, e.strand_label, e.starts_on, e.ends_on, e.status_label, e.places_text,
             e.goal] for e in data.efforts]
    return Sheet("Indsatser", columns, rows, [f"indsats {e.id}" for e in data.efforts])


def scope_text(data: status_report.StatusData) -> str:
    if data.place is not None:
        return f"Sted: {data.place.name}"
    if data.effort is not None:
        return f"Indsats: {data.effort.title}"
    return "Hele byen"


def _about(data: status_report.StatusData) -> Sheet:
    last = max(data.start, min(data.end, data.today))
    rows = [["Omfang", scope_text(data)], ["Periodens første dag", data.start],
            ["Periodens sidste dag", data.end], ["Talt til og med", last],
            ["Hændelser i perioden", data.episodes]]
    if data.previous_year is not None:
        rows.append(["Hændelser samme dage året før", data.previous_year])
    rows += [["Bemærkning", note] for note in NOTES]
    return Sheet("Om tallene", [Column("Oplysning"), Column("Værdi", MIXED, width=90)], rows)


def sheets(data: status_report.StatusData) -> list[Sheet]:
    return [_monthly(data), _by_place(data), _before_after(data), _comparisons(data),
            _measures(data), _strands(data), _efforts(data), _about(data)]


def xlsx_bytes(start: dt.date, end: dt.date, scope: Scope = Scope(),
               today: dt.date | None = None, allow_cpr: bool = False) -> bytes:
    """The figures as .xlsx bytes; CprFoundError when a name or goal looks like a CPR number
    (unless allow_cpr)."""
    data = status_report.gather(start, end, scope, today, with_before_after=True, places=None)
    return checked_workbook(sheets(data), NAME, allow_cpr)


def write_xlsx(path: str | os.PathLike, start: dt.date, end: dt.date, scope: Scope = Scope(),
               today: dt.date | None = None, allow_cpr: bool = False) -> Path:
    """Write the workbook to path (whole or not at all), logged as the CSV is; the path."""
    from tryg_desktop.services.safety.report_printing import scope_record

    path = write_atomically(path, xlsx_bytes(start, end, scope, today, allow_cpr))
    access_log.record("export", *scope_record(scope),
                      detail=f"{NAME} {start:%d.%m.%Y}–{end:%d.%m.%Y}: {Path(path).name}")
    return path
