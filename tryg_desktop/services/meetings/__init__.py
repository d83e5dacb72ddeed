"""Use cases of the meetings: forums, meetings, agendas, participants, minutes, actions and
invitations."""
