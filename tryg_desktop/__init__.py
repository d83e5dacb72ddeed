"""Tryg Desktop: the coordinators' tool for "Tryg Aalborg – en mere tryg kommune"."""

APP_NAME = "Tryg Desktop"
ORG_NAME = "Tryg Aalborg"
__version__ = "0.1.0"
