"""Windows, pages, dialogs and table models. Views call services; they never build queries.

The top of this folder is the application's shell (main window, Filer menu, Om, error, restore
and settings dialogs); pages and dialogs live in their wing (register/, meetings/, safety/);
widgets every page shares live in kit/."""
