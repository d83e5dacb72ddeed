"""Bilag: files attached to an agenda item, kept in the database with the meeting (table
attachment, migration step 7), so a backup or a move of the database takes them along.

What is allowed, and why:
- kinds: PDF, Word (.doc/.docx), Excel (.xls/.xlsx), OpenDocument (.odt/.ods), images
  (.png/.jpg/.jpeg) and plain text (.txt) — what a kommune's partners can open. The content must
  match the file's ending (a renamed program is refused);
- size: at most 10 MB a file and 20 MB for all of a meeting's bilag together. The invitation
  e-mail carries them, and base64 makes them a third larger: 20 MB of bilag is about 27 MB of
  mail, within the 35 MB that Exchange Online and most municipal mail servers accept;
- the file name is cleaned (no folders, no control characters); a CPR number in it is refused.

A closed (lukket) item's bilag are closed too: every row says whether its item is closed
(`item_closed`), and the participants' documents and the invitation e-mail leave those out.

Bilag are never copied: "Planlæg næste møde" builds the agenda from the forum's template, and a
template holds titles and texts, not files (a bilag belongs to the meeting it was sent with).

For the documents (reports/agenda.py, reports/minutes.py): `list_for_meeting(meeting_id)` gives
every bilag of the meeting in agenda order in one query, without content; `by_item(rows)` groups
them by item id, and `bilag_line(rows)` gives "Bilag: 1. Tryghedsvandring.pdf (1,2 MB)" for one
item's rows. Filter closed items' rows through the closed rule before printing."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from peewee import JOIN, fn

from tryg_desktop.db import database
from tryg_desktop.db.meeting_models import AgendaItem, Attachment
from tryg_desktop.services import audit
from tryg_desktop.services.meetings import agenda
from tryg_desktop.services.errors import NotFoundError, ServiceError
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.files import FileTooLargeError, read_regular_file
from tryg_desktop.services.privacy import contains_cpr, quoted

ENTITY = "attachment"
MB = 1024 * 1024
MAX_FILE_BYTES = 10 * MB
MAX_MEETING_BYTES = 20 * MB
MAX_NAME_LENGTH = 120

# ending → (media type, the kind's Danish name, the first bytes its content starts with)
_ZIP = (b"PK\x03\x04",)  # .docx, .xlsx, .odt and .ods are zip files
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # old Office files (.doc, .xls)
KINDS: dict[str, tuple[str, str, tuple[bytes, ...] | None]] = {
    ".pdf": ("application/pdf", "PDF", (b"%PDF-",)),
    ".doc": ("application/msword", "Word", _OLE),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "Word", _ZIP),
    ".xls": ("application/vnd.ms-excel", "Excel", _OLE),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel",
              _ZIP),
    ".odt": ("application/vnd.oasis.opendocument.text", "OpenDocument-tekst", _ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", "OpenDocument-regneark", _ZIP),
    ".png": ("image/png", "PNG-billede", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", "JPEG-billede", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", "JPEG-billede", (b"\xff\xd8\xff",)),
    ".txt": ("text/plain", "tekst", None),
}
KINDS_TEXT = ("PDF, Word (.doc, .docx), Excel (.xls, .xlsx), OpenDocument (.odt, .ods), "
              "billeder (.png, .jpg, .jpeg) og tekst (.txt)")
# For the file picker: "Bilag (*.pdf *.doc …)".
FILE_FILTER = f"Bilag ({' '.join('*' + ending for ending in KINDS)});;Alle filer (*)"
_NOT_IN_NAMES = re.compile(r'[<>:"|?*]')


class CprInBilagError(ServiceError):
    """The file's text seems to hold a CPR number; `places` says where ("side 2", "teksten").
    The view may ask and then add with allow_cpr=True, which the audit trail records."""

    def __init__(self, name: str, places: list[str]) -> None:
        super().__init__(f"{quoted(name, 60)} ser ud til at indeholde et CPR-nummer "
                         f"({', '.join(places)}). Fjern det, før filen vedhæftes.")
        self.name = name
        self.places = places


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    item_id: int
    item_number: int  # the item's number on the agenda (1, 2, 3 …)
    item_title: str
    item_closed: bool  # a closed item's bilag are closed too
    file_name: str
    size: int  # bytes
    media_type: str
    created_at: dt.datetime

    @property
    def size_text(self) -> str:
        return size_text(self.size)


def size_text(size: int) -> str:
    """'1,2 MB', '340 kB' (Danish decimal comma; 1 MB = 1024 kB, as Windows counts). No babel:
    the bilag list shows this as the item is chosen, and loading its number data costs more."""
    if size >= MB:
        text = f"{size / MB:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        return f"{text.removesuffix(',0')}\u00a0MB"
    return f"{max(1, -(-size // 1024))}\u00a0kB"


def clean_name(name: str) -> str:
    """The file's own name without folders, control characters or characters Windows refuses;
    a long name is shortened before its ending. Raises ServiceError when nothing is left or
    when it holds a CPR number."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in name)
    name = " ".join(_NOT_IN_NAMES.sub("-", name).split()).strip(". ")
    if not name:
        raise ServiceError("Filen har intet navn. Giv den et navn, og vedhæft den igen.")
    if contains_cpr(name):
        raise ServiceError("Filnavnet ser ud til at indeholde et CPR-nummer. Omdøb filen, "
                           "før den vedhæftes.")
    stem, ending = os.path.splitext(name)
    if len(name) > MAX_NAME_LENGTH:
        name = stem[:MAX_NAME_LENGTH - len(ending)].rstrip(". ") + ending
    return name


