"""The "Historik" tab: the audit trail of one record, newest first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from tryg_desktop import l10n
from tryg_desktop.services import audit
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.table_columns import fit_columns


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
        # The change stretches; a long one is elided with its full text as the tooltip.
        fit_columns(self, stretch=3, samples={0: fit.DATE_TIME})

    def load(self, record_id: int | None) -> None:
        self.clear()
        if record_id is None:
            return
        for entry in audit.history(self._entity, record_id):
            changes = [f"{self._labels.get(field, field)}: {audit.value_text(field, old)} → "
                       f"{audit.value_text(field, new)}"
                       for field, (old, new) in entry.changes.items()]
            summary = changes[0] if len(changes) == 1 else f"{len(changes)} felter"
            item = QTreeWidgetItem([_local(entry.at), entry.shown_user, entry.action_label, summary])
            if len(changes) > 1:
                for change in changes:
                    item.addChild(QTreeWidgetItem(["", "", "", change]))
            self.addTopLevelItem(item)
        self.expandAll()
