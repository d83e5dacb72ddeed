"""What the access log costs (issue 13): in-process, on a copy of the database (it writes).

    python benchmarks/access_log_probe.py --database COPY.sqlite3|postgresql://… [--rounds 5]

1. record(): the call a view or a search makes (it queues; no database access on the caller's
   thread): median over 20,000 calls, in microseconds.
2. Search keystrokes: the Kontakter page's work per keystroke (contacts.fetch of the first 100
   rows and contacts.count, as the page's model asks) for five names typed letter by letter,
   with the access log as it is ("on") and with record() replaced by a no-op ("off"), the two
   interleaved keystroke by keystroke (which goes first alternates) so that drift touches both
   alike; medians, and the median of the per-keystroke difference (on − off, the same search).
3. Opening a person's record: contacts.view(id) (logs the view) against contacts.get(id).
4. flush(): writing a batch of 100 and of 1,000 queued entries in one statement (in the window
   this runs in the thread pool every second, never on the GUI thread).
Prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gui_probe import database_arg  # noqa: E402

NAMES = ["Jensen", "Mette", "Søren", "Aalborg", "Hansen"]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=database_arg, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.db.models import Contact
    from tryg_desktop.services.data_protection import access_log
    from tryg_desktop.services.register import contacts

    open_database(args.database)
    result: dict = {"database": str(args.database)}

    # 1. record()
    calls = []
    for n in range(20_000):
        start = time.perf_counter()
        access_log.record("view", "contact", n)
        calls.append(time.perf_counter() - start)
    access_log.discard_pending()
    result["record_us_median"] = round(statistics.median(calls) * 1e6, 2)
    result["record_us_p99"] = round(sorted(calls)[int(len(calls) * 0.99)] * 1e6, 2)

    # 2. search keystrokes, logging on and off, interleaved
    real_record = access_log.record

    def off(*_args, **_kwargs):
        return None

    times: dict[str, list[float]] = {"on": [], "off": []}
    added = []  # per keystroke, on minus off: the same search, so its own cost cancels
    for round_ in range(args.rounds):
        for name in NAMES:
            for end in range(1, len(name) + 1):
                order = ("on", "off") if (round_ + end) % 2 else ("off", "on")
                pair = {}
                for mode in order:
                    access_log.record = real_record if mode == "on" else off
                    flt = contacts.ContactFilter(search=name[:end], active=True)
                    start = time.perf_counter()
                    contacts.fetch(flt, 0, 100)
                    contacts.count(flt)
                    pair[mode] = time.perf_counter() - start
                    times[mode].append(pair[mode])
                added.append(pair["on"] - pair["off"])
    access_log.record = real_record
    result["search_keystrokes"] = len(times["on"])
    result["search_ms_on"] = _ms(statistics.median(times["on"]))
    result["search_ms_off"] = _ms(statistics.median(times["off"]))
    result["search_ms_added"] = _ms(statistics.median(added))
    result["search_entries_queued"] = access_log.pending()  # the runs typed on are one entry each
    access_log.flush()

    # 3. opening a record
    ids = [c for (c,) in Contact.select(Contact.id).order_by(Contact.id).limit(200).tuples()]
    view_t, get_t = [], []
    for contact_id in ids:
        start = time.perf_counter()
        contacts.view(contact_id)
        view_t.append(time.perf_counter() - start)
        start = time.perf_counter()
        contacts.get(contact_id)
        get_t.append(time.perf_counter() - start)
    result["open_record_ms_view"] = _ms(statistics.median(view_t))
    result["open_record_ms_get"] = _ms(statistics.median(get_t))

    # 4. flush(): first the views of step 3, then batches of 100 and 1,000
    for batch in (0, 100, 1000):
        for n in range(batch):
            access_log.record("view", "contact", ids[n % len(ids)])
        queued = access_log.pending()
        start = time.perf_counter()
        written = access_log.flush()
        result[f"flush_{queued}_ms"] = _ms(time.perf_counter() - start)
        assert written == queued
    close_database()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
