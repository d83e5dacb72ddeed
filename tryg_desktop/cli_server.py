"""The command line's `server` commands: setting up the team's PostgreSQL database (`server
init | add-user | users | upload`). The server branch of `backup` is with the other backup in
cli_commands.py; the use cases are services/server_admin.py."""

from __future__ import annotations

from tryg_desktop.cli_commands import EXIT_OK, _cell, _print_columns, _write_json_lines
from tryg_desktop.cli_values import parse_id


def add_commands(commands, common) -> None:
    """`server init | add-user | users | upload`: setting up the team's PostgreSQL database."""
    server = commands.add_parser(
        "server", parents=[common], help="opsæt den fælles database på PostgreSQL-serveren",
        description="Opsætning af den fælles database (kræver --server URL eller TRYG_SERVER): "
                    "skema og roller, brugere og deres roller, og en lokal database lagt op.")
    sub = server.add_subparsers(dest="server_command", title="kommandoer", metavar="KOMMANDO",
                                required=True)
    sub.add_parser(
        "init", parents=[common], help="opret skema, udvidelser og de fire roller",
        description="Opdaterer skemaet (med udvidelsen pg_trgm) og opretter rollerne "
                    "tryg_admin, tryg_koordinator, tryg_referent og tryg_laeser med deres "
                    "rettigheder og rækkesikkerheden for lukkede punkter. Kræver en login, der "
                    "må oprette roller. Kan køres igen (fx efter en opdatering af programmet).")
    add_user = sub.add_parser(
        "add-user", parents=[common], help="opret en login og giv den én rolle",
        description="Opretter login (uden adgangskode, medmindre --password-prompt) hvis den "
                    "mangler, og giver den netop den ene rolle. --contact knytter login til en "
                    "kontakt, så historikken viser navnet, og så mødeleder og referent kan se "
                    "deres egne mødes lukkede punkter.")
    add_user.add_argument("login", metavar="LOGIN", help="loginnavnet på serveren")
    add_user.add_argument("--role", metavar="ROLLE", required=True,
                          help="admin, koordinator, referent eller laeser")
    add_user.add_argument("--contact", metavar="ID", help="kontaktens id (se contacts list)")
    add_user.add_argument("--password-prompt", action="store_true",
                          help="spørg efter en adgangskode til login (ellers ingen)")
    users = sub.add_parser("users", parents=[common], help="vis brugerne og deres roller")
    users.add_argument("--json", action="store_true", help="skriv listen som JSON (UTF-8)")
    upload = sub.add_parser(
        "upload", parents=[common], help="læg en lokal database op i en tom fælles database",
        description="Kopierer en lokal databasefil med historik ind i en tom fælles database "
                    "i én transaktion, tabel for tabel med de samme id'er, og viser antallet "
                    "af rækker pr. tabel. En fælles database med data afvises.")
    upload.add_argument("file", metavar="FIL", help="den lokale databasefil (.sqlite3)")


def run(args) -> int:
    return {"init": _server_init, "add-user": _server_add_user, "users": _server_users,
            "upload": _server_upload}[args.server_command](args)


def _server_init(args) -> int:
    from tryg_desktop.services import server_admin

    print(server_admin.init_server().summary())
    return EXIT_OK


def _server_add_user(args) -> int:
    from tryg_desktop.services import server_admin

    role = server_admin.parse_role(args.role)  # a wrong role before any prompt
    contact_id = parse_id(args.contact, "Kontaktens")
    password = _ask_password(args.login) if args.password_prompt else None
    print(server_admin.add_user(args.login, role, contact_id, password).summary())
    return EXIT_OK


def _ask_password(login: str) -> str:
    import getpass

    from tryg_desktop.cli_values import UserError

    first = getpass.getpass(f"Adgangskode til {login}: ")
    if getpass.getpass("Gentag adgangskoden: ") != first:
        raise UserError("De to adgangskoder er ikke ens; intet er ændret.")
    return first


def _server_users(args) -> int:
    from tryg_desktop.services import server_admin

    rows = server_admin.list_users()
    if args.json:
        _write_json_lines([{"login": r.login, "role": r.role, "contact_id": r.contact_id,
                            "contact": r.contact_name} for r in rows])
    elif not rows:
        print("Ingen brugere har en Tryg Desktop-rolle endnu (se server add-user).")
    else:
        _print_columns(["Login", "Rolle", "Kontakt"],
                       [[r.login, r.role, _cell(r.contact_name or "")] for r in rows])
        print(f"\n{len(rows)} {'bruger' if len(rows) == 1 else 'brugere'}.")
    return EXIT_OK


def _server_upload(args) -> int:
    from tryg_desktop.services import server_admin

    result = server_admin.upload(args.file)
    print(result.table())
    print(f"\n{result.path} er lagt op: {result.rows} rækker i {len(result.tables)} tabeller, "
          "antal kontrolleret.")
    return EXIT_OK
