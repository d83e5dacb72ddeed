"""Demo minutes and actions for the past demo meetings: attendance, a referat and decisions
per item, approved minutes for the older meetings, and actions in every status, some overdue,
so that Referat and Handlinger show something meaningful at once."""

from __future__ import annotations

import datetime as dt

from tryg_desktop import l10n
from tryg_desktop.services.meetings import actions, agenda, minutes, participants
from tryg_desktop.services.register import contacts

STANDARD_MINUTES = {
    "Velkomst": ("Mødelederen bød velkommen, og deltagerne præsenterede sig.", ""),
    "Godkendelse af dagsorden": ("", "Dagsordenen blev godkendt."),
    "Godkendelse af referat fra sidste møde": ("", "Referatet blev godkendt uden bemærkninger."),
    "Opfølgning på handlinger": ("Handlingerne fra sidste møde blev gennemgået.", ""),
    "Nyt fra parterne": ("Parterne orienterede kort om aktiviteter siden sidst.", ""),
    "Eventuelt": ("Intet.", ""),
    "Næste møde": ("", "Næste møde afholdes som planlagt."),
}


def unit_names(organisation_names: list[str]) -> dict[str, str]:
    """Name (casefolded) → organisation, for the names an action's text can give its doer by:
    each organisation's full name and each part of it between ", " and " – " ("Park og Natur",
    "Gadeteam", "Nærpolitiet Aalborg Øst", "sekretariatet") that no other organisation's name
    contains. "Aalborg Kommune" and "Nordjyllands Politi" name several, so they name none."""
    folded = [name.casefold() for name in organisation_names]
    out: dict[str, str] = {}
    for name in organisation_names:
        parts = {name, *(p for piece in name.split(", ") for p in piece.split(" – "))}
        for part in parts:
            key = part.strip().casefold()
            if key and sum(key in other for other in folded) == 1:
                out[key] = name
    return out


def named_organisation(title: str, organisation_names: list[str]) -> str | None:
    """The one organisation the text names ("Park og Natur opsætter lys …" → "Aalborg Kommune,
    Park og Natur"; "Gadeteamet …" → the street team), or None if it names none or several."""
    text = title.casefold()
    named = {org for key, org in unit_names(organisation_names).items() if key in text}
    return named.pop() if len(named) == 1 else None


def responsible_for(title: str, org_ids: dict[str, int],
                    invited: list[int]) -> tuple[int | None, int | None]:
    """(contact id, organisation id) for the action: the organisation its text names, and its
    person at the meeting (else its first active contact)."""
    name = named_organisation(title, list(org_ids))
    if name is None:
        return None, None
    people = [p.id for p in contacts.iter_all(contacts.ContactFilter(
        organisation_id=org_ids[name], active=True))]
    chosen = next((p for p in people if p in invited), people[0] if people else None)
    return chosen, org_ids[name]


def write_minutes(meeting_id: int, number: int, day: dt.date, today: dt.date,
                  invited: list[int], org_ids: dict[str, int] | None = None,
                  item_actions: dict[str, list[str]] | None = None,
                  next_meeting: dt.datetime | None = None) -> int:
    """Minutes and actions for one past meeting; returns the number of actions made. The
    actions are those given for its theme items (`item_actions`: item title → action texts),
    each given to the organisation its text names (`org_ids`: the register's names). The
    "Næste møde" decision gives the forum's next meeting's date when there is one."""
    people = participants.of_meeting(meeting_id)
    attended = 0
    for n, person in enumerate(people):
        value = "afbud" if person.invitation == "afbud" else ("udeblev" if n % 7 == 6
                                                              else "deltog")
        if value == "deltog":
            attended += 1  # "Alle tilmeldte deltog" below: a few round trips for them all
        else:
            minutes.set_attendance(person.id, value)
    if minutes.all_signed_up_attended(meeting_id) != attended:
        raise ValueError("Demodata: et tidligere møde har en deltager, der hverken er tilmeldt "
                         "eller har meldt afbud.")
    theme_items = []
    for item in agenda.items(meeting_id):
        if item.closed:
            continue
        notes, decision = STANDARD_MINUTES.get(item.title, (None, None))
        if item.title == "Næste møde" and next_meeting is not None:
            decision = (f"Næste møde holdes {l10n.format_date(next_meeting.date(), 'full')} "
                        f"kl. {l10n.format_time(next_meeting)}.")
        if notes is None:
            theme_items.append(item)
            notes, decision = theme_minutes(item.title, item.kind, item.presenter)
        minutes.save_item_minutes(item.id, notes, decision)
        minutes.finish_item_minutes(item.id)
    # One action under each theme item (its texts taken in turn), two at most a meeting.
    agreed, more = [], []
    for item in theme_items:
        texts = (item_actions or {}).get(item.title, [])
        texts = texts[number % len(texts):] + texts[:number % len(texts)] if texts else []
        agreed += [(item, t) for t in texts[:1]]
        more += [(item, t) for t in texts[1:]]
    age = (today - day).days
    made = 0
    for offset, (item, title) in enumerate((agreed + more)[:2]):
        due = day + dt.timedelta(days=21 + 7 * offset)
        if age > 120:
            status = "udført" if (number + offset) % 4 else "annulleret"
        elif age > 30:
            status = "udført" if (number + offset) % 3 == 0 else "åben"  # open ones are overdue
        else:
            status = "i gang" if offset else "åben"
        contact_id, organisation_id = responsible_for(title, org_ids or {}, invited)
        action = actions.create(actions.ActionInput(
            title=title, agenda_item_id=item.id, responsible_contact_id=contact_id,
            responsible_organisation_id=organisation_id, due=due, status=status,
            completed_on=due - dt.timedelta(days=2) if status == "udført" else None,
            completion_note="Gennemført som aftalt." if status == "udført" else ""),
            today=day)
        backdate_action(action.id, day)  # agreed at the meeting, not when the demo loaded
        made += 1
    if age > 30:
        minutes.approve(meeting_id, today=day + dt.timedelta(days=14))
    return made


def theme_minutes(title: str, kind: str, presenter: str) -> tuple[str, str]:
    """(referat, beslutning) of a theme item as its kind has it: an orientering is given by its
    presenter, a drøftelse shares experience, a beslutning settles the indstilling."""
    subject = title if title.split()[0] in PROPER_NOUNS else title[0].lower() + title[1:]
    if kind == "orientering":
        who = presenter.split(",")[0].strip() or "Oplægsholderen"
        return f"{who} orienterede om {subject}. Parterne stillede opklarende spørgsmål.", ""
    if kind == "beslutning":
        return (f"Parterne drøftede indstillingen om {subject}.",
                "Indstillingen blev tiltrådt.")
    return f"Parterne drøftede {subject} og delte erfaringer.", ""


PROPER_NOUNS = {"Aalborg"}  # a title beginning with one keeps its capital in a sentence


def backdate_action(action_id: int, day: dt.date) -> None:
    """An action made now for a meeting months ago counts as created then, so the demo's
    figures per month (created, done) look as they would have."""
    from tryg_desktop.db.action_models import ActionItem

    ActionItem.update(created_at=dt.datetime.combine(day, dt.time(12))).where(
        ActionItem.id == action_id).execute()
