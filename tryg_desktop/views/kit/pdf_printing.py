"""Printing the documents the reports make. The PDF from reportlab is the one source: the print
preview and the printer get its pages rasterised by PDFium (pypdfium2), so what is printed is
exactly what "Gem som PDF" saves."""

from __future__ import annotations

from typing import Iterator

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from tryg_desktop.views.kit.screen_fit import remember_size

MAX_DPI = 300  # sharper than any office printer needs; more only costs time


def page_images(pdf: bytes, dpi: float) -> Iterator[QImage]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            bitmap = page.render(scale=min(dpi, MAX_DPI) / 72, rev_byteorder=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGB888)
            yield image.copy()  # the bitmap's memory goes with the page
            page.close()
    finally:
        document.close()


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page onto the printer, scaled to its page; returns the number of pages."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("Printeren kunne ikke startes.")
    pages = 0
    try:
        for image in page_images(pdf, printer.resolution()):
            if pages:
                printer.newPage()
            target = QRectF(painter.viewport())
            size = image.size().scaled(target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setWindow(image.rect())
            painter.setViewport(int(target.x()), int(target.y()), size.width(), size.height())
            painter.drawImage(0, 0, image)
            painter.setViewport(target.toRect())
            pages += 1
    finally:
        painter.end()
    return pages


def make_printer(title: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)  # the PDF has its own margins
    return printer


def preview_dialog(parent: QWidget | None, pdf: bytes, title: str) -> QPrintPreviewDialog:
    """The print preview; its print button opens the system's print dialog."""
    printer = make_printer(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_ = printer  # the dialog does not own its printer: keep it alive as long
    dialog.setWindowTitle(f"Vis udskrift – {title}")
    dialog.paintRequested.connect(lambda target: print_pdf(pdf, target))
    # An A4 page wants all the height the screen has; then as the user leaves it.
    remember_size(dialog, "print_preview", 900, 1000)
    return dialog
