"""The peer's worker process: every peer workflow on one task queue until SIGINT or SIGTERM.

Built like the baseline's worker (same client settings and worker defaults) except for the
data converter: the SDK's pydantic converter without burgerflow's codec, as a hand-written
service would have it. Its registry client is a plain `httpx.AsyncClient` on the mocks.
"""

import argparse
import asyncio
import contextlib
import signal
from collections.abc import Sequence
from datetime import timedelta

import httpx
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from burgerflow.core.settings import Settings


async def connect_plain(settings: Settings) -> Client:
    """A client on the settings' Temporal with the SDK's pydantic converter (no codec)."""
    from workflows.client import tls_config

    api_key = settings.temporal_api_key.get_secret_value() if settings.temporal_api_key else None
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        api_key=api_key,
        tls=tls_config(settings),
        data_converter=pydantic_data_converter,
    )


async def run_peer_worker(task_queue: str) -> None:
    """Poll `task_queue` for every peer workflow until SIGINT or SIGTERM."""
    from temporalio.worker import Worker

    from burgerflow.bench.peer import PEERS
    from burgerflow.registry.client import RegistryClient

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    settings = Settings()
    client = await connect_plain(settings)
    async with httpx.AsyncClient(
        base_url=settings.resolved_registries_base_url, timeout=settings.registries_timeout_s
    ) as http:
        registry = RegistryClient(http)
        worker = Worker(
            client,
            task_queue=task_queue,
            workflows=[peer.workflow for peer in PEERS.values()],
            activities=[a for peer in PEERS.values() for a in peer.activities(registry)],
            graceful_shutdown_timeout=timedelta(seconds=10),
        )
        async with worker:
            await stop.wait()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the peer worker process."""
    parser = argparse.ArgumentParser(description="the hand-written peer's worker of the bench")
    parser.add_argument("--task-queue", required=True)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_peer_worker(args.task_queue))
    return 0
