"""Demo minutes and actions for the past demo meetings: attendance, a referat and decisions
per item, approved minutes for the older meetings, and actions in every status, some overdue,
so that Referat and Handlinger show something meaningful at once."""

from __future__ import annotations

import datetime as dt

from tryg_desktop.services import actions, agenda, minutes, participants

STANDARD_MINUTES = {
    "Velkomst": ("Mødelederen bød velkommen, og deltagerne præsenterede sig.", ""),
    "Godkendelse af dagsorden": ("", "Dagsordenen blev godkendt."),
    "Godkendelse af referat fra sidste møde": ("", "Referatet blev godkendt uden bemærkninger."),
    "Opfølgning på handlinger": ("Handlingerne fra sidste møde blev gennemgået.", ""),
    "Nyt fra parterne": ("Parterne orienterede kort om aktiviteter siden sidst.", ""),
    "Eventuelt": ("Intet.", ""),
    "Næste møde": ("", "Næste møde afholdes som planlagt."),
}
ACTION_TITLES = [
    "Park og Natur undersøger belysningen ved stien",
    "Gadeteamet tager kontakt til gruppen ved bænkene",
    "Nærpolitiet øger patruljeringen fredag aften",
    "Boligforeningen rydder beplantningen ved legepladsen",
    "Sekretariatet inviterer butikkerne til næste møde",
    "Kirkens Korshær undersøger varmestue i weekenden",
]


def write_minutes(meeting_id: int, number: int, day: dt.date, today: dt.date,
                  invited: list[int]) -> int:
    """Minutes and actions for one past meeting; returns the number of actions made."""
    for n, person in enumerate(participants.of_meeting(meeting_id)):
        value = "afbud" if person.invitation == "afbud" else ("udeblev" if n % 7 == 6
                                                              else "deltog")
        minutes.set_attendance(person.id, value)
    theme_items = []
    for item in agenda.items(meeting_id):
        if item.closed:
            continue
        notes, decision = STANDARD_MINUTES.get(item.title, (None, None))
        if notes is None:
            theme_items.append(item)
            notes = f"Parterne drøftede {item.title[0].lower()}{item.title[1:]} og delte erfaringer."
            decision = "Indstillingen blev tiltrådt." if item.kind == "beslutning" else ""
        minutes.save_item_minutes(item.id, notes, decision)
        minutes.finish_item_minutes(item.id)
    age = (today - day).days
    made = 0
    for offset, item in enumerate(theme_items[:2]):
        title = ACTION_TITLES[(number + offset) % len(ACTION_TITLES)]
        due = day + dt.timedelta(days=21 + 7 * offset)
        if age > 120:
            status = "udført" if (number + offset) % 4 else "annulleret"
        elif age > 30:
            status = "udført" if (number + offset) % 3 == 0 else "åben"  # open ones are overdue
        else:
            status = "i gang" if offset else "åben"
        action = actions.create(actions.ActionInput(
            title=title, agenda_item_id=item.id,
            responsible_contact_id=invited[(number + offset) % len(invited)] if invited else None,
            due=due, status=status,
            completed_on=due - dt.timedelta(days=2) if status == "udført" else None,
            completion_note="Gennemført som aftalt." if status == "udført" else ""),
            today=day)
        backdate_action(action.id, day)  # agreed at the meeting, not when the demo loaded
        made += 1
    if age > 30:
        minutes.approve(meeting_id, today=day + dt.timedelta(days=14))
    return made


def backdate_action(action_id: int, day: dt.date) -> None:
    """An action made now for a meeting months ago counts as created then, so the demo's
    figures per month (created, done) look as they would have."""
    from tryg_desktop.db.action_models import ActionItem

    ActionItem.update(created_at=dt.datetime.combine(day, dt.time(12))).where(
        ActionItem.id == action_id).execute()
