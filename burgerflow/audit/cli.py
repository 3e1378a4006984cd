"""`burgerflow audit`: show a case's decision trail, replay cases, export histories, make keys.

    burgerflow audit show CASE_ID [--json]
    burgerflow audit replay CASE_ID... | --all [--since DATE] | --file PATH...
    burgerflow audit export CASE_ID [-o PATH] [--decoded]
    burgerflow audit keygen [--id KEY_ID]

Every command talks to Temporal with the deployment's settings and converter, so it reads
encrypted histories with the configured payload keys.
"""

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path

from burgerflow.core.settings import Settings


def add_audit_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add `audit` and its subcommands to the `burgerflow` parser."""
    audit = sub.add_parser("audit", help="decision trails, replay and export of case histories")
    commands = audit.add_subparsers(dest="audit_command", required=True)

    show = commands.add_parser("show", help="print a case's decision trail from its history")
    show.add_argument("case_id")
    show.add_argument("--json", action="store_true", help="the trail as JSON")

    replay = commands.add_parser(
        "replay", help="replay histories with today's code: deterministic or first divergence"
    )
    which = replay.add_mutually_exclusive_group(required=True)
    which.add_argument("case_ids", nargs="*", default=[], metavar="CASE_ID")
    which.add_argument("--all", action="store_true", help="every case (see --since)")
    which.add_argument(
        "--file", type=Path, action="append", help="an exported history (repeatable)"
    )
    replay.add_argument(
        "--since", type=date.fromisoformat, help="with --all: cases started on or after DATE"
    )
    replay.add_argument("--query", help="with --all: an extra visibility filter")

    export = commands.add_parser("export", help="write a case's history as JSON")
    export.add_argument("case_id")
    export.add_argument("-o", "--output", type=Path, help="file to write (CASE_ID.json)")
    export.add_argument(
        "--decoded",
        action="store_true",
        help="decrypt the payloads (the file then holds personal data in clear)",
    )

    keygen = commands.add_parser(
        "keygen", help="print a new payload key for BURGERFLOW_PAYLOAD_KEYS (put it first)"
    )
    keygen.add_argument("--id", default=f"k{date.today():%Y%m%d}", help="the key's id")


def run_audit(settings: Settings, args: argparse.Namespace) -> int:
    """Run `burgerflow audit <command>`; returns the exit code."""
    from temporalio.service import RPCError

    from burgerflow.audit import commands
    from workflows.audit.codec import PayloadDecryptionError, generate_key_spec
    from workflows.client import connect

    if args.audit_command == "keygen":
        print(generate_key_spec(args.id))
        return 0
    if args.audit_command == "replay" and args.since and not args.all:
        print("burgerflow audit replay: --since needs --all", file=sys.stderr)
        return 2

    async def run() -> int:
        if args.audit_command == "replay":
            return await commands.replay(settings, args)
        client = await connect(settings)
        if args.audit_command == "show":
            return await commands.show(client, args)
        return await commands.export(client, args)

    try:
        return asyncio.run(run())
    except RPCError as e:
        print(f"burgerflow audit {args.audit_command}: {e}", file=sys.stderr)
        return 1
    except (PayloadDecryptionError, OSError, ValueError) as e:
        print(f"burgerflow audit {args.audit_command}: {e}", file=sys.stderr)
        return 1
