"""An effort's goal as an indicator that can be checked (issue 15, point 4): categories, the
wanted change in per cent and the day it should be reached by, measured at the effort's places
with the comparison's like-with-like windows (services/safety/comparison.py, not a second
method).

The verdict, simply (GOAL_METHOD_TEXT says it in Danish for the report):
- "For tidligt at sige": not one whole month after the start has ended yet, or the goal's
  categories had no episodes in the months before (no percentage to judge).
- After the goal's day (the months up to and including its month are counted): "Målet er
  nået" when the change is at least the wanted change (−25 % meets a goal of −20 %; +25 %
  meets +20 %), else "Ikke nået".
- Before it: "På vej" when the change already goes the wanted way AND the effort's places did
  better (in the wanted direction) than the comparison, so a fall the whole city shares is not
  counted as progress; else "Ikke på vej" (not "Ikke nået": the day has not come)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tryg_desktop.db.place_models import Effort, EffortPlace, Place
from tryg_desktop.l10n import danish_sort_key, short_date
from tryg_desktop.services.safety import comparison
from tryg_desktop.services.safety.safety_terms import CATEGORY_LABELS, EPISODE_CATEGORIES

MET, ON_THE_WAY, NOT_ON_THE_WAY, NOT_MET, TOO_EARLY = (
    "Målet er nået", "På vej", "Ikke på vej", "Ikke nået", "For tidligt at sige")
ALL_CATEGORIES = tuple(key for key, _ in EPISODE_CATEGORIES)

GOAL_METHOD_TEXT = (
    "En indsats kan have et mål: en ønsket ændring i procent for bestemte slags hændelser på "
    "indsatsens steder inden en bestemt dato. Ændringen måles i hele måneder fra starten til "
    "og med målets måned mod de samme kalendermåneder et år tidligere og stilles over for "
    "resten af byen eller sammenligningsstederne. Efter måldatoen er målet nået, "
    "når ændringen er mindst den ønskede; ellers er det ikke nået. Før måldatoen er indsatsen "
    "på vej, når ændringen allerede går den ønskede vej og stederne har klaret sig bedre end "
    "sammenligningen; ellers er den ikke på vej. Er der endnu ikke gået en hel måned, eller "
    "var der ingen hændelser af den slags før, er det for tidligt at sige.")


def categories_text(categories) -> str:
    """'råben og skænderi', 'råben og skænderi og hærværk', 'alle hændelser'."""
    keys = [k for k in ALL_CATEGORIES if k in set(categories)]
    if not keys or len(keys) == len(ALL_CATEGORIES):
        return "alle hændelser"
    labels = [CATEGORY_LABELS[k].lower() for k in keys]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " og " + labels[-1]


def goal_text(change: int, due: dt.date, categories) -> str:
    """'−20 % råben og skænderi inden 31.12.2026'."""
    return f"{comparison.signed_percent(change)} {categories_text(categories)} inden " \
           f"{short_date(due)}"


def split_categories(stored: str) -> tuple[str, ...]:
    return tuple(k for k in (stored or "").split(",") if k)


@dataclass(frozen=True)
class GoalStatus:
    effort_id: int
    effort_title: str
    wanted: int  # per cent
    due: dt.date
    categories: tuple[str, ...]
    result: comparison.Comparison | None  # None: not one whole month yet, or no places
    verdict: str

    @property
    def goal_text(self) -> str:
        return goal_text(self.wanted, self.due, self.categories)

    @property
    def result_text(self) -> str:
        """'Resultat: +8 % (resten af byen −14 %)', or '' when nothing is measured yet."""
        r = self.result
        if r is None or r.change is None:
            return ""
        return (f"Resultat: {comparison.signed_percent(r.change)} ({r.comparison_name} "
                f"{comparison.signed_percent(r.comparison_change)})")

    @property
    def line(self) -> str:
        """'Mål: −20 % råben og skænderi inden 31.12.2026 — Resultat: +8 % (resten af byen
        −14 %) — Ikke på vej'."""
        parts = [f"Mål: {self.goal_text}", self.result_text, self.verdict]
        return " — ".join(p for p in parts if p)

    @property
    def summary(self) -> str:
        """The Oversigt's line: the title and the verdict first, as a narrow list cuts the
        end off. 'Lys i Kildeparken — Ikke på vej — Mål: … — Resultat: …'."""
        parts = [self.effort_title, self.verdict, f"Mål: {self.goal_text}", self.result_text]
        return " — ".join(p for p in parts if p)


def verdict(wanted: int, due: dt.date, result: comparison.Comparison | None,
            today: dt.date) -> str:
    """The rule in the module's docstring."""
    if result is None or result.change is None:
        return TOO_EARLY
    direction = -1 if wanted < 0 else 1
    if today > due:
        return MET if result.change * direction >= abs(wanted) else NOT_MET
    goes_the_way = result.change * direction > 0
    net = result.net_points
    better = net is None or net * direction > 0
    return ON_THE_WAY if goes_the_way and better else NOT_ON_THE_WAY


def goal_status(effort_id: int, today: dt.date) -> GoalStatus | None:
    """None when the effort has no goal."""
    effort = Effort.get_or_none(Effort.id == effort_id)
    if effort is None or effort.goal_change is None or effort.goal_due is None:
        return None
    categories = split_categories(effort.goal_categories) or ALL_CATEGORIES
    places = dict(Place.select(Place.id, Place.name).join(EffortPlace)
                  .where(EffortPlace.effort == effort_id).tuples())
    last_day = min(d for d in (effort.ends_on, effort.goal_due) if d is not None)
    w = comparison.windows(effort.starts_on, today, last_day)
    result = None
    if w is not None and places:
        chosen = [p for p in comparison.comparison_place_ids(effort_id) if p not in places]
        wanted_categories = (None if len(categories) == len(ALL_CATEGORIES)
                             else list(categories))
        result = comparison.compare(
            comparison.group_name(sorted(places.values(), key=danish_sort_key)),
            list(places), w, chosen, wanted_categories)
    return GoalStatus(effort.id, effort.title, effort.goal_change, effort.goal_due, categories,
                      result, verdict(effort.goal_change, effort.goal_due, result, today))


def all_goals(today: dt.date, place_id: int | None = None) -> list[GoalStatus]:
    """Every effort's goal (at place_id only, if given), in Danish title order: the Oversigt's
    "Mål for indsatserne" and the report."""
    query = Effort.select(Effort.id).where(Effort.goal_change.is_null(False))
    if place_id is not None:
        query = query.where(Effort.id.in_(
            EffortPlace.select(EffortPlace.effort).where(EffortPlace.place == place_id)))
    ids = [e for (e,) in query.order_by(Effort.sort_title, Effort.id).tuples()]
    return [s for s in (goal_status(i, today) for i in ids) if s is not None]
