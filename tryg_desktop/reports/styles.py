"""The look of every printed document, in one place: embedded fonts, the A4 page (header with the
organisation's name, footer with "Side 1 af 2"), paragraph styles, colours and the Danish
date lines.

A report builds a `Document`: it adds flowables and passes every text from the data through
`Document.text()`, which escapes it for reportlab's markup and records where it came from. The
printing service checks those recorded texts for CPR numbers *before* `render()` is called, so
nothing reaches a page that was not checked.

A long document may name its sections with `Document.heading()` (a PDF bookmark each) and add
`Document.contents()` (a table of contents, built in passes until the page numbers settle);
documents that do neither are built exactly as before.

Only the printing service imports this module (lazily): start-up never loads reportlab.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import io
import re
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from tryg_desktop import l10n

# --- fonts ------------------------------------------------------------------------------------

# Bitstream Vera ships with reportlab (licence: reportlab/fonts/bitstream-vera-license.txt); it
# has æ, ø, å, the en dash and the middle dot. Registered under our own family name so that a
# later switch of typeface touches only this block.
FONT = "TrygSans"
FONT_BOLD = "TrygSans-Bold"
FONT_ITALIC = "TrygSans-Italic"
FONT_BOLD_ITALIC = "TrygSans-BoldItalic"
_FONT_FILES = {FONT: "Vera.ttf", FONT_BOLD: "VeraBd.ttf", FONT_ITALIC: "VeraIt.ttf",
               FONT_BOLD_ITALIC: "VeraBI.ttf"}
_font_lock = threading.Lock()


@functools.cache
def _fonts_dir() -> Path:
    import reportlab

    return Path(reportlab.__file__).resolve().parent / "fonts"


def register_fonts() -> None:
    """Register the embedded TrueType family once (PDFs may be built in a worker thread)."""
    with _font_lock:
        if FONT in pdfmetrics.getRegisteredFontNames():
            return
        for name, file in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(_fonts_dir() / file)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                      boldItalic=FONT_BOLD_ITALIC)


# --- page -------------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 27 * mm  # the header sits in the band above
MARGIN_BOTTOM = 22 * mm  # the footer sits in the band below
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f4e79")  # headings: a calm municipal blue
MUTED = colors.HexColor("#5a5a5a")  # meta lines, header and footer
RULE = colors.HexColor("#b8c2cc")
SHADE = colors.HexColor("#eef2f6")  # table header rows
WARNING_INK = colors.HexColor("#8a4b00")
WARNING_FILL = colors.HexColor("#fff4e0")
CONFIDENTIAL = colors.HexColor("#a4161a")  # "Kun til mødeleder"


def hex_colour(colour) -> str:
    """'#a4161a', for <font color=…> in paragraph markup."""
    return "#" + colour.hexval()[2:]

# --- paragraph styles -------------------------------------------------------------------------


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, textColor=INK,
                          spaceAfter=4)
    return {
        "body": body,
        "kicker": ParagraphStyle("kicker", body, fontName=FONT_BOLD, fontSize=10, leading=13,
                                 textColor=ACCENT, spaceAfter=2),
        "title": ParagraphStyle("title", body, fontName=FONT_BOLD, fontSize=20, leading=24,
                                spaceAfter=4),
        "when": ParagraphStyle("when", body, fontSize=12, leading=16, spaceAfter=10),
        "h2": ParagraphStyle("h2", body, fontName=FONT_BOLD, fontSize=13, leading=17,
                             textColor=ACCENT, spaceBefore=14, spaceAfter=6, keepWithNext=1),
        "h3": ParagraphStyle("h3", body, fontName=FONT_BOLD, fontSize=10.5, leading=14,
                             textColor=ACCENT, spaceBefore=10, spaceAfter=2, keepWithNext=1),
        "small": ParagraphStyle("small", body, fontSize=9, leading=11.5, spaceAfter=1.5),
        "label": ParagraphStyle("label", body, fontName=FONT_BOLD, textColor=MUTED,
                                spaceAfter=0),
        "cell": ParagraphStyle("cell", body, spaceAfter=0),
        "cell_small": ParagraphStyle("cell_small", body, fontSize=9, leading=11.5,
                                     spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", body, fontName=FONT_BOLD, spaceAfter=0),
        "cell_small_bold": ParagraphStyle("cell_small_bold", body, fontName=FONT_BOLD,
                                          fontSize=9, leading=11.5, spaceAfter=0),
        "cell_right": ParagraphStyle("cell_right", body, spaceAfter=0, alignment=TA_RIGHT),
        "item_number": ParagraphStyle("item_number", body, fontName=FONT_BOLD, fontSize=11.5,
                                      leading=15, textColor=ACCENT, spaceAfter=0),
        "item_title": ParagraphStyle("item_title", body, fontName=FONT_BOLD, fontSize=11.5,
                                     leading=15, spaceAfter=0),
        "item_clock": ParagraphStyle("item_clock", body, fontSize=10, leading=15,
                                     textColor=MUTED, spaceAfter=0, alignment=TA_RIGHT),
        "item_closed": ParagraphStyle("item_closed", body, fontName=FONT_ITALIC, fontSize=11.5,
                                      leading=15, textColor=MUTED, spaceAfter=0),
        "meta": ParagraphStyle("meta", body, fontSize=9, leading=12, textColor=MUTED,
                               spaceAfter=3),
        "subhead": ParagraphStyle("subhead", body, fontName=FONT_BOLD, fontSize=9, leading=12,
                                  textColor=ACCENT, spaceBefore=4, spaceAfter=1,
                                  keepWithNext=1),
        "warning": ParagraphStyle("warning", body, fontName=FONT_BOLD, textColor=WARNING_INK,
                                  backColor=WARNING_FILL, borderColor=WARNING_INK,
                                  borderWidth=0.6, borderPadding=6, leftIndent=6,
                                  rightIndent=6, spaceBefore=12, spaceAfter=12),
        "subhead_chair": ParagraphStyle("subhead_chair", body, fontName=FONT_BOLD,
                                        fontSize=9, leading=12, textColor=CONFIDENTIAL,
                                        spaceBefore=4, spaceAfter=1, keepWithNext=1),
        "chair_note": ParagraphStyle("chair_note", body, fontName=FONT_ITALIC),
        "cancelled": ParagraphStyle("cancelled", body, fontName=FONT_BOLD, fontSize=12,
                                    leading=16, textColor=colors.white,
                                    backColor=CONFIDENTIAL, borderPadding=6, leftIndent=6,
                                    rightIndent=6, spaceBefore=10, spaceAfter=12),
        "confidential": ParagraphStyle("confidential", body, fontName=FONT_BOLD,
                                       textColor=CONFIDENTIAL, spaceBefore=10, spaceAfter=8),
    }


GRID = TableStyle([
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ("TOPPADDING", (0, 0), (-1, -1), 1),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
])
"""Borderless layout tables (label | value, number | title)."""

# --- Danish text ------------------------------------------------------------------------------

EN_DASH = "\u2013"


def clock(value: dt.datetime) -> str:
    """'14.05'"""
    return l10n.format_time(value)


def when_line(starts: dt.datetime, ends: dt.datetime) -> str:
    """'torsdag den 3. december 2026 kl. 14.00–16.00' (or both dates when it ends another day)."""
    day = l10n.format_date(starts.date(), "full")
    if ends.date() == starts.date():
        return f"{day} kl. {clock(starts)}{EN_DASH}{clock(ends)}"
    return f"{day} kl. {clock(starts)} {EN_DASH} {l10n.format_date(ends.date(), 'full')} " \
           f"kl. {clock(ends)}"


def minutes_text(minutes: int) -> str:
    return f"{minutes}{NBSP}min."


NBSP = "\u00a0"
_MONTHS = ("januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|"
           "december")
# A number and what it counts never part at a line end: "11 %", "4 handlinger", "20 min.",
# "1. november", "kl. 14.00", "nr. 3". Tags in the markup hold no digit followed by a space.
_TOGETHER = re.compile(rf"(?<=\d) (?=[%\w])|(?<=\d\.) (?=(?:{_MONTHS})\b)"
                       r"|(?:(?<=\bkl\.)|(?<=nr\.)) (?=\d)", re.IGNORECASE)  # nr., sagsnr.


def keep_together(markup: str) -> str:
    """Non-breaking spaces where Danish typesetting keeps words together."""
    return _TOGETHER.sub(NBSP, markup)


def default_subject(title: str, header: str, banner: str = "", cancelled: bool = False) -> str:
    """What the document is, for the PDF's Subject: its title (forum and date), then what
    marks this copy (aflyst, udkast, intern udgave), then the organisation."""
    marks = [m.strip() for m in (banner or "").split("·") if m.strip()]
    versions = {"Udkast": "udkast", "Internt – med lukkede punkter":
                "intern udgave med lukkede punkter"}
    parts = [title, "aflyst" if cancelled else "",
             *(versions.get(m, m.lower()) for m in marks), organisation_of(header)]
    return ", ".join(p for p in parts if p)


def organisation_of(header: str) -> str:
    """'Tryg Aalborg' from the header 'Aalborg Kommune · Tryg Aalborg': the last part."""
    return (header or "").split("·")[-1].strip() or "Tryg Aalborg"


def meeting_title(label: str, title: str, day: dt.date) -> str:
    """A meeting document's PDF title: 'Dagsorden – Netværksmøde for Kildeparken 8.
    september 2026'."""
    return f"{label} {EN_DASH} {' '.join(title.split())} {l10n.format_date(day, 'long')}"


