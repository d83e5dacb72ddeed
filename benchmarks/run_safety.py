"""The issue-5 part of run.py (places, efforts and the episode log): the Oversigt drawn after
start-up, saving an episode and the yearly status report. run.py calls measure() per scale
and render() for the table rows."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import generate

HERE = Path(__file__).resolve().parent
START_MARK, END_MARK = "<!-- issue5:start -->", "<!-- issue5:end -->"
TARGET_SCALE = 20  # the issue-5 targets hold at this scale
DASHBOARD_MAX_MS = 300.0  # the Oversigt drawn at most this long after the window is shown
EPISODE_SAVE_MAX_MS = 50.0
REPORT_MAX_S = 3.0  # the yearly status report, in-process


def measure(db: Path, settings: dict, platform_name: str, config: Path, helpers) -> dict:
    """helpers: run.py's module (checked, child_env, fresh_copy, shown_seconds, PYTHON)."""
    result = {"dashboard": measure_dashboard(db, settings["dashboard_runs"], platform_name,
                                             config, helpers),
              "episodes": measure_episodes(db, settings["episode_runs"], config, helpers)}
    result["report"] = measure_report(db, settings["report_runs"], config, helpers)
    return result


def measure_dashboard(db: Path, runs: int, platform_name: str, config: Path, helpers) -> dict:
    """dashboard_probe.py, one whole process per run (a warm-up run is not counted), on the
    start-up's platform; the spawn moment comes from run.py, as for start-up."""
    env = helpers.child_env(platform_name, config)
    samples = []
    for number in range(runs + 1):
        seconds, _, out, _ = helpers.checked(
            [helpers.PYTHON, str(HERE / "dashboard_probe.py"), "--database", str(db)], env,
            "dashboard_probe", mark_spawn=True)
        spawned = float(out.splitlines()[0].split()[1])
        sample = json.loads(out.split("\n", 1)[1])
        sample["spawn_to_shown_ms"] = (sample["shown_monotonic"] - spawned) * 1000
        sample["spawn_to_drawn_ms"] = (sample["drawn_monotonic"] - spawned) * 1000
        sample["process_s"] = seconds
        if number:
            samples.append(sample)
    drawn = [s["shown_to_drawn_ms"] for s in samples]
    return {
        "runs": samples, "platform": platform_name,
        "shown_to_drawn_ms": statistics.median(drawn), "worst_ms": max(drawn),
        "spawn_to_shown_ms": statistics.median(s["spawn_to_shown_ms"] for s in samples),
        "spawn_to_drawn_ms": statistics.median(s["spawn_to_drawn_ms"] for s in samples),
        "compute_ms": statistics.median(s["compute_ms"] for s in samples
                                        if s["compute_ms"] is not None)
        if any(s["compute_ms"] is not None for s in samples) else None,
        # the window must not wait for the dashboard
        "window_first": all(not s["ready_before_shown"] and not s["computed_before_shown"]
                            and not s["compute_on_gui_thread"] for s in samples),
        "charts": samples[0]["chart_count"], "status": samples[0]["status"],
        "rss_kb": max(s["maxrss_kb"] for s in samples),
    }


def measure_episodes(db: Path, runs: int, config: Path, helpers) -> dict:
    """episode_probe.py, one process per run, each on a fresh copy of the database (it
    writes); the saves of all runs are pooled."""
    scratch = generate.DATA_DIR / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    env = helpers.child_env("offscreen", config)
    copy = scratch / f"episodes-{db.name}"
    samples = []
    try:
        for _ in range(runs):
            helpers.fresh_copy(db, copy)
            _, _, out, _ = helpers.checked([helpers.PYTHON, str(HERE / "episode_probe.py"),
                                            "--database", str(copy)], env, "episode_probe")
            samples.append(json.loads(out))
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    later = [t for s in samples for t in s["times_ms"][1:]]
    return {"runs": samples, "saves": sum(s["saves"] for s in samples),
            "median_ms": statistics.median(later), "worst_ms": max(later),
            "first_ms": statistics.median(s["first_ms"] for s in samples),
            "episodes_before": samples[0]["episodes_before"]}


def measure_report(db: Path, runs: int, config: Path, helpers) -> dict:
    """report_probe.py: the yearly status report in one process, first call and warm."""
    env = helpers.child_env("offscreen", config)
    _, _, out, _ = helpers.checked([helpers.PYTHON, str(HERE / "report_probe.py"), "--database",
                                    str(db), "--runs", str(runs)], env, "report_probe")
    return json.loads(out)


