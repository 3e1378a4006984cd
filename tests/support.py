"""Helpers for tests: serving ASGI apps over real HTTP on free ports."""

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import httpx
import uvicorn
from fastapi import FastAPI
from pydantic import SecretStr

from burgerflow.core.settings import Settings
from burgerflow.stack import free_port

if TYPE_CHECKING:
    from workflows.change_of_address.models import ReportMoveInput

TEST_PAYLOAD_KEY_1 = "test-only-1:YnVyZ2VyZmxvdyBURVNULU9OTFkga2V5IDEuLi4uLi4="
"""TEST ONLY, NOT A SECRET: the payload key of the test Temporal environment. It is the
base64 of the readable text "burgerflow TEST-ONLY key 1......", and encrypts nothing real."""
TEST_PAYLOAD_KEY_2 = "test-only-2:YnVyZ2VyZmxvdyBURVNULU9OTFkga2V5IDIuLi4uLi4="
"""TEST ONLY, NOT A SECRET: the key a key-rotation test rotates to."""


def settings_with_test_keys(**overrides: Any) -> Settings:
    """Settings whose payload keys are the test environment's (`TEST_PAYLOAD_KEY_1`)."""
    return Settings(payload_keys=SecretStr(TEST_PAYLOAD_KEY_1), **overrides)


class _Server(uvicorn.Server):
    """A uvicorn server that leaves the process's signal handlers alone."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@contextlib.asynccontextmanager
async def serve(app: FastAPI, *, host: str = "127.0.0.1") -> AsyncIterator[str]:
    """Serve `app` on a free port in this event loop; yields its base URL."""
    port = free_port(host)
    server = _Server(uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        await task


MOCKS_BASE_URL = "http://registries.test"
"""Base URL of in-process mocks (the host is never resolved: ASGITransport serves it)."""


@contextlib.asynccontextmanager
async def in_process_mocks(database_url: str) -> AsyncIterator[FastAPI]:
    """The registry mocks in dev mode on `database_url`, seeded, with their lifespan entered
    (`httpx.ASGITransport` runs no lifespan)."""
    from registries_mock.app import create_app

    app = create_app(database_url, dev_mode=True)
    async with app.router.lifespan_context(app):
        yield app


@contextlib.asynccontextmanager
async def asgi_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client that talks to `app` in-process."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=MOCKS_BASE_URL) as client:
        yield client


def move_input(bsn: str, postcode: str, huisnummer: int, **fields: Any) -> "ReportMoveInput":
    """A change-of-address case input as intake builds it: reported today by a portal, with a
    fresh case id; `fields` override any other field."""
    from burgerflow.core.constants import Role
    from workflows.case.models import Reporter
    from workflows.change_of_address.domain import NewAddress
    from workflows.change_of_address.models import ReportMoveInput

    values: dict[str, Any] = {
        "case_id": f"coa-{uuid.uuid4()}",
        "bsn": bsn,
        "new_address": NewAddress(postcode=postcode, huisnummer=huisnummer),
        "move_date": date.today(),
        "reported_at": datetime.now(UTC),
        "reported_on": date.today(),
        "reported_by": Reporter(role=Role.SERVICE, sub="portal"),
    }
    return ReportMoveInput(**(values | fields))
