"""The text inside a bilag, read only to look for CPR numbers before the file is attached (a
bilag goes out with the invitation to every participant).

PDF through PDFium (pypdfium2, already used for printing), Word/Excel/OpenDocument by the text
of their XML parts, old .doc/.xls by the characters of their binary (cp1252 and UTF-16), text
files as text. Images are not read. Never logs or returns the numbers found, only where."""

from __future__ import annotations

import io
import re
import zipfile

from tryg_desktop.services.privacy import contains_cpr

MAX_PDF_PAGES = 300  # a longer PDF is read this far (a few hundred ms)
_TAG = re.compile(rb"<[^>]+>")
_PARAGRAPH_END = re.compile(rb"</(?:w:p|a:p|text:p|text:h|si|c|row|table:table-cell)>")
_XML_PARTS = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|comments)\.xml|"
                        r"xl/sharedStrings\.xml|xl/worksheets/sheet\d+\.xml|content\.xml)$")


def _pdf_pages(content: bytes) -> list[tuple[str, str]]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(content)
    except pdfium.PdfiumError:
        return [("filen", "")]  # unreadable: the caller's kind check has let it through
    try:
        pages = []
        for number in range(min(len(document), MAX_PDF_PAGES)):
            page = document[number]
            text_page = page.get_textpage()
            pages.append((f"side {number + 1}", text_page.get_text_range()))
            text_page.close()
            page.close()
        return pages
    finally:
        document.close()


def _zip_texts(content: bytes) -> list[tuple[str, str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        return []
    texts = []
    with archive:
        for name in archive.namelist():
            if _XML_PARTS.match(name):
                xml = archive.read(name)
                # A paragraph's or cell's end is a new line (a CPR number does not run across
                # one); the runs inside one paragraph are joined.
                xml = _TAG.sub(b"", _PARAGRAPH_END.sub(b"\n", xml))
                texts.append(("teksten", xml.decode("utf-8", errors="replace")))
    return texts


def _binary_texts(content: bytes) -> list[tuple[str, str]]:
    return [("teksten", content.decode("cp1252", errors="replace")),
            ("teksten", content.decode("utf-16-le", errors="replace"))]


def cpr_places(ending: str, content: bytes) -> list[str]:
    """Where in the file something looks like a CPR number: ["side 2", …] or ["teksten"]."""
    if ending == ".pdf":
        parts = _pdf_pages(content)
    elif ending in (".docx", ".xlsx", ".odt", ".ods"):
        parts = _zip_texts(content)
    elif ending in (".doc", ".xls"):
        parts = _binary_texts(content)
    elif ending == ".txt":
        try:
            parts = [("teksten", content.decode("utf-8"))]
        except UnicodeDecodeError:
            parts = [("teksten", content.decode("cp1252", errors="replace"))]
    else:
        return []
    places: list[str] = []
    for where, text in parts:
        if contains_cpr(text) and where not in places:
            places.append(where)
    return places
