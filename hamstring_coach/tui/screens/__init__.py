"""Screens of the app: picker, session, summary, confirm dialog."""
