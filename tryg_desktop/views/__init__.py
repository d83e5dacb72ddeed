"""Windows, pages, dialogs and table models. Views call services; they never build queries."""
