"""A worker's unexpected error reaches the user as a Danish sentence that does not repeat the
error's own words (they may hold a name), and the details go to the log, not to stderr."""

import logging

from tryg_desktop.workers import Task


def test_an_unexpected_error_is_logged_and_told_in_danish(qtbot, caplog):
    def fail(progress, is_cancelled):
        raise KeyError("Fatima Ali")

    task = Task(fail)
    with caplog.at_level(logging.ERROR, logger="tryg_desktop.workers"):
        with qtbot.waitSignal(task.signals.failed, timeout=5000) as failed:
            task.start()
    message = failed.args[0]
    assert message.startswith("Der opstod en uventet fejl") and "KeyError" in message
    assert "Fatima" not in message
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)
