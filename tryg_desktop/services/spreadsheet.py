"""What every Excel file the app writes shares with the PDFs (services/pdf.py): every text is
checked for CPR numbers before a byte is made, and writing one anyway is the user's explicit
choice, recorded in the audit trail (where, never the number). reports/xlsx.py lays the sheets
out; the status report's figures, the actions and the episodes all end here."""

from __future__ import annotations

from tryg_desktop.db import database
from tryg_desktop.reports.xlsx import Sheet, workbook_bytes
from tryg_desktop.services.errors import CprFoundError
from tryg_desktop.services.privacy import find_cpr_numbers


def checked_workbook(sheets: list[Sheet], name: str, allow_cpr: bool = False) -> bytes:
    """The .xlsx bytes of the sheets. Raises CprFoundError naming where a text looks like it
    holds a CPR number, unless allow_cpr; then the override is in the audit trail."""
    where: list[str] = []
    for sheet in sheets:
        for label, text in sheet.texts():
            if label not in where and find_cpr_numbers(text):
                where.append(label)
    if where and not allow_cpr:
        raise CprFoundError(where)
    data = workbook_bytes(sheets, title=name)
    if where:
        from tryg_desktop.services import audit
        from tryg_desktop.services.pdf import CPR_OVERRIDE

        with database.atomic():
            audit.record("document", 0, "update", CPR_OVERRIDE,
                         {"document": [None, name], "where": [None, where]})
    return data
