"""Widgets every page shares: list page, paged model, record dialog, pickers and record
drop-downs, prompts, progress, printing, history, the error line. Imports no feature wing."""
