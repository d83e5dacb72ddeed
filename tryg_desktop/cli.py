"""Headless commands: the GUI's services without a window, so they work without a display.

    main.py demo | check
    main.py contacts import FILE | contacts export FILE --purpose TEKST | contacts list [--json] [--search TEKST]
    main.py backup FILE
    main.py meetings list [--json] [--search TEKST] | meetings ics MØDE_ID FILE.ics
    main.py print agenda MØDE_ID FILE.pdf [--runsheet] | print attendance MØDE_ID FILE.pdf
    main.py print agenda|attendance MØDE_ID FILE.pdf [--allow-cpr]
    main.py print minutes MØDE_ID FILE.pdf [--full] [--allow-cpr]
    main.py print actions FILE.pdf [--forum ID] [--overdue] [--full] [--allow-cpr]
    main.py actions list [--json] [--search TEKST]
    main.py actions export FILE.csv|FILE.xlsx [--forum ID] [--search TEKST] [--overdue] [--full]
                           [--allow-cpr]
    main.py print report --from DATO --to DATO [--place ID] [--effort ID] FILE.pdf [--allow-cpr]
    main.py report csv|xlsx --from DATO --to DATO [--place ID] [--effort ID] FILE.csv|FILE.xlsx
    main.py episodes export FILE.xlsx --from DATO --to DATO [--place ID] [--allow-cpr]
    main.py places list [--json] | efforts list [--json]
    main.py forums plan FORUM_ID --until DATO [--json]
    main.py measures import FILE.csv | measures list [--place ID] [--json]
    main.py print meeting-plan ÅR FILE.pdf [--forum ID]
    main.py --server URL server init | server add-user LOGIN --role ROLLE [--contact ID]
    main.py --server URL server users [--json] | server upload LOCAL.sqlite3
    main.py --server URL backup FILE.sqlite3   (a portable SQLite copy of the server's data)

`--database FILE` is accepted before or after the command, and beats TRYG_SERVER (not
--server: both at once is refused). Every command that writes a file
refuses one that exists unless `--force` is given; `--search` matches as the GUI's search field
does. Ids, dates and file names are read in cli_values.py. A mistake the user can fix gives one
Danish line on stderr ("Fejl: …") and a non-zero exit code, never a traceback. This module must
not import QtWidgets or QtGui: app.py parses the arguments before any widget code loads.
"""

from __future__ import annotations

import argparse
import errno
import logging
import re
import sqlite3
import sys
from pathlib import Path

from tryg_desktop import cli_commands, cli_data_protection, cli_excel, cli_measures, cli_server
from tryg_desktop.cli_values import UserError, refuse_nul
from tryg_desktop.services.privacy import excerpt, quoted, shown_path

HANDLERS = {**cli_commands.HANDLERS, "server": cli_server.run, "episodes": cli_excel.run,
            "measures": cli_measures.run,
            **{name: cli_data_protection.run for name in cli_data_protection.COMMANDS}}

EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130

_log = logging.getLogger(__name__)

# Commands that read an existing database; a mistyped --database must not create an empty one.
_NEEDS_EXISTING_DATABASE = {("check", None), ("contacts", "export"), ("contacts", "list"),
                            ("backup", None), ("meetings", None), ("print", None),
                            ("actions", None), ("report", None), ("places", None),
                            ("efforts", None), ("forums", None), ("access-log", None),
                            ("privacy", None), ("episodes", None), ("measures", None)}
# The commands whose FIL is read: checked to exist before any database is opened.
_READS_A_FILE = {("contacts", "import"), ("server", "upload"), ("measures", "import")}


# --- argument parsing -------------------------------------------------------------------------

# argparse's own messages are English; these are the ones a user meets.
_ARGPARSE_DANISH = [
    (r"argument (.+?): invalid choice: '(.*?)' \(choose from (.*)\)",
     lambda m: (f"ugyldigt valg {quoted(m[2])} for {m[1]} "
                f"(vælg mellem {m[3].replace(chr(39), '')})")),
    (r"unrecognized arguments: (.*)", lambda m: f"ukendte argumenter: {excerpt(m[1], 80)}"),
    (r"the following arguments are required: (.*)", lambda m: f"mangler: {m[1]}"),
    (r"argument (.+?): expected one argument", lambda m: f"{m[1]} skal have en værdi"),
    (r"ambiguous option: (.+?) could match (.*)",
     lambda m: f"tvetydigt tilvalg {excerpt(m[1])} (kan være {m[2]})"),
]


