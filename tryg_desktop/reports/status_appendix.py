"""The statusrapport's Bilag: the detail per effort and per place, capped so the yearly city
report stays short (issue 15 point 7: at most 12 pages at 20x). What is left out is counted,
with a pointer to the Excel file, which has it all.

Bilag A: the efforts started in the period with the most episodes at their places: strand,
period, status, places and their actions. Bilag B (the city report only): the busiest places,
each against the rest of the city in the same calendar months."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Spacer

from tryg_desktop import l10n
from tryg_desktop.reports.charts import number
from tryg_desktop.reports.status_summary import plural
from tryg_desktop.reports.styles import CONTENT_WIDTH, PAGE_HEIGHT, Document, listing_table
from tryg_desktop.services.safety.comparison import signed_percent
from tryg_desktop.services.safety.status_comparisons import short_verdict

if TYPE_CHECKING:
    from tryg_desktop.services.safety.status_report import StatusData

APPENDIX_EFFORTS = 12


def ranked(started: list) -> list:
    """Most episodes at the effort's places (before and after) first: where the figures say
    most; efforts with nothing measured yet last, in the order they started."""
    def episodes(item) -> int:
        return -1 if item.result is None else item.result.before + item.result.after

    return sorted(started, key=lambda item: -episodes(item))


def appendix(doc: Document, data: StatusData) -> None:
    city = data.place is None and data.effort is None
    if data.effort is not None or not (data.started or (city and data.places)):
        return
    # A new page unless a good part of this one is left: the appendix reads as one.
    doc.add(CondPageBreak(PAGE_HEIGHT / 3), doc.heading("Bilag"))
    doc.add(_kept(doc, "Detaljer pr. indsats og pr. sted, de vigtigste først. Excel-filen har "
                       "dem alle.", "meta"))
    if data.started:
        _efforts(doc, data)
    if city and data.places:
        _places(doc, data)


def _kept(doc: Document, markup: str, style: str):
    """A paragraph that stays with what follows (an introduction above its table)."""
    paragraph = doc.para(markup, style)
    paragraph.keepWithNext = 1
    return paragraph


def _cell(doc: Document, text: str, at: str = "", bold: bool = False):
    style = "cell_small_bold" if bold else "cell_small"
    return doc.para(doc.text(text, at) if at else text, style)


def _efforts(doc: Document, data: StatusData) -> None:
    doc.add(doc.heading("A. Indsatserne, der startede i perioden", "h3", level=1))
    # Completion rows name their effort: a title two efforts share gives no figure at all
    # rather than the other one's.
    titles = [c.name for c in data.by_effort]
    actions = {c.name: c for c in data.by_effort if titles.count(c.name) == 1}
    shown = ranked(data.started)[:APPENDIX_EFFORTS]
    head = [_cell(doc, h, bold=True) for h in ("Indsats", "Spor", "Periode", "Status", "Steder",
                                               "Handlinger udført")]
    lines = [head]
    for item in shown:
        e = item.effort
        at = f"indsats {e.id}"
        span = l10n.format_date(e.starts_on, "short") + "–" + (
            "<br/>" + l10n.format_date(e.ends_on, "short") if e.ends_on else "")
        done = actions.get(e.title)
        lines.append([_cell(doc, e.title, at), _cell(doc, e.strand_label),
                      _cell(doc, span), _cell(doc, e.status_label),
                      _cell(doc, e.places_text or "–", at),
                      _cell(doc, f"{number(done.done)} af {number(done.created)}"
                            if done and done.created else "–")])
    # Widths from the longest words at 9 pt: "Samskabelse", "07.02.2026–", "Handlinger".
    doc.add(listing_table(lines, [33 * mm, 26 * mm, 25 * mm, 18 * mm,
                                  CONTENT_WIDTH - 126 * mm, 24 * mm]))
    rest = len(data.started) - len(shown)
    if rest:
        doc.add(doc.para(f"… og {plural(rest, 'indsats', 'indsatser')} mere, der startede i "
                         "perioden: se Excel-filen.", "meta"))
    doc.add(Spacer(0, 8))


def _places(doc: Document, data: StatusData) -> None:
    doc.add(doc.heading("B. Stederne med flest hændelser", "h3", level=1))
    measured = next((p.result for p in data.places if p.result is not None), None)
    if measured is not None:
        doc.add(_kept(doc, 
            f"Før og efter: {measured.after_text} mod samme måneder året før "
            f"({measured.before_text}); hvert sted mod resten af byen.", "meta"))
    head = [_cell(doc, h, bold=True) for h in ("Sted", "I perioden", "Før", "Efter",
                                               "Ændring", "Resten af byen", "Vurdering")]
    lines = [head]
    for p in data.places:
        c = p.result
        at = f"sted {p.place_id}"
        if c is None:
            figures = ["–"] * 5
        else:
            figures = [number(c.before), number(c.after), signed_percent(c.change),
                       signed_percent(c.comparison_change), short_verdict(c)]
        lines.append([_cell(doc, p.name, at), _cell(doc, number(p.episodes))]
                     + [_cell(doc, f) for f in figures])
    doc.add(listing_table(lines, [40 * mm, 20 * mm, 15 * mm, 15 * mm, 19 * mm, 20 * mm,
                                  CONTENT_WIDTH - 129 * mm]))
    rest = data.places_with_episodes - len(data.places)
    if rest > 0:
        doc.add(doc.para(f"… og {plural(rest, 'sted', 'steder')} mere med hændelser i "
                         "perioden: se Excel-filen.", "meta"))
