"""Saves kept on this PC while the server could not be reached (issue 12 point 7), delivered
when it answers again: minutes with their version check (a colleague's newer text wins and
ours goes into the history), episodes as recorded; kept for one database only; a delivery cut
short by the network leaves the rest kept."""

from __future__ import annotations

import datetime as dt
import json


from tryg_desktop.db.errors import ConnectionLostError
from tryg_desktop.services import audit, pending_saves
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.meetings import minutes as R
from tryg_desktop.services.meetings import minutes_offline
from tryg_desktop.services.safety import episodes, episodes_offline, places

HANDLERS = {"minutes": minutes_offline.deliver, "episode": episodes_offline.deliver}


def test_minutes_kept_offline_are_saved_when_the_server_answers(item):
    minutes_offline.keep_for_later(item.id, "Lyset", "", item.version)
    minutes_offline.keep_for_later(item.id, "Lyset skiftes", "Godkendt", item.version)
    assert len(pending_saves.pending()) == 1  # the newer text of the item replaced the older
    assert minutes_offline.kept_text(item.id) == ("Lyset skiftes", "Godkendt")
    result = pending_saves.deliver(HANDLERS)
    assert (result.delivered, result.set_aside) == (1, [])
    saved = A.get(item.id)
    assert (saved.notes, saved.decision, saved.version) == ("Lyset skiftes", "Godkendt",
                                                            item.version + 1)
    assert pending_saves.pending() == []


def test_a_colleagues_newer_text_wins_and_ours_goes_into_the_history(item):
    minutes_offline.keep_for_later(item.id, "Min tekst", "", item.version)
    R.save_item_minutes(item.id, "Kollegaens tekst", "", item.version)  # meanwhile, elsewhere
    result = pending_saves.deliver(HANDLERS)
    assert result.delivered == 0 and "Ikke gemt ved konflikt" in result.set_aside[0]
    assert A.get(item.id).notes == "Kollegaens tekst"
    entry = audit.history("agenda_item", item.id)[0]
    assert entry.changes["notes"] == ["Kollegaens tekst", "Min tekst"]
    assert pending_saves.pending() == []


def test_an_episode_recorded_offline_is_saved_later(db):
    place = places.create(places.PlaceInput(name="Kildeparken", kind="park"))
    data = episodes.EpisodeInput(occurred_on=dt.date(2026, 12, 2), occurred_time="21:30",
                                 place_id=place.id, category="råben", severity=2,
                                 note="Råben ved bænkene")
    episodes_offline.keep_for_later(data)
    assert pending_saves.deliver(HANDLERS).delivered == 1
    [row] = episodes.fetch(episodes.EpisodeFilter())
    assert (row.occurred_on, row.place_id, row.note) == (dt.date(2026, 12, 2), place.id,
                                                         "Råben ved bænkene")


def test_a_save_kept_for_another_database_is_never_delivered_here(item):
    minutes_offline.keep_for_later(item.id, "Til den anden database", "", item.version)
    path = pending_saves._file(None)
    entries = json.loads(path.read_text(encoding="utf-8"))
    entries[0]["database"] = "anna@andenserver/tryg"
    path.write_text(json.dumps(entries), encoding="utf-8")
    assert pending_saves.pending() == []
    assert pending_saves.deliver(HANDLERS).delivered == 0
    assert A.get(item.id).notes == ""


def test_a_delivery_cut_short_by_the_network_keeps_the_rest(item, monkeypatch):
    minutes_offline.keep_for_later(item.id, "Første", "", item.version)
    data = episodes.EpisodeInput(occurred_on=dt.date(2026, 12, 2), category="råben")
    episodes_offline.keep_for_later(data)

    def lost(payload):
        raise ConnectionLostError()

    result = pending_saves.deliver({"minutes": lost, "episode": episodes_offline.deliver})
    assert (result.delivered, result.left) == (0, 2)
    assert [entry.kind for entry in pending_saves.pending()] == ["minutes", "episode"]


def test_a_save_the_database_refuses_is_kept_aside_not_lost(item):
    minutes_offline.keep_for_later(item.id, "Teksten", "", item.version)
    M.delete(A.get(item.id).meeting_id, None)  # meanwhile a colleague deleted the meeting
    result = pending_saves.deliver(HANDLERS)
    assert result.delivered == 0 and "pending-saves-afvist.json" in result.set_aside[0]
    refused = pending_saves._file(None).with_name(pending_saves.REFUSED_NAME)
    assert json.loads(refused.read_text(encoding="utf-8"))[0]["payload"]["notes"] == "Teksten"
    assert pending_saves.pending() == []


def test_the_file_is_the_users_alone(item):
    minutes_offline.keep_for_later(item.id, "Privat", "", item.version)
    assert pending_saves._file(None).stat().st_mode & 0o077 == 0
