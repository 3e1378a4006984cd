"""The whole stack for integration tests: mocks and API over real HTTP, a worker, Temporal."""

import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest_asyncio
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from approvals.db import make_engine
from burgerflow.api.app import create_app as create_api_app
from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from burgerflow.core.settings import Settings
from burgerflow.registry.client import RegistryClient
from burgerflow.registry.transport import registry_http_client
from burgerflow.worker import build_worker
from registries_mock.admin.client import AdminClient
from registries_mock.app import create_app as create_mocks_app
from tests.support import serve


@dataclass
class Stack:
    """Handles on the running pieces."""

    settings: Settings
    api: httpx.AsyncClient
    admin: AdminClient
    registry: RegistryClient
    temporal: Client

    def headers(self, role: Role, **claims: Any) -> dict[str, str]:
        """Authorization header of a dev token for `role`."""
        return {"Authorization": f"Bearer {issue_token(self.settings, role=role, **claims)}"}

    def citizen(self, bsn: str) -> dict[str, str]:
        """Headers of the citizen `bsn`."""
        return self.headers(Role.CITIZEN, bsn=bsn, sub=f"citizen-{bsn}")

    def caseworker(self, sub: str = "cw-1", municipality: str = "0363") -> dict[str, str]:
        """Headers of a caseworker of `municipality`."""
        return self.headers(Role.CASEWORKER, sub=sub, municipality=municipality)


@contextlib.asynccontextmanager
async def open_stack(
    temporal_env: WorkflowEnvironment, home: Path, **overrides: Any
) -> AsyncIterator[Stack]:
    """Mocks, API and a worker on a fresh task queue, for the life events of the list now;
    `overrides` set any other setting (`letter_review="always"`, ...)."""
    mocks = create_mocks_app(f"sqlite:///{home / 'registries.db'}", dev_mode=True)
    async with serve(mocks) as mocks_url:
        settings = Settings(
            home=home,
            registries_base_url=mocks_url,
            task_queue=f"tq-{uuid.uuid4()}",
            **{"gate_deadline_days": 5, **overrides},
        )
        engine = make_engine(settings.resolved_database_url)
        api_app = create_api_app(settings, temporal=temporal_env.client)
        async with (
            serve(api_app) as api_url,
            registry_http_client(settings) as http,
            httpx.AsyncClient(base_url=api_url, timeout=30) as api,
            httpx.AsyncClient(base_url=mocks_url, timeout=30) as mocks_http,
        ):
            worker = build_worker(temporal_env.client, settings, http=http, engine=engine)
            async with worker:
                yield Stack(
                    settings=settings,
                    api=api,
                    admin=AdminClient(mocks_http),
                    registry=RegistryClient(mocks_http),
                    temporal=temporal_env.client,
                )
        engine.dispose()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(temporal_env: WorkflowEnvironment, tmp_path_factory: Any) -> AsyncIterator[Stack]:
    """Mocks, API and a worker on a fresh task queue, for one test module."""
    async with open_stack(temporal_env, tmp_path_factory.mktemp("home")) as opened:
        yield opened
