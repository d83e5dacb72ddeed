"""Issue 12's figures: the benchmark on PostgreSQL, on loopback and with ~10 ms round trips.

    python benchmarks/run_server.py [--scales 1 20] [--runs 3] [--startup-runs 5]
        [--delay-ms 10] [--admin-url postgresql://postgres@127.0.0.1:5432/postgres]
        [--setup-only] [--write-readme]

1. The generated data (run.py's, generated if stale) is put on the server: a database per
   scale, bench_tryg_1x and bench_tryg_20x, made with the app's own `main.py --server URL
   server init` and `server upload FILE`; remade when the SQLite file is newer than the stamp
   kept beside it (benchmarks/data/bench_tryg_<s>x.server-stamp).
2. The probes run against that database (`--database postgresql://…`) as they run against the
   file in run.py: start-up (whole `main.py --server URL` process), gui_probe (Kontakter first
   paint, search keystrokes, sorting), meeting_probe (Møder page, opening meetings),
   action_probe (Handlinger page, typing a referat with autosaves), dashboard_probe
   (Oversigt), episode_probe, pdf_probe (agenda) and report_probe (status report).
3. Every probe runs through query_counter.py, which counts the statements each operation
   sends (psycopg cursor executes, BEGIN/COMMIT included: one round trip each).
4. Then the same through delay_proxy.py (a TCP proxy on loopback delaying each chunk by
   delay/2 each way); the added round trip is checked by timing `SELECT 1` through it.
5. A table: the SQLite target, the loopback and 10 ms medians, the statements, and ✅/❌ for
   "loopback meets the SQLite target; 10 ms within 2× the SQLite target".
The probes write (episodes, a referat) into the server database; they add a few dozen rows
per run to hundreds of thousands, and the database is remade only with new data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402

START_MARK, END_MARK = "<!-- issue12:start -->", "<!-- issue12:end -->"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
COUNTER = HERE / "query_counter.py"


def log(text: str) -> None:
    run.log(text)


# --- 1. the data on the server -------------------------------------------------------------

def database_name(scale: int) -> str:
    return f"bench_tryg_{scale}x"


def with_database(url: str, name: str, port: int | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc
    if port is not None:
        netloc = f"{netloc.rsplit(':', 1)[0] if ':' in netloc.split('@')[-1] else netloc}:{port}"
    return urlunsplit((parts.scheme, netloc, "/" + name, parts.query, parts.fragment))


def _admin(admin_url: str, *statements: str) -> list:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        rows = []
        for statement in statements:
            cursor = conn.execute(statement)
            rows.append(cursor.fetchall() if cursor.description else None)
        return rows


def ensure_server_database(scale: int, admin_url: str) -> str:
    """The scale's server database, made from the SQLite data with the app's own commands
    when missing or older than the data file. Returns its URL."""
    source = run.ensure_data(scale)
    name = database_name(scale)
    url = with_database(admin_url, name)
    stamp = run.generate.DATA_DIR / f"{name}.server-stamp"
    (exists,) = _admin(admin_url, f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
    if exists and stamp.exists() and stamp.stat().st_mtime >= source.stat().st_mtime:
        return url
    log(f"{scale}×: putting {source.name} on the server as {name} …")
    stamp.unlink(missing_ok=True)
    _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    env = run.child_env("offscreen", Path(tempfile.mkdtemp(prefix="tryg-bench-config-")))
    for command in (["server", "init"], ["server", "upload", str(source)]):
        started = time.perf_counter()
        done = subprocess.run([run.PYTHON, str(run.ROOT / "main.py"), "--server", url, *command],
                              env=env, cwd=run.ROOT, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"main.py server {command[1]} failed:\n{done.stdout}{done.stderr}")
        log(f"  server {command[1]}: {time.perf_counter() - started:.1f} s")
    _admin(url, "ANALYZE")
    stamp.write_text(json.dumps({"source": str(source), "made": dt.datetime.now().isoformat()}),
                     encoding="utf-8")
    return url


# --- 4. the delaying proxy -----------------------------------------------------------------

class Proxy:
    """delay_proxy.py as a subprocess, for the with-block's length."""

    def __init__(self, delay_ms: float, target_port: int) -> None:
        self.delay_ms, self.target_port = delay_ms, target_port
        self.process = None
        self.port = None

    def __enter__(self) -> "Proxy":
        self.process = subprocess.Popen(
            [run.PYTHON, str(HERE / "delay_proxy.py"), "--port", "0", "--target",
             f"127.0.0.1:{self.target_port}", "--delay-ms", str(self.delay_ms)],
            stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("listening "):
            self.process.kill()
            raise SystemExit(f"delay_proxy.py did not start: {line!r}")
        self.port = int(line.split()[1])
        return self

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def measure_rtt(url: str, count: int = 60) -> dict:
    """SELECT 1 round trips on one connection (the first ten not counted)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        times = []
        for number in range(count + 10):
            started = time.perf_counter()
            conn.execute("SELECT 1").fetchall()
            if number >= 10:
                times.append((time.perf_counter() - started) * 1000)
    return {"median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times)}


# --- 2./3. the probes, with their statements counted ---------------------------------------

def counted(script: str, args: list[str], env: dict, marks: tuple[str, ...] = (),
            mark_spawn: bool = False) -> tuple[dict | str, dict, float]:
    """One probe process through query_counter.py: (its JSON, or its stdout when it prints
    no JSON; the statements and windows; wall seconds)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        log_path = Path(handle.name)
    try:
        cmd = [run.PYTHON, str(COUNTER)]
        for mark in marks:
            cmd += ["--mark", mark]
        cmd += [script, *args]
        seconds, _, out, _ = run.checked(cmd, dict(env, TRYG_QUERY_LOG=str(log_path)),
                                         Path(script).name, mark_spawn=mark_spawn)
        queries = json.loads(log_path.read_text(encoding="utf-8"))
    finally:
        log_path.unlink(missing_ok=True)
    body = out.split("\n", 1)[1] if mark_spawn else out
    try:
        return json.loads(body), queries, seconds
    except ValueError:
        return out, queries, seconds


def in_windows(queries: dict, name: str) -> list[int]:
    """Statements sent during each window of that name (any thread)."""
    times = [s[0] for s in queries["statements"]]
    return [sum(1 for t in times if start <= t <= end)
            for start, end in queries["windows"].get(name, [])]


def between(queries: dict, start: float, end: float) -> int:
    return sum(1 for s in queries["statements"] if start <= s[0] <= end)


def slowest(queries: dict, name: str | None = None, start: float = 0.0,
            end: float = float("inf")) -> list:
    """[ms, sql] of the longest statement in the windows of that name (or start…end)."""
    spans = queries["windows"].get(name, []) if name else [[start, end]]
    inside = [s for s in queries["statements"]
              if s[3] is not None and any(a <= s[0] <= b for a, b in spans)]
    if not inside:
        return [0.0, ""]
    worst = max(inside, key=lambda s: s[3])
    return [worst[3], worst[4]]


def keep_slowest(figure: dict, candidates: list[list]) -> None:
    worst = max(candidates, key=lambda c: c[0], default=[0.0, ""])
    figure["slowest"] = worst


def keystroke_counts(queries: dict) -> list[int]:
    """Statements per search keystroke: from one apply_search to the next (the count worker
    the probe waits for included), within the search phase; the last until the phase ends."""
    (start, end), = queries["windows"]["search"]
    calls = sorted(s for s, _ in queries["windows"].get("apply_search", []) if start <= s <= end)
    bounds = calls + [end]
    return [between(queries, a, b) for a, b in zip(bounds, bounds[1:])]


def med(values):
    values = list(values)
    return statistics.median(values) if values else None


def measure_startup(urls: dict[str, str], sqlite_db: Path, runs: int, config: Path) -> dict:
    """Whole processes, interleaved: the bare window, the app on the SQLite file and the app
    with --server URL for each network; spawn until shown (run.shown_seconds). One warm-up
    round not counted. Then one process per network through query_counter.py for the
    statements sent until the window is shown."""
    env = run.child_env("offscreen", config, TRYG_EXIT_WHEN_SHOWN="1")
    main_py = str(run.ROOT / "main.py")
    variants = [("bare", [run.PYTHON, str(HERE / "bare_window.py")]),
                ("sqlite", [run.PYTHON, main_py, "--database", str(sqlite_db)])]
    variants += [(net, [run.PYTHON, main_py, "--server", url]) for net, url in urls.items()]
    samples: dict[str, list[float]] = {name: [] for name, _ in variants}
    for number in range(runs + 1):
        shift = number % len(variants)
        for name, cmd in variants[shift:] + variants[:shift]:
            _, _, out, _ = run.checked(cmd, env, f"start-up ({name})", mark_spawn=True)
            if number:
                samples[name].append(run.shown_seconds(out))
    result = {name: {"median_s": statistics.median(v), "times": v} for name, v in samples.items()}
    for net, url in urls.items():
        out, queries, _ = counted(main_py, ["--server", url], env)
        shown = float(next(line.split()[1] for line in out.splitlines()
                           if line.startswith("shown ")))
        result[net]["statements"] = sum(1 for s in queries["statements"] if s[0] <= shown)
        result[net]["statements_process"] = len(queries["statements"])
    return result


def measure_probes(url: str, stamp: dict, settings: dict, config: Path,
                   fresh=None) -> dict:
    """The probes on url (a server URL, or for comparison the SQLite file: then fresh() gives
    a fresh copy for each probe that writes, as run.py does)."""
    env = run.child_env("offscreen", config)
    fresh = fresh or (lambda: url)
    probe = lambda name: str(HERE / name)  # noqa: E731
    result: dict = {}

    gui = []
    for _ in range(settings["gui_runs"]):
        data, queries, _ = counted(probe("gui_probe.py"), ["--database", url], env)
        sorts = list(data["sorts"].values()) + list(data["header_sorts"].values())
        gui.append({"first_paint_ms": data["first_paint_ms"],
                    "first_paint_q": in_windows(queries, "first_paint")[0],
                    "keystrokes_ms": [k["ms"] for k in data["keystrokes"]],
                    "keystrokes_count_ms": [k["count_ms"] for k in data["keystrokes"]],
                    "keystroke_q": keystroke_counts(queries),
                    "sort_ms": statistics.median(sorts),
                    "sort_q": in_windows(queries, "sort")[0] / len(sorts),
                    "slow": {n: slowest(queries, n) for n in ("first_paint", "search", "sort")}})
    keys = [q for g in gui for q in g["keystroke_q"]]
    result["contacts_page"] = {"ms": med(g["first_paint_ms"] for g in gui),
                               "q": med(g["first_paint_q"] for g in gui)}
    result["search"] = {"ms": med(k for g in gui for k in g["keystrokes_ms"]),
                        "count_ms": med(k for g in gui for k in g["keystrokes_count_ms"]),
                        "q": med(keys), "q_max": max(keys)}
    result["sort"] = {"ms": med(g["sort_ms"] for g in gui), "q": med(g["sort_q"] for g in gui)}
    for key, phase in (("contacts_page", "first_paint"), ("search", "search"), ("sort", "sort")):
        keep_slowest(result[key], [g["slow"][phase] for g in gui])

    meetings = []
    ids = [str(i) for i in stamp["editor_meeting_ids"]]
    for _ in range(settings["meeting_runs"]):
        data, queries, _ = counted(probe("meeting_probe.py"),
                                   ["--database", url, "--meetings", *ids, "--agenda-meeting",
                                    str(stamp["pdf_meeting_id"])], env)
        meetings.append({"page_ms": data["meetings_page_ms"],
                         "page_q": in_windows(queries, "meetings_page")[0],
                         "open_ms": [o["ms"] for o in data["opens"]],
                         "open_q": in_windows(queries, "editor"),
                         "slow": {n: slowest(queries, n) for n in ("meetings_page", "editor")}})
    opens_q = [q for m in meetings for q in m["open_q"]]
    result["meetings_page"] = {"ms": med(m["page_ms"] for m in meetings),
                               "q": med(m["page_q"] for m in meetings)}
    result["open_meeting"] = {"ms": med(o for m in meetings for o in m["open_ms"]),
                              "worst_ms": max(o for m in meetings for o in m["open_ms"]),
                              "q": med(opens_q), "q_max": max(opens_q)}
    keep_slowest(result["meetings_page"], [m["slow"]["meetings_page"] for m in meetings])
    keep_slowest(result["open_meeting"], [m["slow"]["editor"] for m in meetings])

    actions = []
    for _ in range(settings["action_runs"]):
        data, queries, _ = counted(probe("action_probe.py"),
                                   ["--database", fresh(), "--meeting",
                                    str(stamp["minutes_meeting_id"])], env)
        saves = len(data["typing"]["save_now_ms"])
        actions.append({"page_ms": data["actions_page_ms"],
                        "page_q": in_windows(queries, "actions_page")[0],
                        "worst_ms": data["typing"]["worst_ms"],
                        "save_ms": data["typing"]["save_median_ms"],
                        "plain_ms": data["typing"]["plain_median_ms"],
                        "save_q": in_windows(queries, "typing")[0] / max(saves, 1),
                        "slow": {n: slowest(queries, n) for n in ("actions_page", "typing")}})
    result["actions_page"] = {"ms": med(a["page_ms"] for a in actions),
                              "q": med(a["page_q"] for a in actions)}
    result["typing"] = {"ms": med(a["worst_ms"] for a in actions),
                        "save_ms": med(a["save_ms"] for a in actions),
                        "plain_ms": med(a["plain_ms"] for a in actions),
                        "q": med(a["save_q"] for a in actions)}
    keep_slowest(result["actions_page"], [a["slow"]["actions_page"] for a in actions])
    keep_slowest(result["typing"], [a["slow"]["typing"] for a in actions])

    dash = []
    for _ in range(settings["dashboard_runs"]):
        data, queries, _ = counted(probe("dashboard_probe.py"), ["--database", url], env)
        window_start = data["started_monotonic"] + data["imports_ms"] / 1000
        dash.append({"ms": data["shown_to_drawn_ms"],
                     "q": between(queries, window_start, data["drawn_monotonic"]),
                     "status": data["status"],
                     "slow": slowest(queries, None, window_start, data["drawn_monotonic"])})
    result["dashboard"] = {"ms": med(d["ms"] for d in dash), "q": med(d["q"] for d in dash),
                           "status": dash[0]["status"]}
    keep_slowest(result["dashboard"], [d["slow"] for d in dash])

    episodes = []
    for _ in range(settings["episode_runs"]):
        data, queries, _ = counted(probe("episode_probe.py"), ["--database", fresh()], env,
                                   ("tryg_desktop.services.safety.episodes:create",))
        episodes.append({"ms": data["times_ms"][1:], "q": in_windows(queries, "create")[1:],
                         "slow": slowest(queries, "create")})
    result["episode"] = {"ms": med(t for e in episodes for t in e["ms"]),
                         "worst_ms": max(t for e in episodes for t in e["ms"]),
                         "q": med(q for e in episodes for q in e["q"])}
    keep_slowest(result["episode"], [e["slow"] for e in episodes])

    pdfs = []
    for _ in range(settings["pdf_runs"]):
        data, queries, _ = counted(
            probe("pdf_probe.py"), ["--database", url, "--meeting", str(stamp["pdf_meeting_id"]),
                                    "--warm", "3"], env,
            ("tryg_desktop.services.meetings.printing:agenda_pdf_bytes",))
        pdfs.append({"first_ms": data["first_ms"], "warm_ms": data["warm_median_ms"],
                     "q": in_windows(queries, "agenda_pdf_bytes"),
                     "slow": slowest(queries, "agenda_pdf_bytes")})
    result["agenda_pdf"] = {"ms": med(p["first_ms"] for p in pdfs),
                            "warm_ms": med(p["warm_ms"] for p in pdfs),
                            "q": med(q for p in pdfs for q in p["q"])}
    keep_slowest(result["agenda_pdf"], [p["slow"] for p in pdfs])

    data, queries, _ = counted(
        probe("report_probe.py"), ["--database", url, "--runs", str(settings["report_runs"])],
        env, ("tryg_desktop.services.safety.report_printing:status_report_pdf_bytes",))
    result["report"] = {"ms": data["median_s"] * 1000, "first_ms": data["first_s"] * 1000,
                        "q": med(in_windows(queries, "status_report_pdf_bytes")),
                        "pages": data["pages"],
                        "slowest": slowest(queries, "status_report_pdf_bytes")}
    return result


# --- 5. the table --------------------------------------------------------------------------

# (key, figure, SQLite target in ms or None for start-up's, where the target comes from)
FIGURES = [
    ("startup", "Start-up to the first painted window, whole `main.py --server URL` process "
                "(statements until shown)", None, "≤ 2× the bare window"),
    ("contacts_page", "Kontakter, first rows painted (page built on first use)", 150.0,
     "none of its own; the Handlinger page's 150 ms"),
    ("search", "Search keystroke, matching rows on screen (median over 55 keystrokes; "
               "statements: median / most per keystroke, the count worker included)", 20.0,
     "median ≤ 20 ms"),
    ("sort", "Sorting the contacts, click to repainted (median of 8 sorts)", 150.0,
     "none of its own; a page's 150 ms"),
    ("meetings_page", "Møder page, first paint", 150.0,
     "none of its own; the Handlinger page's 150 ms"),
    ("open_meeting", "Open a meeting in the editor, show + paint (median of 10 × runs; "
                     "statements: median / most)", 100.0, "≤ 100 ms"),
    ("actions_page", "Handlinger page, first paint", 150.0, "≤ 150 ms"),
    ("typing", "Typing a referat: worst keystroke incl. its autosave (statements per autosave)",
     50.0, "no keystroke > 50 ms"),
    ("dashboard", "Oversigt drawn after the window is shown (statements from building the "
                  "window until drawn)", 300.0, "≤ 300 ms"),
    ("episode", "Save an episode, `episodes.create()` (median)", 50.0, "≤ 50 ms"),
    ("agenda_pdf", "Agenda PDF of the 12-item meeting, first call in a fresh process",
     300.0, "≤ 300 ms"),
    ("report", "Yearly status report as PDF (median)", 3000.0, "≤ 3 s"),
]


def _ms(value: float) -> str:
    return f"{value / 1000:.2f} s" if value >= 1000 else run.ms(value)


def _queries(key: str, figure: dict) -> str:
    q = figure.get("q")
    if q is None:
        return "–"
    text = f"{q:.0f}" if float(q).is_integer() else f"{q:.1f}"
    if "q_max" in figure:
        text += f" / {figure['q_max']}"
    return text


def render(per: dict[int, dict], line: str) -> str:
    lines = [line, ""]
    for scale in sorted(per):
        r = per[scale]
        nets = r["networks"]
        lines += [f"**{run.scale_heading(scale)}** · measured round trip (`SELECT 1`, median): "
                  f"loopback {r['rtt']['loopback']['median_ms']:.2f} ms, through the proxy "
                  f"{r['rtt']['delayed']['median_ms']:.1f} ms", "",
                  "| figure | SQLite target | SQLite file, now | loopback | ~10 ms | statements "
                  "| ✅/❌ |",
                  "|---|---|---:|---:|---:|---:|:---:|"]
        startup = r["startup"]
        bare_ms = startup["bare"]["median_s"] * 1000
        for key, label, target, where in FIGURES:
            if key == "startup":
                target = 2 * bare_ms
                loop, slow = (startup[n]["median_s"] * 1000 for n in ("loopback", "delayed"))
                here = startup["sqlite"]["median_s"] * 1000
                figure = {"q": startup["loopback"]["statements"]}
                target_text = f"{where} ({_ms(target)})"
                slow_q = startup["delayed"]["statements"]
            else:
                loop, slow = nets["loopback"][key]["ms"], nets["delayed"][key]["ms"]
                here = nets["sqlite"][key]["ms"] if "sqlite" in nets else None
                figure = nets["loopback"][key]
                target_text = f"{_ms(target)} ({where})" if "none" in where else where
                slow_q = nets["delayed"][key].get("q")
            ok = loop <= target and slow <= 2 * target
            queries = _queries(key, figure)
            if slow_q is not None and slow_q != figure.get("q"):
                queries += f" (10 ms: {_queries(key, {'q': slow_q})})"
            here_text = "–" if here is None else _ms(here)
            lines.append(f"| {label} | {target_text} | {here_text} "
                         f"| {_ms(loop)} {'✅' if loop <= target else '❌'}"
                         f" | {_ms(slow)} {'✅' if slow <= 2 * target else '❌'} | {queries} | "
                         f"{'✅' if ok else '❌'} |")
        lines += ["", "The longest single statement behind each figure (loopback, the longest seen "
                  "in any run; the statement's start):", "",
                  "| figure | statement | ms |", "|---|---|---:|"]
        for key, label, _, _ in FIGURES:
            if key == "startup":
                continue
            ms_, sql = nets["loopback"][key].get("slowest", [0.0, ""])
            sql = sql[:140].replace("|", "\\|") + ("…" if len(sql) > 140 else "")
            lines.append(f"| {label.split(' (')[0].split(',')[0]} | `{sql}` | {ms_:.1f} |")
        lines.append("")
    return "\n".join(lines).rstrip()


# --- entry point ---------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--runs", type=int, default=3,
                        help="processes per probe (gui, meetings, dashboard, agenda PDF)")
    parser.add_argument("--write-runs", type=int, default=2,
                        help="processes of the probes that write (referat typing, episodes)")
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--delay-ms", type=float, default=10.0)
    parser.add_argument("--admin-url", default=ADMIN_URL,
                        help="a login that may create databases and roles (default: postgres "
                             "on 127.0.0.1:5432)")
    parser.add_argument("--no-sqlite", dest="sqlite", action="store_false",
                        help="leave out the probes on the SQLite file (the comparison column, "
                             "measured on the same machine at the same time)")
    parser.add_argument("--setup-only", action="store_true")
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args()
    settings = {"gui_runs": args.runs, "meeting_runs": args.runs, "dashboard_runs": args.runs,
                "pdf_runs": args.runs, "report_runs": 3, "action_runs": args.write_runs,
                "episode_runs": args.write_runs}
    port = urlsplit(args.admin_url).port or 5432
    urls = {s: ensure_server_database(s, args.admin_url) for s in sorted(args.scales)}
    if args.setup_only:
        return 0
    per = {}
    load_at_start = os.getloadavg()[0]  # other work on the machine shows in every figure
    with tempfile.TemporaryDirectory(prefix="tryg-bench-config-") as folder, \
            Proxy(args.delay_ms, port) as proxy:
        config = Path(folder)
        for scale, url in urls.items():
            source = run.generate.database_file(scale)
            stamp = run.generate.read_stamp(source)
            delayed = with_database(args.admin_url, database_name(scale), port=proxy.port)
            nets = {"loopback": url, "delayed": delayed}
            rtt = {net: measure_rtt(u) for net, u in nets.items()}
            log(f"{scale}×: round trip loopback {rtt['loopback']['median_ms']:.2f} ms, "
                f"proxy {rtt['delayed']['median_ms']:.1f} ms; start-up …")
            result = {"rtt": rtt, "startup": measure_startup(nets, source, args.startup_runs,
                                                             config), "networks": {}}
            nets = {"sqlite": str(source), **nets} if args.sqlite else nets
            scratch = run.generate.DATA_DIR / "scratch"
            scratch.mkdir(parents=True, exist_ok=True)
            copy = scratch / f"server-bench-{source.name}"

            def fresh_copy() -> str:
                run.fresh_copy(source, copy)
                return str(copy)

            try:
                for net, u in nets.items():
                    log(f"{scale}×: probes on {net} …")
                    result["networks"][net] = measure_probes(
                        u, stamp, settings, config, fresh_copy if net == "sqlite" else None)
            finally:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{copy}{suffix}").unlink(missing_ok=True)
            per[scale] = result
    line = (run.machine_line({"machine": run.machine(), "date": dt.date.today().isoformat()})
            + f" PostgreSQL {_admin(args.admin_url, 'SHOW server_version')[0][0][0]} on the "
              f"same machine; the app logs in as `{urlsplit(args.admin_url).username}`. Medians of "
              f"{args.runs} processes per probe ({args.write_runs} for the writing ones), "
              f"{args.startup_runs} interleaved start-ups after a warm-up; the machine's "
              f"1-minute load average when the run began: {load_at_start:.2f}.")
    text = render(per, line)
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    raw = out / f"server-results-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    raw.write_text(json.dumps(per, indent=1, ensure_ascii=False), encoding="utf-8")
    print(text)
    log(f"raw results: {raw}")
    if args.write_readme:
        run.write_readme(text, START_MARK, END_MARK)
    return 0


if __name__ == "__main__":
    sys.exit(main())
