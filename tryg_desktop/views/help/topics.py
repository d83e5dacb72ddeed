"""Which section of the user guide (resources/guide/index.html) answers for a page or a dialog:
the one table F1 reads. A key names an anchor (id) in the guide; tests/gui/test_user_guide.py
fails when one is missing there."""

from __future__ import annotations

from tryg_desktop.paths import RESOURCES

GUIDE = RESOURCES / "guide" / "index.html"

# main_window.PAGES → anchor.
PAGE_TOPICS = {
    "Oversigt": "oversigt",
    "Kontakter": "kontakter",
    "Organisationer": "organisationer",
    "Møder": "moeder",
    "Mødefora": "moedefora",
    "Handlinger": "handlinger",
    "Hændelser": "haendelser",
    "Steder": "steder",
    "Indsatser": "indsatser",
    "Adgangslog": "adgangslog",
    "Slettefrister": "slettefrister",
}

# Class name → anchor, for dialogs and for the parts of a dialog that have a section of their
# own (the meeting editor's Deltagere, Dagsorden and Referat tabs). F1 looks from the focused
# widget outwards, so the innermost match wins: Referat before the meeting editor around it.
WIDGET_TOPICS = {
    "ContactDialog": "kontakter",
    "OrganisationDialog": "organisationer",
    "ImportDialog": "import",
    "PurposeDialog": "eksport",
    "MeetingEditor": "moeder",
    "MeetingDetails": "moede-planlaeg",
    "ParticipantsPanel": "moede-deltagere",
    "AgendaBuilder": "moede-dagsorden",
    "AttachmentsPanel": "moede-dagsorden",
    "MinutesPanel": "referat",
    "AttendanceList": "fremmoede",
    "MinutesConflictDialog": "referat-konflikt",
    "ForumDialog": "moedefora",
    "MeetingPlanDialog": "moedefora",
    "MeetingPlanPrintDialog": "moedeplan",
    "ActionDialog": "handlinger",
    "EpisodeDialog": "haendelser",
    "PlaceDialog": "steder",
    "MeasureDialog": "tryghed-maalt",
    "EffortDialog": "indsatser",
    "ReportDialog": "statusrapport",
    "SettingsDialog": "indstillinger",
    "RetentionSettings": "slettefrister",
    "RestoreDialog": "sikkerhedskopi",
    "ErasureDialog": "sletning",
    "AccessRequestDialog": "indsigt",
    "ShortcutsDialog": "tastaturgenveje",
    "ChartTableDialog": "oversigt",
}

START = ""  # the guide's beginning: for whatever has no section of its own


def topic_for(widget, main_window, page_name: str) -> str:
    """The anchor for widget: the innermost of it and its parents (across dialog windows, up to
    the main window) that WIDGET_TOPICS names; else, for a widget of the main window itself,
    the section of page_name (the page in view); else START (a dialog without a section)."""
    node, in_other_window = widget, False
    while node is not None and node is not main_window:
        anchor = WIDGET_TOPICS.get(type(node).__name__)
        if anchor is not None:
            return anchor
        in_other_window = in_other_window or node.isWindow()
        node = node.parentWidget()
    if node is main_window and not in_other_window:
        return PAGE_TOPICS.get(page_name, START)
    return START
