"""Page 1 of the statusrapport, the page the city council reads: the trend against the same
days a year before (and, for a place or an effort, against its comparison), goals against
results, and the two or three things to notice, in sentences. Also the words for a comparison
that the body and the appendix share, so an effort reads the same wherever it is named.

Built from services/safety/status_report.StatusData; nothing here queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from tryg_desktop import l10n
from tryg_desktop.reports.charts import number, percent
from tryg_desktop.reports.styles import (
    ACCENT,
    CONTENT_WIDTH,
    FONT_BOLD,
    MUTED,
    SHADE,
    Document,
    keep_together,
    styles,
)
from tryg_desktop.services.safety import goals as goal_terms
from tryg_desktop.services.safety.comparison import percent_change, signed_percent
from tryg_desktop.services.safety.safety_terms import CATEGORY_LABELS
from tryg_desktop.services.safety.status_comparisons import verdict

if TYPE_CHECKING:
    from tryg_desktop.services.safety.comparison import Comparison
    from tryg_desktop.services.safety.status_report import StatusData


# --- a comparison in words --------------------------------------------------------------------

def comparison_line(c: Comparison) -> str:
    """As the place and effort pages say it (views/safety/comparison_text.comparison_line_html):
    the months, the counts, the sentence and the word on chance."""
    return (f"{c.after_text} mod samme måneder året før ({c.before_text}): "
            f"fra {number(c.before)} til {number(c.after)} hændelser. {c.sentence} "
            f"{c.chance.text}")


def change_text(now: int, before: int) -> str:
    """'+12 %' or '−8 %' against before; '' when there was nothing before."""
    return signed_percent(percent_change(before, now)) if before else ""


def plural(n: int, one: str, many: str) -> str:
    return f"{number(n)} {one if n == 1 else many}"


def scope_name(data: StatusData) -> str:
    if data.place is not None:
        return data.place.name
    if data.effort is not None:
        return data.effort.title
    return "Hele byen"


def where(data: StatusData, what: str) -> str:
    """' ved Kildeparken', ' ved indsatsens steder' or '' (the whole city)."""
    if data.place is not None:
        return f" {what} {data.place.name}"
    if data.effort is not None:
        return {"ved": " ved indsatsens steder", "knyttet til": " knyttet til indsatsen"}[what]
    return ""


# --- the page -----------------------------------------------------------------------------

def summary(doc: Document, data: StatusData) -> None:
    doc.add(doc.heading("Sammenfatning"), _cards(data))
    doc.add(doc.para(doc.text(_trend(data), "sammenfatningen"), "body"))
    if data.comparison is not None:
        c = data.comparison
        doc.add(doc.para(f"<b>{doc.text(verdict(c), 'sammenfatningen')}.</b> "
                         f"{doc.text(comparison_line(c), 'sammenfatningen')}", "body"))
    elif data.place is not None or data.effort is not None:
        doc.add(doc.para("Sammenligningen med resten af byen kræver mindst én hel måned, der er "
                         "slut, i perioden" + (" efter indsatsens start" if data.effort else "")
                         + ", og at stederne er kendt.", "body"))
    felt = _felt_safety(data)
    if felt:
        doc.add(doc.para(doc.text(felt, "sammenfatningen"), "body"))
    goals = _goals(data)
    if goals:
        doc.add(doc.para(doc.text(goals, "sammenfatningen"), "body"))
    notes = notice(data)
    if notes:
        doc.add(doc.para("Værd at bemærke", "subhead"))
        bullet = ParagraphStyle("bullet", styles()["body"], leftIndent=12, bulletIndent=2)
        for note in notes:
            doc.add(Paragraph(keep_together(doc.text(note, "sammenfatningen")), bullet,
                              bulletText="•"))


def _trend(data: StatusData) -> str:
    text = (f"I perioden er der registreret {plural(data.episodes, 'hændelse', 'hændelser')}"
            f"{where(data, 'ved') or ' i hele byen'}")
    if data.previous_year:
        text += (f", mod {number(data.previous_year)} de samme dage året før: "
                 f"{_change_words(data.episodes, data.previous_year)}.")
    elif data.previous_year == 0:
        text += "; de samme dage året før var der ingen."
    else:
        text += "."
    m = data.monthly
    if m.through is not None and m.months and m.through == data.today:
        text += (f" Den løbende måned ({_month_name(m.months[-1])}) er talt til og med den "
                 f"{m.through.day}." + (", året før til og med samme dag."
                                        if data.previous_year is not None else ""))
    return text


def _felt_safety(data: StatusData) -> str:
    """Perceived safety beside the counts: the newest change per place or district from the
    period's surveys (at most two; the section Tryghed målt udefra has them all)."""
    from tryg_desktop.services.safety.measures import change_sentence, latest_changes

    first = [data.place.id] if data.place is not None else (
        list(data.effort.place_ids) if data.effort is not None else [])
    changes = latest_changes(data.measures, first)
    if not changes:
        return ""
    more = len(changes) - 2
    text = "Tryghed målt udefra: " + " ".join(change_sentence(r) for r in changes[:2])
    return text + (f" ({plural(more, 'måling mere', 'målinger mere')} under Tryghed målt "
                   "udefra.)" if more > 0 else "")


def _month_name(month) -> str:
    return l10n.format_date(month, "MMMM")


def _change_words(now: int, before: int) -> str:
    rate = l10n.rate_percent(abs(now - before) / before)
    if rate == 0:
        return "uændret"
    return f"{'et fald' if now < before else 'en stigning'} på {rate} %"


