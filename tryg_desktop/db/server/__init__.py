"""What only the team's PostgreSQL server has: its roles and grants (roles.py), the live
changes (LISTEN/NOTIFY and who has a meeting open: live.py), what the server says about
itself (info.py), and moving data between a local file and the server (transfer.py)."""
