"""What each headless command does (cli.py parses the arguments and turns errors into one
Danish line). Services are imported inside each command: a command loads only what it uses."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tryg_desktop.cli_values import UserError, output_file, parse_date, parse_id, parse_year
from tryg_desktop.services.privacy import quoted  # a refused value: CPR masked, cut short

EXIT_OK = 0
EXIT_DAMAGED = 3  # `check` found something wrong


SERVER_CHECKED = ("Forbindelsen til den fælles database virker. Selve databasens kontrol hører "
                  "til serveren (fx pg_amcheck), som IT står for.")


def _check(args) -> int:
    from tryg_desktop.services.db_health import check_database, on_server

    report = check_database()
    if report.ok and on_server():
        print(SERVER_CHECKED)  # SQLite's page, link and index checks have no server twin here
        return EXIT_OK
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_DAMAGED


def _demo(args) -> int:
    from tryg_desktop.services.db_health import require_healthy
    from tryg_desktop.services.demo.demo import load_demo

    require_healthy()  # never write into a damaged file
    print(load_demo().summary())
    return EXIT_OK


def _contacts(args) -> int:
    return {"import": _contacts_import, "export": _contacts_export,
            "list": _contacts_list}[args.contacts_command](args)


def _contacts_import(args) -> int:
    from tryg_desktop.services.register.contact_import import import_file
    from tryg_desktop.services.db_health import require_healthy

    require_healthy()  # never write into a damaged file

    path = Path(args.file)
    # Rejected rows are reported in the summary; the command still succeeded in reading the file.
    print(import_file(path).summary())
    return EXIT_OK


def _contacts_export(args) -> int:
    from tryg_desktop.services.register.contact_export import export_file

    # Refused before anything is written: a target that cannot be written, an export without
    # its purpose (--purpose TEKST, kept in the access log); a reader (tryg_laeser) on the
    # server is refused by export_file itself.
    target = output_file(args.file, args.force)
    purpose = " ".join((getattr(args, "purpose", None) or "").split())
    if not purpose:
        raise UserError("Angiv formålet med udtrækket med --purpose TEKST (det gemmes i "
                        "adgangsloggen).")
    count = export_file(target, purpose=purpose)
    print(f"Eksporterede {count} {'kontakt' if count == 1 else 'kontakter'} til {args.file}")
    return EXIT_OK


def _contacts_list(args) -> int:
    from tryg_desktop.services.register import contacts

    rows = contacts.iter_all(contacts.ContactFilter(search=args.search or ""))
    if args.json:
        _write_json(rows)
    else:
        _write_table(list(rows), args.search)
    return EXIT_OK


def _backup(args) -> int:
    from tryg_desktop.db import is_server
    from tryg_desktop.services.backup import check_target, make_backup

    if is_server():
        return _server_backup(args)
    check_target(args.file)  # onto the open database: no --force makes that right
    print(make_backup(output_file(args.file, args.force)).summary())
    return EXIT_OK


# --- the team's server (issue 12) -------------------------------------------------------------

def _server_backup(args) -> int:
    """The server's data as a portable SQLite file (the SQLite path above is unchanged)."""
    from tryg_desktop.services import server_admin

    from tryg_desktop.services.data_protection import access_log

    result = server_admin.backup(output_file(args.file, args.force))
    access_log.server_backup_taken(result.path)
    print(result.table())
    print(f"\nSikkerhedskopi af den fælles database gemt: {result.path} "
          f"({result.rows} rækker i {len(result.tables)} tabeller, antal kontrolleret)")
    return EXIT_OK


def _meetings(args) -> int:
    return {"list": _meetings_list, "ics": _meetings_ics}[args.meetings_command](args)


def _meetings_list(args) -> int:
    from tryg_desktop.services.meetings import meetings

    flt = meetings.MeetingFilter(when="all", search=args.search or "")
    rows, page = [], 500
    while True:  # every meeting, past and upcoming, by start time
        batch = meetings.fetch(flt, len(rows), page)
        rows += batch
        if len(batch) < page:
            break
    if args.json:
        _write_json_lines([meeting_json(row) for row in rows])
    elif not rows:
        print(_nothing_found("møder", args.search))
    else:
        header = ["Start", "Titel", "Mødeforum", "Sted", "Status"]
        table = [[f"{r.starts_at:%d.%m.%Y} kl. {r.starts_at:%H.%M}", _cell(r.title),
                  _cell(r.forum_name), _cell(r.location), r.status_label] for r in rows]
        _print_columns(header, table)
        print(f"\n{len(rows)} {'møde' if len(rows) == 1 else 'møder'}.")
    return EXIT_OK


