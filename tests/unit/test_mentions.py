"""Issue 13: where a person is mentioned in the free texts (services/data_protection/mentions),
on SQLite and PostgreSQL, with planted mentions."""

import datetime as dt

import pytest

from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import AgendaItem, Meeting
from tryg_desktop.db.place_models import Episode
from tryg_desktop.services.data_protection.mentions import find_mentions
from tryg_desktop.services.errors import NotFoundError
from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.safety import episodes as E
from tryg_desktop.services.safety import places as P
from tryg_desktop.services.safety import safety_terms

START = dt.datetime(2026, 12, 3, 14)


def plant_world():
    """A person, a namesake-free bystander, and texts naming the person in every kind of record.
    Returns (person id, bystander id, ids by record type)."""
    person = C.create(C.ContactInput(name="Søren Ærøskøbing", email="soeren@example.dk",
                                     mobile="+45 20 30 40 50"))
    other = C.create(C.ContactInput(name="Bent Andersen"))
    meeting = M.create(M.MeetingInput(title="Dialogmøde", starts_at=START,
                                      ends_at=START + dt.timedelta(hours=2)))
    A.add(meeting.id, A.ItemInput(title="Velkomst"))
    A.add(meeting.id, A.ItemInput(title="Godkendelse af dagsorden"))
    A.add(meeting.id, A.ItemInput(title="Godkendelse af referat"))
    item = A.add(meeting.id, A.ItemInput(title="Belysning", kind="beslutning"))
    AgendaItem.update(
        notes="Punktet blev drøftet længe, og alle parter kom til orde undervejs. "
              "SØREN ÆRØSKØBING (010190-1234) fortalte om lyset ved stien og om det, "
              "som beboerne havde oplevet i vinter.",
        decision="Bent Andersen følger op.").where(AgendaItem.id == item.id).execute()
    action = X.create(X.ActionInput(title="Ring til kommunen", meeting_id=meeting.id))
    ActionItem.update(completion_note="Talt med søren ærøskøbing  om sagen").where(
        ActionItem.id == action.id).execute()
    place = P.create(P.PlaceInput(name="Kildeparken"))
    episode = E.create(E.EpisodeInput(occurred_on=dt.date(2026, 11, 20), place_id=place.id,
                                      occurred_time="22:00",
                                      category=next(iter(safety_terms.CATEGORY_LABELS))),
                     now=dt.datetime(2026, 12, 1, 12))
    Episode.update(note="Beboer ringede fra 2030 4050 om støj.").where(
        Episode.id == episode.id).execute()
    Meeting.update(purpose="Skriv til soeren@example.dk før mødet.").where(
        Meeting.id == meeting.id).execute()
    return person.id, other.id, dict(item=item.id, action=action.id, episode=episode.id,
                                     meeting=meeting.id)


def test_every_planted_mention_is_found_with_where_field_and_masked_excerpt(db):
    person_id, _, ids = plant_world()
    found = find_mentions(person_id)
    by_type = {(m.record_type, m.record_id, m.field): m for m in found}
    assert set(by_type) == {("agenda_item", ids["item"], "Referat"),
                            ("action_item", ids["action"], "Opfølgning"),
                            ("episode", ids["episode"], "Note"),
                            ("meeting", ids["meeting"], "Formål")}
    minutes = by_type["agenda_item", ids["item"], "Referat"]
    assert minutes.where == "Referat, Dialogmøde 3. dec. 2026, punkt 4"
    assert "SØREN ÆRØSKØBING (010190-XXXX) fortalte" in minutes.excerpt
    assert "1234" not in minutes.excerpt and "010190-XXXX" in minutes.excerpt
    assert minutes.excerpt.startswith("…") and minutes.excerpt.endswith("…")
    assert by_type["action_item", ids["action"], "Opfølgning"].where == (
        f"Handling {ids['action']}, Dialogmøde 3. dec. 2026")
    assert by_type["episode", ids["episode"], "Note"].where == (
        "Hændelse 20. nov. 2026, Kildeparken")
    assert "2030 4050" in by_type["episode", ids["episode"], "Note"].excerpt
    assert "soeren@example.dk" in by_type["meeting", ids["meeting"], "Formål"].excerpt


def test_a_person_not_mentioned_gets_only_their_own_mentions(db):
    person_id, other_id, ids = plant_world()
    found = find_mentions(other_id)
    assert [(m.record_type, m.record_id, m.field) for m in found] == [
        ("agenda_item", ids["item"], "Beslutning")]
    assert all(m.field != "Beslutning" for m in find_mentions(person_id))


def test_a_missing_contact_is_a_danish_error(db):
    with pytest.raises(NotFoundError, match="Kontakten findes ikke"):
        find_mentions(999_999)
