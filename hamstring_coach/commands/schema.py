"""The ``schema`` command: print the JSON Schema of session (or catalogue) files."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("--catalogue", action="store_true",
                        help="print the schema of exercise catalogue files instead")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the schema to FILE instead of printing it")


def run(args: argparse.Namespace) -> int:
    """Print the schema as indented JSON."""
    import json

    from hamstring_coach.format.schema import catalogue_schema, json_schema

    schema = catalogue_schema() if args.catalogue else json_schema()
    text = json.dumps(schema, indent=2)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        except OSError as error:  # a full disk names no file: name it (see commands/crash.py)
            if error.filename is None:
                raise OSError(error.errno, error.strerror, str(args.output)) from error
            raise
        print(args.output)
    else:
        print(text)
    return 0