def kind_of(name: str) -> str:
    """The file's ending, when it is an allowed kind; else a ServiceError naming the kinds."""
    ending = os.path.splitext(name)[1].lower()
    if ending not in KINDS:
        shown = f"{quoted(ending, 12)}-filer" if ending else "Filer uden endelse"
        raise ServiceError(f"{shown} kan ikke vedhæftes. Tilladt er {KINDS_TEXT}.")
    return ending


def _check_content(name: str, ending: str, content: bytes) -> None:
    if not content:
        raise ServiceError(f"Filen {quoted(name, 60)} er tom. Vælg en fil med indhold.")
    if len(content) > MAX_FILE_BYTES:
        raise ServiceError(f"Filen {quoted(name, 60)} kan ikke vedhæftes. Filen er "
                           f"{size_text(len(content))}; grænsen er {size_text(MAX_FILE_BYTES)}.")
    media_type, label, magic = KINDS[ending]
    if magic is not None and not content.startswith(magic):
        raise ServiceError(f"Filen {quoted(name, 60)} er ikke en {label}-fil, selv om den "
                           f"hedder sådan. "
                           "Gem den igen fra det program, den er lavet i.")
    if magic is None:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
        if "\x00" in text:
            raise ServiceError(f"Filen {quoted(name, 60)} er ikke en tekstfil.")


def read_file(path: Path | str) -> tuple[str, bytes]:
    """(name, content) of a file on disk, with a Danish message when it cannot be read. A file
    far over the limit is not read into memory at all."""
    path = Path(path)
    try:  # regular files only: a FIFO or device would block or never end
        return path.name, read_regular_file(path, MAX_FILE_BYTES)
    except FileTooLargeError as error:
        raise ServiceError(f"Filen {quoted(path.name, 60)} kan ikke vedhæftes. Filen er "
                           f"{size_text(error.size)}; grænsen er "
                           f"{size_text(MAX_FILE_BYTES)}.") from None


def _unique(name: str, taken: set[str]) -> str:
    """'Bilag.pdf' → 'Bilag (2).pdf' when the item has a bilag of that name already."""
    if name.lower() not in taken:
        return name
    stem, ending = os.path.splitext(name)
    number = 2
    while f"{stem} ({number}){ending}".lower() in taken:
        number += 1
    return f"{stem} ({number}){ending}"


