"""The ``schema`` command: print the JSON Schema of session (catalogue, programme) files."""

from __future__ import annotations

import argparse

from hamstring_coach.system.messages import print_error


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
    # deferred: --help and the other commands start without it
    import json

    # deferred: --help and the other commands start without it
    from hamstring_coach.format.schema import catalogue_schema, json_schema, programme_schema

    if args.catalogue and args.programme:
        return print_error("schema", "choose --catalogue or --programme, not both")
    schema = catalogue_schema() if args.catalogue else programme_schema() \
        if args.programme else json_schema()
    text = json.dumps(schema, indent=2)
    if args.output:
        # deferred: --help and the other commands start without it
        from hamstring_coach.system.files import NotRegularFile, write_regular

        try:
            write_regular(args.output, (text + "\n").encode("utf-8"))
        except NotRegularFile as error:  # a FIFO, a device, a folder: never opened
            return print_error("schema", args.output, error.strerror)
        except OSError as error:
            return print_error("schema", args.output, error.strerror or error, status=1)
        print(args.output)
    else:
        print(text)
    return 0
