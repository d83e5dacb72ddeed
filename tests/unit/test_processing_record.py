"""Fortegnelse over behandlinger (art. 30): services/data_protection/processing_record.py and its
PDF, on both databases: the categories with counts, the retention periods as configured (a
changed period shows), where the data lives, no personal data, the print logged, and on the
server only an administrator prints it."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat

import pytest

from tryg_desktop.services.data_protection import access_log, retention
from tryg_desktop.services.data_protection import processing_record as PR
from tryg_desktop.services.register import contacts as C


def pdf_text(path) -> str:
    from pypdf import PdfReader

    source = io.BytesIO(path) if isinstance(path, bytes) else str(path)
    return " ".join(" ".join(p.extract_text() for p in PdfReader(source).pages).split())


def seed() -> None:
    from tryg_desktop.db.models import Contact
    from tryg_desktop.services.meetings import meetings, participants

    staff = C.create(C.ContactInput(name="Søren Ærø Åberg", title="Gadeplanschef"))
    resident = C.create(C.ContactInput(name="Åse Ølgaard", is_private=True))
    C.create(C.ContactInput(name="Bo Berg", is_private=True))
    Contact.update(consent_given_on=dt.date(2026, 3, 1)).where(
        Contact.id == resident.id).execute()
    start = dt.datetime(2026, 11, 4, 14)
    meeting = meetings.create(meetings.MeetingInput(title="Dialogmøde Kildeparken",
                                                    starts_at=start,
                                                    ends_at=start + dt.timedelta(hours=2)))
    participants.add_contact(meeting.id, staff.id)
    participants.add_contact(meeting.id, resident.id)


def test_the_record_counts_categories_and_shows_the_configured_periods(db, db_path):
    seed()
    retention.set_period("access_log", 36)
    record = PR.gather()
    assert record.counts["staff"] == 1
    assert record.counts["residents"] == 2
    assert record.counts["residents_with_consent"] == 1
    assert record.counts["participants"] == 2
    periods = {p.kind: p for p in record.periods}
    assert periods["access_log"].months == 36 and periods["access_log"].period == \
        "36 måneder (3 år)"
    assert periods["minutes"].months is None
    text = pdf_text(PR.pdf_bytes(record))
    for heading in ("Fortegnelse over behandlinger", "Databeskyttelsesforordningens artikel 30",
                    "Formål", "Kategorier af registrerede", "Modtagere", "Slettefrister",
                    "Hvor oplysningerne opbevares", "sikkerhedsforanstaltninger",
                    "Side 1 af"):
        assert heading in text, heading
    for value in ("36 måneder (3 år)", "Adgangslog", "gemmes (arkivloven)",
                  "Beboere, der deltager i møderne", "Heraf 1 med samtykke",
                  "Drejebog, internt referat", "Kalenderinvitation (.ics)", "tryg_laeser",
                  "Referater", "æ", "ø", "å"):
        assert value in text, value
    # Counts, never the people themselves.
    for name in ("Søren", "Ølgaard", "Bo Berg", "Gadeplanschef", "Kildeparken"):
        assert name not in text, name


def test_where_the_data_lives(db, db_path):
    from tryg_desktop.db import is_server

    where, transport = PR.where_data_lives()
    if is_server():
        assert where.startswith("Den fælles PostgreSQL-database ") and " på " in where
        assert "TLS" in transport or "kryptering" in transport
        assert "postgres@" not in where  # no login in it
    else:
        assert where == f"SQLite-filen {db_path.resolve()} på brugerens computer"
        assert transport == ""
    # A long path may wrap anywhere in the PDF: compared without spaces.
    assert where.replace(" ", "") in pdf_text(PR.pdf_bytes(PR.gather())).replace(" ", "")


def test_write_is_private_and_logged(db, tmp_path):
    target = tmp_path / "fortegnelse.pdf"
    assert PR.write(target) == target
    assert stat.S_IMODE(os.stat(target).st_mode) & 0o077 == 0
    assert "Aalborg Kommune · Tryg Aalborg" in pdf_text(target)
    [entry] = access_log.entries(access_log.LogFilter(action="print"))
    assert (entry.detail, entry.record_type, entry.record_id) == ("Fortegnelse", "", None)


def test_the_suggested_name():
    assert PR.suggested_file_name(dt.date(2026, 12, 3)) == \
        "Fortegnelse over behandlinger 2026-12-03.pdf"


@pytest.mark.parametrize("role", ["koordinator", "referent"])
def test_only_an_administrator_prints_it_on_the_server(server_url, logins, role, tmp_path):
    from tests.support.server import as_login
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services import server_admin

    open_database(server_url)
    server_admin.init_server()
    login = logins(role)
    server_admin.add_user(login, role)
    close_database()
    open_database(as_login(server_url, login))
    try:
        with pytest.raises(access_log.NotAllowedError) as exc:
            PR.write(tmp_path / "f.pdf")
        assert "udskrive fortegnelsen over behandlinger" in exc.value.message
        assert not (tmp_path / "f.pdf").exists()
    finally:
        close_database()


def test_an_administrator_prints_it_on_the_server(server_url, logins, tmp_path):
    from tests.support.server import as_login
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services import server_admin

    open_database(server_url)
    server_admin.init_server()
    login = logins("admin")
    server_admin.add_user(login, "admin")
    close_database()
    open_database(as_login(server_url, login))
    try:
        PR.write(tmp_path / "f.pdf")
        assert "Den fælles PostgreSQL-database" in pdf_text(tmp_path / "f.pdf")
        [entry] = access_log.entries(access_log.LogFilter(action="print"))
        assert entry.user == login
    finally:
        close_database()
