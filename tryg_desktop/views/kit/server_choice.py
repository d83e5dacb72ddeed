"""The shared database chosen in Filer → Indstillinger, read from the settings: for the
settings dialog, and for start-up, which must not load the dialog to learn it."""

from __future__ import annotations

from tryg_desktop import settings as S
from tryg_desktop.services import server_login


def saved_server_choice(settings: S.Settings) -> server_login.ServerChoice:
    return server_login.ServerChoice(
        host=settings.get(S.SERVER_HOST), port=settings.get(S.SERVER_PORT),
        database=settings.get(S.SERVER_DATABASE), login=settings.get(S.SERVER_LOGIN),
        sslmode=settings.get(S.SERVER_SSLMODE))


def saved_server_url(settings: S.Settings) -> str | None:
    """The saved server's URL when "Brug den fælles database" is on and the choice is whole."""
    choice = saved_server_choice(settings)
    if not settings.get(S.SERVER_ENABLED) or choice.problems():
        return None
    return choice.url()