def _danish(message: str) -> str:
    for pattern, replace in _ARGPARSE_DANISH:
        match = re.fullmatch(pattern, message)
        if match:
            return replace(match)
    return excerpt(message, 200)  # it may quote what was typed


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # Subcommands build their prog with prefix "": only None means "the default heading".
        super().add_usage(usage, actions, groups, "Brug: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Danish headings, Danish help and one-line Danish errors."""

    def __init__(self, *args, **kwargs):
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "tilvalg"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="vis denne hjælp og afslut")

    def error(self, message):
        self.exit(EXIT_USAGE, f"Fejl: {_danish(message)} (se {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from tryg_desktop import __version__

    database_help = ("databasefilen der skal bruges (ellers TRYG_DATABASE eller standardfilen "
                     "i brugerens programdata)")
    parser = _Parser(description="Tryg Desktop – register, dialogmøder og opfølgning for "
                                 "Tryg Aalborg. Uden kommando åbnes programvinduet.")
    parser.add_argument("--version", action="version", version=f"Tryg Desktop {__version__}",
                        help="vis versionsnummeret og afslut")
    parser.add_argument("--database", metavar="FIL", help=database_help)
    server_help = ("den fælles database på en PostgreSQL-server, som libpq-URL, fx "
                   "postgresql://tryg.kommune.local/tryg (ellers TRYG_SERVER)")
    parser.add_argument("--server", metavar="URL", help=server_help)
    verbose_help = "skriv fejlsøgningsdetaljer i logfilen og på skærmen"
    parser.add_argument("--verbose", action="store_true", help=verbose_help)
    # The same option on every subcommand, so it may also follow the command. SUPPRESS keeps a
    # subcommand from resetting a value given before it to None.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database", metavar="FIL", default=argparse.SUPPRESS,
                        help=database_help)
    common.add_argument("--server", metavar="URL", default=argparse.SUPPRESS, help=server_help)
    common.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS,
                        help=verbose_help)
    # Every command that writes a file: an existing file is replaced only when asked.
    writes = argparse.ArgumentParser(add_help=False)
    writes.add_argument("--force", action="store_true",
                        help="overskriv filen, hvis den findes i forvejen")

    commands = parser.add_subparsers(dest="command", title="kommandoer", metavar="KOMMANDO")
    commands.add_parser(
        "demo", parents=[common], help="indlæs demodata (Tryg Aalborgs samarbejdspartnere)",
        description="Indlæser Tryg Aalborgs samarbejdspartnere med opdigtede kontaktpersoner. "
                    "Det, der allerede findes, springes over.")

    commands.add_parser(
        "check", parents=[common],
        help="kontrollér databasefilen (sider, henvisninger, søgeindeks)",
        description="Kører SQLite's integritetskontrol, kontrollen af henvisninger og "
                    "søgeindeksets egen kontrol. Afslutter med 0, når databasen er i orden. "
                    "På den fælles database (--server) prøves forbindelsen; selve "
                    "databasens kontrol hører til serveren.")

    contacts = commands.add_parser("contacts", parents=[common],
                                   help="importér, eksportér eller vis kontakter")
    actions = contacts.add_subparsers(dest="contacts_command", title="kommandoer",
                                      metavar="KOMMANDO", required=True)
    importer = actions.add_parser("import", parents=[common],
                                  help="importér kontakter fra en CSV- eller vCard-fil")
    importer.add_argument("file", metavar="FIL", help="filen der skal importeres (.csv eller .vcf)")
    exporter = actions.add_parser("export", parents=[common, writes],
                                  help="eksportér alle kontakter til en CSV- eller vCard-fil")
    exporter.add_argument("file", metavar="FIL",
                          help="filen der skal skrives; endelsen (.csv eller .vcf) vælger formatet")
    exporter.add_argument("--purpose", metavar="TEKST", required=True,
                          help="formålet med udtrækket (kræves; gemmes i adgangsloggen)")
    lister = actions.add_parser("list", parents=[common],
                                help="vis alle kontakter i dansk alfabetisk orden")
    lister.add_argument("--json", action="store_true", help="skriv listen som JSON (UTF-8)")
    _search_argument(lister, "kontakter")

    backup = commands.add_parser(
        "backup", parents=[common, writes], help="gem en sikkerhedskopi af databasen",
        description="Gemmer en sikker kopi af databasen; det kan gøres, mens programmet er åbent.")
    backup.add_argument("file", metavar="FIL", help="filen som sikkerhedskopien gemmes i")
    meetings = commands.add_parser("meetings", parents=[common],
                                   help="vis møder eller gem et mødes kalenderinvitation")
    meeting_actions = meetings.add_subparsers(dest="meetings_command", title="kommandoer",
                                              metavar="KOMMANDO", required=True)
    meeting_list = meeting_actions.add_parser("list", parents=[common],
                                              help="vis alle møder i tidsorden")
    meeting_list.add_argument("--json", action="store_true", help="skriv listen som JSON (UTF-8)")
    _search_argument(meeting_list, "møder")
    meeting_ics = meeting_actions.add_parser(
        "ics", parents=[common, writes],
        help="gem mødets kalenderinvitation (.ics) til Outlook",
        description="Gemmer mødet som kalenderinvitation (iCalendar). En ny udgave af samme "
                    "møde erstatter den gamle i modtagernes kalender; et aflyst møde aflyses.")
    meeting_ics.add_argument("meeting_id", metavar="MØDE_ID", help="mødets id (se meetings list)")
    meeting_ics.add_argument("file", metavar="FIL", help="filen der skal skrives (.ics)")

    printer = commands.add_parser(
        "print", parents=[common],
        help="gem dagsorden, drejebog, fremmødeliste, referat, handlingsliste eller "
             "statusrapport som PDF",
        description="Gemmer et dokument som PDF. Står der noget i teksten, der ligner et "
                    "CPR-nummer, gemmes intet.")
    documents = printer.add_subparsers(dest="print_command", title="dokumenter",
                                       metavar="DOKUMENT", required=True)
    agenda = documents.add_parser(
        "agenda", parents=[common, writes], help="dagsordenen til deltagerne (eller drejebogen)",
        description="Dagsordenen til deltagerne: punkternes starttid, oplægsholder, "
                    "sagsfremstilling, indstilling og bilag; et lukket punkt står kun som "
                    "»Lukket punkt«. Med --runsheet i stedet drejebogen til mødelederen: "
                    "tidsplan, noter til mødeleder og de lukkede punkter.")
    attendance = documents.add_parser(
        "attendance", parents=[common, writes], help="fremmødeliste med plads til underskrift",
        description="Fremmødelisten: de inviterede (undtagen afbud) med plads til underskrift "
                    "og tomme linjer til dem, der ikke står på listen.")
    minutes = documents.add_parser(
        "minutes", parents=[common, writes], help="referatet (beslutningsreferat)",
        description="Referatet: fremmøde, punkternes indstilling, referat og beslutning, "
                    "mødets handlinger og næste møde. Står der »Udkast« på hver side, indtil "
                    "referatet er godkendt; et lukket punkt står kun som »Lukket punkt«.")
    for document in (agenda, attendance, minutes):
        document.add_argument("meeting_id", metavar="MØDE_ID", help="mødets id (se meetings list)")
        document.add_argument("file", metavar="FIL", help="PDF-filen der skal gemmes")
    agenda.add_argument("--runsheet", action="store_true",
                        help="drejebogen til mødelederen i stedet for deltagernes dagsorden")
    minutes.add_argument("--full", action="store_true",
                         help="den interne udgave med de lukkede punkter")
    action_list = documents.add_parser(
        "actions", parents=[common, writes], help="handlingslisten (åbne handlinger)",
        description="De åbne handlinger efter ansvarlig organisation, med frist, ansvarlig og "
                    "det møde, de kommer fra; overskredne frister er markeret. Deltagerudgaven "
                    "udelader handlinger fra lukkede punkter; --full giver den interne udgave "
                    "med dem, mærket »Internt – med lukkede punkter« på hver side.")
    action_list.add_argument("file", metavar="FIL", help="PDF-filen der skal gemmes")
    _action_list_arguments(action_list)
    meeting_plan = documents.add_parser(
        "meeting-plan", parents=[common, writes],
        help="mødeplanen for et år (alle mødefora eller ét)",
        description="Årets møder på én side: en linje pr. mødeforum og en kolonne pr. måned, "
                    "med rytme, tidspunkt og sted og årets lukkedage. Med --forum kun ét "
                    "mødeforum.")
    meeting_plan.add_argument("year", metavar="ÅR", help="året, fx 2027")
    meeting_plan.add_argument("file", metavar="FIL", help="PDF-filen der skal gemmes")
    meeting_plan.add_argument("--forum", metavar="ID", help="kun dette mødeforum")
    status_report = documents.add_parser(
        "report", parents=[common, writes], help="statusrapporten for en periode",
        description="Statusrapporten for perioden: en sammenfatning på side 1 og indhold, "
                    "hændelser med diagrammer, indsatserne og deres mål mod sammenligningen, "
                    "møder og handlinger, og et bilag pr. indsats og pr. sted. For hele byen, "
                    "ét sted (--place) eller én indsats (--effort).")
    _period_arguments(status_report)
    status_report.add_argument("file", metavar="FIL", help="PDF-filen der skal gemmes")
    for document in (agenda, attendance, minutes, action_list, status_report):
        _allow_cpr_argument(document)

    actions_command = commands.add_parser("actions", parents=[common], help="vis handlinger")
    action_commands = actions_command.add_subparsers(dest="actions_command", title="kommandoer",
                                                     metavar="KOMMANDO", required=True)
    actions_list = action_commands.add_parser("list", parents=[common],
                                              help="vis alle handlinger efter frist")
    actions_list.add_argument("--json", action="store_true", help="skriv listen som JSON (UTF-8)")
    _search_argument(actions_list, "handlinger")
    actions_export = action_commands.add_parser(
        "export", parents=[common, writes], help="gem handlingerne som CSV eller Excel-fil",
        description="Alle handlinger (eller ét mødeforums) som CSV til Excel eller som "
                    "Excel-fil (.xlsx). Deltagerudgaven udelader handlinger fra lukkede "
                    "punkter; --full giver den interne udgave med dem og en kolonne »Lukket "
                    "punkt«.")
    actions_export.add_argument("file", metavar="FIL",
                                help="filen der skal gemmes; endelsen (.csv eller .xlsx) vælger "
                                     "formatet")
    _action_list_arguments(actions_export)
    _search_argument(actions_export, "handlinger")
    _allow_cpr_argument(actions_export)

    report = commands.add_parser("report", parents=[common],
                                 help="gem statusrapportens tal som CSV eller Excel-fil")
    report_commands = report.add_subparsers(dest="report_command", title="kommandoer",
                                            metavar="KOMMANDO", required=True)
    report_csv = report_commands.add_parser(
        "csv", parents=[common, writes], help="månedstallene som CSV til Excel",
        description="Én linje pr. måned: hændelser i alt og pr. kategori, afholdte møder, "
                    "oprettede og udførte handlinger.")
    _period_arguments(report_csv)
    report_csv.add_argument("file", metavar="FIL", help="CSV-filen der skal gemmes")
    report_xlsx = report_commands.add_parser(
        "xlsx", parents=[common, writes], help="rapportens tal som Excel-fil",
        description="Rapportens tal som Excel-fil (.xlsx), ét ark pr. tabel: månedstal pr. "
                    "kategori, steder pr. måned, før og efter indsatsernes start, spor, "
                    "indsatser og hvordan tallene er opgjort.")
    _period_arguments(report_xlsx)
    report_xlsx.add_argument("file", metavar="FIL", help="Excel-filen der skal gemmes (.xlsx)")
    _allow_cpr_argument(report_xlsx)
    forums = commands.add_parser("forums", parents=[common], help="planlæg et mødeforums møder")
    forum_commands = forums.add_subparsers(dest="forums_command", title="kommandoer",
                                           metavar="KOMMANDO", required=True)
    forum_plan = forum_commands.add_parser(
        "plan", parents=[common], help="opret mødeforummets møder frem til en dato",
        description="Opretter mødeforummets møder efter dets rytme, fra efter seneste møde "
                    "(og i dag) frem til og med DATO, med fast invitationsliste og dagsorden "
                    "fra skabelonen. Et møde, der falder på en helligdag, lukkedag eller i "
                    "weekenden, flyttes til næste hverdag, og det står ud for mødet.")
    forum_plan.add_argument("forum_id", metavar="FORUM_ID", help="mødeforummets id")
    forum_plan.add_argument("--until", metavar="DATO", required=True,
                            help="sidste dag (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)")
    forum_plan.add_argument("--json", action="store_true",
                            help="skriv de nye møder som JSON (som meetings list --json)")
    for name, what, order in (("places", "steder", "i dansk alfabetisk orden"),
                              ("efforts", "indsatser", "efter startdato")):
        command = commands.add_parser(name, parents=[common], help=f"vis {what}")
        sub = command.add_subparsers(dest=f"{name}_command", title="kommandoer",
                                     metavar="KOMMANDO", required=True)
        lister = sub.add_parser("list", parents=[common], help=f"vis alle {what} {order}")
        lister.add_argument("--json", action="store_true", help="skriv listen som JSON (UTF-8)")
    cli_server.add_commands(commands, common)
    cli_data_protection.add_commands(commands, common)
    cli_excel.add_commands(commands, common, writes)
    cli_measures.add_commands(commands, common)
    return parser


