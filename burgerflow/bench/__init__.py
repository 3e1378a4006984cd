"""`burgerflow bench`: a life event's cases under load, measured against plain Temporal.

The run (`run.run_bench`) starts a local stack on free ports (`local.LocalStack`), has the
life event prepare its cases (`population`, the life event's `extras["bench"]`), drives them
through the HTTP API with simulated caseworkers (`driver`), counts every history
(`history`), then runs on the same server the hand-written peer (`peer`: the same registry
calls in a plain Temporal workflow, on cases of its own) and the no-op baseline with the
same shape (`baseline`), and reports the three sides with burgerflow's ratios (`report`).
See docs/BENCHMARKS.md for the method and a recent run.
"""

import argparse

from burgerflow.bench.options import BenchOptions


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `burgerflow bench`."""
    defaults = BenchOptions()
    parser.add_argument(
        "--life-event",
        metavar="NAME",
        help="the life event whose cases run (its type; default: the first with a bench part)",
    )
    parser.add_argument("--cases", type=int, default=defaults.cases, help="cases per side")
    parser.add_argument(
        "--concurrency", type=int, default=defaults.concurrency, help="cases open at once"
    )
    parser.add_argument(
        "--gated",
        type=float,
        default=defaults.gated_fraction,
        help="share of cases that wait at a gate, half of them four-eyes (0..1)",
    )
    parser.add_argument(
        "--warmup", type=int, default=defaults.warmup, help="untimed cases run first per side"
    )
    parser.add_argument(
        "--case-timeout",
        type=float,
        default=defaults.case_timeout_s,
        help="seconds after which an open case counts as timed out",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=defaults.runs,
        help="run it all this often and report the median and spread of each figure",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--api-url",
        help="use a running API instead of a local stack (with --mocks-url; Temporal and the "
        "JWT key come from BURGERFLOW_* settings)",
    )
    parser.add_argument("--mocks-url", help="the running registry mocks (dev mode)")
    parser.add_argument(
        "--worker-pid", type=int, help="pid of the running worker, for its memory and CPU"
    )
    parser.add_argument(
        "--keep-home", action="store_true", help="keep the local stack's folder and logs"
    )


def options_from_args(args: argparse.Namespace) -> BenchOptions:
    """The run's options from parsed arguments; raises ValueError when they do not fit."""
    if bool(args.api_url) != bool(args.mocks_url):
        raise ValueError("--api-url and --mocks-url go together")
    if args.cases < 1 or args.concurrency < 1 or args.warmup < 0 or args.runs < 1:
        raise ValueError(
            "--cases, --concurrency and --runs must be at least 1, --warmup at least 0"
        )
    if not 0 <= args.gated <= 1:
        raise ValueError("--gated is a share between 0 and 1")
    # Imported here: the list of life events brings every workflow and agent, which building
    # the argument parser of every other command should not pay for.
    from burgerflow.bench.population import bench_life_event

    bench_life_event(args.life_event)
    return BenchOptions(
        life_event=args.life_event,
        cases=args.cases,
        concurrency=args.concurrency,
        gated_fraction=args.gated,
        warmup=args.warmup,
        case_timeout_s=args.case_timeout,
        api_url=args.api_url,
        mocks_url=args.mocks_url,
        worker_pid=args.worker_pid,
        keep_home=args.keep_home,
        runs=args.runs,
    )
