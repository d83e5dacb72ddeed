"""`main.py privacy request KONTAKT_ID FIL.pdf [--json FIL.json] [--force]`: indsigt (GDPR
art. 15) for one contact, as a PDF and optionally JSON, for an administrator (tryg_admin on the
server; on a SQLite file, the PC's user). Files that exist are refused without --force."""

from __future__ import annotations

from pathlib import Path

from tryg_desktop.cli_values import UserError, output_file, parse_id


def request(args) -> int:
    from tryg_desktop.cli_commands import _document_header
    from tryg_desktop.services.data_protection import access_log, access_request

    access_log.require_admin(access_request.WHAT)  # before any file is looked at
    contact_id = parse_id(args.contact_id, "Kontaktens")
    pdf = output_file(args.file, args.force)
    json_file = output_file(args.json, args.force) if args.json else None
    if json_file is not None and Path(json_file).resolve() == Path(pdf).resolve():
        raise UserError("PDF-filen og JSON-filen skal have hver sit navn.")
    written = access_request.write(contact_id, pdf, json_file, header=_document_header())
    report = written.report
    print(f"Indsigt for {report.name} (kontakt {contact_id}) gemt: {written.pdf}")
    if written.json is not None:
        print(f"Det samme som JSON: {written.json}")
    if report.mentions:
        count = len(report.mentions)
        print(f"{count} {'omtale' if count == 1 else 'omtaler'} i fritekst er med til "
              "gennemsyn: gennemgå dem, før indsigten udleveres.")
    return 0
