"""Migration step 13: retention purges (issue 13, point 2).

Frozen like every step once released."""

from __future__ import annotations


def step_13_retention(db) -> None:
    """Nothing yet on either database."""
