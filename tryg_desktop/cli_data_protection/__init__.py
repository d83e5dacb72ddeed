"""The command line's data-protection commands (issue 13):

    main.py access-log list [--from DATO] [--to DATO] [--contact ID] [--user LOGIN] [--json]
    main.py privacy due [--json] | privacy purge --yes
    main.py privacy request KONTAKT_ID FIL.pdf [--json FIL.json]
    main.py privacy erase KONTAKT_ID --yes [--successor KONTAKT_ID]
    main.py privacy record FIL.pdf

Each command's work is in the module named for it here; the use cases are
services/data_protection/."""

from __future__ import annotations

import importlib

# (command, subcommand) -> (module in this package, function)
_HANDLERS = {
    ("access-log", "list"): ("access_log", "list_entries"),
    ("privacy", "due"): ("retention", "due"),
    ("privacy", "purge"): ("retention", "purge"),
    ("privacy", "request"): ("access_request", "request"),
    ("privacy", "erase"): ("erasure", "erase"),
    ("privacy", "record"): ("processing_record", "record"),
}
COMMANDS = ("access-log", "privacy")


def add_commands(commands, common) -> None:
    log = commands.add_parser(
        "access-log", parents=[common], help="adgangsloggen (kun administrator)",
        description="Adgangsloggen: hvem har set, søgt i, udskrevet, eksporteret, mailet, "
                    "sikkerhedskopieret eller slettet hvilke personoplysninger, hvornår og "
                    "hvorfor. Kun en administrator (rollen tryg_admin) kan læse den.")
    sub = log.add_subparsers(dest="access_log_command", title="kommandoer", metavar="KOMMANDO",
                             required=True)
    lister = sub.add_parser("list", parents=[common], help="vis adgangsloggen, nyeste først")
    lister.add_argument("--from", dest="since", metavar="DATO",
                        help="fra og med denne dag (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)")
    lister.add_argument("--to", dest="until", metavar="DATO", help="til og med denne dag")
    lister.add_argument("--contact", metavar="ID", help="kun indgange om denne kontakt")
    lister.add_argument("--user", metavar="LOGIN", help="kun denne brugers indgange")
    lister.add_argument("--json", action="store_true", help="skriv listen som JSON (UTF-8)")

    privacy = commands.add_parser(
        "privacy", parents=[common], help="databeskyttelse: slettefrister, indsigt, sletning",
        description="Databeskyttelse: slettefrister, indsigt (art. 15), sletning af en person "
                    "(art. 17) og fortegnelsen over behandlinger (art. 30).")
    sub = privacy.add_subparsers(dest="privacy_command", title="kommandoer", metavar="KOMMANDO",
                                 required=True)
    due = sub.add_parser("due", parents=[common], help="vis det, der skal slettes nu")
    due.add_argument("--json", action="store_true", help="skriv listen som JSON (UTF-8)")
    purge = sub.add_parser("purge", parents=[common],
                           help="slet eller anonymisér det, der har passeret sin slettefrist")
    purge.add_argument("--yes", action="store_true", required=True,
                       help="bekræft sletningen (kræves)")
    request = sub.add_parser(
        "request", parents=[common], help="indsigt: alt om én kontakt som PDF (og JSON)",
        description="Samler alt, hvad registret har om kontakten: felter og historik, "
                    "organisation, mødefora, invitationer og fremmøde, handlinger, omtaler i "
                    "referater, handlinger og hændelser (til gennemsyn) og adgangsloggen.")
    request.add_argument("contact_id", metavar="KONTAKT_ID", help="kontaktens id")
    request.add_argument("file", metavar="FIL.pdf", help="PDF-filen der skrives")
    request.add_argument("--json", metavar="FIL.json", help="skriv det samme som JSON")
    request.add_argument("--force", action="store_true", help="overskriv filer, der findes")
    erase = sub.add_parser(
        "erase", parents=[common], help="slet en person (art. 17)",
        description="Personen bliver »Slettet person« alle steder, personen har deltaget, så "
                    "møder, tal og godkendte referater forbliver hele. Ældre "
                    "sikkerhedskopier indeholder stadig personen.")
    erase.add_argument("contact_id", metavar="KONTAKT_ID", help="kontaktens id")
    erase.add_argument("--yes", action="store_true", required=True,
                       help="bekræft sletningen (kræves)")
    erase.add_argument("--successor", metavar="KONTAKT_ID",
                       help="hvem der overtager personens åbne handlinger")
    record = sub.add_parser("record", parents=[common],
                            help="fortegnelse over behandlinger (art. 30) som PDF")
    record.add_argument("file", metavar="FIL.pdf", help="PDF-filen der skrives")
    record.add_argument("--force", action="store_true", help="overskriv en fil, der findes")


def run(args) -> int:
    key = (args.command, getattr(args, "access_log_command", None)
           or getattr(args, "privacy_command", None))
    module, function = _HANDLERS[key]
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)(args)
