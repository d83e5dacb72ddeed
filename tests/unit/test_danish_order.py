"""The database sorts by l10n.danish_sort_key; QCollator (da_DK) is the judge of Danish order."""

import functools
import itertools
import random
import sys
from pathlib import Path

import pytest

from tryg_desktop.l10n import danish_sort_key

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from danish_data import FIRST_NAMES, IMPORT_SURNAMES, SURNAMES  # noqa: E402

TRICKY = [
    "Aalborg", "Aabenraa", "aalborg", "AALBORG", "Åbybro", "Østerbro", "Ærø", "Zebra", "Haag",
    "Aage", "Åse", "Aase", "Åge", "Éric", "Eric", "Erik", "Müller", "Muller", "Myller", "Mølle",
    "Bo 2", "Bo 10", "Bo 1", "Punkt 02", "Punkt 2", "Anne-Mette", "Anne Mette", "Annemette",
    "Ole", "ole", "Øjvind", "Ølstykke", "Æble", "Ægir", "Yrsa", "Ørum", "Ørsted", "Kjær",
    "Kjaer", "Blå Kors", "Blåkors", "KFUM's Sociale Arbejde", "Kirkens Korshær", "",
]


def corpus(size=1500):
    rnd = random.Random(7)
    names = set(TRICKY)
    surnames = SURNAMES + IMPORT_SURNAMES
    while len(names) < size:
        names.add(f"{rnd.choice(FIRST_NAMES)} {rnd.choice(surnames)}")
    return sorted(names)


def qcollator():
    from PySide6.QtCore import QCollator, QLocale, Qt

    judge = QCollator(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    judge.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    judge.setNumericMode(True)
    return judge


def test_key_order_agrees_with_qcollator_on_danish_names():
    judge = qcollator()
    names = corpus()
    by_key = sorted(names, key=danish_sort_key)
    # Every neighbour pair in key order must be in order (or equal) for QCollator too; where
    # QCollator calls two names equal ("Aase"/"Åse" ignoring case and accents) any order is fine.
    disagreements = [(a, b) for a, b in itertools.pairwise(by_key) if judge.compare(a, b) > 0]
    assert disagreements == []
    by_collator = sorted(names, key=functools.cmp_to_key(judge.compare))
    assert [danish_sort_key(n)[:danish_sort_key(n).index("\x01")] for n in by_key] == [
        danish_sort_key(n)[:danish_sort_key(n).index("\x01")] for n in by_collator]


@pytest.mark.parametrize("before, after", [
    ("Zebra", "Æble"), ("Æble", "Østerbro"), ("Østerbro", "Åbybro"), ("Østerbro", "Aalborg"),
    ("Aage", "Åse"), ("Bo 2", "Bo 10"), ("Eric", "Éric"), ("Éric", "Erik"), ("Ole", "ole"),
])
def test_key_orders_pairs(before, after):
    assert danish_sort_key(before) < danish_sort_key(after)
