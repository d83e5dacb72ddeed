"""Widgets every page shares: list page, paged model, record dialog, pickers, prompts, progress, printing."""
