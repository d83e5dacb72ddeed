"""The command line's safety measures (issue 15, point 9):

    main.py measures import FIL.csv
    main.py measures list [--place ID] [--json]

The import reads the file described in services/safety/measures_import.py, all or nothing;
a refused line is named with its number on the one error line. cli.py adds the commands
(add_commands) and runs them (run), as it does cli_excel's."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tryg_desktop.cli_values import parse_id

EXIT_OK = 0


def add_commands(commands, common) -> None:
    measures = commands.add_parser(
        "measures", parents=[common],
        help="tryghedsmålinger: undersøgelser og tryghedsvandringer")
    sub = measures.add_subparsers(dest="measures_command", title="kommandoer",
                                  metavar="KOMMANDO", required=True)
    importer = sub.add_parser(
        "import", parents=[common], help="importér tryghedsmålinger fra en CSV-fil",
        description="Læser en CSV-fil (UTF-8 eller Windows-1252, semikolon eller komma) med "
                    "overskrifterne "
                    "type;sted;bydel;fra;til;kilde;andel_trygge;besvarelser;fund. Alt eller "
                    "intet: er en linje forkert, importeres intet.")
    importer.add_argument("file", metavar="FIL", help="CSV-filen der skal importeres")
    lister = sub.add_parser("list", parents=[common],
                            help="vis tryghedsmålingerne, nyeste først")
    lister.add_argument("--place", metavar="ID",
                        help="kun dette steds og dets bydels målinger (se places list)")
    lister.add_argument("--json", action="store_true", help="skriv listen som JSON (UTF-8)")


def run(args) -> int:
    if args.measures_command == "import":
        return import_file(args.file)
    return list_measures(args.place, args.json)


def import_file(name: str) -> int:
    """(cli.py has checked that the file exists before opening the database.)"""
    from tryg_desktop.services.safety import measures_import

    result = measures_import.import_file(Path(name))  # MeasureImportError: one Danish line
    print(result.summary)
    return EXIT_OK


def measure_json(row) -> dict:
    return {"id": row.id, "kind": row.kind, "place_id": row.place_id,
            "place": row.place_name or None, "district": row.district or None,
            "period_start": row.period_start.isoformat(),
            "period_end": row.period_end.isoformat(), "source": row.source,
            "share_safe_percent": row.value, "respondents": row.respondents,
            "findings": row.findings, "change_points": row.change_points}


def list_measures(place: str | None, as_json: bool) -> int:
    from tryg_desktop.services.safety import measures, places

    place_id = parse_id(place, "Stedets")
    if place_id is not None:
        places.get(place_id)  # NotFoundError: "Stedet findes ikke (id …)."
    rows = measures.all_measures(place_id)
    if as_json:
        lines = [json.dumps(measure_json(r), ensure_ascii=False) for r in rows]
        sys.stdout.write("[\n  " + ",\n  ".join(lines) + "\n]\n" if lines else "[]\n")
        return EXIT_OK
    if not rows:
        print("Der er ingen tryghedsmålinger.")
        return EXIT_OK
    header = ["Id", "Periode", "Type", "Hvor", "Kilde", "Resultat", "Ændring"]
    table = [[str(r.id), r.period_text, r.kind_label, r.where, _cell(r.source),
              _cell(r.result_text), r.change_text] for r in rows]
    widths = [max(len(line[i]) for line in [header, *table]) for i in range(len(header))]
    for line in [header, ["-" * w for w in widths], *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip())
    print(f"\n{len(rows)} {'måling' if len(rows) == 1 else 'målinger'}.")
    return EXIT_OK


def _cell(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
