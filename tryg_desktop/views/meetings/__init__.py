"""Pages and dialogs of the meetings: forums, meetings, agendas, participants, minutes,
actions and invitations."""
