"""Times contact_import.import_file in-process on a database (run.py passes a fresh copy) and
prints JSON on stdout: seconds, imported/duplicates/rejected counts, peak RSS.

    python benchmarks/import_probe.py --database COPY.sqlite3 --csv FILE.csv [--profile]

--profile writes a cProfile to benchmarks/out/profile-import-<db>.pstats and prints the top
functions on stderr.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--csv", type=Path, required=True)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services.register.contact_import import import_file

    open_database(args.database)
    profile = cProfile.Profile() if args.profile else None
    if profile:
        profile.enable()
    started = time.perf_counter()
    result = import_file(args.csv)
    seconds = time.perf_counter() - started
    if profile:
        profile.disable()
        out = HERE / "out"
        out.mkdir(exist_ok=True)
        path = out / f"profile-import-{args.database.stem}.pstats"
        profile.dump_stats(str(path))
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(35)
        print(f"profile written to {path}\n{text.getvalue()}", file=sys.stderr)
    close_database()
    json.dump({"seconds": seconds, "imported": result.imported, "duplicates": result.duplicates,
               "rejected": len(result.rejected),
               "organisations_created": result.organisations_created,
               "cancelled": result.cancelled,
               "first_rejected": [f"{r.line}: {r.reason}" for r in result.rejected[:3]],
               "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