@dataclass(frozen=True)
class Prepared:
    """A file read, named and checked, not yet stored: `places` where its text seems to hold
    a CPR number (empty: none found)."""
    name: str
    ending: str
    content: bytes
    places: list[str]


def prepare(source: Path | str | tuple[str, bytes]) -> Prepared:
    """Read and check a file without touching the database, so a view can do it in a worker
    (reading a long PDF's text takes up to a second). Raises ServiceError with a Danish
    sentence for a file that cannot be attached at all."""
    from tryg_desktop.services.meetings.attachment_text import cpr_places

    name, content = read_file(source) if isinstance(source, (str, Path)) else source
    name = clean_name(name)
    ending = kind_of(name)
    _check_content(name, ending, content)
    return Prepared(name, ending, bytes(content), cpr_places(ending, content))


def add(item_id: int, source: Path | str | tuple[str, bytes] | Prepared,
        allow_cpr: bool = False) -> AttachmentRow:
    """Attach a file to an agenda item: source is a path, (file name, content) or what
    prepare() gave. A file whose text seems to hold a CPR number raises CprInBilagError
    unless allow_cpr (the user was asked; the audit trail records it)."""
    prepared = source if isinstance(source, Prepared) else prepare(source)
    name, ending, content, places = (prepared.name, prepared.ending, prepared.content,
                                      prepared.places)
    if places and not allow_cpr:
        raise CprInBilagError(name, places)
    item = AgendaItem.get_or_none(AgendaItem.id == item_id)
    if item is None:
        raise NotFoundError(f"Dagsordenspunktet findes ikke (id {item_id}). Gem punktet først.")
    agenda.ensure_editable(item.meeting_id)
    with database.atomic():
        used = int(Attachment.select(fn.COALESCE(fn.SUM(Attachment.size), 0))
                   .join(AgendaItem).where(AgendaItem.meeting == item.meeting_id).scalar())
        if used + len(content) > MAX_MEETING_BYTES:
            raise ServiceError(
                f"Filen {quoted(name, 60)} kan ikke vedhæftes. Mødets bilag fylder "
                f"{size_text(used)}, og "
                f"filen er {size_text(len(content))}; grænsen for et møde er "
                f"{size_text(MAX_MEETING_BYTES)}, så invitationen kan sendes som e-mail.")
        taken = {n.lower() for (n,) in Attachment.select(Attachment.file_name)
                 .where(Attachment.agenda_item == item_id).tuples()}
        name = _unique(name, taken)
        attachment_id = Attachment.insert(agenda_item=item_id, file_name=name,
                                          media_type=KINDS[ending][0], size=len(content),
                                          content=content).execute()
        # Name and size only: the content is the file's, never the audit trail's.
        changes = {"file_name": [None, name], "size": [None, size_text(len(content))],
                   "agenda_item": [None, item.title]}
        if places:  # attached although the user was told it may hold a CPR number
            changes["cpr_override"] = [None, "Vedhæftet trods mulige CPR-numre"]
        audit.record(ENTITY, attachment_id, "create", name, changes)
    return get(attachment_id)


def _rows(where) -> list[AttachmentRow]:
    """One query: the meeting's items in agenda order, each with its bilag (left join, so the
    items without bilag still count in the numbering)."""
    query = (AgendaItem.select(AgendaItem.id, AgendaItem.meeting, AgendaItem.title,
                               AgendaItem.closed, Attachment.id.alias("attachment_id"),
                               Attachment.file_name, Attachment.size, Attachment.media_type,
                               Attachment.created_at)
             .join(Attachment, join_type=JOIN.LEFT_OUTER,
                   on=(Attachment.agenda_item == AgendaItem.id))
             .where(where)
             .order_by(AgendaItem.position, AgendaItem.id, Attachment.id).dicts())
    rows, numbers = [], {}
    for r in query:
        number = numbers.setdefault(r["id"], len(numbers) + 1)
        if r["attachment_id"] is not None:
            rows.append(AttachmentRow(
                id=r["attachment_id"], item_id=r["id"], item_number=number,
                item_title=r["title"], item_closed=bool(r["closed"]),
                file_name=r["file_name"], size=r["size"], media_type=r["media_type"],
                created_at=r["created_at"]))
    return rows


