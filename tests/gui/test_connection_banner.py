"""A window on the server database when the connection is lost (issue 12 point 7): a banner
says so in Danish while it lasts, a ping in the background reconnects, and the banner goes
with a status-bar message when the server answers again. The connection is cut for real
(pg_terminate_backend), and the server is made unreachable by refusing new connections."""

from __future__ import annotations

import psycopg
import pytest

from tryg_desktop.db import database
from tryg_desktop.db.errors import ConnectionLostError
from tryg_desktop.services import db_health
from tryg_desktop.views import database_banners


def _cut(admin_url: str) -> None:
    pid = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_lost_connection_shows_a_banner_until_the_server_answers_again(
        server_window, server, qtbot, monkeypatch):
    monkeypatch.setattr(database_banners.ConnectionWatch, "PING_MS", 200)
    watch = server_window.connection_watch
    watch.timer.setInterval(200)
    assert not watch.banner.isVisible()
    db = database.obj
    real_connect = db._connect

    def refused():
        raise psycopg.OperationalError("connection refused")

    _cut(server.admin_url)
    monkeypatch.setattr(db, "_connect", refused)  # the server is gone for now
    with pytest.raises(ConnectionLostError):
        database.execute_sql("SELECT 1")
    qtbot.waitUntil(watch.banner.isVisible, timeout=2000)
    assert watch.banner.text() == db_health.LOST_BANNER
    monkeypatch.setattr(db, "_connect", real_connect)  # and back
    db._retry_at = 0.0
    qtbot.waitUntil(lambda: not watch.banner.isVisible(), timeout=5000)
    assert server_window.statusBar().currentMessage() == db_health.RESTORED


def test_a_sqlite_window_has_no_connection_watch(window):
    assert not hasattr(window, "connection_watch")


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_an_episode_saved_while_offline_waits_on_this_pc_and_arrives_later(
        server_window, server, qtbot, prompts, monkeypatch):
    """Typed by keyboard and saved while the server is gone: the form closes with the Danish
    note; when the connection works again the window saves it, and says so."""
    from tests.gui.test_episodes_page import NOW, type_episode
    from tryg_desktop.db.place_models import Place
    from tryg_desktop.l10n import danish_sort_key
    from tryg_desktop.services import pending_saves
    from tryg_desktop.services.safety import episodes
    from tryg_desktop.views.safety import episode_dialog

    Place.create(name="Kildeparken", district="Aalborg Midtby", kind="park",
                 sort_name=danish_sort_key("Kildeparken"))
    dialog = episode_dialog.EpisodeDialog(None, prompts, now=lambda: NOW)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    type_episode(qtbot, dialog)
    db = database.obj
    real_connect = db._connect

    def refused():
        raise psycopg.OperationalError("connection refused")

    _cut(server.admin_url)
    monkeypatch.setattr(db, "_connect", refused)
    assert dialog.save()  # Gem (Ctrl+Enter in the app: test_episodes_page.py)
    assert ("inform", "Gemt på denne computer", episode_dialog.KEPT_OFFLINE) in prompts.asked
    assert not dialog.isVisible()
    assert [kept.kind for kept in pending_saves.pending()] == ["episode"]

    monkeypatch.setattr(db, "_connect", real_connect)  # the server is back
    db._retry_at = 0.0
    watch = server_window.connection_watch
    with qtbot.waitSignal(watch.delivered, timeout=5000):
        watch.state.emit(True)
    assert pending_saves.pending() == []
    [row] = episodes.fetch(episodes.EpisodeFilter())  # once, though told twice (see below)
    assert row.note == "Højlydt skænderi ved bænkene"
    assert "er nu gemt" in server_window.statusBar().currentMessage()
    dialog.deleteLater()