def _search_argument(parser, what: str) -> None:
    parser.add_argument("--search", metavar="TEKST",
                        help=f"vis kun de {what}, som programmets søgefelt finder med TEKST")


def _action_list_arguments(parser) -> None:
    """The Handlingsliste's and the actions export's choice of forum, version and deadline."""
    parser.add_argument("--forum", metavar="ID", help="kun dette mødeforums handlinger")
    parser.add_argument("--full", action="store_true",
                        help="den interne udgave med handlingerne fra lukkede punkter")
    parser.add_argument("--overdue", action="store_true",
                        help="kun handlinger med overskreden frist")


def _allow_cpr_argument(parser) -> None:
    parser.add_argument("--allow-cpr", action="store_true",
                        help="gem selv om teksten ligner et CPR-nummer (skrives i historikken)")


def _period_arguments(parser) -> None:
    parser.add_argument("--from", dest="start", metavar="DATO", required=True,
                        help="periodens første dag (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)")
    parser.add_argument("--to", dest="end", metavar="DATO", required=True,
                        help="periodens sidste dag (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)")
    parser.add_argument("--place", metavar="ID", help="kun dette sted (se places list)")
    parser.add_argument("--effort", metavar="ID", help="kun denne indsats (se efforts list)")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """args.command is None when no command was given: then the GUI starts."""
    _utf8_streams()
    return build_parser().parse_args(argv)


