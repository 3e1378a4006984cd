"""The `burgerflow` command: start the stack or one of its pieces, and issue dev tokens."""

import argparse
import asyncio
import contextlib
import json
import signal
import sys
from collections.abc import Sequence
from datetime import date

from burgerflow.audit.cli import add_audit_parser, run_audit
from burgerflow.audit.transparency import add_transparency_parser, run_transparency
from burgerflow.bench import add_arguments as add_bench_arguments
from burgerflow.core.constants import Role
from burgerflow.core.settings import Settings
from burgerflow.evaluation.cli import (
    add_eval_parser,
    add_fake_llm_parser,
    run_eval_command,
    run_fake_llm,
)
from burgerflow.stack import (
    Stack,
    StackError,
    check_port_free,
    embedded_zgw_env,
    temporal_dev_server_args,
    wait_http_ok,
    wait_temporal,
)


def _piece(name: str) -> list[str]:
    return [sys.executable, "-m", "burgerflow", name]


async def _up(settings: Settings) -> int:
    stack = Stack(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        stack.check_ports()
        print(f"Starting the embedded stack (state and logs in {settings.resolved_home}) ...")
        if settings.embedded_temporal:
            port = int(settings.temporal_address.rsplit(":", 1)[1])
            stack.spawn(
                "temporal",
                temporal_dev_server_args(settings, port=port, ui_port=settings.temporal_ui_port),
            )
            await wait_temporal(settings.temporal_address, timeout=60, stack=stack)
            print(f"  temporal   {settings.temporal_address} ready")
        zgw = embedded_zgw_env(settings)
        stack.spawn("mocks", _piece("mocks"), env=zgw)
        await wait_http_ok(
            f"{settings.resolved_registries_base_url}/healthz", timeout=120, stack=stack
        )
        print(f"  mocks      {settings.resolved_registries_base_url} ready")
        stack.spawn("worker", _piece("worker"), env=zgw)
        stack.spawn("api", _piece("api"), env=zgw)
        await wait_http_ok(f"{settings.api_base_url}/readyz", timeout=60, stack=stack)
        print(f"  api        {settings.api_base_url} ready")
        _print_banner(settings)
        while not stop.is_set():
            if dead := stack.exited():
                print(
                    f"\n{dead.name} exited with code {dead.proc.returncode}; stopping the stack.\n"
                    f"{stack.tail(dead)}",
                    file=sys.stderr,
                )
                return 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=0.5)
        print("\nStopping ...")
        return 0
    except StackError as e:
        print(f"burgerflow up: {e}", file=sys.stderr)
        return 1
    finally:
        await asyncio.to_thread(stack.stop)
        print("Stopped.")


def _print_banner(settings: Settings) -> None:
    from burgerflow.core.auth import issue_token

    citizen = issue_token(settings, role=Role.CITIZEN, bsn="999993653", sub="demo-citizen")
    caseworker = issue_token(
        settings, role=Role.CASEWORKER, sub="demo-caseworker", municipality="0363"
    )
    from workflows.life_events import LIFE_EVENTS

    api = settings.api_base_url
    example = next(json.dumps(e.example(date.today())) for e in LIFE_EVENTS if e.example)
    print(
        f"""
burgerflow is running.

  API              {api}            (OpenAPI docs: {api}/docs)
  Caseworker page  {api}/ui/        (sign in with the caseworker token below)
  Citizen page     {api}/mijn/      (sign in with the citizen token below)
  Temporal Web UI  {settings.temporal_ui_url if settings.embedded_temporal else "(external)"}
  Registry mocks   {settings.resolved_registries_base_url}
  Logs             {settings.resolved_home / "logs"}

Dev token, citizen 999993653:
  export TOKEN={citizen}
Dev token, caseworker of Amsterdam (0363):
  export CW_TOKEN={caseworker}

Try (after the export lines above):
  curl -s -X POST {api}/v1/life-events -H "Authorization: Bearer $TOKEN" \\
    -H "Content-Type: application/json" -H "Idempotency-Key: demo-1" \\
    -d '{example}'
  curl -s {api}/v1/cases/<case_id> -H "Authorization: Bearer $TOKEN"

Press Ctrl-C to stop.
""",
        flush=True,
    )


def _serve(app_factory: str, host: str, port: int, setting: str) -> int:
    import uvicorn

    try:
        check_port_free(host, port, setting)
    except StackError as e:
        print(f"burgerflow: {e}", file=sys.stderr)
        return 1
    uvicorn.run(app_factory, host=host, port=port, factory=True, log_level="info")
    return 0


def _cmd_mocks(settings: Settings) -> int:
    return _serve(
        "burgerflow.entrypoints:mocks_app",
        settings.mocks_host,
        settings.mocks_port,
        "BURGERFLOW_MOCKS_PORT",
    )


