"""Times printing.agenda_pdf_bytes (or, with --minutes, minutes_pdf_bytes) in-process on one database and prints JSON on stdout: the
first call in this fresh process (which loads reportlab, the fonts and the report modules) and
then --warm more calls, with the PDF's size and page count.

    python benchmarks/pdf_probe.py --database benchmarks/data/tryg-20x.sqlite3 \
        [--meeting ID] [--runsheet | --minutes] [--warm 10] [--profile first|warm]

The meeting defaults to pdf_meeting_id of the database's JSON side file (generate.py makes it
with exactly 12 agenda items; with --minutes, minutes_meeting_id: the latest held meeting with
12 items, its minutes written and its action items agreed). The database is opened and
tryg_desktop.services.meetings.printing imported before the clock starts, as in the app, where
both have happened before anyone prints.
--profile writes a cProfile of the first call or of the warm calls to
benchmarks/out/profile-pdf-<agenda|runsheet|minutes>-<first|warm>-<db>.pstats and prints the top
functions on stderr.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import re
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gui_probe import database_arg, database_stem  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=database_arg, required=True)
    parser.add_argument("--meeting", type=int, help="default: pdf_meeting_id of the side file")
    parser.add_argument("--runsheet", action="store_true", help="the chair's runsheet (Drejebog)")
    parser.add_argument("--minutes", action="store_true",
                        help="the referat: printing.minutes_pdf_bytes (issue 4)")
    parser.add_argument("--warm", type=int, default=10, help="calls after the first (default 10)")
    parser.add_argument("--profile", choices=["first", "warm"])
    args = parser.parse_args()
    if args.meeting is None:
        import generate

        stamp = generate.read_stamp(args.database)
        args.meeting = stamp["minutes_meeting_id" if args.minutes else "pdf_meeting_id"]

    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services.meetings import printing

    open_database(args.database)
    loaded_before = "reportlab" in sys.modules
    profile = cProfile.Profile() if args.profile else None

    def build() -> tuple[float, bytes]:
        started = time.perf_counter()
        if args.minutes:
            data = printing.minutes_pdf_bytes(args.meeting)
        else:
            data = printing.agenda_pdf_bytes(args.meeting, runsheet=args.runsheet)
        return (time.perf_counter() - started) * 1000, data

    if args.profile == "first":
        profile.enable()
    first_ms, data = build()
    if args.profile == "first":
        profile.disable()
    if args.profile == "warm":
        profile.enable()
    warm = [build()[0] for _ in range(args.warm)]
    if args.profile == "warm":
        profile.disable()
    if not data.startswith(b"%PDF-"):
        raise SystemExit("the PDF function did not return a PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    if profile:
        document = "minutes" if args.minutes else "runsheet" if args.runsheet else "agenda"
        out = HERE / "out"
        out.mkdir(exist_ok=True)
        path = out / f"profile-pdf-{document}-{args.profile}-{database_stem(args.database)}.pstats"
        profile.dump_stats(str(path))
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(35)
        print(f"profile written to {path}\n{text.getvalue()}", file=sys.stderr)
    close_database()
    json.dump({"meeting_id": args.meeting, "runsheet": args.runsheet, "minutes": args.minutes, "first_ms": first_ms,
               "warm_ms": warm, "warm_median_ms": statistics.median(warm) if warm else None,
               "bytes": len(data), "pages": pages, "reportlab_loaded_before": loaded_before,
               "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