# --- the document -----------------------------------------------------------------------------


class Document:
    """A document being built: flowables, page furniture, and every printed text with where it
    came from (for the CPR check, which must run before render())."""

    def __init__(self, *, header: str, label: str, footer: str, title: str = "",
                 subject: str = "", banner: str = "", cancelled: bool = False) -> None:
        """`title` and `subject` go into the PDF's properties, where a file manager, a
        journal system or a screen reader shows them: the title names what the document is
        about (see meeting_title), the subject defaults to the title with the version and
        the organisation of the header: "Drejebog – Netværksmøde Aalborg Midtby 8. december
        2026, aflyst, intern udgave med lukkede punkter, Tryg Aalborg". `cancelled`: AFLYST on
        every page."""
        self.flowables: list = []
        self.texts: list[tuple[str, str]] = []
        self.header = self._record(header, "sidehovedet")
        self.label = label
        self.title = self._record(title or label, "dokumentets titel")
        self.footer = self._record(footer, "sidefoden")
        self.banner = banner
        self.subject = subject or default_subject(self.title, header, banner, cancelled)
        self.cancelled = cancelled
        self.pages = 0  # known after render()

    def _record(self, value: str | None, where: str) -> str:
        value = value or ""
        if value:
            self.texts.append((where, value))
        return value

    def text(self, value: str | None, where: str) -> str:
        """Text from the data as paragraph markup: recorded for the CPR check, escaped, line
        breaks kept."""
        value = self._record((value or "").strip(), where)
        return escape(value).replace("\r\n", "\n").replace("\n", "<br/>")

    def paragraphs(self, value: str | None, style: str, where: str) -> list[Paragraph]:
        """Free text (sagsfremstilling, indstilling) as paragraphs; a blank line starts one."""
        value = (value or "").strip()
        blocks = [b.strip() for b in value.replace("\r\n", "\n").split("\n\n") if b.strip()]
        return [self.para(self.text(b, where), style) for b in blocks]

    @staticmethod
    def para(markup: str, style: str) -> Paragraph:
        return Paragraph(keep_together(markup), styles()[style])

    def add(self, *flowables) -> None:
        self.flowables.extend(flowables)

    def heading(self, markup: str, style: str = "h2", level: int = 0) -> Paragraph:
        """A section heading that gets a PDF bookmark (the reader's outline) and a line in the
        table of contents, if the document has one (contents())."""
        paragraph = self.para(markup, style)
        text = html.unescape(re.sub(r"<[^>]+>", "", markup))  # the words, without markup
        paragraph._outline = (level, text)  # read in afterFlowable
        return paragraph

    def contents(self, title: str = "Indhold"):
        """A table of contents of the headings made with heading(): the flowables to add
        where it should stand. The document is then built in passes until the page numbers
        settle (reportlab's multiBuild)."""
        from reportlab.platypus.tableofcontents import TableOfContents

        toc = TableOfContents(dotsMinLevel=0)
        toc.levelStyles = [
            ParagraphStyle("toc0", styles()["body"], leftIndent=0, firstLineIndent=0,
                           spaceAfter=1),
            ParagraphStyle("toc1", styles()["body"], fontSize=9, leading=12, leftIndent=12,
                           firstLineIndent=0, spaceAfter=0, textColor=MUTED),
        ]
        self._contents = True
        return [self.para(title, "h2"), toc]

    def render(self) -> bytes:
        """The PDF. Call only after the recorded texts have passed the CPR check."""
        register_fonts()
        buffer = io.BytesIO()
        template = _Template(
            buffer, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=self.title,
            author=self.header, subject=self.subject, creator="Tryg Desktop", lang="da-DK",
            initialFontName=FONT)
        # No frame padding: text lines up with the header and footer rules.
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH,
                      PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id="content")
        template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        maker = functools.partial(_NumberedCanvas, document=self)
        if getattr(self, "_contents", False):
            template.multiBuild(_headings_kept(self.flowables), canvasmaker=maker)
        else:
            template.build(_headings_kept(self.flowables), canvasmaker=maker)
        return buffer.getvalue()


