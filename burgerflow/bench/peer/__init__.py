"""The hand-written peer of `burgerflow bench`: each life event as plain Temporal.

Per life event one `@workflow.defn` (`BenchPeerChangeOfAddress`, `BenchPeerEmigration`,
`BenchPeerDeath`) that makes the same registry look-ups over HTTP as the burgerflow case,
checks its rules in plain Python, waits for the same number of caseworker decisions as
updates when gated, and sends the same mutations with idempotency keys: what an engineer
would write with Temporal alone. No agent, no LangGraph, no projection, and the SDK's
pydantic data converter without burgerflow's encryption codec.

Run the worker with `python -m burgerflow.bench.peer --task-queue TQ`.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from burgerflow.bench.peer import change_of_address, death, emigration
from burgerflow.bench.peer.base import PeerDecision, PeerGate, PeerResult
from burgerflow.registry.client import RegistryClient

__all__ = ["PEERS", "Peer", "PeerDecision", "PeerGate", "PeerResult"]


@dataclass(frozen=True)
class Peer:
    """One life event's hand-written workflow.

    Attributes:
        workflow: The workflow class.
        run: Its run method (to start it by reference).
        input: Its start input (built from the bench case's report body).
        activities: Its activities, bound to a registry client.
    """

    workflow: type[PeerGate]
    run: Callable[[Any, Any], Awaitable[PeerResult]]
    input: type[BaseModel]
    activities: Callable[[RegistryClient], list[Callable[..., Any]]]


PEERS: dict[str, Peer] = {
    "change_of_address": Peer(
        change_of_address.BenchPeerChangeOfAddress,
        change_of_address.BenchPeerChangeOfAddress.run,
        change_of_address.MoveInput,
        change_of_address.activities,
    ),
    "emigration": Peer(
        emigration.BenchPeerEmigration,
        emigration.BenchPeerEmigration.run,
        emigration.EmigrationInput,
        emigration.activities,
    ),
    "death": Peer(
        death.BenchPeerDeath, death.BenchPeerDeath.run, death.DeathInput, death.activities
    ),
}
"""The peer of each life event, by the life event's type."""
