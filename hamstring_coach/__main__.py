"""`python -m hamstring_coach` runs the command-line interface."""

from hamstring_coach.cli import entry

raise SystemExit(entry())
