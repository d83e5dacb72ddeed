"""Migration step 15: an effort's goal as an indicator that can be checked (issue 15, point 4):
the wanted change in per cent, the day it should be reached by and the episode categories it
counts (comma-separated keys). Measured at the effort's own places. Three plain columns on
effort: one goal per effort, NULL = no goal. Frozen like every step once released."""

from __future__ import annotations

COLUMNS = (("goal_change", "INTEGER NULL"), ("goal_due", "DATE NULL"),
           ("goal_categories", "TEXT NOT NULL DEFAULT ''"))


def step_15_goals(db) -> None:
    have = {column.name for column in db.get_columns("effort")}  # (a step run again: tests)
    for column, kind in COLUMNS:
        if column not in have:
            db.execute_sql(f'ALTER TABLE "effort" ADD COLUMN "{column}" {kind}')
