"""Issue 9's figures (meeting work): planning a forum's meetings by its calendar rule, the
month view's query, the year's Mødeplan, and the Dagsorden and Drejebog with their new parts
(start times, the forum's open actions, bilag, role clashes), at 1× and 20×.

    python benchmarks/run_meeting_work.py [--scales 1 20] [--runs 5] [--write-readme]

Each figure is the median over --runs fresh processes (meeting_work_probe.py and
pdf_probe.py); the probe's writes are rolled back. Uses run.py's data (generated if stale)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
from pathlib import Path

import run

HERE = Path(__file__).resolve().parent
START_MARK, END_MARK = "<!-- issue9:start -->", "<!-- issue9:end -->"
PLAN_MAX_MS = 300.0  # the "Planlæg møder frem til …" list
CREATE_MAX_MS = 1000.0  # creating them: one click for a year's meetings
MONTH_MAX_MS = 50.0  # the month view's six weeks
PDF_MAX_MS = 300.0  # as issue 3's agenda target


def _probe(args: list[str]) -> dict:
    out = subprocess.run([run.PYTHON, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def measure(db: Path, runs: int) -> dict:
    work = [_probe([str(HERE / "meeting_work_probe.py"), "--database", str(db), "--runs", "3"])
            for _ in range(runs)]
    meeting = run.generate.read_stamp(db)["pdf_meeting_id"]
    pdf = {kind: [_probe([str(HERE / "pdf_probe.py"), "--database", str(db), "--meeting",
                          str(meeting), "--warm", "5", *extra]) for _ in range(runs)]
           for kind, extra in (("agenda", []), ("runsheet", ["--runsheet"]))}
    median = statistics.median
    result = {key: median(w[key] for w in work)
              for key in ("plan_ms", "create_ms", "month_ms", "plan_pdf_first_ms",
                          "plan_pdf_ms")}
    result.update(proposed=work[0]["proposed"], month_meetings=work[0]["month_meetings"])
    for kind, samples in pdf.items():
        result[f"{kind}_first_ms"] = median(s["first_ms"] for s in samples)
        result[f"{kind}_warm_ms"] = median(s["warm_median_ms"] for s in samples)
        result[f"{kind}_pages"] = samples[0]["pages"]
    return result


def _mark(value: float, limit: float) -> str:
    return f"{value:.0f} ms {'✅' if value <= limit else '❌'}"


def render(per_scale: dict[int, dict], line: str) -> str:
    scales = sorted(per_scale)
    head = "| figure | " + " | ".join(f"{s}×" for s in scales) + " | target |"
    rows = [head, "|---|" + "---:|" * len(scales) + "---|"]

    def row(label, cell, target=""):
        rows.append(f"| {label} | " + " | ".join(cell(per_scale[s]) for s in scales)
                    + f" | {target} |")

    row("Planlæg møder frem til …: the proposals (`forums.plan_until`)",
        lambda r: f"{_mark(r['plan_ms'], PLAN_MAX_MS)} ({r['proposed']} meetings)",
        f"≤ {PLAN_MAX_MS:.0f} ms")
    row("… creating them with participants and agenda (`forums.create_planned`)",
        lambda r: _mark(r["create_ms"], CREATE_MAX_MS), f"≤ {CREATE_MAX_MS:.0f} ms")
    row("Month view: the six weeks' meetings (`meetings.in_period`)",
        lambda r: f"{_mark(r['month_ms'], MONTH_MAX_MS)} ({r['month_meetings']} meetings)",
        f"≤ {MONTH_MAX_MS:.0f} ms")
    row("Mødeplan for next year, all forums: first call in a process / warm",
        lambda r: f"{_mark(r['plan_pdf_first_ms'], PDF_MAX_MS)} / {r['plan_pdf_ms']:.0f} ms",
        f"≤ {PDF_MAX_MS:.0f} ms")
    for kind, name in (("agenda", "Dagsorden"), ("runsheet", "Drejebog")):
        row(f"{name} of the 12-item meeting: first call in a process / warm",
            lambda r, k=kind: f"{_mark(r[k + '_first_ms'], PDF_MAX_MS)} / "
                              f"{r[k + '_warm_ms']:.0f} ms ({r[k + '_pages']} pages)",
            f"≤ {PDF_MAX_MS:.0f} ms")
    return "\n".join([line, "", *rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args()
    per_scale = {}
    for scale in sorted(set(args.scales)):
        run.log(f"{scale}×: meeting work ({args.runs} processes each) …")
        per_scale[scale] = measure(run.ensure_data(scale), args.runs)
    results = {"date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
               "machine": run.machine()}
    text = render(per_scale, run.machine_line(results) + " Medians of "
                  f"{args.runs} processes; command: `python benchmarks/run_meeting_work.py`.")
    print(text)
    if args.write_readme:
        run.write_readme(text, START_MARK, END_MARK)
    return 0


if __name__ == "__main__":
    sys.exit(main())
