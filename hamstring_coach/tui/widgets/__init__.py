"""Widgets of the coaching screens (each styled by its own DEFAULT_CSS)."""