def meeting_json(row) -> dict:
    """One meeting as the JSON listing shows it; times in ISO 8601, Danish local time with
    its UTC offset ("2026-12-03T14:00:00+01:00")."""
    from tryg_desktop.services.meetings.calendar_invite import localize

    return {"id": row.id, "title": row.title, "forum": row.forum_name or None,
            "forum_id": row.forum_id, "kind": row.kind,
            "start": localize(row.starts_at).isoformat(), "end": localize(row.ends_at).isoformat(),
            "location": row.location, "status": row.status, "chair": row.chair_name or None,
            "case_number": row.case_number or None,
            "ics_uid": row.ics_uid, "ics_sequence": row.ics_sequence}


def _meetings_ics(args) -> int:
    from tryg_desktop.services.meetings.calendar_invite import write_ics

    meeting_id = _meeting_id(args)
    settings = _settings()
    path = write_ics(meeting_id, output_file(args.file, args.force),
                     organizer_name=settings.get(settings_module().ORGANIZER_NAME),
                     organizer_email=settings.get(settings_module().ORGANIZER_EMAIL))
    print(f"Kalenderinvitation gemt: {path}")
    return EXIT_OK


def _meeting_id(args) -> int:
    return parse_id(args.meeting_id, "Mødets")


def _actions(args) -> int:
    from tryg_desktop.services.meetings import actions
    from tryg_desktop.services.meetings.printing import _all_actions

    if args.actions_command == "export":
        return _actions_export(args)
    # Every action, by deadline
    rows = _all_actions(actions.ActionFilter(search=args.search or ""))
    if args.json:
        _write_json_lines([action_json(row) for row in rows])
    elif not rows:
        print(_nothing_found("handlinger", args.search))
    else:
        header = ["Frist", "Handling", "Ansvarlig", "Organisation", "Status"]
        table = [[f"{r.due:%d.%m.%Y}" if r.due else "", _cell(r.title), _cell(r.responsible_name),
                  _cell(r.organisation_name), r.status_label] for r in rows]
        _print_columns(header, table)
        print(f"\n{len(rows)} {'handling' if len(rows) == 1 else 'handlinger'}.")
    return EXIT_OK


def _actions_export(args) -> int:
    from tryg_desktop import cli_excel
    from tryg_desktop.services.meetings import action_export, actions, forums

    # The filters of `actions list` and the printed list: the file holds what they would show.
    flt = actions.ActionFilter(forum_id=parse_id(args.forum, "Mødeforummets"),
                               search=args.search or "", overdue_only=args.overdue)
    if flt.forum_id is not None:
        forums.get(flt.forum_id)  # an unknown forum: one Danish line, not an empty file
    if cli_excel.is_xlsx(args.file):
        return cli_excel.actions_xlsx(args, flt)
    path = output_file(str(Path(args.file).with_suffix(".csv")), args.force)
    count = action_export.write_csv(path, flt, full=args.full, allow_cpr=args.allow_cpr)
    what = "handling" if count == 1 else "handlinger"
    print(f"{count} {what} gemt{' (intern udgave)' if args.full else ''}: {path}")
    return EXIT_OK


def action_json(row) -> dict:
    """One action as the JSON listing shows it; the deadline as an ISO date (or null)."""
    return {"id": row.id, "title": row.title, "responsible": row.responsible_name or None,
            "organisation": row.organisation_name or None,
            "due": row.due.isoformat() if row.due else None, "status": row.status,
            "meeting_id": row.meeting_id, "meeting": row.meeting_title or None,
            "forum_id": row.forum_id, "forum": row.forum_name or None}


def _print(args) -> int:
    from tryg_desktop.services.meetings import printing

    if args.print_command == "report":
        return _print_report(args)
    if args.print_command == "meeting-plan":
        return _print_meeting_plan(args)
    header = _document_header()
    if args.print_command == "actions":
        forum_id = parse_id(args.forum, "Mødeforummets")
        path = printing.actions_pdf(output_file(args.file, args.force), forum_id=forum_id,
                                    overdue_only=args.overdue, header=header,
                                    allow_cpr=args.allow_cpr, full=args.full)
        print(f"Handlingsliste{' (intern udgave)' if args.full else ''} gemt: {path}")
        return EXIT_OK
    meeting_id = _meeting_id(args)
    target = output_file(args.file, args.force)
    if args.print_command == "minutes":
        path = printing.minutes_pdf(meeting_id, target, header=header, full=args.full,
                                    allow_cpr=args.allow_cpr)
        what = "Referat"
    elif args.print_command == "agenda":
        path = printing.agenda_pdf(meeting_id, target, runsheet=args.runsheet,
                                   header=header, allow_cpr=args.allow_cpr)
        what = "Drejebog" if args.runsheet else "Dagsorden"
    else:
        path = printing.attendance_pdf(meeting_id, target, header=header,
                                       allow_cpr=args.allow_cpr)
        what = "Fremmødeliste"
    print(f"{what} gemt: {path}")
    return EXIT_OK