# --- running ----------------------------------------------------------------------------------

def run(args: argparse.Namespace) -> int:
    """Run the command in args and return the exit code."""
    _utf8_streams()
    if args.command not in HANDLERS:
        return _fail("Angiv en kommando (se --help).", EXIT_USAGE)
    from tryg_desktop import app_log

    # To the log file only (found when first written: a clean run pays nothing); --verbose
    # adds the console.
    app_log.configure_for_cli(verbose=getattr(args, "verbose", False))
    _log.debug("Kommando: %s", " ".join(
        str(value) for key, value in vars(args).items()
        if key == "command" or key.endswith("_command")))

    from tryg_desktop.db import (
        DatabaseError,
        DatabaseOpenError,
        close_database,
        danish_sqlite_message,
    )
    from tryg_desktop.services.errors import ServiceError

    db_file = None
    try:
        refuse_nul(vars(args).values())
        _check_input_file(args)
        db_file = _open_database(args)
        return HANDLERS[args.command](args)
    except KeyboardInterrupt:
        return _fail("Afbrudt.", EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`... | head`): not an error worth a message.
        _silence_stdout()
        return EXIT_ERROR
    except UserError as exc:
        return _fail(str(exc))
    except DatabaseOpenError as exc:  # includes DatabaseTooNewError
        _log.warning("Databasen kunne ikke åbnes (%s)", type(exc).__name__)
        return _fail(danish_sqlite_message(str(exc)))
    except ServiceError as exc:
        return _fail(exc.message)
    except (DatabaseError, sqlite3.DatabaseError) as exc:  # sqlite3's own: rows fetched later
        # A damaged or full database is worth finding later: its type and where it happened.
        _log.warning("Databasefejl (%s)", app_log.type_name(type(exc)), exc_info=True)
        return _fail(_database_message(exc, db_file))
    except UnicodeError:
        return _fail("Filen kunne ikke læses: tegnkodningen er ukendt. Gem den som UTF-8.")
    except OSError as exc:
        _log.warning("Filfejl (%s, errno %s)", type(exc).__name__, exc.errno, exc_info=True)
        return _fail(_os_message(exc))
    except Exception as exc:  # noqa: BLE001 - a bug: the details to the log, one line to the user
        _log.error("Uventet fejl (%s)", app_log.type_name(type(exc)), exc_info=True)
        return _fail(f"Der opstod en uventet fejl; detaljer i logfilen {app_log.log_file()}")
    finally:
        _flush_access_log()
        close_database()
        app_log.close()


