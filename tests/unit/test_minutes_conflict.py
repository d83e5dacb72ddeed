"""Issue 10 point 6: two editors on one agenda item's minutes. The autosave carries the version
it started from; on a conflict nothing is overwritten, and both texts end in the history."""


import pytest

from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services import audit
from tryg_desktop.services.meetings import minutes as R
from tryg_desktop.services.errors import ConflictError, ValidationError


def minutes_history(item_id):
    """(action, changes) of the entries that hold minutes text, oldest first."""
    return [(e.action, e.changes) for e in reversed(audit.history("agenda_item", item_id))
            if "notes" in e.changes or "decision" in e.changes]


def test_the_second_editor_gets_a_conflict_and_nothing_is_overwritten(item):
    start = item.version  # both editors opened the item at this version
    mine = R.save_item_minutes(item.id, "Anne: lyset skiftes", "", start)
    assert mine == start + 1
    with pytest.raises(R.MinutesConflictError) as err:
        R.save_item_minutes(item.id, "Bo: lamperne er slukket", "Ingen", start)
    assert isinstance(err.value, ConflictError)
    theirs = err.value
    assert (theirs.notes, theirs.decision, theirs.version) == ("Anne: lyset skiftes", "", mine)
    assert "ændret et andet sted" in theirs.message and "Anne" not in theirs.message
    row = A.get(item.id)
    assert (row.notes, row.decision, row.version) == ("Anne: lyset skiftes", "", mine)


def test_each_editor_saves_on_from_the_version_it_wrote(item):
    version = item.version
    for typed in ("L", "Ly", "Lys"):
        version = R.save_item_minutes(item.id, typed, "", version)
    assert A.get(item.id).version == version == item.version + 3


def test_a_vanished_item_is_not_a_conflict(item):
    A.delete(item.id)
    with pytest.raises(R.NotFoundError):
        R.save_item_minutes(item.id, "Tekst", "", item.version)


def test_keep_mine_saves_over_theirs_and_their_text_stays_in_the_history(item):
    start = item.version
    R.save_item_minutes(item.id, "Anne skrev dette", "", start)
    with pytest.raises(R.MinutesConflictError) as err:
        R.save_item_minutes(item.id, "Bo skrev dette", "Vedtaget", start)
    version = R.keep_mine(item.id, "Bo skrev dette", "Vedtaget", err.value.version)
    row = A.get(item.id)
    assert (row.notes, row.decision, row.version) == ("Bo skrev dette", "Vedtaget", version)
    R.finish_item_minutes(item.id)
    assert minutes_history(item.id) == [
        (R.SAVED_ELSEWHERE, {"notes": ["", "Anne skrev dette"]}),
        ("update", {"notes": ["Anne skrev dette", "Bo skrev dette"],
                    "decision": ["", "Vedtaget"]})]
    assert audit.ACTION_LABELS[R.SAVED_ELSEWHERE] == "Gemt et andet sted"


def test_keep_mine_at_a_version_that_moved_on_again_is_a_new_conflict(item):
    start = item.version
    R.save_item_minutes(item.id, "Anne 1", "", start)
    R.save_item_minutes(item.id, "Anne 2", "", start + 1)
    with pytest.raises(R.MinutesConflictError) as err:
        R.keep_mine(item.id, "Bo", "", start + 1)
    assert err.value.notes == "Anne 2"
    assert A.get(item.id).notes == "Anne 2"
    assert minutes_history(item.id) == []  # nothing was written, not even the checkpoint


def test_taking_theirs_records_my_text_as_not_saved(item):
    start = item.version
    R.save_item_minutes(item.id, "Anne skrev dette", "Vedtaget", start)
    with pytest.raises(R.MinutesConflictError):
        R.save_item_minutes(item.id, "Bo skrev noget andet", "Vedtaget", start)
    R.set_aside(item.id, "Bo skrev noget andet", "Vedtaget")
    assert A.get(item.id).notes == "Anne skrev dette"
    assert minutes_history(item.id) == [
        (R.SAVED_ELSEWHERE, {"notes": ["", "Anne skrev dette"], "decision": ["", "Vedtaget"]}),
        (R.NOT_SAVED, {"notes": ["Anne skrev dette", "Bo skrev noget andet"]})]
    assert audit.ACTION_LABELS[R.NOT_SAVED] == "Ikke gemt ved konflikt"
    # The text set aside is not what the database holds: the next summary starts from theirs.
    assert R.finish_item_minutes(item.id) is False
    R.save_item_minutes(item.id, "Anne skrev dette, og mere", "Vedtaget")
    R.finish_item_minutes(item.id)
    assert minutes_history(item.id)[-1] == (
        "update", {"notes": ["Anne skrev dette", "Anne skrev dette, og mere"]})


def test_a_cpr_number_is_never_set_aside_in_the_history(item):
    with pytest.raises(ValidationError):
        R.set_aside(item.id, "Borger 010203-1234", "")
    with pytest.raises(ValidationError):
        R.keep_mine(item.id, "Borger 010203-1234", "", item.version)
    assert minutes_history(item.id) == []


def test_merged_text_marks_both_where_they_differ():
    assert R.merged("Samme", "Samme") == "Samme"
    assert R.merged("Min", "") == "Min"
    assert R.merged("", "Deres") == "Deres"
    assert R.merged("Min\n", "Deres") == (
        "--- Min tekst ---\nMin\n--- Deres tekst ---\nDeres")


def test_changes_to_different_fields_combine_without_a_question():
    base = ("Referat", "")
    assert R.combined(base, ("Referat", "Vedtaget"), ("Referat og mere", "")) == (
        "Referat og mere", "Vedtaget")
    assert R.combined(base, ("Min", ""), base) == ("Min", "")  # only the title moved on
    assert R.combined(base, ("Samme", ""), ("Samme", "")) == ("Samme", "")
    assert R.combined(base, ("Min", ""), ("Deres", "")) is None
