"""Indsigt (GDPR art. 15) as a PDF: what the register holds about one person, section by section,
for the secretariat to review, sign and send. Built from services/data_protection/
access_request.AccessReport; nothing here queries. The mentions found by search are marked
"Til gennemsyn før udlevering": a name in free text may be someone else's, and the text around
it may be about other people."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm

from tryg_desktop import l10n
from tryg_desktop.reports.styles import CONTENT_WIDTH, Document, layout_table, listing_table
from tryg_desktop.services import audit
from tryg_desktop.services.meetings import actions
from tryg_desktop.services.register import organisations
from tryg_desktop.services.safety.safety_terms import EFFORT_STATUS_LABELS

LABEL = "Indsigt"
HEADING = "Indsigt efter databeskyttelsesforordningens artikel 15"
NONE = "Ingen."
REVIEW = "Til gennemsyn før udlevering"
INVITATIONS = {"inviteret": "Inviteret", "tilmeldt": "Tilmeldt", "afbud": "Afbud"}
ATTENDANCE = {"deltog": "Deltog", "afbud": "Afbud", "udeblev": "Udeblev", "": "–"}
ROLE_NAMES = {"chair": "Mødeleder", "minute_taker": "Referent"}
VIA = {"person": "Personligt på invitationslisten",
       "organisation": "Via organisationen på invitationslisten"}
# The contact's fields a person would recognise, in the order listed, with their Danish labels
# (the JSON uses the field names).
FIELDS = (("name", "Navn"), ("title", "Titel"), ("organisation", "Organisation"),
          ("phone", "Telefon"), ("mobile", "Mobil"), ("email", "E-mail"), ("notes", "Noter"),
          ("active", "Aktiv"), ("is_private", "Privatperson"),
          ("created_at", "Oprettet"), ("updated_at", "Senest ændret"))
CONSENT_FIELDS = (("consent_given_on", "Samtykke givet"),
                  ("consent_purpose", "Samtykke til"),
                  ("consent_withdrawn_on", "Samtykke trukket tilbage"))
HISTORY_FIELDS = dict(FIELDS + CONSENT_FIELDS) | {
    "organisation_id": "Organisation", "organisation_name": "Organisation"}


def local(at: dt.datetime, sep: str = " ") -> str:
    """A UTC time as the reader's clock shows it: '03.12.2026 kl. 14.05' (sep "<br/>": the
    time on a line of its own, for a narrow column)."""
    moment = at.replace(tzinfo=dt.UTC).astimezone()
    return f"{l10n.format_date(moment.date(), 'short')}{sep}kl. {l10n.format_time(moment)}"


def day(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, dt.datetime):
        return local(value)
    if isinstance(value, dt.date):
        return l10n.format_date(value, "short")
    return str(value)


def shown(field: str, value) -> str:
    """A stored value as a person reads it (as the Historik tab writes it; the register's
    times are UTC, shown on the reader's clock)."""
    if isinstance(value, dt.datetime):
        return local(value)
    return audit.value_text(field, value, empty="–")


def access_request_document(report, *, header: str) -> Document:
    """report: services/data_protection/access_request.AccessReport (not imported here: the
    service imports this module to build the PDF)."""
    today = report.generated_at.replace(tzinfo=dt.UTC).astimezone().date()
    name = report.name
    doc = Document(header=header, label=LABEL,
                   footer=f"{LABEL} · {name} · {l10n.format_date(today, 'short')}",
                   title=f"{LABEL} – {name}, {l10n.format_date(today, 'long')}",
                   subject=f"{HEADING}: {name}")
    doc.add(doc.para("Indsigt", "kicker"), doc.para(HEADING, "title"))
    doc.add(doc.para(f"Om: <b>{doc.text(name, 'navnet')}</b> (kontakt nr. {report.contact_id})"
                     f"<br/>Dato: {l10n.format_date(today, 'full')}<br/>"
                     f"Udarbejdet af: {doc.text(report.generated_by, 'brugeren')}", "when"))
    doc.add(doc.para(
        "Dette er de oplysninger, der er registreret om dig i Tryg Desktop, "
        "kommunens register over samarbejdet om tryghed: dine kontaktoplysninger, "
        "ændringerne i dem, de møder, du er inviteret til, de handlinger, du er ansvarlig for, "
        "og hvem der har set eller udskrevet oplysningerne.", "body"))

    _fields(doc, report)
    _consent(doc, report)
    _organisation(doc, report)
    _history(doc, report)
    _forums(doc, report)
    _meetings(doc, report)
    _roles(doc, report)
    _actions(doc, report)
    _efforts(doc, report)
    _mentions(doc, report)
    _access_log(doc, report)
    return doc


def _h2(doc: Document, text: str) -> None:
    doc.add(doc.para(text, "h2"))


def _none(doc: Document) -> None:
    doc.add(doc.para(NONE, "body"))


def _cells(doc: Document, values, where: str, style: str = "cell_small") -> list:
    return [doc.para(doc.text(v, where) or "–", style) for v in values]


def _head(doc: Document, titles) -> list:
    return [doc.para(t, "cell_small_bold") for t in titles]


def _fields(doc: Document, report) -> None:
    _h2(doc, "1. Oplysninger i registret")
    values = dict(report.fields)  # phones as +4598313131, read as 98 31 31 31 (shown)
    rows = [[doc.para(label, "label"),
             doc.para(doc.text(shown(key, values.get(key)), f"feltet {label}") or "–", "cell")]
            for key, label in FIELDS]
    if report.logins:
        rows.append([doc.para("Login", "label"),
                     doc.para(doc.text(", ".join(report.logins), "login") + " (den fælles "
                              "database)", "cell")])
    doc.add(layout_table(rows, [45 * mm, CONTENT_WIDTH - 45 * mm]))


def _consent(doc: Document, report) -> None:
    _h2(doc, "2. Samtykke til at blive nævnt ved navn")
    if not any(report.consent.get(key) for key, _ in CONSENT_FIELDS):
        _none(doc)
        return
    rows = [[doc.para(label, "label"),
             doc.para(doc.text(shown(key, report.consent.get(key)), "samtykket") or "–",
                      "cell")]
            for key, label in CONSENT_FIELDS]
    doc.add(layout_table(rows, [55 * mm, CONTENT_WIDTH - 55 * mm]))


def _organisation(doc: Document, report) -> None:
    _h2(doc, "3. Organisation")
    org = report.organisation
    if org is None:
        _none(doc)
        return
    rows = [[doc.para(label, "label"), doc.para(doc.text(value, "organisationen") or "–", "cell")]
            for label, value in (("Navn", org.name),
                                 ("Type", organisations.KIND_LABELS.get(org.kind, org.kind)),
                                 ("By", org.city))]
    doc.add(layout_table(rows, [45 * mm, CONTENT_WIDTH - 45 * mm]))


def _history(doc: Document, report) -> None:
    _h2(doc, "4. Ændringer (historik)")
    if not report.history:
        _none(doc)
        return
    rows = [_head(doc, ("Tidspunkt", "Hvem", "Hvad", "Felter"))]
    for entry in report.history:
        changes = "<br/>".join(_change(doc, c) for c in entry.changes) or "–"
        rows.append([doc.para(local(entry.at, "<br/>"), "cell_small"),
                     doc.para(doc.text(entry.user, "historikken"), "cell_small"),
                     doc.para(entry.action_label, "cell_small"),
                     doc.para(changes, "cell_small")])
    doc.add(listing_table(rows, [24 * mm, 34 * mm, 20 * mm, CONTENT_WIDTH - 78 * mm]))


def _change(doc: Document, change) -> str:
    """'Titel: Gadeplanschef' (filled in), 'Titel: fra »A« til »B«' (changed)."""
    name = HISTORY_FIELDS.get(change.field, change.field)
    new = doc.text(shown(change.field, change.new), "historikken")
    if change.old in (None, ""):
        return f"{name}: {new}"
    return f"{name}: fra »{doc.text(shown(change.field, change.old), 'historikken')}« til »{new}«"


def _forums(doc: Document, report) -> None:
    _h2(doc, "5. Mødefora (invitationslister)")
    if not report.forums:
        _none(doc)
        return
    rows = [_head(doc, ("Mødeforum", "Hvordan", "Aktivt"))]
    for f in report.forums:
        rows.append(_cells(doc, (f.forum, VIA.get(f.via, f.via), shown("active", f.active)),
                           "mødeforum"))
    doc.add(listing_table(rows, [CONTENT_WIDTH - 90 * mm, 72 * mm, 18 * mm]))


def _meetings(doc: Document, report) -> None:
    _h2(doc, "6. Invitationer og fremmøde")
    if not report.meetings:
        _none(doc)
        return
    rows = [_head(doc, ("Dato", "Møde", "Mødeforum", "Invitation", "Fremmøde"))]
    for m in report.meetings:
        when = f"{day(m.starts_at.date())}<br/>kl. {l10n.format_time(m.starts_at)}"
        title = m.title + (" (aflyst)" if m.status == "aflyst" else "")
        rows.append([doc.para(when, "cell_small"),
                     *_cells(doc, (title, m.forum, INVITATIONS.get(m.invitation, m.invitation),
                                   ATTENDANCE.get(m.attendance, m.attendance)), "møderne")])
    doc.add(listing_table(rows, [24 * mm, CONTENT_WIDTH - 118 * mm, 48 * mm, 22 * mm, 24 * mm]))


def _roles(doc: Document, report) -> None:
    _h2(doc, "7. Mødeleder og referent")
    if not report.roles:
        _none(doc)
        return
    rows = [_head(doc, ("Dato", "Møde", "Rolle"))]
    for r in report.roles:
        rows.append(_cells(doc, (l10n.format_date(r.starts_at.date(), "short"), r.title,
                                 ROLE_NAMES.get(r.role, r.role)), "møderne"))
    doc.add(listing_table(rows, [30 * mm, CONTENT_WIDTH - 60 * mm, 30 * mm]))


def _actions(doc: Document, report) -> None:
    _h2(doc, "8. Handlinger, du er ansvarlig for")
    if not report.actions:
        _none(doc)
        return
    rows = [_head(doc, ("Handling", "Frist", "Status", "Fra mødet"))]
    for a in report.actions:
        rows.append(_cells(doc, (a.title, day(a.due),
                                 actions.STATUS_LABELS.get(a.status, a.status), a.meeting),
                           "handlingerne"))
    doc.add(listing_table(rows, [CONTENT_WIDTH - 110 * mm, 24 * mm, 22 * mm, 64 * mm]))


def _efforts(doc: Document, report) -> None:
    _h2(doc, "9. Indsatser, du koordinerer")
    if not report.efforts:
        _none(doc)
        return
    rows = [_head(doc, ("Indsats", "Status", "Fra", "Til"))]
    for e in report.efforts:
        rows.append(_cells(doc, (e.title, EFFORT_STATUS_LABELS.get(e.status, e.status),
                                 day(e.starts_on),
                                 day(e.ends_on)), "indsatserne"))
    doc.add(listing_table(rows, [CONTENT_WIDTH - 82 * mm, 26 * mm, 28 * mm, 28 * mm]))


def _mentions(doc: Document, report) -> None:
    _h2(doc, f"10. Omtale i referater, handlinger og hændelser – {REVIEW}")
    doc.add(doc.para(
        f"{REVIEW}: stederne er fundet ved at søge efter navnet i fritekst. Et navn kan "
        "tilhøre en anden, og teksten omkring kan handle om andre personer. Gennemgå hvert "
        "sted, og udlever kun det, der handler om den registrerede.", "warning"))
    if not report.mentions:
        _none(doc)
        return
    rows = [_head(doc, ("Hvor", "Felt", "Uddrag"))]
    for m in report.mentions:
        rows.append(_cells(doc, (m.where, m.field, m.excerpt), "omtalerne"))
    doc.add(listing_table(rows, [58 * mm, 28 * mm, CONTENT_WIDTH - 86 * mm]))


def _access_log(doc: Document, report) -> None:
    _h2(doc, "11. Hvem har set, udskrevet eller eksporteret oplysningerne (adgangslog)")
    if not report.access_log:
        _none(doc)
        return
    rows = [_head(doc, ("Tidspunkt", "Hvem", "Hvad", "Detaljer", "Formål"))]
    for e in report.access_log:
        rows.append([doc.para(local(e.at, "<br/>"), "cell_small"),
                     *_cells(doc, (e.user, e.action_label, e.detail, e.purpose),
                             "adgangsloggen")])
    doc.add(listing_table(rows, [24 * mm, 32 * mm, 26 * mm, CONTENT_WIDTH - 122 * mm,
                                 40 * mm]))
