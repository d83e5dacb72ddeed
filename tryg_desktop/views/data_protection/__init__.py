"""Data-protection pages and dialogs (issue 13): the access log, retention, access requests,
erasure and consent."""
