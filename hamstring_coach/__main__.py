"""`python -m hamstring_coach` runs the command-line interface."""

from hamstring_coach.cli import main

raise SystemExit(main())
