"""Issue 13's figures: what the access log costs, and start-up with the data-protection menu.

    python benchmarks/run_data_protection.py [--scales 1 20] [--runs 3] [--startup-runs 7]
        [--base DIR] [--server-url postgresql://postgres@127.0.0.1:5432/bench_tryg_20x]
        [--write-readme]

- access_log_probe.py (in-process) on a fresh scratch copy per run of run.py's data, and once
  per run on the server database (run_server.py's bench_tryg_<scale>x, if it exists): record()
  per call, search keystrokes with the log on and off (interleaved), opening a person's
  record (contacts.view against contacts.get), flush() of 200, 100 and 1,000 entries; medians.
- Start-up to the first painted window of this tree against the tree in --base (the commit
  before issue 13: `git archive 14927a9 | tar -x -C /tmp/base13`), interleaved, on scratch
  copies of the 20× file (the new tree's copy migrated in the warm-up round).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
from pathlib import Path

import run
import run_hardening
from run_hardening import STARTUP_EXTRA_MAX, _scratch

HERE = Path(__file__).resolve().parent
START_MARK, END_MARK = "<!-- issue13:start -->", "<!-- issue13:end -->"
NOTICEABLE_MS = 1.0  # what the log may add to a keystroke or to opening a record


def probe(database: str, runs: int) -> dict:
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(dir=run.generate.DATA_DIR) as folder:
            target = database if database.startswith("postgres") else \
                str(_scratch(Path(database), Path(folder)))
            out = subprocess.run([run.PYTHON, str(HERE / "access_log_probe.py"), "--database",
                                  target, "--rounds", "3"], check=True, capture_output=True,
                                 text=True).stdout
            samples.append(json.loads(out.strip().splitlines()[-1]))
    numbers = [key for key, value in samples[0].items() if isinstance(value, (int, float))]
    return {key: statistics.median(s[key] for s in samples) for key in numbers}


def startup(db: Path, base: Path, runs: int, config: Path) -> dict:
    """run_hardening's interleaved start-ups of both trees, on a scratch copy (the new tree
    migrates it in the warm-up round; the older tree gets a copy that says its version)."""
    with tempfile.TemporaryDirectory(dir=run.generate.DATA_DIR) as folder:
        return run_hardening.startup(_scratch(db, Path(folder)), base, runs, config)


def render(per: dict[str, dict], start: dict | None, line: str) -> str:
    names = list(per)
    rows = ["| figure | " + " | ".join(names) + " | target |",
            "|---|" + "---:|" * len(names) + "---|"]

    def row(label, cell, target=""):
        rows.append(f"| {label} | " + " | ".join(cell(per[n]) for n in names) + f" | {target} |")

    row("`access_log.record()` per call, median (99th percentile)",
        lambda r: f"{r['record_us_median']:.0f} µs ({r['record_us_p99']:.0f} µs)",
        "no database access on the caller's thread")
    row("Search keystroke (contacts.fetch of 100 rows + count), log on / off, median; "
        "what the log adds (median of on − off per keystroke)",
        lambda r: (f"{r['search_ms_on']:.1f} / {r['search_ms_off']:.1f} ms; "
                   f"{r['search_ms_added']:+.2f} ms "
                   f"{'✅' if r['search_ms_added'] <= NOTICEABLE_MS else '❌'}"),
        f"adds ≤ {NOTICEABLE_MS:.0f} ms")
    row("Entries written for the keystrokes typed (a run typed on is one entry)",
        lambda r: f"{r['search_entries_queued']:.0f} for {r['search_keystrokes']:.0f}")
    row("Opening a person's record: contacts.view / contacts.get, median",
        lambda r: (f"{r['open_record_ms_view']:.2f} / {r['open_record_ms_get']:.2f} ms "
                   f"{'✅' if r['open_record_ms_view'] - r['open_record_ms_get'] <= NOTICEABLE_MS else '❌'}"),
        f"view ≤ get + {NOTICEABLE_MS:.0f} ms")
    row("flush() of 100 / 1,000 queued entries (in the pool, every second)",
        lambda r: f"{r['flush_100_ms']:.1f} / {r['flush_1000_ms']:.1f} ms")
    text = "\n".join(rows)
    if start:
        extra = start["startup_now_s"] - start["startup_base_s"]
        text += (f"\n\nStart-up to the first painted window, 20× file, before issue 13 / now "
                 f"(median of interleaved runs): {start['startup_base_s']:.3f} / "
                 f"{start['startup_now_s']:.3f} s "
                 f"({'✅' if extra <= STARTUP_EXTRA_MAX else '❌'} target ≤ "
                 f"+{STARTUP_EXTRA_MAX * 1000:.0f} ms).")
    return f"{line}\n\n{text}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--startup-runs", type=int, default=7)
    parser.add_argument("--base", type=Path, default=Path("/tmp/base13"))
    parser.add_argument("--server-url", default="postgresql://postgres@127.0.0.1:5432/"
                                                "bench_tryg_{scale}x")
    parser.add_argument("--no-server", dest="server", action="store_false")
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args(argv)

    per: dict[str, dict] = {}
    for scale in args.scales:
        db = run.ensure_data(scale)
        run.log(f"{scale}×: the access log on SQLite …")
        per[f"{scale}× SQLite"] = probe(str(db), args.runs)
        if args.server:
            url = args.server_url.format(scale=scale)
            run.log(f"{scale}×: the access log on the server ({url}) …")
            try:
                per[f"{scale}× server"] = probe(url, args.runs)
            except subprocess.CalledProcessError as error:
                run.log(f"  skipped: {error.stderr.strip().splitlines()[-1:]}")
    start = None
    if (args.base / "main.py").exists():
        run.log("start-up, before issue 13 and now …")
        with tempfile.TemporaryDirectory() as config:
            start = startup(run.ensure_data(max(args.scales)), args.base, args.startup_runs,
                            Path(config))
    import datetime as dt

    line = run.machine_line({"machine": run.machine(), "date": dt.date.today().isoformat()})
    line += (f" {args.runs} probe processes per database (medians); PostgreSQL on the same "
             f"machine (loopback), logged in as the owner; {args.startup_runs} interleaved "
             "start-ups after a warm-up round.")
    text = render(per, start, line)
    print(text)
    if args.write_readme:
        run.write_readme(text, START_MARK, END_MARK)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
