"""The print path: a document's PDF painted onto a QPrinter that writes a PDF file."""

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter


def two_page_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.drawString(72, 760, "Dagsorden – Side 1 af 2")
    c.showPage()
    c.drawString(72, 760, "Side 2 af 2")
    c.save()
    return buffer.getvalue()


def test_print_pdf_to_a_printer_writing_a_file(qapp, tmp_path):
    from tryg_desktop.views.kit.pdf_printing import make_printer, print_pdf

    out = tmp_path / "udskrift.pdf"
    printer = make_printer("Dagsorden")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(100)
    assert print_pdf(two_page_pdf(), printer) == 2
    assert len(PdfReader(out).pages) == 2
    assert out.stat().st_size > 5000  # the pages were painted, not left blank
