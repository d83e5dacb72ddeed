"""Statusrapport: what happened in a period in the whole city, at one place or in one effort,
for Udsatterådet and the city council. Sammenfatning, Møder og deltagelse, Handlinger,
Hændelser, Før og efter indsatsens start, Indsatser fordelt på spor, and how the figures are
counted. Built from services/safety/status_report.StatusData; nothing here queries.

A part without data says so in a sentence instead of showing an empty table or chart.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from tryg_desktop import l10n
from tryg_desktop.reports import charts
from tryg_desktop.reports.charts import number, percent
from tryg_desktop.reports.styles import (
    ACCENT,
    CONTENT_WIDTH,
    FONT_BOLD,
    MUTED,
    RULE,
    SHADE,
    Document,
    listing_table,
    styles,
)
from tryg_desktop.services.safety.safety_terms import CATEGORY_LABELS, STRAND_LABELS

if TYPE_CHECKING:
    from tryg_desktop.services.safety.status_report import StatusData
    from tryg_desktop.services.safety.statistics import Completion

TITLE = "Statusrapport – Tryg Aalborg"
LABEL = "Statusrapport"
CHART_HEIGHT = 185
NOTES = [
    "Hændelser er de anonyme registreringer i hændelsesloggen på de steder, rapporten "
    "omfatter; en indsats omfatter sine steder.",
    "Et møde regnes som afholdt, når det ikke er aflyst og er begyndt senest på dagen for "
    "rapporten. Deltagelse er de inviterede til de afholdte møder, der deltog.",
    "Handlinger tælles i perioden, de er oprettet i. Andelen udført er udførte handlinger ud "
    "af alle oprettede, bortset fra annullerede. En handling er overskredet, når den er åben "
    "og fristen er passeret.",
    "Før og efter sammenligner lige lange perioder på hver side af indsatsens start, højst ét "
    "år; startdagen tæller med i perioden efter. Ændringer skyldes ikke nødvendigvis "
    "indsatsen alene, og registreringen af hændelser kan variere.",
]


def status_document(data: StatusData, *, header: str) -> Document:
    period = f"{l10n.format_date(data.start, 'long')} – {l10n.format_date(data.end, 'long')}"
    short = (f"{l10n.format_date(data.start, 'short')}–{l10n.format_date(data.end, 'short')}")
    doc = Document(header=header, label=LABEL, title=f"{LABEL} – {_scope_name(data)}, {period}",
                   footer=f"{LABEL} · {short} · {_scope_name(data)}")
    doc.add(doc.para(doc.text(_scope_line(data), "rapportens emne"), "kicker"),
            doc.para(TITLE, "title"), doc.para(period, "when"))
    meta = f"Udskrevet {l10n.format_date(data.today, 'long')}."
    if data.end > data.today:
        meta += (f" Perioden er ikke slut: tallene går til og med "
                 f"{l10n.format_date(data.today, 'long')}.")
    doc.add(doc.para(meta, "meta"))
    for section in (_summary, _meetings, _actions, _episodes, _before_after, _strands, _notes):
        section(doc, data)
    return doc


# --- wording ----------------------------------------------------------------------------------

def _scope_name(data: StatusData) -> str:
    if data.place is not None:
        return data.place.name
    if data.effort is not None:
        return data.effort.title
    return "Hele byen"


def _scope_line(data: StatusData) -> str:
    if data.place is not None:
        district = f" · {data.place.district}" if data.place.district else ""
        return f"Sted: {data.place.name}{district}"
    if data.effort is not None:
        return f"Indsats: {data.effort.title} · {data.effort.strand_label}"
    return "Hele byen: alle steder, møder og handlinger"


def _where(data: StatusData, what: str) -> str:
    """' ved Kildeparken', ' ved indsatsens steder' or '' (the whole city)."""
    if data.place is not None:
        return f" {what} {data.place.name}"
    if data.effort is not None:
        return {"ved": " ved indsatsens steder", "knyttet til": " knyttet til indsatsen"}[what]
    return ""


def _change(change: float | None) -> str:
    if change is None:
        return ""
    from tryg_desktop.l10n import rate_percent  # rounded half up, as a reader rounds

    if rate_percent(abs(change)) == 0:
        return "uændret"
    word = "et fald" if change < 0 else "en stigning"
    return f"{word} på {rate_percent(abs(change))} %"


def action_states(done: int, open_: int, overdue: int, cancelled: int) -> str:
    """'13 er udført, 15 er åbne – heraf er 10 over fristen – og 2 er annulleret.'; a count
    of nothing overdue or cancelled is left out ("og 0 er annulleret" read oddly), and one
    open action "er åben"."""
    opened = f"{number(open_)} er {'åben' if open_ == 1 else 'åbne'}"
    if overdue:
        opened += f" – heraf er {number(overdue)} over fristen –"
    if cancelled:
        text = f"{number(done)} er udført, {opened} og {number(cancelled)} er annulleret."
    else:
        text = f"{number(done)} er udført, og {opened}."
    return text.replace(" –.", ".")


def _plural(n: int, one: str, many: str) -> str:
    return f"{number(n)} {one if n == 1 else many}"


def _date(day: dt.date) -> str:
    return l10n.format_date(day, "long")


# --- building blocks --------------------------------------------------------------------------

def _style(name: str, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, styles()["body"], **kw)


def _cards(doc: Document, cards: list[tuple[str, str, str]]) -> Table:
    """Key figures: a big number, what it counts, a line of context; three to a row."""
    big = _style("big", fontName=FONT_BOLD, fontSize=20, leading=24, textColor=ACCENT,
                 alignment=TA_CENTER, spaceAfter=0)
    what = _style("what", fontName=FONT_BOLD, fontSize=9.5, leading=12, alignment=TA_CENTER,
                  spaceAfter=0)
    note = _style("note", fontSize=8.5, leading=11, textColor=MUTED, alignment=TA_CENTER,
                  spaceAfter=0)
    cells = [[Paragraph(value, big), Paragraph(label, what), Paragraph(context or "&nbsp;", note)]
             for value, label, context in cards]
    rows = [cells[i:i + 3] + [""] * (3 - len(cells[i:i + 3])) for i in range(0, len(cells), 3)]
    table = Table(rows, colWidths=[CONTENT_WIDTH / 3] * 3, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("LINEAFTER", (0, 0), (1, -1), 4, colors.white),
        ("LINEBELOW", (0, 0), (-1, -2), 4, colors.white),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))
    return table


def _table(doc: Document, title: str, head: list[str], rows: list[list],
           where: str = "tabel", total: list | None = None, first: float | None = None):
    """A listing under its title: the first column text, the others right-aligned numbers as
    wide as their heading's longest word needs; the first column takes the rest (or `first`,
    the rest then shared). Title and heading repeat on every page a long table runs over, so
    it may split instead of leaving half a page blank. `total`: a bold last row."""
    head_style = styles()["cell_right"].clone("head_right", fontName=FONT_BOLD, fontSize=8.5,
                                              leading=10.5)
    number_style = styles()["cell_right"].clone("number_right", fontSize=9, leading=11.5)
    lines = [[doc.para(title, "subhead")] + [""] * (len(head) - 1),
             [Paragraph(head[0], head_style.clone("head_left", alignment=0))]
             + [Paragraph(h, head_style) for h in head[1:]]]
    for row in rows:
        lines.append([doc.para(doc.text(str(row[0]), where), "cell_small")]
                     + [Paragraph(str(v), number_style) for v in row[1:]])
    if total:
        bold = number_style.clone("total_right", fontName=FONT_BOLD)
        lines.append([Paragraph(total[0], bold.clone("total_left", alignment=0))]
                     + [Paragraph(str(v), bold) for v in total[1:]])
    values = rows + ([total] if total else [])
    needed = [max([stringWidth(w, FONT_BOLD, 8.5) for w in h.split()]
                  + [stringWidth(str(r[i]), FONT_BOLD, 9) for r in values]) + 14
              for i, h in enumerate(head) if i]
    if first is not None:
        spare = max(0, CONTENT_WIDTH - first - sum(needed)) / len(needed)
        widths = [first] + [n + spare for n in needed]
    else:
        widths = [CONTENT_WIDTH - sum(needed)] + needed
    table = Table(lines, colWidths=widths, hAlign="LEFT", repeatRows=2)
    table.setStyle(TableStyle([
        ("SPAN", (0, 0), (-1, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 1), (-1, -1), 3), ("BOTTOMPADDING", (0, 1), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (0, 0), 0), ("TOPPADDING", (0, 0), (-1, 0), 4),
        ("BACKGROUND", (0, 1), (-1, 1), SHADE), ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("VALIGN", (1, 1), (-1, 1), "BOTTOM"),
        *([("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE)] if total else []),
    ]))
    return KeepTogether([table]) if len(lines) <= 16 else table  # a short one stays whole


def _chart(doc: Document, title: str, drawing) -> KeepTogether:
    return KeepTogether([doc.para(title, "subhead"), drawing, Spacer(0, 6)])


# --- sections ---------------------------------------------------------------------------------

def _summary(doc: Document, data: StatusData) -> None:
    doc.add(doc.para("Sammenfatning", "h2"))
    m, a = data.meetings, data.actions
    trend = ""
    if data.previous_year:
        change = (data.episodes - data.previous_year) / data.previous_year
        trend = f"{_change(change).capitalize()} fra året før ({number(data.previous_year)})"
    elif data.previous_year == 0:
        trend = "Ingen registreret samme periode året før"
    running = sum(1 for e in data.efforts if e.status in ("planlagt", "i gang")
                  and e.starts_on <= min(data.end, data.today)
                  and (e.ends_on is None or e.ends_on >= min(data.end, data.today)))
    doc.add(_cards(doc, [
        (number(data.episodes), "Hændelser", trend),
        (number(m.held), "Afholdte møder",
         f"{_plural(m.cancelled, 'aflyst', 'aflyste')}" + (
             f", {number(m.planned)} planlagt" if m.planned else "")),
        (percent(m.rate), "Fremmøde",
         f"{number(m.attended)} af {number(m.participants)} inviterede deltog"
         if m.participants else "Ingen inviterede"),
        (number(a.created), "Handlinger oprettet",
         f"{number(a.done)} udført ({percent(a.rate)})" if a.created else ""),
        (number(a.overdue), "Overskredne handlinger", f"af {_plural(a.open, 'åben', 'åbne')}"),
        (number(running), "Indsatser i gang",
         f"{_plural(len(data.efforts), 'indsats', 'indsatser')} i perioden"),
    ]))


def _meetings(doc: Document, data: StatusData) -> None:
    doc.add(doc.para("Møder og deltagelse", "h2"))
    m = data.meetings
    if not (m.held or m.cancelled or m.planned):
        doc.add(doc.para(f"Der er ikke holdt eller planlagt møder{_where(data, 'knyttet til')} "
                         "i perioden.", "body"))
        return
    text = f"I perioden er der afholdt {_plural(m.held, 'møde', 'møder')}"
    text += f", {number(m.cancelled)} er aflyst" if m.cancelled else ""
    text += f", og {number(m.planned)} er planlagt." if m.planned else "."
    if m.participants:
        text += (f" Af {_plural(m.participants, 'inviteret', 'inviterede')} til de afholdte "
                 f"møder deltog {number(m.attended)} ({percent(m.rate)}).")
    doc.add(doc.para(text, "body"))
    if not data.attendance:
        return
    rows = [[r.label, number(r.invited), number(r.attended), percent(r.rate)]
            for r in data.attendance]
    doc.add(_table(doc, "Deltagelse efter organisationstype",
                   ["Organisationstype", "Inviteret", "Deltog", "Andel"], rows,
                   first=70 * mm), Spacer(0, 8))
    doc.add(_chart(doc, "Inviterede og deltagere efter organisationstype",
                   charts.attendance_chart(data.attendance, CONTENT_WIDTH,
                                           charts.rows_height(len(data.attendance), True))))


def _completion_rows(rows: list[Completion]) -> list[list]:
    return [[c.name, number(c.created), number(c.done), number(c.open), number(c.overdue),
             number(c.cancelled), percent(c.rate)] for c in rows]


_COMPLETION_HEAD = ["Oprettet", "Udført", "Åbne", "Over fristen", "Annulleret", "Andel udført"]


def _actions(doc: Document, data: StatusData) -> None:
    doc.add(doc.para("Handlinger", "h2"))
    a = data.actions
    if not a.created:
        doc.add(doc.para(f"Der er ikke oprettet handlinger{_where(data, 'knyttet til')} i "
                         "perioden.", "body"))
        return
    doc.add(doc.para(
        f"I perioden er der oprettet {_plural(a.created, 'handling', 'handlinger')}. "
        f"{action_states(a.done, a.open, a.overdue, a.cancelled)} "
        f"Andelen udført er {percent(a.rate)}.", "body"))
    doc.add(_table(doc, "Efter mødeforum", ["Mødeforum", *_COMPLETION_HEAD],
                   _completion_rows(data.by_forum), "mødeforum"), Spacer(0, 8))
    if data.by_effort:
        doc.add(_table(doc, "Efter indsats", ["Indsats", *_COMPLETION_HEAD],
                       _completion_rows(data.by_effort), "indsats"), Spacer(0, 8))
    else:
        doc.add(doc.para("Efter indsats", "subhead"),
                doc.para("Ingen af handlingerne er knyttet til en indsats.", "body"))
    rows = [c for c in data.by_forum if c.created > c.cancelled]
    if rows:
        doc.add(_chart(doc, "Andel udførte handlinger efter mødeforum",
                       charts.completion_chart(rows, CONTENT_WIDTH, charts.rows_height(len(rows)))))


def _episodes(doc: Document, data: StatusData) -> None:
    doc.add(doc.para("Hændelser", "h2"))
    if not data.episodes:
        doc.add(doc.para(f"Der er ikke registreret hændelser{_where(data, 'ved')} i perioden.",
                         "body"))
        return
    text = (f"I perioden er der registreret {_plural(data.episodes, 'hændelse', 'hændelser')}"
            f"{_where(data, 'ved')}.")
    if data.previous_year:
        change = (data.episodes - data.previous_year) / data.previous_year
        text += (f" Samme periode året før var der {number(data.previous_year)}: "
                 f"{_change(change)}.")
    peak = max(range(len(data.monthly.months)), key=lambda i: data.monthly.total[i])
    text += (f" Flest hændelser var der i {l10n.format_date(data.monthly.months[peak], 'MMMM y')}"
             f" ({number(data.monthly.total[peak])}).")
    doc.add(doc.para(text, "body"))
    width = CONTENT_WIDTH
    doc.add(_chart(doc, "Hændelser pr. måned",
                   charts.episodes_chart(data.monthly, width, CHART_HEIGHT)),
            _chart(doc, "Hændelser pr. måned efter kategori",
                   charts.category_chart(data.monthly, width, CHART_HEIGHT + 25)))
    if data.place is None:
        doc.add(_chart(doc, "Hændelser pr. måned efter sted",
                       charts.place_chart(data.monthly, width, CHART_HEIGHT + 10)))
    totals = {c: sum(v) for c, v in data.monthly.by_category.items() if sum(v)}
    rows = [[CATEGORY_LABELS.get(c, c), number(n), percent(n / data.episodes)]
            for c, n in sorted(totals.items(), key=lambda item: -item[1])]
    doc.add(_table(doc, "Efter kategori", ["Kategori", "Hændelser", "Andel"], rows,
                   first=90 * mm), Spacer(0, 8))
    rows = [[l10n.format_date(r["month"], "MMMM y").capitalize(), number(r["episodes"]),
             number(r["severity"]), number(r["meetings_held"]), number(r["actions_created"]),
             number(r["actions_done"])] for r in data.rows]
    total = ["I alt", *[number(sum(r[k] for r in data.rows)) for k in (
        "episodes", "severity", "meetings_held", "actions_created", "actions_done")]]
    doc.add(_table(doc, "Måned for måned", ["Måned", "Hændelser", "Samlet alvorlighed",
                                            "Afholdte møder", "Handlinger oprettet",
                                            "Handlinger udført"], rows, total=total,
                   first=38 * mm))


def _before_after(doc: Document, data: StatusData) -> None:
    heading = doc.para("Før og efter indsatsens start", "h2")
    if not data.before_after:
        where = f" ved {data.place.name}" if data.place is not None else ""
        doc.add(heading, doc.para(f"Ingen indsatser{where} er startet i perioden.", "body"))
        return
    for n, item in enumerate(data.before_after):
        effort, b = item.effort, item.before_after
        where = f"indsats {effort.id}"
        # The heading goes in the first effort's block (keepWithNext stops at a KeepTogether).
        parts = [heading] if n == 0 else []
        parts.append(doc.para(doc.text(effort.title, where), "subhead"))
        places = doc.text(effort.places_text, where)
        if not effort.place_ids:
            text = "Indsatsen er ikke knyttet til nogen steder, så der er ingen hændelser at " \
                   "sammenligne."
        elif b.days <= 0:
            text = f"Indsatsen starter {_date(effort.starts_on)}; der er endnu intet at " \
                   "sammenligne."
        else:
            text = (f"{STRAND_LABELS.get(effort.strand, effort.strand)} ved {places}, startet "
                    f"{_date(effort.starts_on)}. I de {_plural(b.days, 'dag', 'dage')} før "
                    f"starten blev der registreret "
                    f"{_plural(b.before, 'hændelse', 'hændelser')} ved stederne, i lige så "
                    f"mange dage fra starten {number(b.after)}")
            text += f": {_change(b.change)}." if b.change is not None else "."
        parts.append(doc.para(text, "body"))
        if b.days > 0 and (b.before or b.after):
            shown = sum(1 for c in b.before_by_category
                        if b.before_by_category[c] or b.after_by_category.get(c))
            parts.append(charts.before_after_chart(b, CONTENT_WIDTH,
                                                   charts.rows_height(shown, True) + 6 * shown))
        parts.append(Spacer(0, 6))
        doc.add(KeepTogether(parts))


def _strands(doc: Document, data: StatusData) -> None:
    # Heading and table in one block: keepWithNext does not reach into a KeepTogether.
    block = [doc.para("Indsatser fordelt på spor", "h2")]
    if data.scope.place_id is not None or data.scope.effort_id is not None:
        block.append(doc.para("Oversigten gælder alle indsatser i byen.", "meta"))
    rows = [[s.label, number(s.efforts), number(s.active_efforts), number(s.meetings),
             number(s.actions_created), number(s.actions_done), number(s.episodes)]
            for s in data.strands]
    block.append(_table(doc, "Efter spor", ["Spor", "Indsatser", "Heraf i gang",
                                            "Afholdte møder", "Handlinger oprettet",
                                            "Heraf udført", "Hændelser ved stederne"], rows))
    doc.add(KeepTogether(block), Spacer(0, 8))
    doc.add(doc.para("Indsatserne i perioden" if data.effort is None else "Indsatsen",
                     "subhead"))
    if not data.efforts:
        doc.add(doc.para("Ingen indsatser i perioden.", "body"))
        return
    head = [doc.para(h, "cell_small_bold") for h in ("Indsats", "Spor", "Periode", "Status",
                                                     "Steder")]  # as the other tables
    lines = [head]
    for e in data.efforts:
        where = f"indsats {e.id}"
        span = l10n.format_date(e.starts_on, "short") + "–" + (
            l10n.format_date(e.ends_on, "short") if e.ends_on else "")
        lines.append([doc.para(doc.text(e.title, where), "cell_small"),
                      doc.para(e.strand_label, "cell_small"), doc.para(span, "cell_small"),
                      doc.para(e.status_label, "cell_small"),
                      doc.para(doc.text(e.places_text, where) or "–", "cell_small")])
    doc.add(listing_table(lines, [42 * mm, 32 * mm, 24 * mm, 20 * mm,
                                  CONTENT_WIDTH - 118 * mm]))
    if data.effort is not None and data.effort.goal:
        doc.add(Spacer(0, 6), doc.para("Mål", "subhead"),
                *doc.paragraphs(data.effort.goal, "body", "indsatsens mål"))
    _goals(doc, data)


def _goals(doc: Document, data: StatusData) -> None:
    """Each effort's measurable goal against its result and the verdict
    (services/safety/goals.py), with the rule in a note."""
    if not data.goals:
        return
    from tryg_desktop.services.safety.goals import GOAL_METHOD_TEXT

    block = [Spacer(0, 6), doc.para("Mål og resultat", "subhead")]
    for g in data.goals:
        where = f"indsats {g.effort_id}"
        block.append(doc.para(f"<b>{doc.text(g.effort_title, where)}:</b> "
                              f"{doc.text(g.line, where)}", "body"))
    block.append(doc.para(GOAL_METHOD_TEXT, "meta"))
    doc.add(KeepTogether(block))


def _notes(doc: Document, data: StatusData) -> None:
    doc.add(doc.para("Sådan er tallene opgjort", "h2"))
    for note in NOTES:
        doc.add(doc.para(note, "meta"))
    doc.add(doc.para("Hændelsesloggen er anonym: den rummer hverken navne eller CPR-numre.",
                     "meta"))

