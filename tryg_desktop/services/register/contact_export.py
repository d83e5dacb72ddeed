"""Exporting contacts to CSV (for Excel) or vCard 3.0 (for Outlook and phones).

Nothing is written when any contact's text looks like it holds a CPR number, and the file is
written whole or not at all (a temporary file next to it, then renamed over it), so an
export that fails never leaves half a file where the old one was.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.register import contact_csv, contact_vcard, contacts
from tryg_desktop.services.register.contact_formats import VCARD_SUFFIXES
from tryg_desktop.services.errors import CprFoundError, ServiceError
from tryg_desktop.services.files import write_atomically
from tryg_desktop.services.privacy import address_as_read, find_cpr_numbers, quoted

__all__ = ["ExportError", "PurposeMissingError", "export_file", "check_purpose",
           "may_export", "require_may_export"]

PURPOSE_MISSING = "Skriv formålet med udtrækket: det gemmes i adgangsloggen."
NOT_FOR_READERS = ("Rollen læser (tryg_laeser) må ikke eksportere registret. Bed en "
                   "koordinator eller administrator om udtrækket.")


class ExportError(ServiceError):
    """Unknown file type, or the file cannot be written."""


class PurposeMissingError(ServiceError):
    """A bulk export of the register needs its purpose (the access log keeps it)."""

    def __init__(self) -> None:
        super().__init__(PURPOSE_MISSING)


def may_export() -> bool:
    """Everyone but a reader (tryg_laeser) on the server; on SQLite the PC's user."""
    from tryg_desktop.db.server.roles import LAESER
    from tryg_desktop.services import db_health

    return not db_health.on_server() or db_health.role() != LAESER


def require_may_export() -> None:
    if not may_export():
        from tryg_desktop.services.data_protection.access_log import NotAllowedError

        raise NotAllowedError(NOT_FOR_READERS)


def check_purpose(purpose: str | None) -> str:
    """The purpose, trimmed; PurposeMissingError when it is empty."""
    purpose = " ".join((purpose or "").split())
    if not purpose:
        raise PurposeMissingError()
    return purpose


def export_file(path, flt: contacts.ContactFilter | None = None,
                purpose: str | None = None) -> int:
    """Write the contacts matching flt (default: all, active and inactive) to path, the format
    chosen by its extension (.csv, .vcf/.vcard), in Danish name order. Returns how many.

    `purpose`: why the register is exported; the GUI and the command line always ask for it
    (empty: PurposeMissingError), and the access log keeps it with the export. None is left
    for the callers that predate the access log (tests of the file formats)."""
    require_may_export()
    if purpose is not None:
        purpose = check_purpose(purpose)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        writer = contact_csv.write
    elif suffix in VCARD_SUFFIXES:
        writer = contact_vcard.write
    else:
        raise ExportError(
            f"Ukendt filtype {quoted(path.suffix or path.name)}. Vælg .csv (Excel) eller .vcf "
            f"(vCard).")
    # Always name order, whatever the list on screen is sorted by: an export of the same data
    # then gives the same file.
    flt = replace(flt or contacts.ContactFilter(), sort="name", descending=False)
    rows = list(contacts.iter_all(flt))
    check_cpr(rows)
    write_atomically(path, writer(rows))  # FileWriteError says why, in Danish
    kind = "CSV" if suffix == ".csv" else "vCard"
    search = f", søgning {quoted(flt.search.strip())}" if flt.search.strip() else ""
    access_log.record("export", contacts.ENTITY,
                      detail=f"Kontakter ({kind}): {len(rows)} kontakter{search}, {path.name}",
                      purpose=purpose or "")
    return len(rows)


def check_cpr(rows) -> None:
    """Raise CprFoundError naming every contact with text that reads as a CPR number."""
    found = [row.name for row in rows if any(find_cpr_numbers(text) for text in _texts(row))]
    if found:
        raise CprFoundError(found)


def _texts(row) -> list[str]:
    # The CSV cells cover every field, phones also as written ("98 31 31 31"); the raw E.164
    # numbers are what the vCard holds.
    return [*contact_csv.cells(row), row.phone, row.mobile, address_as_read(row.email)]


