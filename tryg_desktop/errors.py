"""The one error every layer may raise for the user to read: its .message is a Danish sentence
shown as is, by a view or by the command line.

It sits at the bottom of the package so that the db layer (a full disk, a read-only or damaged
file: db/errors.py) and the services (services/errors.py adds the kinds they raise) share it
without the db layer importing a service.
"""

from __future__ import annotations


class ServiceError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
