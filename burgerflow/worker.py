"""The `burgerflow worker` process: the case worker wired to the registries and the store."""

import asyncio
import logging
import signal

import httpx
from sqlalchemy import Engine
from temporalio.client import Client
from temporalio.worker import Worker

from agents.deps import AgentDeps
from approvals.conversations import ConversationStoreSink
from approvals.db import init_db, make_engine
from approvals.projection import StoreSink
from burgerflow.core.keys import zgw_secret
from burgerflow.core.settings import Settings
from burgerflow.registry.transport import registry_http_client
from burgerflow.registry.zgw import ZgwClient
from workflows.case.projection import ProjectionSink
from workflows.client import connect
from workflows.worker import build_case_worker
from workflows.zaak.activities import ZaakActivities
from workflows.zaak.nudges import ZaakNudgingSink

log = logging.getLogger(__name__)


def build_worker(
    client: Client,
    settings: Settings,
    *,
    http: httpx.AsyncClient,
    engine: Engine,
    task_queue: str | None = None,
    agent_deps: AgentDeps | None = None,
    zgw_http: httpx.AsyncClient | None = None,
) -> Worker:
    """A worker whose projections (cases, gates, conversations) go to the approvals store
    behind `engine`, and, with a zaaksysteem (`BURGERFLOW_ZGW_URL`), each nudging the case's
    zaak registration.

    Args:
        client: A connected Temporal client (with burgerflow's data converter).
        settings: Deployment settings (model provider, task queue).
        http: The registry HTTP client the activities and agent tools use.
        engine: The approvals store the projection activities write.
        task_queue: Overrides the task queue of the settings (tests).
        agent_deps: Overrides the agents' model and registry client built from `settings`.
        zgw_http: The HTTP client for the zaaksysteem (a plain one with the ZGW timeout
            when None).
    """
    queue = task_queue or settings.task_queue
    projection: ProjectionSink = StoreSink(engine)
    zaak = None
    if settings.zgw_enabled:
        projection = ZaakNudgingSink(
            projection, client, task_queue=queue, loop=asyncio.get_running_loop()
        )
        zgw = ZgwClient(
            zgw_http or httpx.AsyncClient(timeout=settings.zgw_timeout_s),
            zaken_url=settings.zgw_url,
            catalogi_url=settings.resolved_zgw_catalogi_url,
            client_id=settings.zgw_client_id,
            secret=zgw_secret(settings),
        )
        zaak = ZaakActivities(zgw, settings)
    return build_case_worker(
        client,
        settings,
        http=http,
        projection=projection,
        conversations=ConversationStoreSink(engine),
        task_queue=queue,
        agent_deps=agent_deps,
        zaak=zaak,
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
    async with (
        registry_http_client(settings) as http,
        httpx.AsyncClient(timeout=settings.zgw_timeout_s) as zgw_http,
    ):
        worker = build_worker(client, settings, http=http, engine=engine, zgw_http=zgw_http)
        async with worker:
            log.info("worker polling task queue %s", settings.task_queue)
            await stop.wait()
    engine.dispose()