def _goals(data: StatusData) -> str:
    """'3 indsatser har et mål: 1 er nået, 1 er på vej og 1 er ikke nået.'"""
    if not data.goals:
        return ""
    counts = {v: sum(1 for g in data.goals if g.verdict == v) for v in
              (goal_terms.MET, goal_terms.ON_THE_WAY, goal_terms.NOT_ON_THE_WAY,
               goal_terms.NOT_MET, goal_terms.TOO_EARLY)}
    words = {goal_terms.MET: "er nået", goal_terms.ON_THE_WAY: "er på vej",
             goal_terms.NOT_ON_THE_WAY: "er ikke på vej",
             goal_terms.NOT_MET: "er ikke nået", goal_terms.TOO_EARLY: "er det for tidligt "
                                                                       "at sige"}
    parts = [(f"for {number(n)} {words[v]}" if v == goal_terms.TOO_EARLY
              else f"{number(n)} {words[v]}") for v, n in counts.items() if n]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]
    if len(data.goals) == 1:
        g = data.goals[0]
        result = f"{g.result_text}: " if g.result_text else ""
        return f"Mål for {g.effort_title}: {g.goal_text}. {result}{g.verdict.lower()}."
    return (f"{plural(len(data.goals), 'indsats', 'indsatser')} har et mål, der kan måles: "
            f"{listed}.")


def notice(data: StatusData) -> list[str]:
    """The two or three things to notice: the clearest effort against its comparison (the
    city and place reports), the category that rose most, and overdue actions."""
    notes = []
    if data.effort is None and data.started:
        notes.append(_clearest(data))
    rose = _rose_most(data)
    if rose:
        notes.append(rose)
    a = data.actions
    if a.overdue:
        notes.append(f"{plural(a.overdue, 'handling er', 'handlinger er')} over fristen – "
                     f"{percent(a.overdue / a.open) if a.open else '–'} af de åbne.")
    elif a.created:
        notes.append("Ingen åbne handlinger er over fristen.")
    return notes


def _clearest(data: StatusData) -> str:
    measured = [r for r in data.started if r.result is not None
                and not r.result.chance.too_few and r.result.net_points is not None]
    n = len(data.started)
    head = f"Af de {plural(n, 'indsats', 'indsatser')}, der startede i perioden" if n > 1 \
        else "Den indsats, der startede i perioden"
    if not measured:
        return (f"{head}, kan ingen endnu måles mod sammenligningen: for få hændelser eller "
                "endnu ingen hel måned efter starten.")
    better = [r for r in measured if r.result.chance.significant and r.result.chance.ratio < 1]
    worse = [r for r in measured if r.result.chance.significant and r.result.chance.ratio > 1]
    clearest = min(measured, key=lambda r: (r.result.chance.p_value, r.result.chance.ratio))
    c = clearest.result
    counts = (f"{head}, klarede {number(len(better))} sig tydeligt bedre og "
              f"{number(len(worse))} tydeligt dårligere end sammenligningen; "
              f"{number(len(measured) - len(better) - len(worse))} havde samme udvikling, og "
              f"{number(n - len(measured))} kan ikke måles endnu.") if n > 1 else ""
    # "Tydeligst" only for a difference beyond chance; one effort is just named.
    label = ("Tydeligst: " if c.chance.significant else "" if n == 1 else "Størst forskel: ")
    best = f"{label}{clearest.effort.title}: {c.sentence} {c.chance.text}"
    return f"{counts} {best}".strip()


def _rose_most(data: StatusData) -> str:
    before = data.previous_by_category
    if before is None or not data.episodes:
        return ""
    now = {c: sum(v) for c, v in data.monthly.by_category.items()}
    rises = {c: now.get(c, 0) - before.get(c, 0) for c in now}
    category = max(rises, key=lambda c: (rises[c], now.get(c, 0)), default=None)
    if category is None or rises[category] <= 0:
        return "Ingen slags hændelser steg i forhold til de samme dage året før."
    label = CATEGORY_LABELS.get(category, category)
    change = change_text(now[category], before.get(category, 0))
    return (f"{label} steg mest: {plural(now[category], 'hændelse', 'hændelser')} mod "
            f"{number(before.get(category, 0))} de samme dage året før"
            + (f" ({change})." if change else "."))


def _cards(data: StatusData) -> Table:
    """Three key figures: a big number, what it counts, a line of context."""
    m, a = data.meetings, data.actions
    trend = ""
    if data.previous_year:
        trend = (f"{change_text(data.episodes, data.previous_year)} mod samme dage året før")
    cards = [
        (number(data.episodes), "Hændelser", trend),
        (number(m.held), "Afholdte møder",
         f"fremmøde {percent(m.rate)}" if m.participants else "ingen inviterede"),
        (number(a.created), "Handlinger oprettet",
         f"{number(a.done)} udført, {number(a.overdue)} over fristen" if a.created else ""),
    ]
    body = styles()["body"]
    big = ParagraphStyle("big", body, fontName=FONT_BOLD, fontSize=20, leading=24,
                         textColor=ACCENT, alignment=TA_CENTER, spaceAfter=0)
    what = ParagraphStyle("what", body, fontName=FONT_BOLD, fontSize=9.5, leading=12,
                          alignment=TA_CENTER, spaceAfter=0)
    note = ParagraphStyle("note", body, fontSize=8.5, leading=11, textColor=MUTED,
                          alignment=TA_CENTER, spaceAfter=0)
    row = [[Paragraph(value, big), Paragraph(label, what), Paragraph(context or "&nbsp;", note)]
           for value, label, context in cards]
    table = Table([row], colWidths=[CONTENT_WIDTH / 3] * 3, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("LINEAFTER", (0, 0), (1, -1), 4, "white"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    table.spaceAfter = 8
    return table
