"""Errors a service raises; each carries a Danish message a view or the CLI can show as is."""

from __future__ import annotations

from tryg_desktop.db.errors import ConnectionLostError
from tryg_desktop.errors import ServiceError

__all__ = ["ConflictError", "ConnectionLostError", "CprFoundError", "HasContactsError", "NotFoundError", "ServiceError",
           "ValidationError"]


class ValidationError(ServiceError):
    """Field errors: {field name: Danish message}."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("Ret de markerede felter: " + "; ".join(errors.values()))
        self.errors = errors


class NotFoundError(ServiceError):
    pass


class ConflictError(ServiceError):
    """The record was changed elsewhere since it was read (its version number moved on)."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} er blevet ændret et andet sted, siden du åbnede den. "
            "Genindlæs for at se de nye oplysninger; dine ændringer er ikke gemt.")


class HasContactsError(ServiceError):
    def __init__(self, count: int) -> None:
        noun = "kontaktperson" if count == 1 else "kontaktpersoner"
        super().__init__(f"Organisationen har {count} {noun}.")
        self.count = count


class CprFoundError(ServiceError):
    """Text that would be printed or exported contains what looks like a CPR number."""

    def __init__(self, where: list[str]) -> None:
        from tryg_desktop.services.privacy import excerpt

        # A place may be named by a person's name, and that name may be the number itself.
        where = [excerpt(place, 80) for place in where]
        shown = ", ".join(where[:5]) + (" …" if len(where) > 5 else "")
        super().__init__(f"Der ser ud til at være CPR-numre i: {shown}. Fjern dem før eksport.")
        self.where = where
