"""What every printed document shares: the header line, and the CPR check of every text before
the PDF is built (the override recorded in the audit trail). The meeting documents
(meetings/printing.py), the Mødeplan and the statusrapport all end here."""

from __future__ import annotations

from tryg_desktop.db import database
from tryg_desktop.services.errors import CprFoundError
from tryg_desktop.services.privacy import find_cpr_numbers

# The default of settings.HEADER_ORGANISATION (services may not import the Qt settings; a test
# holds the two equal). The GUI passes the user's setting, the CLI reads it the same way.
DEFAULT_HEADER = "Aalborg Kommune · Tryg Aalborg"
CPR_OVERRIDE = "CPR-tilsidesættelse"  # the audit label when a document is printed anyway


def document_header(header: str | None) -> str:
    """The header line as given, on one line; the default when it is empty."""
    return " ".join((header or "").split()) or DEFAULT_HEADER



def render_checked(doc, allow_cpr: bool = False, name: str = "") -> bytes:
    """Check every recorded text for CPR numbers, then build the PDF. With allow_cpr the
    document is built all the same, and the override is recorded in the audit trail (where
    the numbers were, never the numbers themselves)."""
    where: list[str] = []
    for label, text in doc.texts:
        if label not in where and find_cpr_numbers(text):
            where.append(label)
    if where and not allow_cpr:
        raise CprFoundError(where)
    data = doc.render()
    if where:
        from tryg_desktop.services import audit

        with database.atomic():
            audit.record("document", 0, "update", CPR_OVERRIDE,
                         {"document": [None, name or doc.title], "where": [None, where]})
    return data
