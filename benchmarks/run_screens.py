"""Issue 14's figures (every screen, every keyboard): what the new look costs the user.

    python benchmarks/run_screens.py [--scales 1 20] [--startup-runs 9] [--dashboard-runs 5]
                                     [--base DIR] [--write-readme]

Issue 14 added a focus ring (QFocusFrame, installed after the first paint), a palette and a
style sheet filled from one colour table, column fitting for every list, legends of their own
and "Vis som tabel" under each chart. None of that may slow the two moments a coordinator
waits for: the window after a start, and the Oversigt's figures after that.

- Whole process: start-up to the first painted window, this tree against the tree before
  issue 14 (--base: `git archive 15b4c73 | tar -x -C /tmp/base14`), interleaved, medians
  (run_hardening.startup: the same scratch copy, bytecode cache on).
- Whole process: the Oversigt drawn after the window is shown, each tree's own
  benchmarks/dashboard_probe.py, interleaved, medians (as run_safety.measure_dashboard).
Uses run.py's data (generated if stale)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
from pathlib import Path

import run
import run_hardening

START_MARK, END_MARK = "<!-- issue14:start -->", "<!-- issue14:end -->"
EXTRA_MAX_S = 0.02  # what the new look may add to either moment: nothing beyond the noise


def dashboard(db: Path, base: Path, runs: int, config: Path) -> dict:
    """Shown → drawn (ms) for each tree, one process per run, a warm-up round not counted."""
    platform = "xcb" if run.os.environ.get("DISPLAY") else "offscreen"
    env = run.child_env(platform, config)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    probes = {"base": (base, run_hardening._base_copy(db, base)), "now": (run.ROOT, db)}
    samples: dict[str, list[float]] = {name: [] for name in probes}
    for round_number in range(runs + 1):
        order = list(probes.items())
        for name, (tree, database) in order if round_number % 2 else order[::-1]:
            # The probe imports tryg_desktop by name: PYTHONPATH puts the tree's own package
            # before the editable install's, which would otherwise answer for both trees.
            _, _, out, _ = run.checked(
                [run.PYTHON, str(tree / "benchmarks" / "dashboard_probe.py"), "--database",
                 str(database)], dict(env, PYTHONPATH=str(tree)), f"dashboard ({name})",
                mark_spawn=True)
            if round_number:
                samples[name].append(json.loads(out.split("\n", 1)[1])["shown_to_drawn_ms"])
    return {f"dashboard_{name}_ms": statistics.median(values) for name, values in samples.items()}


def render(per: dict[int, dict], line: str) -> str:
    scales = sorted(per)
    rows = ["| figure | " + " | ".join(f"{s}×" for s in scales) + " | target |",
            "|---|" + "---:|" * len(scales) + "---|"]

    def startup(r):
        extra = r["startup_now_s"] - r["startup_base_s"]
        return (f"{r['startup_base_s']:.3f} / {r['startup_now_s']:.3f} s "
                f"{'✅' if extra <= EXTRA_MAX_S else '❌'}")

    def drawn(r):
        extra = (r["dashboard_now_ms"] - r["dashboard_base_ms"]) / 1000
        return (f"{r['dashboard_base_ms']:.0f} / {r['dashboard_now_ms']:.0f} ms "
                f"{'✅' if extra <= EXTRA_MAX_S else '❌'}")

    rows.append("| Start-up to the first painted window: before issue 14 / now (median) | "
                + " | ".join(startup(per[s]) for s in scales)
                + f" | ≤ +{EXTRA_MAX_S * 1000:.0f} ms |")
    rows.append("| Oversigt drawn after the window is shown: before issue 14 / now (median) | "
                + " | ".join(drawn(per[s]) for s in scales)
                + f" | ≤ +{EXTRA_MAX_S * 1000:.0f} ms |")
    return "\n".join([line, "", *rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--startup-runs", type=int, default=9)
    parser.add_argument("--dashboard-runs", type=int, default=5)
    parser.add_argument("--base", type=Path, default=Path("/tmp/base14"))
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args()
    per = {}
    with tempfile.TemporaryDirectory() as config_dir:
        config = Path(config_dir)
        for scale in args.scales:
            db = run.ensure_data(scale)
            with tempfile.TemporaryDirectory(dir=run.generate.DATA_DIR) as folder:
                scratch = run_hardening._scratch(db, Path(folder))
                run.log(f"{scale}×: start-up against {args.base} …")
                per[scale] = run_hardening.startup(scratch, args.base, args.startup_runs, config)
                run.log(f"{scale}×: the Oversigt against {args.base} …")
                per[scale].update(dashboard(scratch, args.base, args.dashboard_runs, config))
    line = (run.machine_line({"machine": run.machine(), "date": dt.date.today().isoformat()})
            + f" Medians of {args.startup_runs} interleaved start-ups and {args.dashboard_runs}"
              " interleaved Oversigt processes per tree, after a warm-up round.")
    text = render(per, line)
    print(text)
    print(json.dumps(per, indent=1))
    if args.write_readme:
        run.write_readme(text, START_MARK, END_MARK)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
