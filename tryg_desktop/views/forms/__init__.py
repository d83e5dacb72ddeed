"""GENERATED forms compiled from ui/*.ui by ui/compile.py; do not edit."""
