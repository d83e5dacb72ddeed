"""The "Historik" tab: the audit trail of one record, newest first."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from tryg_desktop import l10n
from tryg_desktop.services import audit


PHONE_FIELDS = {"phone", "mobile"}  # stored as E.164 ("+4598148012")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _show(field: str, value) -> str:
    """A stored value the one Danish way the rest of the app writes it: "98 14 80 12",
    "03.12.2026", "Ja"."""
    if value is None or value == "":
        return "(tom)"
    if value is True:
        return "Ja"
    if value is False:
        return "Nej"
    if field in PHONE_FIELDS:
        return l10n.format_phone(str(value))
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return l10n.format_date(dt.date.fromisoformat(value), "short")
    return str(value)


def _local(at: dt.datetime) -> str:
    return l10n.format_datetime(at.replace(tzinfo=dt.timezone.utc).astimezone())


class HistoryView(QTreeWidget):
    def __init__(self, entity: str, field_labels: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self._entity = entity
        self._labels = field_labels
        self.setAccessibleName("Historik")
        self.setHeaderLabels(["Tidspunkt", "Bruger", "Handling", "Ændring"])
        self.setRootIsDecorated(True)
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def load(self, record_id: int | None) -> None:
        self.clear()
        if record_id is None:
            return
        for entry in audit.history(self._entity, record_id):
            changes = [f"{self._labels.get(field, field)}: {_show(field, old)} → "
                       f"{_show(field, new)}"
                       for field, (old, new) in entry.changes.items()]
            summary = changes[0] if len(changes) == 1 else f"{len(changes)} felter"
            item = QTreeWidgetItem([_local(entry.at), entry.shown_user, entry.action_label, summary])
            if len(changes) > 1:
                for change in changes:
                    item.addChild(QTreeWidgetItem(["", "", "", change]))
            self.addTopLevelItem(item)
        self.expandAll()
        for column in range(3):
            self.resizeColumnToContents(column)
