"""Field checks shared by the editors, the importers and the CLI. Each returns (value, error)."""

from __future__ import annotations

import re

from tryg_desktop.services.privacy import address_as_read, contains_cpr, quoted

Result = tuple[str, str | None]
# A one-line field (a name, a title) is VARCHAR(255) on the server, which refuses more; SQLite
# would keep it silently. The same limit on both, told in Danish before anything is written.
MAX_LINE = 255


def required(text: str | None, what: str) -> Result:
    text = (text or "").strip()
    if not text:
        return "", f"{what} skal udfyldes."
    return line(text, what)


def line(text: str | None, what: str = "Teksten") -> Result:
    """A one-line text: free text of at most MAX_LINE characters."""
    text = (text or "").strip()
    if len(text) > MAX_LINE:
        return text, f"{what} er for lang: højst {MAX_LINE} tegn (her {len(text):,}).".replace(
            ",", ".")
    return free_text(text)


def phone(text: str | None) -> Result:
    """A phone number as E.164 ('+4598313131'); Danish numbers may be typed without +45."""
    text = (text or "").strip()
    if not text:
        return "", None
    import phonenumbers

    try:
        number = phonenumbers.parse(text, "DK")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        return text, (f"{quoted(text)} er ikke et gyldigt telefonnummer "
                      "(fx 98 31 31 31 eller +46 8 123 456 78).")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def email(text: str | None) -> Result:
    """An e-mail address; one that holds a CPR number (0101901234@borger.example) is refused:
    addresses leave the app in every invitation, .ics and export."""
    text = (text or "").strip()
    if not text:
        return "", None
    if contains_cpr(address_as_read(text)):
        return text, ("E-mailadressen ser ud til at indeholde et CPR-nummer. "
                      "Det må ikke registreres her.")
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return text, f"{quoted(text)} er ikke en gyldig e-mailadresse."
    return result.normalized, None


def postal_code(text: str | None) -> Result:
    text = (text or "").strip()
    if text and not re.fullmatch(r"\d{4}", text):
        return text, "Postnummeret skal være fire cifre."
    return text, None


def website(text: str | None) -> Result:
    text = (text or "").strip()
    if not text:
        return "", None
    if contains_cpr(text):
        return text, ("Webadressen ser ud til at indeholde et CPR-nummer. "
                      "Det må ikke registreres her.")
    if not re.fullmatch(r"(https?://)?[\w.-]+\.[a-zæøå]{2,}(/\S*)?", text, re.IGNORECASE):
        return text, f"{quoted(text)} ligner ikke en webadresse."
    return text, None


def free_text(text: str | None) -> Result:
    text = (text or "").strip()
    if contains_cpr(text):
        return text, "Teksten ser ud til at indeholde et CPR-nummer. Det må ikke registreres her."
    return text, None


def case_number(text: str | None) -> Result:
    """A sagsnummer (journal number) as the kommune writes it, e.g. "27.00.00-A00-1-26":
    free text on one line, at most 60 characters, never a CPR number."""
    text = " ".join((text or "").split())
    if len(text) > 60:
        return text, f"Sagsnummeret må højst være 60 tegn (det er {len(text)})."
    if contains_cpr(text):
        return text, ("Sagsnummeret ser ud til at indeholde et CPR-nummer. "
                      "Det må ikke registreres her.")
    return text, None
