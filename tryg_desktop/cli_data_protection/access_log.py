"""`main.py access-log list [--from DATO] [--to DATO] [--contact ID] [--user LOGIN] [--json]`:
the access log, newest first, for an administrator (tryg_admin on the server; on a SQLite
file, the PC's user). JSON: one object per entry (`at` in UTC, ISO 8601 with "Z"); without
--json a Danish table in local time."""

from __future__ import annotations

import json
import sys

from tryg_desktop.cli_values import UserError, parse_date, parse_id

_WIDTH = {"user": 20, "record": 34, "detail": 50, "purpose": 40}


def list_entries(args) -> int:
    from tryg_desktop.services.data_protection import access_log

    access_log.require_admin("læse adgangsloggen")
    first = parse_date(args.since, "Fra-datoen") if args.since else None
    last = parse_date(args.until, "Til-datoen") if args.until else None
    if first is not None and last is not None and last < first:
        raise UserError("Perioden slutter før den begynder (--to ligger før --from).")
    since, until = access_log.day_range(first, last)
    contact_id = parse_id(args.contact, "Kontaktens")
    where = access_log.LogFilter(
        since=since, until=until, user=(args.user or "").strip(),
        record_type="contact" if contact_id is not None else "", record_id=contact_id)
    rows = access_log.iter_entries(where)
    if args.json:
        _write_json(rows)
    else:
        _write_table(rows)
    return 0


def _write_json(rows) -> None:
    """A JSON array, one entry a line, streamed: the log may be long."""
    out = sys.stdout
    first = True
    for row in rows:
        out.write("[\n  " if first else ",\n  ")
        out.write(json.dumps(row.as_json(), ensure_ascii=False))
        first = False
    out.write("[]\n" if first else "\n]\n")


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _write_table(rows) -> None:
    from tryg_desktop.services.data_protection import access_log

    header = ["Tidspunkt", "Bruger", "Handling", "Post", "Detaljer", "Formål"]
    lines: list[list[str]] = []
    batch: list = []

    def add(batch: list) -> None:
        for r in access_log.named(batch):
            lines.append([r.at_text, _cut(r.user, _WIDTH["user"]), r.action_label,
                          _cut(r.record_label, _WIDTH["record"]),
                          _cut(r.detail, _WIDTH["detail"]), _cut(r.purpose, _WIDTH["purpose"])])

    for row in rows:
        batch.append(row)
        if len(batch) == 500:
            add(batch)
            batch = []
    add(batch)
    if not lines:
        print("Adgangsloggen har ingen indgange, der passer.")
        return
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    for line in [header, ["-" * w for w in widths], *lines]:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip())
    print(f"\n{len(lines)} {'indgang' if len(lines) == 1 else 'indgange'}, nyeste først. "
          "Tidspunkter i dansk tid.")
