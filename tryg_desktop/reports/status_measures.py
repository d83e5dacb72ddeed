"""The status report's "Tryghed målt udefra" (issue 15, point 9): the period's surveys and
tryghedsvandringer beside the episode figures, a table like the place page's and one sentence
per place or district whose share who feel safe can be compared with the measure before.
Built from services/safety/measures.in_period rows; it never queries."""

from __future__ import annotations

from reportlab.lib.units import mm

from tryg_desktop.reports.styles import CONTENT_WIDTH, Document, listing_table
from tryg_desktop.services.safety.measures import change_sentence, latest_changes

TITLE = "Tryghed målt udefra"
HEAD = ("Periode", "Måling", "Kilde", "Resultat", "Ændring")
# Fixed but Resultat (a walk's findings), which takes the rest. A period breaks after its
# dash; Måling is the kind over the place or district.
WIDTHS = (24 * mm, 33 * mm, 40 * mm, None, 31 * mm)


def measures_section(doc: Document, rows: list, scope_name: str) -> None:
    """rows: measures.in_period(...) for the report's places (None: the whole city), newest
    first; scope_name: what the report is about ("Kildeparken", "hele byen")."""
    doc.add(doc.heading(TITLE))  # a bookmark and a line in the contents
    if not rows:
        doc.add(doc.para(
            f"Der er ingen tryghedsundersøgelser eller tryghedsvandringer for "
            f"{doc.text(scope_name, 'rapportens emne')} i perioden.", "body"))
        return
    doc.add(doc.para(
        "Undersøgelser af, hvor mange der føler sig trygge, og fund fra tryghedsvandringer, "
        "ved siden af de registrerede hændelser. Ændringen er i forhold til den forrige "
        "måling fra samme kilde og sted eller bydel.", "body"))
    for row in latest_changes(rows):
        doc.add(doc.para(doc.text(change_sentence(row), "tryghedsmåling"), "body"))
    rest = CONTENT_WIDTH - sum(w for w in WIDTHS if w)
    widths = [w or rest for w in WIDTHS]
    lines = [[doc.para(h, "cell_small_bold") for h in HEAD]]
    for row in rows:
        result = row.result_text if row.value is not None else row.findings
        cells = [doc.text(row.period_text, "tryghedsmåling").replace("–", "–<br/>"),
                 f"{doc.text(row.kind_label, 'tryghedsmåling')}<br/>"
                 f"{doc.text(row.where, 'tryghedsmåling')}"]
        cells += [doc.text(text, "tryghedsmåling")
                  for text in (row.source, result)]
        # "+6 procentpoint siden 24.11.2025–23.12.2025": broken after the dash, not in a date.
        cells.append(doc.text(row.change_text, "tryghedsmåling").replace("–", "–<br/>"))
        lines.append([doc.para(cell, "cell_small") for cell in cells])
    doc.add(listing_table(lines, widths, [("VALIGN", (0, 0), (-1, -1), "TOP")]))
