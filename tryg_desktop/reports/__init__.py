"""Printed documents (reportlab) built from service rows: the agenda and the chair's runsheet
(agenda.py), the sign-in sheet (attendance.py); fonts, page and styles in styles.py.

Import these modules only inside the functions that build a document (services/meetings/printing.py
does): loading reportlab is not part of the app's start-up.
"""
