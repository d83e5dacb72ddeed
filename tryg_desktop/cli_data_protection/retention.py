"""`privacy due [--json]` and `privacy purge --yes`: what has passed its retention period, and
deleting or anonymising it (services/data_protection/retention.py). Administrators only on a
server (the service refuses others with a Danish sentence)."""

from __future__ import annotations

import json
import sys

from tryg_desktop.cli_commands import EXIT_OK, _cell, _print_columns

BACKUPS_NOTE = ("Ældre sikkerhedskopier indeholder stadig de slettede oplysninger, til de selv "
                "slettes eller overskrives.")


def due(args) -> int:
    from tryg_desktop.services.data_protection import retention as R

    rows = R.due()
    if args.json:
        sys.stdout.write(json.dumps(R.due_json(rows), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    table = [[row.label, R.months_text(row.period_months),
              f"{row.cutoff:%d.%m.%Y}" if row.cutoff else "",
              str(row.count) if row.period_months is not None else "",
              row.status] for row in rows]
    _print_columns(["Slettefrist", "Periode", "Ældre end", "Antal", "Status"], table)
    for row in rows:
        if row.items:
            print(f"\n{row.label} ({row.count}):")
            for item in row.items:
                print(f"  {_record_type(item.record_type)} {item.record_id}: {_cell(item.label)}")
    total = sum(row.count for row in rows)
    if total:
        print(f"\nI alt {total} skal slettes eller anonymiseres. "
              "Kør »privacy purge --yes« for at gøre det.")
    else:
        print("\nIntet har passeret sin slettefrist.")
    return EXIT_OK


def _record_type(record_type: str) -> str:
    return {"contact": "kontakt", "episode": "hændelse"}.get(record_type, record_type)


def purge(args) -> int:
    from tryg_desktop.services.data_protection.retention_purge import purge as purge_due

    results = purge_due()
    for result in results:
        print(result.text)
    done = sum(result.count for result in results)
    failed = sum(len(result.failed) for result in results)
    if done:
        print(f"\nI alt {done} slettet eller anonymiseret. {BACKUPS_NOTE}")
    else:
        print("\nIntet havde passeret sin slettefrist; intet er slettet.")
    if failed:
        print(f"Fejl: {failed} kunne ikke slettes (se ovenfor).", file=sys.stderr)
        return 1
    return EXIT_OK
