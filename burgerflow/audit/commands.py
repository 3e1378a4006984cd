"""The `burgerflow audit` commands' work: kept apart from the parser so `burgerflow token`
and friends start without importing Temporal, LangGraph and the workflows."""

import argparse
from pathlib import Path

from temporalio.client import Client

from burgerflow.core.settings import Settings
from workflows.audit.history import decode_history, read_history, write_history
from workflows.audit.replay import (
    ReplayReport,
    ReplaySummary,
    list_cases,
    replay_cases,
    replay_history,
)
from workflows.audit.trail import Trail, build_trail
from workflows.client import connect, data_converter


def print_trail(trail: Trail) -> None:
    print(f"Case {trail.case_id} ({trail.workflow_type}), {trail.history_events} history events")
    print(f"Status: {trail.status}   municipality: {trail.municipality or '-'}")
    if trail.policy:
        print(
            f"Policy {trail.policy.version}: rules fired "
            f"{', '.join(trail.policy.rules_fired) or 'none'}; "
            f"flags {', '.join(trail.policy.flags) or 'none'}"
        )
    for gate in trail.gates:
        print(f"Gate {gate.rule} ({gate.risk} risk, {gate.status}); evidence: {gate.evidence}")
        for d in gate.decisions:
            print(f"  {d.at:%Y-%m-%d %H:%M:%S} {d.actor} ({d.role}) {d.decision}: {d.reason}")
    for step in trail.steps:
        receipt = (step.receipt or {}).get("id", "-")
        print(f"Step {step.step_id}: {step.status}, key {step.idempotency_key}, receipt {receipt}")
    print("\nTimeline:")
    for event in trail.timeline:
        print(
            f"  {event.at:%Y-%m-%d %H:%M:%S}  #{event.event_id:<4} {event.kind:<14} {event.title}"
        )
    if trail.outcome and trail.outcome.citizen_message:
        print(f"\nMessage to the citizen:\n{trail.outcome.citizen_message}")


async def show(client: Client, args: argparse.Namespace) -> int:
    history = await client.get_workflow_handle(args.case_id).fetch_history()
    trail = build_trail(await decode_history(history, client.data_converter.payload_codec))
    if args.json:
        print(trail.model_dump_json(indent=2))
    else:
        print_trail(trail)
    return 0


def _report_line(report: ReplayReport) -> str:
    if report.deterministic:
        return f"deterministic ({report.history_events} events)"
    if report.divergence is not None:
        where = (
            f" at event {report.divergence.event_id} ({report.divergence.event_type})"
            if report.divergence.event_id
            else ""
        )
        return f"DIVERGED{where}: {report.divergence.message}"
    return f"ERROR: {report.error}"


async def replay(settings: Settings, args: argparse.Namespace) -> int:
    summary = ReplaySummary()
    if args.file:
        converter = data_converter(settings)
        for n, path in enumerate(args.file, start=1):
            report = await replay_history(read_history(path), converter)
            summary.count(report)
            print(f"[{n}/{len(args.file)}] {path}: {_report_line(report)}", flush=True)
    else:
        client = await connect(settings)
        ids = (
            await list_cases(client, since=args.since, query=args.query)
            if args.all
            else list(args.case_ids)
        )
        print(f"Replaying {len(ids)} case(s) with today's code ...", flush=True)
        n = 0
        async for report in replay_cases(client, ids):
            n += 1
            summary.count(report)
            print(f"[{n}/{len(ids)}] {report.case_id}: {_report_line(report)}", flush=True)
    print(
        f"\n{summary.replayed} replayed: {summary.deterministic} deterministic, "
        f"{summary.diverged} diverged, {summary.errors} could not be replayed."
    )
    return 0 if summary.ok else 1


async def export(client: Client, args: argparse.Namespace) -> int:
    history = await client.get_workflow_handle(args.case_id).fetch_history()
    if args.decoded:
        history = await decode_history(history, client.data_converter.payload_codec)
    path = args.output or Path(f"{args.case_id}.json")
    size = write_history(history, path)
    state = "decrypted: it holds personal data in clear" if args.decoded else "encrypted"
    print(f"Wrote {path} ({len(history.events)} events, {size:,} bytes, {state}).")
    return 0
