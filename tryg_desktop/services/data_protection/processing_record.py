"""Fortegnelse over behandlinger (GDPR art. 30): what the app holds, as a starting point for the
municipality's own record. Categories of persons and data (read from the schema, with counts),
purposes, recipients (each document type and who gets it), the retention periods as configured
(services/data_protection/retention.py), where the data lives (the SQLite file, or the server
and database) and the security measures. No personal data: counts only.

Only an administrator prints it on a server (tryg_admin; on SQLite the PC's user). Printing it
is logged in the access log ("print", detail "Fortegnelse")."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from peewee import fn

from tryg_desktop.db import database
from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import Forum, Meeting, Participant
from tryg_desktop.db.models import AuditEntry, Contact, Organisation, utcnow
from tryg_desktop.db.place_models import Episode
from tryg_desktop.db.privacy_models import AccessLogEntry
from tryg_desktop.services import audit
from tryg_desktop.services.data_protection import access_log, retention

WHAT = "udskrive fortegnelsen over behandlinger"
LOG_DETAIL = "Fortegnelse"

PURPOSES = (
    (
        "Mødeforum og dialogmøder",
        ("At planlægge, indkalde til og holde dialog- og netværksmøder om tryghed i byens rum: "
         "invitationslister, dagsordener, fremmøde og referater."),
    ),
    (
        "Opfølgning på aftaler",
        "At følge op på de handlinger, der aftales på møderne: hvem er ansvarlig, frist og status.",
    ),
    (
        "Samarbejde med partnere",
        ("At kunne kontakte samarbejdspartnernes medarbejdere (kommune, politi, foreninger, "
         "erhvervsliv) og beboere, der deltager i møderne."),
    ),
    (
        "Tryghedsbillede og indsatser",
        ("At registrere anonyme hændelser og indsatser pr. sted, så udviklingen kan følges i "
         "statistik og statusrapporter. Hændelser har ingen felter til personer."),
    ),
    (
        "Dokumentation og tilsyn",
        ("At kunne dokumentere ændringer (historik) og adgang til personoplysninger (adgangslog), "
         "besvare anmodninger om indsigt og slette personer efter reglerne."),
    ),
)

RECIPIENTS = (
    (
        "Dagsorden (deltagerudgave)",
        "Mødets deltagere",
        "Lukkede punkter er udeladt; beboere nævnes kun ved navn med samtykke, ellers som antal.",
    ),
    (
        "Referat (deltagerudgave) og Handlingsliste",
        "Mødets deltagere og mødeforummets invitationsliste",
        "Som dagsordenen: lukkede punkter og det, der er aftalt under dem, er udeladt.",
    ),
    (
        "Drejebog, internt referat og intern handlingsliste",
        "Mødeleder, referent og sekretariatet",
        "Med lukkede punkter; mærket »Internt – med lukkede punkter« på hver side.",
    ),
    (
        "Fremmødeliste",
        "Bruges på mødet; arkiveres af sekretariatet",
        "Navn og organisation.",
    ),
    (
        "E-mailudkast (invitation, referat til kommentering)",
        "Mødets deltagere, via brugerens eget mailprogram",
        "Programmet sender ikke selv; udkastet kontrolleres for CPR-numre.",
    ),
    (
        "Kalenderinvitation (.ics)",
        "Mødets deltagere",
        "Tid, sted og titel; deltagerlisten følger samme regel om beboere som dagsordenen.",
    ),
    (
        "Kontakteksport (CSV, vCard)",
        "Brugeren selv, til et angivet formål",
        "Formålet skrives i adgangsloggen; rollen tryg_laeser kan ikke eksportere registret.",
    ),
    (
        "Mødeplan, statusrapport og månedstal",
        "Styregruppe, ledelse og samarbejdspartnere",
        "Tal og mødedatoer; ingen personoplysninger ud over mødeforummernes navne.",
    ),
    (
        "Indsigt (art. 15)",
        "Den registrerede",
        "Udarbejdes af en administrator; omtaler i fritekst gennemses før udlevering.",
    ),
    (
        "Sikkerhedskopier",
        "Kun kommunen (brugeren eller IT)",
        ("Indeholder hele databasen; ældre kopier indeholder også slettede personer, til de selv "
         "slettes."),
    ),
)

MEASURES = (
    ("Roller på den fælles database: tryg_admin (alt, også adgangslog, slettefrister, indsigt og "
     "sletning), tryg_koordinator, tryg_referent og tryg_laeser (kun læse, ingen eksport). Serveren"
     " håndhæver rollerne med rettigheder (GRANT) og rækkesikkerhed på lukkede punkter."),
    ("Adgangslog: visning, søgning, udskrift, eksport, e-mailudkast, sikkerhedskopi og sletning af "
     "personoplysninger logges med tid, bruger og formål. Loggen kan ikke ændres af programmets "
     "brugere (kun tilføjes; databasen afviser ændringer og sletning af indgange yngre end 6 "
     "måneder)."),
    "Historik: hver ændring gemmes med hvem, hvornår og felterne før og efter.",
    ("CPR-kontrol: tekster, der udskrives, eksporteres eller mailes, kontrolleres for CPR-numre "
     "først; fritekstfelter afviser CPR-numre."),
    "Lukkede punkter og det, der aftales under dem, kommer aldrig i deltagernes dokumenter.",
    ("Beboere (privatpersoner) registreres med et minimum af felter og nævnes kun ved navn med "
     "registreret samtykke."),
    "Filer, programmet skriver (PDF, eksport, sikkerhedskopier), kan kun læses af brugeren selv.",
    "Programmets logfil indeholder aldrig navne, noter eller søgetekst, kun id'er og fejltyper.",
    ("Slettefrister pr. type oplysning; programmet minder en administrator om det, der er "
     "forfaldent."),
)


@dataclass(frozen=True)
class Category:
    persons: str  # the category of persons
    data: str  # the categories of data held about them
    count: int | None  # how many now (None: not countable, e.g. names in free text)
    note: str = ""


@dataclass(frozen=True)
class Period:
    kind: str
    label: str
    months: int | None
    period: str  # "24 måneder (2 år)" / "gemmes (arkivloven)"
    reason: str


@dataclass(frozen=True)
class ProcessingRecord:
    generated_at: dt.datetime  # UTC
    generated_by: str
    storage: str  # where the data lives, one Danish sentence
    transport: str  # TLS, or "" for a file
    categories: list[Category] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    purposes: tuple = PURPOSES
    recipients: tuple = RECIPIENTS
    measures: tuple = MEASURES


def gather() -> ProcessingRecord:
    """The record as things stand now. Administrators only (on a server)."""
    access_log.require_admin(WHAT)
    with database.atomic():
        counts = _counts()
        periods = [Period(p["kind"], p["label"], p["period_months"], p["period"], p["reason"])
                   for p in retention.settings_json()]
    storage, transport = where_data_lives()
    return ProcessingRecord(utcnow(), audit.current_user(), storage, transport,
                            _categories(counts), periods, counts)


def _counts() -> dict[str, int]:
    alive = Contact.name != retention.ERASED_NAME
    consent = (Contact.consent_given_on.is_null(False) & Contact.consent_withdrawn_on.is_null())
    return {
        "staff": Contact.select().where(alive & ~Contact.is_private).count(),
        "residents": Contact.select().where(alive & Contact.is_private).count(),
        "residents_with_consent": Contact.select().where(alive & Contact.is_private
                                                         & consent).count(),
        "erased": Contact.select().where(~alive).count(),
        "participants": (Participant.select(fn.COUNT(Participant.contact.distinct()))
                         .scalar() or 0),
        "responsible": (ActionItem.select(fn.COUNT(ActionItem.responsible_contact.distinct()))
                        .where(ActionItem.responsible_contact.is_null(False)).scalar() or 0),
        "organisations": Organisation.select().count(),
        "forums": Forum.select().count(),
        "meetings": Meeting.select().count(),
        "actions": ActionItem.select().count(),
        "episodes": Episode.select().count(),
        "episodes_with_notes": Episode.select().where(Episode.note != "").count(),
        "users": len({row.user for row in AuditEntry.select(AuditEntry.user).distinct()}
                     | {row.user for row in
                        AccessLogEntry.select(AccessLogEntry.user).distinct()}),
    }


def _categories(counts: dict[str, int]) -> list[Category]:
    return [
        Category("Samarbejdspartnernes medarbejdere (kontaktpersoner)",
                 "Navn, titel/rolle, organisation, telefon, mobil, e-mail, noter, aktiv/inaktiv",
                 counts["staff"]),
        Category("Beboere, der deltager i møderne (privatpersoner)",
                 "Navn, telefon, mobil, e-mail; samtykke til at blive nævnt ved navn (dato, "
                 "formål, evt. tilbagetrukket)", counts["residents"],
                 f"Heraf {counts['residents_with_consent']} med samtykke til at blive nævnt."),
        Category("Mødedeltagere (kontaktpersoner og beboere)",
                 "Invitation (inviteret, tilmeldt, afbud) og fremmøde (deltog, afbud, udeblev) "
                 "pr. møde; mødeleder og referent", counts["participants"]),
        Category("Ansvarlige for handlinger",
                 "Handlingens titel, beskrivelse, frist, status og opfølgning",
                 counts["responsible"]),
        Category("Personer nævnt i fritekst",
                 "Navne og oplysninger, som brugerne skriver i referater, sagsfremstillinger, "
                 "handlinger og hændelsesnoter. Kan rumme følsomme oplysninger (art. 9) om "
                 "udsatte borgere; borgere, der er genstand for bekymring, registreres aldrig "
                 "ved navn.", None, "Kan ikke tælles; findes ved søgning (indsigt og sletning)."),
        Category("Hændelser (anonyme)",
                 "Dato, tidsrum, sted, kategori, alvor og en fritekst; ingen felter til "
                 "personer", counts["episodes"],
                 f"Heraf {counts['episodes_with_notes']} med fritekst."),
        Category("Programmets brugere",
                 "Login eller brugernavn i historik og adgangslog; på den fælles database evt. "
                 "koblet til en kontakt", counts["users"]),
    ]


def where_data_lives() -> tuple[str, str]:
    """(where, transport): 'SQLite-filen /sti/tryg.sqlite3 på denne computer' or 'Den fælles
    PostgreSQL-database tryg på tryg.kommune.local', and how the connection is protected."""
    from tryg_desktop.db.server import info as server_info

    url = server_info.open_url()
    if url is None:
        from tryg_desktop.db.backup import database_file

        path = database_file()
        where = (f"SQLite-filen {path} på brugerens computer" if path
                 else "En midlertidig database i hukommelsen")
        return where, ""
    from tryg_desktop.db.opening import server_name

    where = f"Den fælles PostgreSQL-database {server_name(url)}"
    mode = (parse_qs(urlsplit(url).query).get("sslmode") or [os.environ.get("PGSSLMODE", "")])[0]
    transport = {
        "verify-full": "TLS, serverens certifikat og navn kontrolleres (sslmode=verify-full).",
        "verify-ca": "TLS, serverens certifikat kontrolleres (sslmode=verify-ca).",
        "require": "TLS kræves (sslmode=require); serverens certifikat kontrolleres ikke.",
        "disable": "Ingen kryptering (sslmode=disable): bør kun bruges på et lukket net.",
        "allow": "Kun krypteret, hvis serveren kræver det (sslmode=allow).",
    }.get(mode, "TLS, hvis serveren tilbyder det (sslmode=prefer). Vælg »Krypteret« under "
                "Fælles database i Indstillinger for at kræve det.")
    return where, transport


# --- PDF ---------------------------------------------------------------------------------------

def pdf_bytes(record: ProcessingRecord, header: str | None = None) -> bytes:
    from tryg_desktop.reports.processing_record import processing_record_document
    from tryg_desktop.services.pdf import document_header, render_checked

    doc = processing_record_document(record, header=document_header(header))
    return render_checked(doc, False, LOG_DETAIL)


def write(path: str | os.PathLike, header: str | None = None) -> Path:
    """Gather, write the PDF (readable by the user alone) and log the print."""
    from tryg_desktop.services.files import write_atomically

    record = gather()
    written = write_atomically(path, pdf_bytes(record, header))
    with database.atomic():
        access_log.record_now("print", "", None, detail=LOG_DETAIL)
    return written


def suggested_file_name(today: dt.date | None = None) -> str:
    return f"Fortegnelse over behandlinger {(today or dt.date.today()).isoformat()}.pdf"
