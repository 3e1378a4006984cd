"""The stack for conversation tests: mocks, API and a worker whose agents all talk to the fake
OpenAI-compatible endpoint, so every request to a model crosses the wire and is checked.

`model_endpoint()` serves the fake and, when it closes, asserts that no request it received
held a BSN, an IBAN, a phone number or an e-mail address (`find_identifiers`, the detectors
the assistant redacts with). Tests that talk to the assistant share one endpoint per module or
session, so the check covers all of them.
"""

import asyncio
import contextlib
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from temporalio.testing import WorkflowEnvironment

from agents.deps import AgentDeps
from agents.fake_llm import FakeLlm, create_fake_llm_app
from agents.intake.dates import date_in_words
from agents.intake.redaction import find_identifiers
from agents.providers.openai import make_openai_chat_model
from approvals.db import init_db, make_engine
from burgerflow.api.app import create_app as create_api_app
from burgerflow.core.settings import Settings
from burgerflow.registry.client import RegistryClient
from burgerflow.registry.transport import registry_http_client
from burgerflow.worker import build_worker
from registries_mock.admin.client import AdminClient
from registries_mock.app import create_app as create_mocks_app
from tests.approvals.support import CaseworkStack
from tests.support import serve


@dataclass
class ModelEndpoint:
    """The fake model endpoint and its base URL (`.../v1`)."""

    fake: FakeLlm
    base_url: str

    def deps(self, registry: RegistryClient) -> AgentDeps:
        """Agent dependencies on the real `langchain-openai` client against the fake."""
        settings = Settings(
            llm_provider="openai",
            llm_base_url=self.base_url,
            llm_model="fake-model",
            llm_timeout_s=10,
        )
        return AgentDeps(chat_model=make_openai_chat_model(settings), registry=registry)

    def identifiers_seen(self) -> list[str]:
        """Every BSN, IBAN, phone number or e-mail address in a request body received."""
        return sorted({f.value for r in self.fake.captured for f in find_identifiers(r.body)})


@contextlib.asynccontextmanager
async def model_endpoint() -> AsyncIterator[ModelEndpoint]:
    """Serve the fake endpoint; at the end, no request may have held an identifier."""
    fake = FakeLlm()
    async with serve(create_fake_llm_app(fake)) as url:
        endpoint = ModelEndpoint(fake=fake, base_url=f"{url}/v1")
        yield endpoint
    assert fake.captured, "the fake endpoint was never called"
    assert endpoint.identifiers_seen() == [], "an identifier reached the model endpoint"


@dataclass
class ChatStack(CaseworkStack):
    """The stack of the conversation tests (its agents on the fake model endpoint)."""


@contextlib.asynccontextmanager
async def open_chat_stack(
    temporal_env: WorkflowEnvironment, home: Path, endpoint: ModelEndpoint, **settings: Any
) -> AsyncIterator["ChatStack"]:
    """Mocks, API and a worker (agents on `endpoint`) on a fresh task queue, over SQLite."""
    mocks = create_mocks_app(f"sqlite:///{home / 'registries.db'}", dev_mode=True)
    async with serve(mocks) as mocks_url:
        config = Settings(
            home=home,
            registries_base_url=mocks_url,
            task_queue=f"tq-{uuid.uuid4()}",
            database_url=f"sqlite:///{home / 'approvals.db'}",
            **settings,
        )
        engine = make_engine(config.resolved_database_url)
        init_db(engine)
        api_app = create_api_app(config, temporal=temporal_env.client)
        try:
            async with (
                serve(api_app) as api_url,
                registry_http_client(config) as http,
                httpx.AsyncClient(base_url=api_url, timeout=60) as api,
                httpx.AsyncClient(base_url=mocks_url, timeout=30) as mocks_http,
                build_worker(
                    temporal_env.client,
                    config,
                    http=http,
                    engine=engine,
                    agent_deps=endpoint.deps(RegistryClient(http)),
                ),
            ):
                yield ChatStack(
                    settings=config,
                    api=api,
                    admin=AdminClient(mocks_http),
                    registry=RegistryClient(mocks_http),
                    temporal=temporal_env.client,
                    engine=engine,
                    api_url=api_url,
                )
        finally:
            engine.dispose()


MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def move_day(today: date | None = None) -> tuple[str, date]:
    """`15 december` and its date when a move on 15 December can be reported today (at most
    28 days ahead, and not long past); otherwise a day a week ahead, in the same words."""
    today = today or date.today()
    for year in (today.year, today.year + 1):
        december = date(year, 12, 15)
        if -60 <= (december - today).days <= 28:
            return "15 december", december
    day = today + timedelta(days=7)
    return date_in_words(day, "nl").rsplit(" ", 1)[0], day


async def wait_for(
    stack: CaseworkStack,
    path: str,
    headers: dict[str, str],
    check: Any,
    *,
    timeout: float = 60,
) -> dict[str, Any]:
    """Poll `GET path` until `check(body)` holds."""
    deadline = time.monotonic() + timeout
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        response = await stack.api.get(path, headers=headers)
        if response.status_code == 200:
            body = response.json()
            if check(body):
                return body
        await asyncio.sleep(0.2)
    raise AssertionError(f"{path} never satisfied the check: {body}")