def _cmd_api(settings: Settings) -> int:
    return _serve(
        "burgerflow.entrypoints:api_app",
        settings.api_host,
        settings.api_port,
        "BURGERFLOW_API_PORT",
    )


def _cmd_worker(settings: Settings) -> int:
    from burgerflow.worker import run_worker

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_worker(settings))
    return 0


def _cmd_token(settings: Settings, args: argparse.Namespace) -> int:
    from burgerflow.core.auth import issue_token

    try:
        print(
            issue_token(
                settings,
                role=Role(args.role),
                sub=args.sub,
                bsn=args.bsn,
                municipality=args.municipality,
                organisation=args.organisation,
            )
        )
    except ValueError as e:
        print(f"burgerflow token: {e}", file=sys.stderr)
        return 2
    return 0


def _cmd_approvals_rebuild(settings: Settings, args: argparse.Namespace) -> int:
    from approvals.db import init_db, make_engine
    from approvals.rebuild import cases_query, rebuild
    from workflows.client import connect

    query = f"{cases_query()} AND ({args.query})" if args.query else cases_query()

    async def run() -> int:
        engine = make_engine(settings.resolved_database_url)
        try:
            init_db(engine)
            client = await connect(settings)
            report = await rebuild(client, engine, settings, query=query, wipe=not args.keep)
        finally:
            engine.dispose()
        print(f"Rebuilt the approvals store: {report.cases} cases, {report.gates} gates.")
        if report.unreadable:
            print(
                "Could not read (is a worker running?): " + ", ".join(report.unreadable),
                file=sys.stderr,
            )
            return 1
        return 0

    try:
        return asyncio.run(run())
    except RuntimeError as e:
        print(f"burgerflow approvals rebuild: {e}", file=sys.stderr)
        return 1


def _cmd_bench(settings: Settings, args: argparse.Namespace) -> int:
    import json

    from burgerflow.bench import options_from_args
    from burgerflow.bench.run import run_benches

    try:
        options = options_from_args(args)
    except ValueError as e:
        print(f"burgerflow bench: {e}", file=sys.stderr)
        return 2
    try:
        report = asyncio.run(run_benches(options, settings))
    except StackError as e:
        print(f"burgerflow bench: {e}", file=sys.stderr)
        return 1
    print(json.dumps(report.to_json(), indent=2) if args.json else report.table())
    return 0 if report.all_completed else 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `burgerflow` command."""
    parser = argparse.ArgumentParser(
        prog="burgerflow",
        description="Life events as durable, auditable cases. Settings come from BURGERFLOW_*.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("up", help="start the embedded stack: Temporal, mocks, API and a worker")
    sub.add_parser("mocks", help="serve the registry mocks")
    sub.add_parser("api", help="serve the HTTP API")
    sub.add_parser("worker", help="run a Temporal worker")
    token = sub.add_parser("token", help="print a dev bearer token")
    token.add_argument("--role", required=True, choices=[r.value for r in Role])
    token.add_argument("--bsn", help="citizen's BSN (role citizen)")
    token.add_argument("--sub", help="subject, e.g. a caseworker's user id")
    token.add_argument("--municipality", help="4-digit gemeentecode (caseworker, supervisor)")
    token.add_argument("--organisation", help="the undertaker's organisation (funeral_director)")
    approvals = sub.add_parser("approvals", help="the approvals store")
    approvals_sub = approvals.add_subparsers(dest="approvals_command", required=True)
    rebuild = approvals_sub.add_parser(
        "rebuild",
        help="rebuild the store from Temporal (open cases are queried: run a worker)",
    )
    rebuild.add_argument("--query", help="an extra visibility filter, e.g. \"TaskQueue = 'x'\"")
    rebuild.add_argument("--keep", action="store_true", help="upsert without wiping first")
    add_bench_arguments(
        sub.add_parser(
            "bench",
            help="measure cases per second against a hand-written peer and a no-op baseline",
        )
    )
    add_audit_parser(sub)
    add_transparency_parser(sub)
    add_eval_parser(sub)
    add_fake_llm_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `burgerflow` command."""
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValueError as e:
        print(f"burgerflow: invalid settings:\n{e}", file=sys.stderr)
        return 2
    match args.command:
        case "up":
            return asyncio.run(_up(settings))
        case "mocks":
            return _cmd_mocks(settings)
        case "api":
            return _cmd_api(settings)
        case "worker":
            return _cmd_worker(settings)
        case "token":
            return _cmd_token(settings, args)
        case "approvals":
            return _cmd_approvals_rebuild(settings, args)
        case "bench":
            return _cmd_bench(settings, args)
        case "audit":
            return run_audit(settings, args)
        case "transparency":
            return run_transparency(settings, args)
        case "eval":
            return run_eval_command(settings, args)
        case "fake-llm":
            return run_fake_llm(settings, args)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
