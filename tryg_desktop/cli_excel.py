"""The command line's Excel files (.xlsx), written through reports/xlsx.py as the app writes them:

    main.py report xlsx --from DATO --to DATO [--place ID] [--effort ID] FIL.xlsx
    main.py actions export FIL.xlsx [--forum ID] [--search TEKST] [--overdue] [--full]
    main.py episodes export FIL.xlsx --from DATO --to DATO [--place ID]

cli.py parses the report's and the actions' arguments with their CSV siblings; the episodes
command is added here. Every file is refused while something in it looks like a CPR number,
unless --allow-cpr, and each export is in the access log."""

from __future__ import annotations

from pathlib import Path

from tryg_desktop.cli_values import UserError, output_file, parse_date, parse_id

EXIT_OK = 0
SUFFIX = ".xlsx"


def add_commands(commands, common, writes) -> None:
    episodes = commands.add_parser("episodes", parents=[common],
                                   help="gem hændelsesloggen som Excel-fil")
    sub = episodes.add_subparsers(dest="episodes_command", title="kommandoer", metavar="KOMMANDO",
                                  required=True)
    export = sub.add_parser(
        "export", parents=[common, writes], help="hændelserne i en periode som Excel-fil",
        description="Periodens hændelser (eller ét steds), ældste først, som Excel-fil (.xlsx) "
                    "med dato, tidspunkt, sted, kategori, alvor, anmelder og note.")
    export.add_argument("file", metavar="FIL", help="Excel-filen der skal gemmes (.xlsx)")
    export.add_argument("--from", dest="start", metavar="DATO", required=True,
                        help="periodens første dag (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)")
    export.add_argument("--to", dest="end", metavar="DATO", required=True,
                        help="periodens sidste dag (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)")
    export.add_argument("--place", metavar="ID", help="kun dette sted (se places list)")
    export.add_argument("--allow-cpr", action="store_true",
                        help="gem selv om teksten ligner et CPR-nummer (skrives i historikken)")


def is_xlsx(name: str) -> bool:
    return Path(name).suffix.lower() == SUFFIX


def _target(args) -> Path:
    """The .xlsx file to write: a name without the ending gets it (as the save dialog does)."""
    path = Path(args.file)
    if path.suffix.lower() != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    return output_file(str(path), args.force)


def report_xlsx(args, start, end, scope) -> int:
    from tryg_desktop.services.safety import report_xlsx as service

    path = service.write_xlsx(_target(args), start, end, scope,
                              allow_cpr=args.allow_cpr)
    print(f"Statusrapportens tal gemt: {path}")
    return EXIT_OK


def actions_xlsx(args, flt) -> int:
    from tryg_desktop.services.meetings import action_export

    path = _target(args)
    count = action_export.write_xlsx(path, flt, full=args.full, allow_cpr=args.allow_cpr)
    what = "handling" if count == 1 else "handlinger"
    print(f"{count} {what} gemt{' (intern udgave)' if args.full else ''}: {path}")
    return EXIT_OK


def run(args) -> int:
    """episodes export: checked before anything is written (dates, place, the file)."""
    from tryg_desktop.services.safety import episode_export, episodes, statistics

    start, end = parse_date(args.start, "Startdatoen"), parse_date(args.end, "Slutdatoen")
    if end < start:
        raise UserError("Perioden slutter før den begynder.")
    place_id = parse_id(args.place, "Stedets")
    statistics.check_scope(statistics.Scope(place_id=place_id))
    path = _target(args)
    flt = episodes.EpisodeFilter(place_id=place_id, date_from=start, date_to=end)
    count = episode_export.write_xlsx(path, flt, allow_cpr=args.allow_cpr)
    print(f"{count} {'hændelse' if count == 1 else 'hændelser'} gemt: {path}")
    return EXIT_OK
