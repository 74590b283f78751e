"""hamstring-coach: a terminal coach for hamstring sessions."""

__version__ = "0.1.0"
