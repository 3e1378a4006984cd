"""The burgerflow worker: registers every workflow and activity on the task queue."""

import asyncio
import logging
import signal
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import Engine
from temporalio.client import Client
from temporalio.worker import Worker

from agents.deps import AgentDeps, make_agent_deps
from agents.plugin import make_langgraph_plugin
from approvals.db import init_db, make_engine
from burgerflow.core.settings import Settings
from burgerflow.registry.client import RegistryClient
from burgerflow.registry.transport import RetryingLookupTransport
from workflows.change_of_address.activities import FactActivities, StepActivities
from workflows.change_of_address.projection import ProjectionActivities
from workflows.change_of_address.workflow import ChangeOfAddress
from workflows.client import connect

log = logging.getLogger(__name__)

WORKFLOWS: list[type] = [ChangeOfAddress]
"""Every workflow a burgerflow worker runs (and a replayer replays)."""


def registry_http_client(settings: Settings) -> httpx.AsyncClient:
    """The HTTP client for the registries, owned by the worker that creates it.

    Look-ups that get a busy answer are repeated at once (`RetryingLookupTransport`), so a
    round of agent look-ups survives a flaky registry; mutations are left to their steps.
    """
    return httpx.AsyncClient(
        base_url=settings.resolved_registries_base_url,
        timeout=settings.registries_timeout_s,
        transport=RetryingLookupTransport(),
    )


def build_activities(http: httpx.AsyncClient, engine: Engine) -> list[Callable[..., Any]]:
    """Every activity of the worker, bound to its registry client and store engine."""
    projection = ProjectionActivities(engine)
    registry = RegistryClient(http)
    return [
        FactActivities(registry).complete_facts,
        *StepActivities(registry).all(),
        projection.project_case,
        projection.project_gates,
    ]


def build_worker(
    client: Client,
    settings: Settings,
    *,
    http: httpx.AsyncClient,
    engine: Engine,
    task_queue: str | None = None,
    agent_deps: AgentDeps | None = None,
) -> Worker:
    """A worker for burgerflow's workflows and activities on `task_queue`.

    Args:
        client: A connected Temporal client (with burgerflow's data converter).
        settings: Deployment settings (model provider, task queue).
        http: The registry HTTP client the activities and agent tools use.
        engine: The approvals store the projection activities write.
        task_queue: Overrides the task queue of the settings (tests).
        agent_deps: Overrides the agents' model and registry client built from `settings`.
    """
    return Worker(
        client,
        task_queue=task_queue or settings.task_queue,
        workflows=WORKFLOWS,
        activities=build_activities(http, engine),
        plugins=[make_langgraph_plugin(agent_deps or make_agent_deps(settings, http))],
        graceful_shutdown_timeout=timedelta(seconds=10),
    )


async def run_worker(settings: Settings) -> None:
    """Run a worker until SIGINT or SIGTERM."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    client = await connect(settings)
    engine = make_engine(settings.resolved_database_url)
    init_db(engine)
    async with registry_http_client(settings) as http:
        worker = build_worker(client, settings, http=http, engine=engine)
        async with worker:
            log.info("worker polling task queue %s", settings.task_queue)
            await stop.wait()
    engine.dispose()
