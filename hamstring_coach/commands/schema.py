"""The ``schema`` command: print the JSON Schema of session (catalogue, programme) files."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("--catalogue", action="store_true",
                        help="print the schema of exercise catalogue files instead")
    parser.add_argument("--programme", action="store_true",
                        help="print the schema of programme files instead")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the schema to FILE instead of printing it")


def run(args: argparse.Namespace) -> int:
    """Print the schema as indented JSON."""
    import json

    from hamstring_coach.format.schema import catalogue_schema, json_schema, programme_schema

    if args.catalogue and args.programme:
        print("hamstring-coach schema: choose --catalogue or --programme, not both",
              file=sys.stderr)
        return 2
    schema = catalogue_schema() if args.catalogue else programme_schema() \
        if args.programme else json_schema()
    text = json.dumps(schema, indent=2)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        print(args.output)
    else:
        print(text)
    return 0