class _Template(BaseDocTemplate):
    """Records each heading made with Document.heading: the canvas sets the bookmark when it
    writes the page (it holds the pages until the total is known), and the table of contents
    hears of it."""

    def afterFlowable(self, flowable) -> None:  # noqa: N802 - reportlab's name
        outline = getattr(flowable, "_outline", None)
        if outline is None:
            return
        level, text = outline
        key = f"h{len(self.canv._bookmarks)}"
        top = self.frame._y + getattr(flowable, "height", 0) + 4
        self.canv._bookmarks.append((self.page, key, level, text, top))
        self.notify("TOCEntry", (level, escape(text), self.page, key))


def _headings_kept(flowables: list) -> list:
    """A heading (keepWithNext) goes into the KeepTogether that follows it. reportlab keeps a
    heading with the next flowable, but not when that is a KeepTogether: "Punkterne" was left
    alone at the foot of a page in every document that keeps its items whole."""
    out: list = []
    pending: list = []
    for flowable in flowables:
        if isinstance(flowable, KeepTogether) and pending:
            out.append(KeepTogether([*pending, flowable]))
            pending = []
        elif isinstance(flowable, Paragraph) and flowable.getKeepWithNext():
            pending.append(flowable)
        else:
            out.extend(pending)
            out.append(flowable)
            pending = []
    return out + pending


