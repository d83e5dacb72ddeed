"""Names for screen readers. Qt names a field from a buddy label only when the label is the
field's sibling; a form row whose label points at a wrapper (the field with its error line, a
date with its day name, a Vælg … row) leaves the field itself unnamed. name_from_labels gives
such fields their label's text."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel, QWidget


def plain(text: str) -> str:
    """A label's text as read aloud: no mnemonic ampersand, no tags, no closing colon."""
    text = re.sub(r"<[^>]+>", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.strip().rstrip(":").strip()


def name_from_labels(root: QWidget) -> None:
    """Each label in root whose buddy is a wrapper names the field the focus is passed on to
    (a name set on the field itself is kept). A wrapper that names its own parts (the contact
    picker's row) does so through its set_accessible_label(text)."""
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is None or not plain(label.text()):
            continue
        if hasattr(buddy, "set_accessible_label"):
            buddy.set_accessible_label(plain(label.text()))
            continue
        field = buddy
        while field.focusProxy() is not None:
            field = field.focusProxy()
        if field is buddy and buddy.parentWidget() is label.parentWidget():
            continue  # Qt reads this label itself
        if not field.accessibleName():
            field.setAccessibleName(plain(label.text()))
