"""The `burgerflow eval` and `burgerflow fake-llm` commands (wired into `burgerflow.cli`).

The heavy imports (LangChain, Temporal, the mocks) happen when a command runs, so that
building the `burgerflow` argument parser stays quick for every other command.
"""

import argparse
import asyncio
import sys
from typing import Any

from burgerflow.core.settings import Settings

PROVIDERS = ("scripted", "openai", "fake")


def add_eval_parser(sub: "argparse._SubParsersAction[Any]") -> None:
    """Add `burgerflow eval` to the command's subparsers."""
    parser = sub.add_parser(
        "eval",
        help="score the life events' agents on their scenario sets (steps, gates, cost)",
        description=(
            "Run each life event's scenarios through its agent and policy and print step "
            "precision and recall, gate agreement, turns, tokens and latency per scenario, "
            "per life event and overall. Starts the registry mocks and a Temporal dev server "
            "in-process unless --registries / --temporal name running ones."
        ),
    )
    parser.add_argument(
        "--life-event",
        action="append",
        default=[],
        metavar="NAME",
        dest="life_events",
        help="score this life event (its type; repeatable; default: every life event that "
        "has an evaluation)",
    )
    parser.add_argument(
        "--provider",
        choices=PROVIDERS,
        help="scripted planner, the OpenAI-compatible endpoint of BURGERFLOW_LLM_*, or the "
        "built-in fake endpoint (default: BURGERFLOW_LLM_PROVIDER)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--registries", metavar="URL", help="running registry mocks (dev mode)")
    parser.add_argument("--temporal", metavar="HOST:PORT", help="a running Temporal frontend")
    parser.add_argument(
        "--only", action="append", default=[], metavar="TEXT", help="scenarios whose name has TEXT"
    )
    parser.add_argument("--max-turns", type=int, help="the agent's turn budget")
    parser.add_argument("--list", action="store_true", help="list the scenarios and stop")
    parser.add_argument(
        "--fake-error-rate",
        type=float,
        default=0.15,
        help="with --provider fake: share of requests it misbehaves on (default 0.15)",
    )
    parser.add_argument(
        "--fake-seed", type=int, default=7, help="with --provider fake: seed of its misbehaviour"
    )


def run_eval_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `burgerflow eval`; exit 1 when a scenario could not run or a BSN reached a model."""
    from burgerflow.evaluation.report import ScenarioScore, format_report, progress_line
    from burgerflow.evaluation.runner import EvalOptions, run_eval
    from burgerflow.evaluation.scenarios import evaluated

    if args.list:
        try:
            plan = evaluated(args.life_events)
        except ValueError as error:
            print(f"burgerflow eval: {error}", file=sys.stderr)
            return 1
        for item in plan:
            if len(plan) > 1:
                print(f"{item.event.type}:")
            for scenario in item.scenarios:
                print(f"{scenario.name:<42} {scenario.description}")
        return 0
    options = EvalOptions(
        provider=args.provider or settings.llm_provider,
        registries_url=args.registries,
        temporal_address=args.temporal,
        life_events=tuple(args.life_events),
        only=tuple(args.only),
        max_turns=args.max_turns,
        fake_error_rate=args.fake_error_rate,
        fake_seed=args.fake_seed,
    )

    def progress(index: int, total: int, score: "ScenarioScore") -> None:
        print(progress_line(index, total, score), file=sys.stderr, flush=True)

    try:
        report = asyncio.run(run_eval(settings, options, progress=progress))
    except (ValueError, RuntimeError, OSError) as error:
        print(f"burgerflow eval: {error}", file=sys.stderr)
        return 1
    print(report.model_dump_json(indent=2) if args.json else format_report(report))
    leaked = bool(report.bsns_in_model_requests)
    return 1 if report.overall.errors or leaked else 0


def add_fake_llm_parser(sub: "argparse._SubParsersAction[Any]") -> None:
    """Add `burgerflow fake-llm` to the command's subparsers."""
    parser = sub.add_parser(
        "fake-llm",
        help="serve the fake OpenAI-compatible model endpoint (for trying providers offline)",
        description=(
            "Serve the fake chat-completions endpoint that `burgerflow eval --provider fake` "
            "uses; point BURGERFLOW_LLM_BASE_URL at http://HOST:PORT/v1 with "
            "BURGERFLOW_LLM_PROVIDER=openai."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8002)
    parser.add_argument("--error-rate", type=float, default=0.0, help="share of bad answers")
    parser.add_argument("--seed", type=int, default=7, help="seed of the bad answers")


def run_fake_llm(settings: Settings, args: argparse.Namespace) -> int:
    """Serve the fake endpoint until Ctrl-C."""
    import uvicorn

    from agents.fake_llm import FakeLlm, create_fake_llm_app
    from burgerflow.stack import StackError, check_port_free

    try:
        check_port_free(args.host, args.port, "--port")
    except StackError as error:
        print(f"burgerflow fake-llm: {error}", file=sys.stderr)
        return 1
    app = create_fake_llm_app(FakeLlm(error_rate=args.error_rate, seed=args.seed))
    print(f"Fake model endpoint: http://{args.host}:{args.port}/v1", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
