"""Issue 11's figures (feature wings, no import circles): start-up before and after the moves.

    python benchmarks/run_structure.py [--scales 1 20] [--startup-runs 9] [--import-runs 9]
                                       [--base DIR] [--write-readme]

- Whole process: start-up to the first painted window of this tree against the tree in --base
  (the commit before issue 11: `git archive 5556f77 | tar -x -C /tmp/base`), interleaved,
  medians (run_hardening.startup: the same scratch copy, bytecode cache on).
- In-process: a fresh interpreter imports what start-up imports (app and the main window) from
  each tree; the import time (median) and how many of the package's modules and folders that
  loads. The moves add packages (__init__ files); this shows what they cost.
Uses run.py's data (generated if stale)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

import run
import run_hardening

START_MARK, END_MARK = "<!-- issue11:start -->", "<!-- issue11:end -->"
STARTUP_EXTRA_MAX = 0.02  # seconds the new layout may add to start-up: none, within noise

_IMPORT_PROBE = """
import sys, time
sys.path.insert(0, sys.argv[1])
start = time.perf_counter()
import tryg_desktop.app
from tryg_desktop.views.main_window import MainWindow
seconds = time.perf_counter() - start
names = [m for m in sys.modules if m.startswith("tryg_desktop")]
packages = [m for m in names if hasattr(sys.modules[m], "__path__")]
print(seconds, len(names), len(packages))
"""


def import_cost(tree: Path, runs: int) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: the bytecode cache is on
    samples = []
    for round_number in range(runs + 1):
        out = subprocess.run([run.PYTHON, "-c", _IMPORT_PROBE, str(tree)], env=env, check=True,
                             capture_output=True, text=True, cwd=tree).stdout.split()
        if round_number:  # the first round fills the bytecode cache
            samples.append((float(out[0]), int(out[1]), int(out[2])))
    return {"import_ms": statistics.median(s[0] for s in samples) * 1000,
            "modules": samples[0][1], "packages": samples[0][2]}


def render(per: dict[int, dict], imports: dict[str, dict], line: str) -> str:
    scales = sorted(per)
    rows = ["| figure | " + " | ".join(f"{s}×" for s in scales) + " | target |",
            "|---|" + "---:|" * len(scales) + "---|"]

    def startup_cell(r):
        extra = r["startup_now_s"] - r["startup_base_s"]
        return (f"{r['startup_base_s']:.3f} / {r['startup_now_s']:.3f} s "
                f"{'✅' if extra <= STARTUP_EXTRA_MAX else '❌'}")

    rows.append("| Start-up to the first painted window: before issue 11 / now (median) | "
                + " | ".join(startup_cell(per[s]) for s in scales)
                + f" | ≤ +{STARTUP_EXTRA_MAX * 1000:.0f} ms |")
    base, now = imports["base"], imports["now"]
    rows.append("| Importing what start-up imports (app, main window), fresh interpreter: "
                "before / now (median) | "
                + f"{base['import_ms']:.0f} / {now['import_ms']:.0f} ms"
                + " | " * len(scales) + " |")
    rows.append("| … modules of the package loaded (of them packages): before / now | "
                + f"{base['modules']} ({base['packages']}) / {now['modules']} ({now['packages']})"
                + " | " * len(scales) + " |")
    return "\n".join([line, "", *rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--startup-runs", type=int, default=9)
    parser.add_argument("--import-runs", type=int, default=9)
    parser.add_argument("--base", type=Path, default=Path("/tmp/base"))
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args()
    per = {}
    with tempfile.TemporaryDirectory() as config_dir:
        config = Path(config_dir)
        for scale in args.scales:
            db = run.ensure_data(scale)
            run.log(f"{scale}×: start-up against {args.base} …")
            with tempfile.TemporaryDirectory(dir=run.generate.DATA_DIR) as folder:
                per[scale] = run_hardening.startup(run_hardening._scratch(db, Path(folder)),
                                                   args.base, args.startup_runs, config)
    run.log("imports …")
    imports = {"base": import_cost(args.base, args.import_runs),
               "now": import_cost(run.ROOT, args.import_runs)}
    line = (run.machine_line({"machine": run.machine(), "date": dt.date.today().isoformat()})
            + f" Medians of {args.startup_runs} interleaved start-ups after a warm-up, and of "
              f"{args.import_runs} fresh interpreters per tree.")
    text = render(per, imports, line)
    print(text)
    print(json.dumps({"startup": per, "imports": imports}, indent=1))
    if args.write_readme:
        run.write_readme(text, START_MARK, END_MARK)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
