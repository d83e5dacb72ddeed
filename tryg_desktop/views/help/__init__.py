"""Hjælp: the user guide (Brugervejledning) in a window of its own, and F1 that opens it at the
section for the page or dialog in use."""
