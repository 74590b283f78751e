"""The ``schema`` command: print the JSON Schema of session (or catalogue) files."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("--catalogue", action="store_true",
                        help="print the schema of exercise catalogue files instead")


def run(args: argparse.Namespace) -> int:
    """Print the schema as indented JSON."""
    import json

    from hamstring_coach.format.schema import catalogue_schema, json_schema

    schema = catalogue_schema() if args.catalogue else json_schema()
    print(json.dumps(schema, indent=2))
    return 0
