"""Pages and dialogs of the safety work: places, efforts, episodes, the statistics, the
Oversigt and the status report."""
