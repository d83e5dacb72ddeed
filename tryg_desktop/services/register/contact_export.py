"""Exporting contacts to CSV (for Excel) or vCard 3.0 (for Outlook and phones).

Nothing is written when any contact's text looks like it holds a CPR number, and the file is
written whole or not at all (a temporary file next to it, then renamed over it), so an
export that fails never leaves half a file where the old one was.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tryg_desktop.services.register import contact_csv, contact_vcard, contacts
from tryg_desktop.services.register.contact_formats import VCARD_SUFFIXES
from tryg_desktop.services.errors import CprFoundError, ServiceError
from tryg_desktop.services.files import write_atomically
from tryg_desktop.services.privacy import address_as_read, find_cpr_numbers, quoted

__all__ = ["ExportError", "export_file"]


class ExportError(ServiceError):
    """Unknown file type, or the file cannot be written."""


def export_file(path, flt: contacts.ContactFilter | None = None) -> int:
    """Write the contacts matching flt (default: all, active and inactive) to path, the format
    chosen by its extension (.csv, .vcf/.vcard), in Danish name order. Returns how many."""
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


