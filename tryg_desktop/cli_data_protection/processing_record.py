"""`main.py privacy record FIL.pdf [--force]`: the record of processing (fortegnelse over
behandlinger, GDPR art. 30) as a PDF, for an administrator on a server (on a SQLite file the
PC's user). An existing file is refused without --force."""

from __future__ import annotations

from tryg_desktop.cli_values import output_file


def record(args) -> int:
    from tryg_desktop.cli_commands import _document_header
    from tryg_desktop.services.data_protection import access_log, processing_record

    access_log.require_admin(processing_record.WHAT)
    path = processing_record.write(output_file(args.file, args.force),
                                   header=_document_header())
    print(f"Fortegnelse over behandlinger gemt: {path}")
    return 0
