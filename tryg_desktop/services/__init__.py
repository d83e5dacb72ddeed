"""Use cases: validation, writes in transactions, audit, import/export, privacy checks.

Views and the CLI call these; nothing here opens a dialog or touches a widget.
"""