def _dk(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _ms(value: float) -> str:
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def _mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def _heading(scale: int) -> str:
    places, efforts, episodes = (_dk(n) for n in generate.GP.PLACE_SCALES[scale])
    return f"{scale}× ({places} steder, {efforts} indsatser, {episodes} hændelser)"


def render_section(results: dict, machine: str) -> str:
    """The issue-5 section of the README: how it was measured, the table and the command."""
    scales = results["scales"]
    per = results["per_scale"]
    runs = results["settings"]
    platform_name = per[scales[0]]["safety"]["dashboard"]["platform"]
    lines = [machine, "",
             f"Oversigt: {runs['dashboard_runs']} whole processes per scale after a warm-up "
             f"process, on the `{platform_name}` Qt platform"
             + (f" (DISPLAY={results['display']})" if platform_name == "xcb" else "")
             + f"; saving episodes: {runs['episode_runs']} processes × 30 saves per scale, each "
             f"on a fresh copy of the database; the status report: {runs['report_runs']} reports "
             "in one process per scale. Times are medians unless marked.", "",
             "Command (from the repository root):", "", "```", results["command"], "```", "",
             "| | " + " | ".join(_heading(s) for s in scales) + " | Target |",
             "|---|" + "---:|" * len(scales) + "---|"]

    def row(label: str, cells: list[str], target: str = "") -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")

    def target(s: int, ok: bool) -> str:
        return f" {_mark(ok)}" if s == TARGET_SCALE else ""

    dash = {s: per[s]["safety"]["dashboard"] for s in scales}
    row("Oversigt drawn after the window is shown (`dashboard_ready`, then a repaint): "
        "median (worst)", [f"{_ms(d['shown_to_drawn_ms'])}"
                           f"{target(s, d['shown_to_drawn_ms'] <= DASHBOARD_MAX_MS)} "
                           f"({_ms(d['worst_ms'])})" for s, d in dash.items()],
        f"≤ {DASHBOARD_MAX_MS:g} ms at {TARGET_SCALE}×")
    row("… the window is shown first: the figures are computed by workers, off the GUI thread, "
        "after the window is shown (every run)",
        [("yes" if d["window_first"] else "no") + target(s, d["window_first"])
         for s, d in dash.items()], "must not delay the window")
    row("… the workers' figures, first part started to last part done "
        "(`overview_page.compute_part`)",
        [_ms(d["compute_ms"]) if d["compute_ms"] is not None else "–" for d in dash.values()])
    row("… spawn until the window is shown / until the Oversigt is drawn",
        [f"{d['spawn_to_shown_ms'] / 1000:.3f} s / {d['spawn_to_drawn_ms'] / 1000:.3f} s"
         for d in dash.values()])
    row("… charts on the page; peak RSS", [f"{d['charts']}; {_dk(round(d['rss_kb'] / 1024))} MB"
                                           for d in dash.values()])
    cells = []
    for s in scales:
        e = per[s]["safety"]["episodes"]
        cells.append(f"{_ms(e['median_ms'])}{target(s, e['median_ms'] <= EPISODE_SAVE_MAX_MS)} / "
                     f"{_ms(e['worst_ms'])}{target(s, e['worst_ms'] <= EPISODE_SAVE_MAX_MS)}")
    saves = per[scales[-1]]["safety"]["episodes"]["saves"]
    row(f"Save an episode, `episodes.create()` in-process: median / worst ({saves} saves, the "
        "first of each process apart)", cells,
        f"≤ {EPISODE_SAVE_MAX_MS:g} ms at {TARGET_SCALE}×")
    row("… the first save in a process",
        [_ms(per[s]["safety"]["episodes"]["first_ms"]) for s in scales])
    report = per[scales[-1]]["safety"]["report"]
    cells = []
    for s in scales:
        r = per[s]["safety"]["report"]
        cells.append(f"{r['median_s']:.2f} s{target(s, r['median_s'] <= REPORT_MAX_S)} "
                     f"({r['pages']} pages)")
    row(f"Yearly status report as PDF, `{report['function']}` in-process, {report['period']}: "
        f"median of {report['runs']}", cells, f"≤ {REPORT_MAX_S:g} s at {TARGET_SCALE}×")
    row("… the first report in the process (loads reportlab and the charts)",
        [f"{per[s]['safety']['report']['first_s']:.2f} s" for s in scales])
    return "\n".join(lines)