# --- forums: planning by the calendar and the Mødeplan ----------------------------------------

def _forums(args) -> int:
    from tryg_desktop.services.meetings import forums

    forum_id = parse_id(args.forum_id, "Mødeforummets")
    until = parse_date(args.until, "Slutdatoen")
    proposals = forums.plan_until(forum_id, until)
    created = forums.create_planned(forum_id, [p.date for p in proposals])
    if args.json:  # meetings.create returns each as it was read back
        _write_json_lines([meeting_json(row) for row in created])
        return EXIT_OK
    from tryg_desktop import l10n

    for proposal, row in zip(proposals, created):
        line = (f"{row.id:>5}  {l10n.format_date(row.starts_at.date(), 'full')} "
                f"kl. {l10n.format_time(row.starts_at)}")
        print(f"{line}  ({proposal.reason})" if proposal.reason else line)
    count = len(created)
    print(f"\n{count} {'møde' if count == 1 else 'møder'} oprettet for {created[0].forum_name}.")
    return EXIT_OK


def _print_meeting_plan(args) -> int:
    from tryg_desktop.services.meetings import meeting_plan_printing

    year, forum_id = parse_year(args.year), parse_id(args.forum, "Mødeforummets")
    path = meeting_plan_printing.meeting_plan_pdf(
        output_file(args.file, args.force), year, forum_id, header=_document_header())
    print(f"Mødeplan gemt: {path}")
    return EXIT_OK


# --- status report, places and efforts --------------------------------------------------------

def _period_and_scope(args):
    """(start, end, scope) from --from, --to, --place and --effort, checked: a period that ends
    before it begins, or a place or effort that does not exist, is a Danish error."""
    from tryg_desktop.services.safety import statistics

    start, end = parse_date(args.start, "Startdatoen"), parse_date(args.end, "Slutdatoen")
    statistics.check_period(start, end)
    scope = statistics.Scope(place_id=parse_id(args.place, "Stedets"),
                             effort_id=parse_id(args.effort, "Indsatsens"))
    statistics.check_scope(scope)
    return start, end, scope


def _print_report(args) -> int:
    from tryg_desktop.services.safety import report_printing

    start, end, scope = _period_and_scope(args)
    path = report_printing.print_status_report(output_file(args.file, args.force), start, end,
                                               scope,
                                               header=_document_header(),
                                               allow_cpr=args.allow_cpr)
    print(f"Statusrapport gemt: {path}")
    return EXIT_OK


def _report(args) -> int:
    from tryg_desktop.services.safety import report_printing

    start, end, scope = _period_and_scope(args)
    if args.report_command == "xlsx":
        from tryg_desktop import cli_excel

        return cli_excel.report_xlsx(args, start, end, scope)
    count = report_printing.write_monthly_csv(output_file(args.file, args.force), start, end,
                                              scope)
    print(f"Månedstal gemt: {args.file} ({count} {'måned' if count == 1 else 'måneder'})")
    return EXIT_OK


def _write_json_lines(items: list[dict]) -> None:
    """A JSON array, one item a line: readable, and still one document for scripts."""
    lines = [json.dumps(item, ensure_ascii=False) for item in items]
    sys.stdout.write("[\n  " + ",\n  ".join(lines) + "\n]\n" if lines else "[]\n")


def _places(args) -> int:
    import datetime as dt

    from tryg_desktop.services.safety import places, statistics
    from tryg_desktop.services.safety.safety_terms import PLACE_KIND_LABELS

    since = statistics.last_12_months(dt.date.today())[0]
    rows = places.list_places(active=None, episodes_since=since)
    if args.json:
        _write_json_lines([place_json(row) for row in rows])
    elif not rows:
        print("Der er ingen steder i databasen.")
    else:
        header = ["Id", "Navn", "Bydel", "Type", "Hændelser (12 mdr.)", "Status"]
        table = [[str(r.id), _cell(r.name), _cell(r.district),
                  PLACE_KIND_LABELS.get(r.kind, r.kind), str(r.episodes_12m or 0),
                  "aktiv" if r.active else "inaktiv"] for r in rows]
        _print_columns(header, table)
        print(f"\n{len(rows)} {'sted' if len(rows) == 1 else 'steder'}.")
    return EXIT_OK


