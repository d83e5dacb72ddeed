"""The yearly status report (statusrapport, issue 5) in-process; run.py reads the JSON this
prints on stdout.

    python benchmarks/report_probe.py --database DB [--runs 3] [--from YYYY-MM-DD --to …]
        [--profile]

It opens the database, imports tryg_desktop.services.safety.report_printing (as the app has done
before anyone prints) and times report_printing.status_report_pdf_bytes(start, end) --runs
times in this process, for the whole city and a year: by default the last twelve months
(statistics.last_12_months(today)), the period the Oversigt shows. The first call also loads
reportlab, its fonts and the charts; the JSON gives it apart as well as the median of all
calls. The database is only read.
--profile writes a cProfile of the first call to benchmarks/out/ and prints the top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
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
FUNCTION = "report_printing.status_report_pdf_bytes()"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=database_arg, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--from", dest="start", type=dt.date.fromisoformat)
    parser.add_argument("--to", dest="end", type=dt.date.fromisoformat)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services.safety import report_printing
    from tryg_desktop.services.safety import statistics as S

    open_database(args.database)
    today = dt.date.today()
    start, end = S.last_12_months(today)
    start, end = args.start or start, args.end or end
    profile = cProfile.Profile() if args.profile else None
    times, data = [], b""
    for number in range(args.runs):
        if profile and number == 0:
            profile.enable()
        started = time.perf_counter()
        data = report_printing.status_report_pdf_bytes(start, end, today=today)
        times.append(time.perf_counter() - started)
        if profile and number == 0:
            profile.disable()
    if not data.startswith(b"%PDF-"):
        raise SystemExit("status_report_pdf_bytes did not return a PDF")
    if profile:
        out = HERE / "out"
        out.mkdir(exist_ok=True)
        path = out / f"profile-report-{database_stem(args.database)}.pstats"
        profile.dump_stats(str(path))
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(35)
        print(f"profile written to {path}\n{text.getvalue()}", file=sys.stderr)
    close_database()
    json.dump({
        "function": FUNCTION, "period": f"{start:%d.%m.%Y}–{end:%d.%m.%Y}",
        "start": start.isoformat(), "end": end.isoformat(), "runs": len(times),
        "first_s": times[0], "median_s": statistics.median(times),
        "warm_median_s": statistics.median(times[1:]) if len(times) > 1 else None,
        "times_s": times, "bytes": len(data), "pages": len(re.findall(rb"/Type\s*/Page\b", data)),
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
