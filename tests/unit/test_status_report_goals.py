"""The statusrapport prints each effort's measurable goal against its result and verdict
(issue 15, point 4), on the hand-computed city of test_statistics."""

import datetime as dt

from tryg_desktop.db.place_models import Effort
from tryg_desktop.services.safety import goals as G
from tryg_desktop.services.safety import statistics as S

from .test_statistics import TODAY, build_city
from .test_status_report import report


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_the_report_prints_goal_against_result_and_verdict(db):
    city = build_city()
    text, _ = report()
    assert "Mål og resultat" not in text  # no effort has a measurable goal yet
    Effort.update(goal_change=-20, goal_due=dt.date(TODAY.year + 1, 12, 31),
                  goal_categories="råben").where(Effort.id == city.kilde).execute()
    status = G.goal_status(city.kilde, TODAY)
    assert status.line.startswith(f"Mål: −20\u00a0% råben og skænderi inden "
                                  f"31.12.{TODAY.year + 1}")
    for scope in (S.Scope(), S.Scope(effort_id=city.kilde)):
        text, _ = report(scope)
        assert "Mål og resultat" in text
        assert _plain(f"Tryg Kildepark: {status.line}") in _plain(text)
        assert "Efter måldatoen er målet nået, når ændringen er mindst den ønskede" in _plain(text)
