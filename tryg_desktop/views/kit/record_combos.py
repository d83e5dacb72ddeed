"""The record drop-downs every editor shares: the place (Sted) and effort (Indsats) of a forum,
meeting or action, each a list of records after a "none" line."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from tryg_desktop.services.safety import efforts, places

NO_PLACE = "(intet sted)"
NO_EFFORT = "(ingen indsats)"


def record_combo(name: str, none_text: str, choices, current_id: int | None = None,
                 current_name: str = "") -> QComboBox:
    """A drop-down of (id, text) choices after a "none" line, with current_id selected. The
    place and effort drop-downs of the editors are both this."""
    combo = QComboBox(accessibleName=name)
    combo.addItem(none_text, None)
    for record_id, text in choices:
        combo.addItem(text, record_id)
    set_combo_id(combo, current_id, current_name)
    return combo


def place_combo(current_id: int | None = None, current_name: str = "") -> QComboBox:
    """The active places in Danish order after "(intet sted)"; the record's own place stays
    in the list even when it has been made inactive."""
    return record_combo("Sted", NO_PLACE, places.choices(keep_id=current_id), current_id,
                        current_name)


def effort_combo(current_id: int | None = None, current_title: str = "") -> QComboBox:
    """The planned and running efforts after "(ingen indsats)"; the record's own stays in."""
    return record_combo("Indsats", NO_EFFORT, efforts.choices(keep_id=current_id), current_id,
                        current_title)


def set_combo_id(combo: QComboBox, record_id: int | None, name: str = "") -> None:
    """Select record_id; a record no longer in the list is added so nothing is lost."""
    if record_id is not None and combo.findData(record_id) < 0:
        combo.addItem(name or f"(id {record_id})", record_id)
    combo.setCurrentIndex(max(combo.findData(record_id), 0))
