"""Issue 10's figures (hardening): what the new checks, the daily backup, the log, the one
owner of derived data and the version check on minutes cost, at 1× and 20×.

    python benchmarks/run_hardening.py [--scales 1 20] [--runs 3] [--startup-runs 5]
                                       [--base DIR] [--write-readme]

- In-process figures: hardening_probe.py on a fresh scratch copy per run; medians.
- Whole process: `main.py check` (exit code 0 on the generated data), and start-up to the
  first painted window of this tree against the tree in --base (the commit before issue 10,
  e.g. `git archive 7db66e5 | tar -x -C /tmp/base`), interleaved, medians. Both open the same
  scratch copy; TRYG_EXIT_WHEN_SHOWN quits before the day's backup starts (it waits a second).
Uses run.py's data (generated if stale)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
from pathlib import Path

import run

HERE = Path(__file__).resolve().parent
START_MARK, END_MARK = "<!-- issue10:start -->", "<!-- issue10:end -->"
RENAME_MAX_MS = 500.0  # a rename is one click in a dialog
SEARCH_MAX_MS = 100.0  # as issue 2's search-as-you-type
SAVE_MAX_MS = 50.0  # an autosave while typing
STARTUP_EXTRA_MAX = 0.05  # seconds the hardening may add to start-up


def _scratch(db: Path, folder: Path) -> Path:
    copy = folder / db.name
    shutil.copyfile(db, copy)
    for suffix in ("-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return copy


def probe(db: Path, runs: int) -> dict:
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(dir=run.generate.DATA_DIR) as folder:
            copy = _scratch(db, Path(folder))
            out = subprocess.run([run.PYTHON, str(HERE / "hardening_probe.py"), "--database",
                                  str(copy), "--runs", "5"], check=True, capture_output=True,
                                 text=True).stdout
            samples.append(json.loads(out))
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def check_command(db: Path, runs: int, config: Path) -> dict:
    env = run.child_env("offscreen", config)
    times = []
    for _ in range(runs):
        seconds, _, code, out, err = run.timed_process(
            [run.PYTHON, str(run.ROOT / "main.py"), "--database", str(db), "check"], env)
        if code != 0:
            raise SystemExit(f"check failed ({code}): {out}{err}")
        times.append(seconds)
    return {"check_s": statistics.median(times)}


def _base_copy(db: Path, base: Path) -> Path:
    """A copy the older tree opens: the steps since (issue 10's step 8 only rebuilds search
    texts, no schema change) are not recorded, else it refuses a file from a newer version."""
    latest = int(subprocess.run(
        [run.PYTHON, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
         "from tryg_desktop.db.migrations import LATEST; print(LATEST)", str(base)],
        check=True, capture_output=True, text=True).stdout)
    copy = db.with_name("base-" + db.name)
    shutil.copyfile(db, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute('UPDATE "schema_version" SET "version" = ?', (latest,))
    conn.close()
    return copy


def startup(db: Path, base: Path, runs: int, config: Path) -> dict:
    env = run.child_env("xcb" if run.os.environ.get("DISPLAY") else "offscreen", config,
                        TRYG_EXIT_WHEN_SHOWN="1")
    # As installed: Python's bytecode cache on (the warm-up round fills it for both trees).
    # Without it every start compiles every module, and new modules count twice.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    variants = {"base": [run.PYTHON, str(base / "main.py"), "--database",
                         str(_base_copy(db, base))],
                "now": [run.PYTHON, str(run.ROOT / "main.py"), "--database", str(db)]}
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for round_number in range(runs + 1):
        order = list(variants.items())
        for name, cmd in order if round_number % 2 else order[::-1]:
            _, _, out, _ = run.checked(cmd, env, f"start-up ({name})", mark_spawn=True)
            if round_number:
                samples[name].append(run.shown_seconds(out))
    return {f"startup_{name}_s": statistics.median(values) for name, values in samples.items()}


def render(per: dict[int, dict], line: str) -> str:
    scales = sorted(per)
    rows = ["| figure | " + " | ".join(f"{s}×" for s in scales) + " | target |",
            "|---|" + "---:|" * len(scales) + "---|"]

    def row(label, cell, target=""):
        rows.append(f"| {label} | " + " | ".join(cell(per[s]) for s in scales) + f" | {target} |")

    def ms(value, limit=None):
        mark = "" if limit is None else (" ✅" if value <= limit else " ❌")
        return f"{value:,.0f} ms{mark}".replace(",", " ")

    def startup_cell(r):
        extra = r["startup_now_s"] - r["startup_base_s"]
        return (f"{r['startup_base_s']:.3f} / {r['startup_now_s']:.3f} s "
                f"{'✅' if extra <= STARTUP_EXTRA_MAX else '❌'}")

    row("Start-up to the first painted window: before issue 10 / now (median)", startup_cell,
        f"≤ +{STARTUP_EXTRA_MAX * 1000:.0f} ms")
    row("Quick check (`PRAGMA quick_check`, foreign keys, search index), in a worker at start-up",
        lambda r: ms(r["quick_check_ms"]))
    row("`main.py check` (full integrity check), whole process", lambda r: f"{r['check_s']:.1f} s")
    row("Daily backup (first start of a day, in a worker)", lambda r: ms(r["backup_ms"]))
    row("Rename the organisation with most contacts (search text and sort keys follow)",
        lambda r: f"{ms(r['rename_org_ms'], RENAME_MAX_MS)} ({r['org_contacts']:.0f} contacts)",
        f"≤ {RENAME_MAX_MS:.0f} ms")
    row("Rename the contact responsible for most actions",
        lambda r: f"{ms(r['rename_contact_ms'], RENAME_MAX_MS)} "
                  f"({r['contact_actions']:.0f} actions)",
        f"≤ {RENAME_MAX_MS:.0f} ms")
    row("Rename the forum with most meetings",
        lambda r: f"{ms(r['rename_forum_ms'], RENAME_MAX_MS)} "
                  f"({r['forum_meetings']:.0f} meetings)",
        f"≤ {RENAME_MAX_MS:.0f} ms")
    row("Contact search, one word / 80 short words (capped terms)",
        lambda r: f"{ms(r['search_ms'], SEARCH_MAX_MS)} / {ms(r['search_80_ms'], SEARCH_MAX_MS)}",
        f"≤ {SEARCH_MAX_MS:.0f} ms")
    row("Minutes autosave with its version check", lambda r: ms(r["minutes_save_ms"], SAVE_MAX_MS),
        f"≤ {SAVE_MAX_MS:.0f} ms")
    return "\n".join([line, "", *rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--base", type=Path, default=Path("/tmp/base"))
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args()
    per = {}
    with tempfile.TemporaryDirectory() as config_dir:
        config = Path(config_dir)
        for scale in args.scales:
            db = run.ensure_data(scale)
            run.log(f"{scale}×: in-process probe …")
            result = probe(db, args.runs)
            run.log(f"{scale}×: check command …")
            result.update(check_command(db, args.runs, config))
            run.log(f"{scale}×: start-up against {args.base} …")
            with tempfile.TemporaryDirectory(dir=run.generate.DATA_DIR) as folder:
                result.update(startup(_scratch(db, Path(folder)), args.base, args.startup_runs,
                                      config))
            per[scale] = result
    line = (run.machine_line({"machine": run.machine(), "date": dt.date.today().isoformat()})
            + f" Medians of {args.runs} processes (in-process) and {args.startup_runs} "
              "interleaved start-ups after a warm-up.")
    text = render(per, line)
    print(text)
    print(json.dumps(per, indent=1))
    if args.write_readme:
        run.write_readme(text, START_MARK, END_MARK)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