def _flush_access_log() -> None:
    """What the command queued for the access log, written before the database closes."""
    if "tryg_desktop.services.data_protection.access_log" not in sys.modules:
        return  # the command logged nothing (and need not load the module)
    from tryg_desktop.services.data_protection import access_log

    try:
        access_log.flush()
    except Exception as exc:  # noqa: BLE001 - the command's own result stands; the log says why
        _log.error("Adgangsloggen kunne ikke skrives (%s)", type(exc).__name__)
        access_log.discard_pending()


def _open_database(args) -> Path | None:
    """Open the database the command works on; its file, or None for the server database."""
    from tryg_desktop import paths
    from tryg_desktop.db import open_database

    server = getattr(args, "server", None)
    if server and args.database:
        raise UserError("Angiv enten --database FIL eller --server URL, ikke begge.")
    # A file named outright beats TRYG_SERVER from the environment (a group policy may set it
    # for everyone): `--database kopi.sqlite3 demo` must not write into the team's database.
    url = None if args.database else paths.server_url(server)
    if args.command == "server" and not url:
        raise UserError("Server-kommandoerne gælder den fælles database: angiv --server URL "
                        "(eller TRYG_SERVER).")
    if url:
        open_database(url, migrate=args.command not in ("backup", "check"))
        return None
    path = paths.database_path(args.database)
    key = (args.command, getattr(args, "contacts_command", None))
    if key in _NEEDS_EXISTING_DATABASE and not path.is_file():
        raise UserError(f"Databasen findes ikke: {shown_path(path)}")
    if paths.is_network_path(path):
        print("Advarsel: Databasen ligger på et netværksdrev, hvor SQLite ikke er sikker. "
              "Flyt den til en lokal disk.", file=sys.stderr)
    # A backup copies the file as it is; migrating it first would change what is backed up.
    # A check reads the file as it is: migrating a damaged file first could make it worse.
    open_database(path, migrate=args.command not in ("backup", "check"))
    return path


