"""Every dialog the user can open, made on the demo data: the accessible-name and mnemonic
tests walk them all (tests/gui/test_accessible_names.py, tests/gui/test_mnemonics.py)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialog


def first_id(model) -> int:
    return model.select(model.id).order_by(model.id).first().id


def every_dialog(prompts, settings) -> dict[str, Callable[[], QDialog]]:
    """Name → a function that makes the dialog. The demo data must be loaded."""
    from tryg_desktop.db import action_models as AM
    from tryg_desktop.db import meeting_models as MM
    from tryg_desktop.db import models as M
    from tryg_desktop.db import place_models as PM
    from tryg_desktop.services.data_protection import erasure
    from tryg_desktop.services.register import organisations
    from tryg_desktop.views.data_protection.access_request_dialog import AccessRequestDialog
    from tryg_desktop.views.data_protection.erasure_dialog import ErasureDialog
    from tryg_desktop.views.data_protection.purpose_dialog import PurposeDialog
    from tryg_desktop.views.meetings.action_dialog import ActionDialog
    from tryg_desktop.views.meetings.forums_page import ForumDialog
    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor
    from tryg_desktop.views.meetings.meeting_plan_dialog import (
        MeetingPlanDialog,
        MeetingPlanPrintDialog,
    )
    from tryg_desktop.views.register.contact_dialog import ContactDialog
    from tryg_desktop.views.register.import_dialog import ImportDialog
    from tryg_desktop.views.register.organisation_dialog import OrganisationDialog
    from tryg_desktop.views.safety.effort_dialog import EffortDialog
    from tryg_desktop.views.safety.episode_dialog import EpisodeDialog
    from tryg_desktop.views.safety.measure_dialog import MeasureDialog
    from tryg_desktop.views.safety.place_dialog import PlaceDialog
    from tryg_desktop.views.safety.report_dialog import ReportDialog
    from tryg_desktop.views.settings_dialog import SettingsDialog

    return {
        "Ny kontakt": lambda: ContactDialog(None, prompts),
        "Kontakt": lambda: ContactDialog(first_id(M.Contact), prompts),
        "Ny organisation": lambda: OrganisationDialog(organisations, None, prompts),
        "Organisation": lambda: OrganisationDialog(organisations, first_id(M.Organisation),
                                                   prompts),
        "Nyt møde": lambda: MeetingEditor(None, prompts, settings),
        "Møde": lambda: MeetingEditor(first_id(MM.Meeting), prompts, settings),
        "Ny hændelse": lambda: EpisodeDialog(None, prompts),
        "Hændelse": lambda: EpisodeDialog(first_id(PM.Episode), prompts),
        "Nyt sted": lambda: PlaceDialog(None, prompts),
        "Sted": lambda: PlaceDialog(first_id(PM.Place), prompts),
        "Ny måling": lambda: MeasureDialog(None, prompts, place_id=first_id(PM.Place)),
        "Måling": lambda: MeasureDialog(first_id(PM.SafetyMeasure), prompts),
        "Ny indsats": lambda: EffortDialog(None, prompts),
        "Indsats": lambda: EffortDialog(first_id(PM.Effort), prompts),
        "Ny handling": lambda: ActionDialog(None, prompts),
        "Handling": lambda: ActionDialog(first_id(AM.ActionItem), prompts),
        "Nyt mødeforum": lambda: ForumDialog(None, prompts),
        "Mødeforum": lambda: ForumDialog(first_id(MM.Forum), prompts),
        "Mødeplan": lambda: MeetingPlanDialog(first_id(MM.Forum), prompts),
        "Udskriv mødeplan": lambda: MeetingPlanPrintDialog(prompts, settings),
        "Statusrapport": lambda: ReportDialog(prompts, settings),
        "Indstillinger": lambda: SettingsDialog(settings),
        "Importér kontakter": lambda: ImportDialog(prompts, settings),
        "Slet person": lambda: ErasureDialog(erasure.preview(first_id(M.Contact)), prompts),
        "Indsigt": lambda: AccessRequestDialog("Bent Berg"),
        "Formål": lambda: PurposeDialog(),
    }