def place_json(row) -> dict:
    """One place as the JSON listing shows it; episodes counted over the last twelve months."""
    return {"id": row.id, "name": row.name, "district": row.district, "kind": row.kind,
            "latitude": row.latitude, "longitude": row.longitude, "active": row.active,
            "episodes_last_12_months": row.episodes_12m or 0}


def _efforts(args) -> int:
    from tryg_desktop.services.safety import efforts

    rows = sorted(efforts.list_efforts(), key=lambda r: r.starts_on)  # stable: Danish titles
    if args.json:
        _write_json_lines([effort_json(row) for row in rows])
    elif not rows:
        print("Der er ingen indsatser i databasen.")
    else:
        header = ["Id", "Titel", "Spor", "Start", "Slut", "Status", "Steder"]
        table = [[str(r.id), _cell(r.title), r.strand_label, f"{r.starts_on:%d.%m.%Y}",
                  f"{r.ends_on:%d.%m.%Y}" if r.ends_on else "", r.status_label,
                  _cell(r.places_text)] for r in rows]
        _print_columns(header, table)
        print(f"\n{len(rows)} {'indsats' if len(rows) == 1 else 'indsatser'}.")
    return EXIT_OK


def effort_json(row) -> dict:
    """One effort as the JSON listing shows it; dates as ISO dates (the end may be null)."""
    return {"id": row.id, "title": row.title, "strand": row.strand, "status": row.status,
            "starts_on": row.starts_on.isoformat(),
            "ends_on": row.ends_on.isoformat() if row.ends_on else None,
            "places": [{"id": i, "name": n} for i, n in zip(row.place_ids, row.place_names)],
            "organisations": list(row.organisation_names),
            "coordinator": row.coordinator_name or None}


def settings_module():
    from tryg_desktop import settings

    return settings


def _settings():
    """The user's settings, as the GUI reads them (QSettings; no display needed)."""
    from tryg_desktop import paths

    paths.set_application_names()
    return settings_module().Settings()


def _document_header() -> str:
    """The organisation name for document headers: the user's setting (as in the GUI)."""
    return _settings().get(settings_module().HEADER_ORGANISATION)


# --- output -----------------------------------------------------------------------------------

def contact_json(row) -> dict:
    """One contact as the JSON listing shows it; phones in E.164. Notes are left out."""
    return {"id": row.id, "name": row.name, "title": row.title,
            "organisation": row.organisation_name or None,
            "organisation_id": row.organisation_id, "email": row.email, "phone": row.phone,
            "mobile": row.mobile, "active": row.active, "is_private": row.is_private}


def _write_json(rows) -> None:
    # Streamed a contact at a time: the register may hold many thousands.
    out = sys.stdout
    first = True
    for row in rows:
        out.write("[\n  " if first else ",\n  ")
        out.write(json.dumps(contact_json(row), ensure_ascii=False))
        first = False
    out.write("[]\n" if first else "\n]\n")


_TABLE_MAX_WIDTH = 34


def _cell(text: str) -> str:
    return text if len(text) <= _TABLE_MAX_WIDTH else text[:_TABLE_MAX_WIDTH - 1] + "…"


def _nothing_found(what: str, search: str | None) -> str:
    """The line an empty list prints: with --search, what matched nothing."""
    if search:
        return f"Ingen {what} matcher {quoted(search)}."
    return f"Der er ingen {what} i databasen."


def _write_table(rows: list, search: str | None = None) -> None:
    from tryg_desktop.l10n import format_phone

    if not rows:
        print(_nothing_found("kontakter", search))
        return
    header = ["Navn", "Organisation", "Titel", "Telefon", "E-mail", "Status"]
    lines = [[_cell(r.name), _cell("(privatperson)" if r.is_private else r.organisation_name),
              _cell(r.title), format_phone(r.phone or r.mobile), _cell(r.email),
              "aktiv" if r.active else "inaktiv"] for r in rows]
    _print_columns(header, lines)
    inactive = sum(1 for r in rows if not r.active)
    noun = "kontakt" if len(rows) == 1 else "kontakter"
    print(f"\n{len(rows)} {noun}, heraf {inactive} inaktive.")


def _print_columns(header: list[str], rows: list[list[str]]) -> None:
    """A plain text table: columns as wide as their widest cell, a rule under the heading."""
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    for line in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip())


HANDLERS = {"check": _check, "meetings": _meetings, "demo": _demo, "contacts": _contacts,
            "backup": _backup, "print": _print, "actions": _actions, "report": _report,
            "places": _places, "efforts": _efforts, "forums": _forums}
