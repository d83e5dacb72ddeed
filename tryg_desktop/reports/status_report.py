"""Statusrapport: what happened in a period in the whole city, at one place or in one effort,
for Udsatterådet and the city council (issue 15 point 7: a report the council reads). Page 1 is
the summary in sentences (status_summary.py) and the table of contents; the body is short:
Hændelser, Indsatser og mål, Møder og handlinger and how the figures are counted; the detail
per effort and per place is in the Bilag (status_appendix.py), capped, with a pointer to the
Excel file. Every section has a PDF bookmark. Built from services/safety/status_report.
StatusData; nothing here queries.

A part without data says so in a sentence instead of showing an empty table or chart.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from tryg_desktop import l10n
from tryg_desktop.reports import charts, status_appendix, status_measures, status_summary
from tryg_desktop.reports.charts import number, percent
from tryg_desktop.reports.status_summary import (
    change_text,
    comparison_line,
    plural,
    scope_name,
    verdict,
    where,
)
from tryg_desktop.reports.styles import (
    CONTENT_WIDTH,
    FONT_BOLD,
    RULE,
    SHADE,
    Document,
    styles,
)
from tryg_desktop.services.safety.safety_terms import CATEGORY_LABELS, STRAND_LABELS

if TYPE_CHECKING:
    from tryg_desktop.services.safety.status_report import StatusData

TITLE = "Statusrapport – Tryg Aalborg"
LABEL = "Statusrapport"
CHART_HEIGHT = 185
BODY_EFFORTS = 8  # efforts named in the body; the appendix and the Excel file have more
BODY_GOALS = 8
EXCEL = ("Alle tal pr. måned, pr. sted og pr. indsats: Gem som Excel i Statusrapport, eller "
         "<i>python main.py report xlsx --from DATO --to DATO FIL.xlsx</i>.")
NOTES = [
    "Hændelser er de anonyme registreringer i hændelsesloggen på de steder, rapporten "
    "omfatter; en indsats omfatter sine steder. Samme dage året før er de samme datoer et år "
    "tidligere; en måned, der ikke er slut, tælles også året før kun til og med samme dag.",
    "Et møde regnes som afholdt, når det ikke er aflyst og er begyndt senest på dagen for "
    "rapporten. Deltagelse er de inviterede til de afholdte møder, der deltog.",
    "Handlinger tælles i perioden, de er oprettet i. Andelen udført er udførte handlinger ud "
    "af alle oprettede, bortset fra annullerede. En handling er overskredet, når den er åben "
    "og fristen er passeret.",
]


def status_document(data: StatusData, *, header: str) -> Document:
    period = f"{l10n.format_date(data.start, 'long')} – {l10n.format_date(data.end, 'long')}"
    short = (f"{l10n.format_date(data.start, 'short')}–{l10n.format_date(data.end, 'short')}")
    doc = Document(header=header, label=LABEL, title=f"{LABEL} – {scope_name(data)}, {period}",
                   footer=f"{LABEL} · {short} · {scope_name(data)}")
    doc.add(doc.para(doc.text(_scope_line(data), "rapportens emne"), "kicker"),
            doc.para(TITLE, "title"), doc.para(period, "when"))
    meta = f"Udskrevet {l10n.format_date(data.today, 'long')}."
    if data.end > data.today:
        meta += (f" Perioden er ikke slut: tallene går til og med "
                 f"{l10n.format_date(data.today, 'long')}.")
    doc.add(doc.para(meta, "meta"))
    status_summary.summary(doc, data)  # page 1: what the council reads
    doc.add(*doc.contents())
    doc.add(PageBreak())
    for section in (_episodes, _efforts, _meetings_and_actions):
        section(doc, data)
    # Perceived safety beside the episodes (issue 15.9).
    status_measures.measures_section(
        doc, data.measures, "hele byen" if data.place is None and data.effort is None
        else scope_name(data))
    _notes(doc, data)
    status_appendix.appendix(doc, data)
    return doc


# --- wording ----------------------------------------------------------------------------------

def _scope_line(data: StatusData) -> str:
    if data.place is not None:
        district = f" · {data.place.district}" if data.place.district else ""
        return f"Sted: {data.place.name}{district}"
    if data.effort is not None:
        return f"Indsats: {data.effort.title} · {data.effort.strand_label}"
    return "Hele byen: alle steder, møder og handlinger"


def _date(day: dt.date) -> str:
    return l10n.format_date(day, "long")


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


def _chart(doc: Document, title: str, drawing) -> KeepTogether:
    return KeepTogether([doc.para(title, "subhead"), drawing, Spacer(0, 6)])


# --- sections ---------------------------------------------------------------------------------

def _episodes(doc: Document, data: StatusData) -> None:
    doc.add(doc.heading("Hændelser"))
    if not data.episodes:
        doc.add(doc.para(f"Der er ikke registreret hændelser{where(data, 'ved')} i perioden.",
                         "body"))
        return
    m = data.monthly
    whole = [i for i in range(len(m.months)) if i != m.running_index] or [0]
    peak = max(whole, key=lambda i: m.total[i])
    text = (f"Flest hændelser{where(data, 'ved')} var der i "
            f"{l10n.format_date(m.months[peak], 'MMMM y')} ({number(m.total[peak])}).")
    if m.previous_year:
        text += (" Den stiplede linje er de samme måneder året før, så sæsonen kan ses.")
    if m.through is not None:
        text += (f" Den lyse søjle er {charts.chart_terms.running_label(m.months[-1], m.through)}"
                 f": måneden er kun talt til og med den {m.through.day}.")
    doc.add(doc.para(text, "body"))
    width = CONTENT_WIDTH
    doc.add(_chart(doc, "Hændelser pr. måned",
                   charts.episodes_chart(m, width, CHART_HEIGHT + 15)),
            _chart(doc, "Hændelser pr. måned efter kategori",
                   charts.category_chart(m, width, CHART_HEIGHT + 25)))
    # No chart per place: in a city of hundreds of places its lines say little, and Bilag B
    # compares the busiest places with the rest of the city.
    totals = {c: sum(v) for c, v in m.by_category.items() if sum(v)}
    before = data.previous_by_category
    head = ["Kategori", "Hændelser", "Andel"]
    if before is not None:
        head += ["Samme dage året før", "Ændring"]
    rows = []
    for c, n in sorted(totals.items(), key=lambda item: -item[1]):
        row = [CATEGORY_LABELS.get(c, c), number(n), percent(n / data.episodes)]
        if before is not None:
            row += [number(before.get(c, 0)), change_text(n, before.get(c, 0)) or "–"]
        rows.append(row)
    doc.add(_table(doc, "Efter kategori", head, rows, first=70 * mm), Spacer(0, 8))
    head = ["Måned", "Hændelser"] + (["Samme måned året før"] if m.previous_year else []) + [
        "Afholdte møder", "Handlinger oprettet", "Handlinger udført"]
    keys = ("meetings_held", "actions_created", "actions_done")
    rows = []
    for i, r in enumerate(data.rows):
        label = (charts.chart_terms.running_label(r["month"], m.through) if r["partial"]
                 and m.through is not None else l10n.format_date(r["month"], "MMMM y"))
        rows.append([label[0].upper() + label[1:], number(r["episodes"])]
                    + ([number(m.previous_year[i])] if m.previous_year else [])
                    + [number(r[k]) for k in keys])
    total = (["I alt", number(data.episodes)]
             + ([number(data.previous_year or 0)] if m.previous_year else [])
             + [number(sum(r[k] for r in data.rows)) for k in keys])
    doc.add(_table(doc, "Måned for måned", head, rows, total=total, first=38 * mm))


def _efforts(doc: Document, data: StatusData) -> None:
    """The efforts: the city's strands (only in the city report), each effort started in the
    period with its like-with-like comparison, and the goals against their results."""
    doc.add(doc.heading("Indsatser og mål"))
    city = data.place is None and data.effort is None
    if data.effort is None:
        started = len(data.started)
        text = (f"I perioden var {plural(len(data.efforts), 'indsats', 'indsatser')} i gang"
                f"{where(data, 'ved')}; " + ("den startede i perioden." if started == 1 == len(
                    data.efforts) else f"{number(started)} af dem startede i perioden."))
        if not data.efforts:
            text = f"Ingen indsatser{where(data, 'ved')} var i gang i perioden."
        doc.add(doc.para(text, "body"))
    if city and data.strands:
        rows = [[s.label, number(s.efforts), number(s.active_efforts), number(s.meetings),
                 number(s.actions_created), number(s.actions_done), number(s.episodes)]
                for s in data.strands]
        doc.add(_table(doc, "Indsatserne efter spor", [
            "Spor", "Indsatser", "Heraf i gang", "Afholdte møder", "Handlinger oprettet",
            "Heraf udført", "Hændelser ved stederne"], rows), Spacer(0, 8))
    if data.effort is not None:
        # Its comparison is on page 1; here the detail: the categories before and after.
        _categories_before_after(doc, data)
        if data.effort.goal:
            doc.add(doc.para("Indsatsens formål", "subhead"),
                    *doc.paragraphs(data.effort.goal, "body", "indsatsens mål"))
    elif data.started:
        shown = status_appendix.ranked(data.started)[:BODY_EFFORTS]
        title = ("Indsatserne, der startede i perioden" if len(data.started) <= BODY_EFFORTS
                 else f"De {number(len(shown))} indsatser med flest hændelser af de "
                      f"{number(len(data.started))}, der startede i perioden")
        doc.add(doc.para(title, "subhead"))
        _effort_lines(doc, data, shown)
        if len(data.started) > len(shown):
            rest = plural(len(data.started) - len(shown), "indsats", "indsatser")
            doc.add(doc.para(f"… og {rest} mere: se Bilag A og Excel-filen.", "meta"))
    _goals(doc, data)


def _effort_lines(doc: Document, data: StatusData, results) -> None:
    for item in results:
        e, c = item.effort, item.result
        at = f"indsats {e.id}"
        head = (f"<b>{doc.text(e.title, at)}</b> ({STRAND_LABELS.get(e.strand, e.strand)}, "
                f"startet {_date(e.starts_on)})")
        if c is not None:
            text = (f"{head}. <b>{doc.text(verdict(c), at)}.</b> "
                    f"{doc.text(comparison_line(c), at)}")
        elif not e.place_ids:
            text = f"{head}: ikke knyttet til nogen steder, så der er intet at sammenligne."
        else:
            text = f"{head}: endnu ingen hel måned efter starten at sammenligne."
        doc.add(doc.para(text, "body"))


def _categories_before_after(doc: Document, data: StatusData) -> None:
    c = data.comparison
    if c is None or not (c.before or c.after):
        return
    categories = sorted(set(c.before_by_category) | set(c.after_by_category),
                        key=lambda k: -(c.after_by_category.get(k, 0)
                                        + c.before_by_category.get(k, 0)))
    rows = [[CATEGORY_LABELS.get(k, k), number(c.before_by_category.get(k, 0)),
             number(c.after_by_category.get(k, 0)),
             change_text(c.after_by_category.get(k, 0), c.before_by_category.get(k, 0)) or "–"]
            for k in categories]
    doc.add(_table(doc, f"Før og efter efter kategori ved {c.name}",
                   ["Kategori", f"Før ({c.before_text})", f"Efter ({c.after_text})", "Ændring"],
                   rows, total=["I alt", number(c.before), number(c.after),
                                change_text(c.after, c.before) or "–"], first=70 * mm),
            Spacer(0, 8))


def _goals(doc: Document, data: StatusData) -> None:
    """Each effort's measurable goal against its result and the verdict
    (services/safety/goals.py); the rule is under "Sådan er tallene opgjort"."""
    if not data.goals:
        return
    block = [doc.para("Mål og resultat", "subhead")]
    for g in data.goals[:BODY_GOALS]:
        at = f"indsats {g.effort_id}"
        block.append(doc.para(f"<b>{doc.text(g.effort_title, at)}:</b> "
                              f"{doc.text(g.line, at)}", "body"))
    if len(data.goals) > BODY_GOALS:
        block.append(doc.para(f"… og {plural(len(data.goals) - BODY_GOALS, 'mål', 'mål')} "
                              "mere: se Excel-filen.", "meta"))
    doc.add(KeepTogether(block))


def _meetings_and_actions(doc: Document, data: StatusData) -> None:
    doc.add(doc.heading("Møder og handlinger"))
    m, a = data.meetings, data.actions
    if not (m.held or m.cancelled or m.planned):
        text = (f"Der er ikke holdt eller planlagt møder{where(data, 'knyttet til')} "
                "i perioden.")
    else:
        text = f"I perioden er der afholdt {plural(m.held, 'møde', 'møder')}"
        text += f", {number(m.cancelled)} er aflyst" if m.cancelled else ""
        text += f", og {number(m.planned)} er planlagt." if m.planned else "."
        if m.participants:
            text += (f" Af {plural(m.participants, 'inviteret', 'inviterede')} til de afholdte "
                     f"møder deltog {number(m.attended)} ({percent(m.rate)}).")
        kinds = [r for r in data.attendance if r.invited]
        if len(kinds) > 1:
            high = max(kinds, key=lambda r: (r.rate or 0, r.invited))
            low = min(kinds, key=lambda r: (r.rate or 0, -r.invited))
            text += (f" Efter organisationstype var fremmødet højest for {high.label} "
                     f"({percent(high.rate)}) og lavest for {low.label} ({percent(low.rate)}).")
    doc.add(doc.para(text, "body"))
    if not a.created:
        doc.add(doc.para(f"Der er ikke oprettet handlinger{where(data, 'knyttet til')} i "
                         "perioden.", "body"))
        return
    doc.add(doc.para(
        f"I perioden er der oprettet {plural(a.created, 'handling', 'handlinger')}. "
        f"{action_states(a.done, a.open, a.overdue, a.cancelled)} "
        f"Andelen udført er {percent(a.rate)}.", "body"))
    rows = [[c.name, number(c.created), number(c.done), number(c.open), number(c.overdue),
             number(c.cancelled), percent(c.rate)] for c in data.by_forum]
    doc.add(_table(doc, "Handlinger efter mødeforum", [
        "Mødeforum", "Oprettet", "Udført", "Åbne", "Over fristen", "Annulleret",
        "Andel udført"], rows, "mødeforum"))


def _notes(doc: Document, data: StatusData) -> None:
    from tryg_desktop.services.safety.comparison import METHOD_TEXT
    from tryg_desktop.services.safety.goals import GOAL_METHOD_TEXT

    doc.add(doc.heading("Sådan er tallene opgjort"))
    for note in NOTES:
        doc.add(doc.para(note, "meta"))
    doc.add(doc.para("<b>Før og efter og sammenligningen.</b> " + METHOD_TEXT, "meta"))
    if data.goals:
        doc.add(doc.para("<b>Mål.</b> " + GOAL_METHOD_TEXT, "meta"))
    doc.add(doc.para("Hændelsesloggen er anonym: den rummer hverken navne eller CPR-numre.",
                     "meta"))
    doc.add(doc.para(EXCEL, "meta"))
