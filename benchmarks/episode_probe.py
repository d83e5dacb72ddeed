"""Saving an episode (issue 5), in-process; run.py runs it on a fresh copy of the database (it
writes) and reads the JSON this prints on stdout.

    python benchmarks/episode_probe.py --database COPY.sqlite3 [--saves 30] [--profile]

It opens the database, imports tryg_desktop.services.safety.episodes (as the app has done once the
Hændelser page or the form is open) and times `episodes.create(EpisodeInput(...))` --saves
times: what the form's Gem does, validation (the place exists, the CPR check of the note), the
insert and its audit entry in one transaction. The episodes differ (place, category, severity,
exact time or a time band, a note or none) and lie in the last weeks before today. The first
save is reported apart: it pays for the first statements peewee builds. Afterwards the probe
checks that every episode is in the database with its audit entry.
--profile writes a cProfile of the saves to benchmarks/out/ and prints the top functions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gui_probe import database_arg, database_stem  # noqa: E402

NOTES = ["Råben ved bænkene, gik over af sig selv.", "", "Kanyler fundet ved legepladsen.",
         "Skub mellem to personer; gademedarbejder talte det ned.", ""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=database_arg, required=True)
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.db.models import AuditEntry
    from tryg_desktop.db.place_models import Episode, Place
    from tryg_desktop.services.safety import episodes, safety_terms

    open_database(args.database)
    places = [p for (p,) in Place.select(Place.id).order_by(Place.id).limit(50).tuples()]
    categories = [value for value, _ in safety_terms.EPISODE_CATEGORIES]
    reporters = [value for value, _ in safety_terms.REPORTER_KINDS]
    bands = [value for value, _ in safety_terms.TIME_BANDS]
    today = dt.date.today()
    inputs = []
    for n in range(args.saves):
        exact = n % 3 != 2
        inputs.append(episodes.EpisodeInput(
            occurred_on=today - dt.timedelta(days=1 + n % 20),
            occurred_time=f"{(7 + 5 * n) % 24:02d}.{(n * 7) % 60:02d}" if exact else None,
            time_band="" if exact else bands[n % len(bands)],
            place_id=places[(n * 7) % len(places)], category=categories[n % len(categories)],
            severity=1 + (n % 7 == 0) + (n % 13 == 0), reporter_kind=reporters[n % len(reporters)],
            note=NOTES[n % len(NOTES)]))
    before = Episode.select().count()
    profile = None
    if args.profile:
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    times, ids = [], []
    for data in inputs:
        started = time.perf_counter()
        row = episodes.create(data)
        times.append((time.perf_counter() - started) * 1000)
        ids.append(row.id)
    if profile:
        profile.disable()
        import io
        import pstats

        out = HERE / "out"
        out.mkdir(exist_ok=True)
        path = out / f"profile-episode-{database_stem(args.database)}.pstats"
        profile.dump_stats(str(path))
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(30)
        print(f"profile written to {path}\n{text.getvalue()}", file=sys.stderr)

    stored = Episode.select().count()
    audited = (AuditEntry.select().where((AuditEntry.entity == episodes.ENTITY)
                                         & AuditEntry.record_id.in_(ids)
                                         & (AuditEntry.action == "create")).count())
    if stored != before + len(inputs) or audited != len(inputs):
        raise SystemExit(f"expected {len(inputs)} new episodes with their audit entries, found "
                         f"{stored - before} episodes and {audited} entries")
    close_database()
    later = times[1:] or times
    json.dump({
        "saves": len(times), "episodes_before": before, "first_ms": times[0],
        "median_ms": statistics.median(later), "worst_ms": max(later),
        "median_all_ms": statistics.median(times), "times_ms": times,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
