"""`main.py privacy erase KONTAKT_ID --yes [--successor KONTAKT_ID]`: erase a person (art. 17,
services/data_protection/erasure.py), administrators only. Prints what was done, the text
mentions left to edit by hand (where and which field, never the text itself: the output may
end up in a ticket or a mail) and where older backups still hold the person."""

from __future__ import annotations

from tryg_desktop.cli_values import UserError, parse_id


def erase(args) -> int:
    from tryg_desktop.services.data_protection import erasure

    contact_id = parse_id(args.contact_id, "Kontaktens")
    successor_id = parse_id(args.successor, "Efterfølgerens")
    try:
        result = erasure.erase(contact_id, successor_id=successor_id)
    except erasure.SuccessorNeededError as error:
        hint = " Angiv det med --successor KONTAKT_ID." if successor_id is None else ""
        raise UserError(error.message + hint) from error
    for line in result.summary():
        print(line)
    if result.mentions:
        print()
        n = len(result.mentions)
        fields = "1 tekstfelt, som" if n == 1 else f"{n} tekstfelter, som"
        print(f"Personen nævnes i {fields} skal rettes i hånden (teksten vises ikke her):")
        for mention in result.mentions:
            print(f"  {mention.where}: {mention.field}")
    else:
        print("Personen nævnes ikke ved navn, e-mail eller telefon i referater, handlinger, "
              "hændelser eller møder.")
    print()
    print(result.backups)
    return 0
