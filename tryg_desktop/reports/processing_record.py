"""Fortegnelse over behandlinger (GDPR art. 30) as a PDF, built from services/data_protection/
processing_record.ProcessingRecord: categories of persons and data with counts, purposes,
recipients, retention periods as configured, where the data lives and the security measures.
No personal data; nothing here queries."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from tryg_desktop import l10n
from tryg_desktop.reports.styles import CONTENT_WIDTH, Document, layout_table, listing_table

LABEL = "Fortegnelse"
HEADING = "Fortegnelse over behandlinger"
KICKER = "Databeskyttelsesforordningens artikel 30"


def processing_record_document(record, *, header: str) -> Document:
    today = record.generated_at.replace(tzinfo=dt.UTC).astimezone().date()
    doc = Document(header=header, label=LABEL,
                   footer=f"{HEADING} · {l10n.format_date(today, 'short')}",
                   title=f"{HEADING} – Tryg Desktop, {l10n.format_date(today, 'long')}",
                   subject=f"{KICKER}: {HEADING} i Tryg Desktop")
    doc.add(doc.para(KICKER, "kicker"), doc.para(HEADING, "title"))
    doc.add(doc.para(f"Tryg Desktop · pr. {l10n.format_date(today, 'full')}<br/>"
                     f"Udskrevet af: {doc.text(record.generated_by, 'brugeren')}", "when"))
    doc.add(doc.para(
        "Et udgangspunkt for kommunens egen fortegnelse: hvad programmet behandler, hvorfor, "
        "hvem der får hvad, hvor længe det gemmes, og hvordan det beskyttes. Den "
        "dataansvarlige (kommunen), databeskyttelsesrådgiverens kontaktoplysninger og "
        "retsgrundlaget udfyldes af kommunen.", "body"))

    doc.add(doc.para("1. Den dataansvarlige", "h2"))
    rows = [[doc.para(label, "label"), doc.para(value, "cell")] for label, value in (
        ("Dataansvarlig", doc.text(header, "sidehovedet")),
        ("Databeskyttelsesrådgiver", "Udfyldes af kommunen"),
        ("Retsgrundlag", ("Udfyldes af kommunen (fx art. 6, stk. 1, litra e, og for "
                          "følsomme oplysninger art. 9)")),
        ("Overførsel til tredjelande", ("Ingen: programmet sender ikke selv data ud af "
                                        "kommunen")))]
    doc.add(layout_table(rows, [56 * mm, CONTENT_WIDTH - 56 * mm]))

    doc.add(doc.para("2. Formål", "h2"))
    rows = [[doc.para(name, "cell_small_bold"), doc.para(text, "cell_small")]
            for name, text in record.purposes]
    doc.add(listing_table([[doc.para("Formål", "cell_small_bold"),
                            doc.para("Beskrivelse", "cell_small_bold")], *rows],
                          [50 * mm, CONTENT_WIDTH - 50 * mm]))

    doc.add(doc.para("3. Kategorier af registrerede og af personoplysninger", "h2"))
    rows = [[doc.para("Registrerede", "cell_small_bold"),
             doc.para("Oplysninger", "cell_small_bold"), doc.para("<b>Antal</b>", "cell_right")]]
    for category in record.categories:
        count = "–" if category.count is None else l10n.format_integer(category.count)
        data = category.data + (f"<br/><i>{category.note}</i>" if category.note else "")
        rows.append([doc.para(category.persons, "cell_small"), doc.para(data, "cell_small"),
                     doc.para(count, "cell_right")])
    doc.add(listing_table(rows, [50 * mm, CONTENT_WIDTH - 70 * mm, 20 * mm]))
    counts = record.counts
    doc.add(Spacer(1, 4), doc.para(
        f"Registret rummer desuden {_n(counts['organisations'], 'organisation', 'er')}, "
        f"{_n(counts['forums'], 'mødeforum', 'mødefora')}, {_n(counts['meetings'], 'møde', 'r')} "
        f"og {_n(counts['actions'], 'handling', 'er')}. "
        f"{_n(counts['erased'], 'person', 'er')} er slettet og står som »Slettet person«.",
        "small"))

    doc.add(doc.para("4. Modtagere", "h2"))
    rows = [[doc.para(t, "cell_small_bold") for t in ("Dokument", "Modtager", "Bemærkning")]]
    for document, who, note in record.recipients:
        rows.append([doc.para(document, "cell_small"), doc.para(who, "cell_small"),
                     doc.para(note, "cell_small")])
    doc.add(listing_table(rows, [50 * mm, 45 * mm, CONTENT_WIDTH - 95 * mm]))

    doc.add(doc.para("5. Slettefrister", "h2"))
    doc.add(doc.para("Som de er indstillet i programmet på udskriftsdagen (siden "
                     "Slettefrister).", "small"))
    rows = [[doc.para(t, "cell_small_bold") for t in ("Oplysninger", "Frist", "Begrundelse")]]
    for period in record.periods:
        rows.append([doc.para(period.label, "cell_small"), doc.para(period.period, "cell_small"),
                     doc.para(period.reason, "cell_small")])
    doc.add(listing_table(rows, [42 * mm, 32 * mm, CONTENT_WIDTH - 74 * mm]))

    doc.add(doc.para("6. Hvor oplysningerne opbevares", "h2"))
    rows = [[doc.para("Database", "label"),
             doc.para(doc.text(record.storage, "opbevaringsstedet"), "cell")]]
    if record.transport:
        rows.append([doc.para("Forbindelse", "label"),
                     doc.para(doc.text(record.transport, "forbindelsen"), "cell")])
    rows.append([doc.para("Sikkerhedskopier", "label"), doc.para(
        "Hos kommunen: programmets daglige kopier i mappen »backups« ved databasefilen, "
        "kopier brugeren selv gemmer, og serverens egne kopier (IT).", "cell")])
    doc.add(layout_table(rows, [56 * mm, CONTENT_WIDTH - 56 * mm]))

    doc.add(doc.para("7. Tekniske og organisatoriske sikkerhedsforanstaltninger", "h2"))
    for measure in record.measures:
        doc.add(doc.para(f"•{' '}{measure}", "body"))
    return doc


def _n(count: int, one: str, many: str) -> str:
    """'1 møde', '3 møder' ('r' adds to the word; a whole word replaces it)."""
    if count == 1:
        return f"{l10n.format_integer(count)} {one}"
    word = one + many if len(many) <= 2 else many
    return f"{l10n.format_integer(count)} {word}"