def layout_table(rows, col_widths, extra_style=None) -> Table:
    table = Table(rows, colWidths=col_widths, hAlign="LEFT")
    table.setStyle(GRID)
    if extra_style:
        table.setStyle(TableStyle(extra_style))
    return table


LISTING_STYLE = [
    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
]


def listing_table(rows, col_widths, extra_style=None) -> Table:
    """A table with a shaded heading row that repeats on every page, and a rule under each row:
    the time plan, the action tables and the handlingsliste all look alike."""
    table = layout_table(rows, col_widths, (extra_style or []) + LISTING_STYLE)
    table.repeatRows = 1
    return table


# --- header and footer ------------------------------------------------------------------------

_HEADER_BASELINE = PAGE_HEIGHT - 14 * mm
_HEADER_RULE = PAGE_HEIGHT - 17 * mm
_FOOTER_RULE = 15 * mm
_FOOTER_BASELINE = 10.5 * mm


class _NumberedCanvas(pdfcanvas.Canvas):
    """Two passes in one: pages are kept until save(), when the total is known and each page
    gets its header and "Side n af N" footer."""

    def __init__(self, *args, document: Document, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._document = document
        self._pages: list[dict] = []
        self._bookmarks: list[tuple] = []  # (page, key, level, text, top): _Template

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        self._document.pages = total
        bookmarks = self._bookmarks
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._furniture(number, total)
            for page, key, level, text, top in bookmarks:
                if page == number:  # here the page is the document's page `number`
                    self.bookmarkPage(key, fit="XYZ", top=top)
                    self.addOutlineEntry(text, key, level)
            super().showPage()
        if bookmarks:
            self.showOutline()  # the reader opens with the bookmarks shown
        super().save()

    def _furniture(self, number: int, total: int) -> None:
        doc = self._document
        left, right = MARGIN_LEFT, PAGE_WIDTH - MARGIN_RIGHT
        self.saveState()
        # Header: the organisation left, the kind of document right, a hairline below.
        label_width = pdfmetrics.stringWidth(doc.label, FONT_BOLD, 9)
        self.setFillColor(ACCENT)
        self.setFont(FONT_BOLD, 9)
        self.drawRightString(right, _HEADER_BASELINE, doc.label)
        banner_width = 0.0
        x = right - label_width
        for banner in (doc.banner, CANCELLED if doc.cancelled else ""):
            if not banner:
                continue
            width = pdfmetrics.stringWidth(banner, FONT_BOLD, 9) + 10
            x -= 10 + width
            banner_width += 10 + width
            self.setFillColor(CONFIDENTIAL)
            self.roundRect(x, _HEADER_BASELINE - 3.5, width, 14, 3, stroke=0, fill=1)
            self.setFillColor(colors.white)
            self.drawString(x + 5, _HEADER_BASELINE, banner)
        if doc.cancelled:
            _cancelled_stamp(self)
        room = CONTENT_WIDTH - label_width - banner_width - 14
        self.setFillColor(MUTED)
        _fitted_string(self, left, _HEADER_BASELINE, doc.header, FONT, 9, room)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.6)
        self.line(left, _HEADER_RULE, right, _HEADER_RULE)
        # Footer: what and when left, the page number right.
        self.line(left, _FOOTER_RULE, right, _FOOTER_RULE)
        self.setFillColor(MUTED)
        page = f"Side {number} af {total}"
        self.setFont(FONT, 8.5)
        self.drawRightString(right, _FOOTER_BASELINE, page)
        room = CONTENT_WIDTH - pdfmetrics.stringWidth(page, FONT, 8.5) - 24
        _fitted_string(self, left, _FOOTER_BASELINE, doc.footer, FONT, 8.5, room)
        self.restoreState()


CANCELLED = "AFLYST"


def _cancelled_stamp(canv) -> None:
    """A large pale "AFLYST" across the page: a cancelled meeting's papers cannot be taken
    for the real thing, whichever page is picked up. Pale enough to read the text through."""
    canv.saveState()
    canv.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canv.rotate(35)
    canv.setFillColor(CONFIDENTIAL)
    canv.setFillAlpha(0.13)
    canv.setFont(FONT_BOLD, 120)
    canv.drawCentredString(0, -40, CANCELLED)
    canv.restoreState()


def _fitted_string(canv, x: float, y: float, text: str, font: str, size: float,
                   room: float) -> None:
    """Draw text in at most `room` points: a smaller size first, then cut with an ellipsis."""
    while size > 7 and pdfmetrics.stringWidth(text, font, size) > room:
        size -= 0.5
    if pdfmetrics.stringWidth(text, font, size) > room:
        while text and pdfmetrics.stringWidth(text + "…", font, size) > room:
            text = text[:-1]
        text = text.rstrip() + "…"
    canv.setFont(font, size)
    canv.drawString(x, y, text)
