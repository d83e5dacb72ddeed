"""The Qt binding itself: a regression in it has crashed the app before."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    progress = Signal(int, int)


def test_emitting_signals_keeps_the_reference_counts_of_true_and_false(qapp):
    """PySide6 6.12.0 dropped a reference to True or False on every emit(): a demo load with a
    progress signal per row then aborted Python with "bool_dealloc"."""
    emitter = _Emitter()
    emitter.progress.connect(lambda done, total: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for done in range(200):
        emitter.progress.emit(done, 200)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert all(abs(a - b) < 50 for a, b in zip(after, before)), (before, after)
