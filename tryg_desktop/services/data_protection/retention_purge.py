"""The retention purge (Slettefrister, issue 13 point 2): deletes or anonymises what has passed
its period, kind by kind (retention.py says what is due and why). Administrators only."""

from __future__ import annotations

import datetime as dt

from tryg_desktop.db import database, dialect
from tryg_desktop.db.models import utcnow
from tryg_desktop.services import audit
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.data_protection.retention import (
    KINDS,
    NOTE_CLEARED,
    Due,
    Purged,
    due,
    kind,
)
from tryg_desktop.services.errors import ServiceError


def purge(keys: list[str] | None = None, progress=None, is_cancelled=None,
          now: dt.datetime | None = None) -> list[Purged]:
    """Delete or anonymise what is due, kind by kind (keys: only these; default all), each in
    its own transaction(s), each leaving an access-log entry. Administrators only.
    progress(done, total) and is_cancelled() for a worker: a cancel stops between records."""
    access_log.require_admin("slette data efter slettefristerne")
    now = now or utcnow()
    wanted = [k for k in KINDS if k.default_months is not None
              and (keys is None or k.key in keys)]
    for key in keys or ():
        kind(key)
    plan = {d.kind.key: d for d in due(now=now) if d.kind in wanted}
    total = sum(len(d.items) or (1 if d.count else 0) for d in plan.values())
    done = 0
    results = []

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, max(total, 1))

    for each in wanted:
        if is_cancelled is not None and is_cancelled():
            break
        plan_of = plan[each.key]
        result = Purged(each)
        results.append(result)
        if not plan_of.count:
            continue
        if each.key in ("private_inactive", "inactive_contacts"):
            _erase_contacts(plan_of, result, step, is_cancelled)
        elif each.key == "episode_notes":
            _clear_notes(plan_of, result, step, is_cancelled)
        else:
            _delete_log_rows(plan_of, result)
            step()
    return results


def _trace(result: Purged) -> None:
    """The access log's entry of one kind's purge (inside its transaction)."""
    access_log.record_now("purge", detail=f"{result.kind.key}: {result.count}")


def _erase_contacts(plan: Due, result: Purged, step, is_cancelled) -> None:
    # Each person through the erasure, which runs its own transaction and audit entry and
    # makes the person »Slettet person« wherever they took part.
    from tryg_desktop.services.data_protection import erasure

    for item in plan.items:
        if is_cancelled is not None and is_cancelled():
            break
        try:
            erasure.erase(item.record_id, compact=False)
            result.count += 1
        except ServiceError as error:
            result.failed.append(f"kontakt {item.record_id}: {error.message}")
        step()
    if result.count:
        erasure.compact()  # once for the batch: each VACUUM rewrites the whole file
    with database.atomic():
        _trace(result)


def _clear_notes(plan: Due, result: Purged, step, is_cancelled) -> None:
    from tryg_desktop.db.place_models import Episode

    ids = [item.record_id for item in plan.items]
    labels = {item.record_id: item.label for item in plan.items}
    done: list[int] = []
    with database.atomic():
        for episode_id in ids:
            if is_cancelled is not None and is_cancelled():
                break
            cleared = (Episode.update(note="", version=Episode.version + 1, updated_at=utcnow())
                       .where((Episode.id == episode_id) & (Episode.note != "")).execute())
            if cleared:
                # The old text is not repeated in the trail (it is what is being deleted).
                audit.record("episode", episode_id, "update", labels[episode_id],
                             {"note": [NOTE_CLEARED, ""]})
                result.count += 1
                done.append(episode_id)
            step()
        _clear_notes_in_history(done, result)
        _trace(result)


def _clear_notes_in_history(episode_ids: list[int], result: Purged) -> None:
    """The cleared text out of the episodes' history entries too (their "note" values become
    NOTE_CLEARED), so the Historik no longer shows it."""
    if episode_ids and not dialect.clear_episode_notes_in_history(episode_ids, NOTE_CLEARED):
        result.notes.append("Historikken viser stadig den gamle tekst: kør »server init« "
                            "igen som databasens ejer, så administratoren må rydde den.")


def _delete_log_rows(plan: Due, result: Purged) -> None:
    # Both logs are append-only on the server: db/dialect purges them the way each database
    # allows (a DELETE on SQLite, SECURITY DEFINER functions granted to tryg_admin on PostgreSQL).
    purge_log = (dialect.purge_audit if plan.kind.key == "change_history"
                 else dialect.purge_access_log)
    with database.atomic():
        result.count = purge_log(plan.cutoff)
        _trace(result)
