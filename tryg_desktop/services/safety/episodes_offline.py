"""Episodes recorded while the team's server could not be reached: kept on this PC
(services/pending_saves.py) and saved when it answers again, so a report made on the spot is
never lost to the network."""

from __future__ import annotations

import dataclasses
import datetime as dt

from tryg_desktop.services import pending_saves
from tryg_desktop.services.safety import episodes

KIND = "episode"


def keep_for_later(data: episodes.EpisodeInput) -> None:
    payload = dataclasses.asdict(data)
    if payload["occurred_on"] is not None:
        payload["occurred_on"] = payload["occurred_on"].isoformat()
    pending_saves.keep(KIND, payload)


def deliver(payload: dict) -> str | None:
    """pending_saves' handler: None when saved."""
    values = dict(payload)
    if values.get("occurred_on"):
        values["occurred_on"] = dt.date.fromisoformat(values["occurred_on"])
    episodes.create(episodes.EpisodeInput(**values))
    return None
