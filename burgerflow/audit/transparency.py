"""`burgerflow transparency`: the algorithm register's upload file, and a check of one.

    burgerflow transparency export [--life-event TYPE] [-o FILE]
    burgerflow transparency check FILE

`export` writes the records `GET /v1/transparency` answers (one per life event, publication
standard v1.0) as the register's upload file, a JSON list; it refuses to write a file the
register would refuse and names every problem. `check` applies the same check to a file, for
one edited by hand before upload.
"""

import argparse
import json
import sys
from pathlib import Path

from burgerflow.core.settings import Settings


def add_transparency_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add `transparency` and its subcommands to the `burgerflow` parser."""
    transparency = sub.add_parser(
        "transparency", help="the algorithm register's records (publication standard v1.0)"
    )
    commands = transparency.add_subparsers(dest="transparency_command", required=True)
    export = commands.add_parser(
        "export", help="write the register's upload file, checked against the standard"
    )
    export.add_argument("--life-event", help="only this life event's record (its type)")
    export.add_argument(
        "-o", "--output", type=Path, help="file to write (standard output when left out)"
    )
    check = commands.add_parser("check", help="check an upload file against the standard")
    check.add_argument("file", type=Path)


def _problems_to_stderr(command: str, problems: list[object]) -> None:
    for problem in problems:
        print(f"burgerflow transparency {command}: {problem}", file=sys.stderr)


def run_transparency(settings: Settings, args: argparse.Namespace) -> int:
    """Run `burgerflow transparency <command>`; returns the exit code."""
    from workflows.audit.register import InvalidRegisterFile, UnknownLifeEvent, register_file
    from workflows.audit.register_standard import check

    command = args.transparency_command
    if command == "check":
        try:
            records = json.loads(args.file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            print(f"burgerflow transparency check: {e}", file=sys.stderr)
            return 1
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            print(
                "burgerflow transparency check: an upload file is a JSON list of records",
                file=sys.stderr,
            )
            return 1
        if problems := check(records):
            _problems_to_stderr(command, list(problems))
            return 1
        print(f"{args.file}: {len(records)} record(s) meet the publication standard v1.0")
        return 0

    try:
        records = register_file(settings, life_event=args.life_event)
    except UnknownLifeEvent as e:
        print(f"burgerflow transparency export: {e}", file=sys.stderr)
        return 2
    except InvalidRegisterFile as e:
        _problems_to_stderr(command, list(e.problems))
        print(
            "burgerflow transparency export: nothing written; fix the BURGERFLOW_REGISTER_* "
            "settings above",
            file=sys.stderr,
        )
        return 1
    text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as e:
        print(f"burgerflow transparency export: {e}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}: {len(records)} record(s), publication standard v1.0")
    return 0
