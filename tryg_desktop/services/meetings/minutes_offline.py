"""Minutes typed while the team's server could not be reached: kept on this PC
(services/pending_saves.py) and delivered with the usual version check when it answers again.
A colleague who changed the same item meanwhile wins the item, and the text typed offline goes
into the item's history as "Ikke gemt ved konflikt" (minutes.set_aside): nothing is lost."""

from __future__ import annotations

from tryg_desktop.services import pending_saves
from tryg_desktop.services.meetings import minutes

KIND = "minutes"


def keep_for_later(item_id: int, notes: str, decision: str, version: int | None) -> None:
    """Keep the item's text as typed; a newer text of the same item replaces the older one.
    `version`: the one the editor started from (the last save the server acknowledged)."""
    payload = {"item_id": item_id, "notes": notes, "decision": decision, "version": version}
    pending_saves.keep(KIND, payload, replaces=lambda kept: kept["item_id"] == item_id)


def kept_text(item_id: int) -> tuple[str, str] | None:
    """The text kept for the item, if any (for an editor opened while the save waits)."""
    for entry in reversed(pending_saves.pending()):
        if entry.kind == KIND and entry.payload["item_id"] == item_id:
            return entry.payload["notes"], entry.payload["decision"]
    return None


def deliver(payload: dict) -> str | None:
    """pending_saves' handler: None when saved as typed, else a Danish sentence."""
    try:
        minutes.save_item_minutes(payload["item_id"], payload["notes"], payload["decision"],
                                  payload["version"])
        return None
    except minutes.MinutesConflictError:
        minutes.set_aside(payload["item_id"], payload["notes"], payload["decision"])
        return ("Et referat, du skrev, mens forbindelsen var væk, var imens ændret af en anden. "
                "Den andens tekst gælder; din står i punktets historik (Ikke gemt ved "
                "konflikt).")