def list_for_meeting(meeting_id: int) -> list[AttachmentRow]:
    """Every bilag of the meeting, closed items' too, in agenda order; without content."""
    return _rows(AgendaItem.meeting == meeting_id)


def list_for_item(item_id: int) -> list[AttachmentRow]:
    meeting_id = AgendaItem.select(AgendaItem.meeting).where(AgendaItem.id == item_id)
    return [r for r in _rows(AgendaItem.meeting == meeting_id) if r.item_id == item_id]


def get(attachment_id: int) -> AttachmentRow:
    item_id = (Attachment.select(Attachment.agenda_item)
               .where(Attachment.id == attachment_id).scalar())
    row = next((r for r in list_for_item(item_id) if r.id == attachment_id), None) \
        if item_id is not None else None
    if row is None:
        raise NotFoundError(f"Bilaget findes ikke længere (id {attachment_id}).")
    return row


def by_item(rows: list[AttachmentRow]) -> dict[int, list[AttachmentRow]]:
    grouped: dict[int, list[AttachmentRow]] = {}
    for row in rows:
        grouped.setdefault(row.item_id, []).append(row)
    return grouped


def bilag_line(rows: list[AttachmentRow]) -> str:
    """'Bilag: 1. Tryghedsvandring.pdf (1,2 MB); 2. Kort.png (340 kB)', "" without bilag."""
    if not rows:
        return ""
    return "Bilag: " + "; ".join(f"{number}. {r.file_name} ({r.size_text})"
                                 for number, r in enumerate(rows, start=1))


def total_size(rows: list[AttachmentRow]) -> int:
    return sum(r.size for r in rows)


def content(attachment_id: int) -> bytes:
    data = (Attachment.select(Attachment.content).where(Attachment.id == attachment_id)
            .scalar())
    if data is None:
        raise NotFoundError(f"Bilaget findes ikke længere (id {attachment_id}).")
    return bytes(data)


def save_to(attachment_id: int, path: Path | str) -> Path:
    """Write the bilag to path, whole or not at all, readable by the user alone (an export,
    in the access log)."""
    written = _write(attachment_id, path)
    access_log.record("export", ENTITY, attachment_id, detail=f"Bilag gemt: {written.name}")
    return written


def _write(attachment_id: int, path: Path | str) -> Path:
    from tryg_desktop.services.files import write_atomically

    return write_atomically(path, content(attachment_id))


_copies: list[Path] = []  # the folders of temporary_copy, removed when the program ends


def temporary_copy(attachment_id: int) -> Path:
    """A copy to open with the default program: in a new folder only the user can read,
    under the bilag's own name (the program shows it in its title bar). The folders go when
    Tryg Desktop ends (a file another program still holds open on Windows stays)."""
    row = get(attachment_id)
    folder = Path(tempfile.mkdtemp(prefix="tryg-bilag-"))  # mode 0700
    if not _copies:
        atexit.register(remove_temporary_copies)
    _copies.append(folder)
    copy = _write(attachment_id, folder / row.file_name)
    access_log.record("view", ENTITY, attachment_id, detail=f"Bilag åbnet: {row.file_name}")
    return copy


def remove_temporary_copies() -> None:
    while _copies:
        shutil.rmtree(_copies.pop(), ignore_errors=True)


def remove(attachment_id: int) -> None:
    row = get(attachment_id)
    meeting_id = (AgendaItem.select(AgendaItem.meeting).where(AgendaItem.id == row.item_id)
                  .scalar())
    agenda.ensure_editable(meeting_id)
    with database.atomic():
        if not Attachment.delete().where(Attachment.id == attachment_id).execute():
            raise NotFoundError(f"Bilaget findes ikke længere (id {attachment_id}).")
        audit.record(ENTITY, attachment_id, "delete", row.file_name,
                     {"file_name": [row.file_name, None], "size": [row.size_text, None],
                      "agenda_item": [row.item_title, None]})