def _check_input_file(args) -> None:
    """Checked before the database is opened, so a typo creates no empty database."""
    sub = getattr(args, f"{args.command.replace('-', '_')}_command", None)
    if (args.command, sub) not in _READS_A_FILE:
        return
    path = Path(args.file)
    if not path.exists():
        raise UserError(f"Filen findes ikke: {shown_path(path)}")
    if path.is_dir():
        raise UserError(f"{shown_path(path)} er en mappe, ikke en fil.")


# --- errors -----------------------------------------------------------------------------------

def _fail(message: str, code: int = EXIT_ERROR) -> int:
    # One line, whatever the message held.
    print("Fejl: " + " ".join(message.split()), file=sys.stderr)
    return code


def _database_message(exc: Exception, path: Path | None) -> str:
    from tryg_desktop.db import danish_sqlite_message
    from tryg_desktop.db.errors import classify

    exc = classify(exc)
    if getattr(exc, "message", None):  # a full disk, a read-only or damaged file: says it all
        return exc.message
    where = f"Databasen {path}" if path else "Databasen"
    return f"{where} kunne ikke bruges: {danish_sqlite_message(str(exc))}."


def _silence_stdout() -> None:
    # Python would otherwise complain again when it flushes stdout at exit.
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _os_message(exc: OSError) -> str:
    from tryg_desktop.db import danish_os_message  # never strerror: it is English

    name = shown_path(exc.filename or "")
    return {
        errno.ENOENT: f"Filen eller mappen findes ikke: {name}",
        errno.EACCES: f"Ingen adgang til {name}",
        errno.EPERM: f"Ingen adgang til {name}",
        errno.EISDIR: f"{name} er en mappe, ikke en fil.",
        errno.ENOSPC: "Der er ikke mere plads på disken.",
        errno.EROFS: f"{name} ligger på et skrivebeskyttet drev.",
    }.get(exc.errno, f"{name}: {danish_os_message(exc)}" if name else danish_os_message(exc))


def _utf8_streams() -> None:
    """Danish text must reach a pipe or a console intact, whatever the locale says."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
            except (ValueError, OSError):  # a stream that cannot switch keeps its encoding
                pass
