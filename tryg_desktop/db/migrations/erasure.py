"""Migration step 12: erasing a person (issue 13, point 4).

Frozen like every step once released."""

from __future__ import annotations


def step_12_erasure(db) -> None:
    """Nothing yet on either database."""
