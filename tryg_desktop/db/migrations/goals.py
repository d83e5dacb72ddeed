"""Migration step 15: an effort's goal as an indicator that can be checked (issue 15, point 4):
the wanted change in per cent, the day it should be reached by and the episode categories it
counts (comma-separated keys). Measured at the effort's own places. Three plain columns on
effort: one goal per effort, NULL = no goal. Frozen like every step once released."""

from __future__ import annotations


def step_15_goals(db) -> None:
    db.execute_sql('ALTER TABLE "effort" ADD COLUMN "goal_change" INTEGER NULL')
    db.execute_sql('ALTER TABLE "effort" ADD COLUMN "goal_due" DATE NULL')
    db.execute_sql('ALTER TABLE "effort" ADD COLUMN "goal_categories" TEXT NOT NULL DEFAULT \'\'')
