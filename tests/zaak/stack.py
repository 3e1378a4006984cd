"""The stack with the zaaksysteem on: mocks (with ZGW) and API over real HTTP, a worker."""

import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr
from temporalio.testing import WorkflowEnvironment

from approvals.db import make_engine
from burgerflow.api.app import create_app as create_api_app
from burgerflow.core.settings import Settings
from burgerflow.registry.client import RegistryClient
from burgerflow.registry.transport import registry_http_client
from burgerflow.registry.zgw import ZgwClient
from burgerflow.worker import build_worker
from registries_mock.admin.client import AdminClient
from registries_mock.app import create_app as create_mocks_app
from tests.integration.conftest import Stack
from tests.support import TEST_PAYLOAD_KEY_1, serve

ZGW_CLIENT_ID = "burgerflow-test"
ZGW_SECRET = "TEST ONLY, NOT A SECRET: the zgw mock's test applicatie key"


@dataclass
class ZaakStack(Stack):
    """Handles on the running pieces, and the zaaksysteem's."""

    zgw: ZgwClient | None = None
    mocks: Any = None
    mocks_url: str = ""

    @property
    def zaken(self) -> ZgwClient:
        """The test's own client of the zaaksysteem."""
        assert self.zgw is not None
        return self.zgw


def zgw_settings(home: Path, mocks_url: str, **overrides: Any) -> Settings:
    """Settings with the zaaksysteem on, pointing at the mocks' ZGW."""
    return Settings(
        home=home,
        registries_base_url=mocks_url,
        task_queue=f"tq-{uuid.uuid4()}",
        payload_keys=SecretStr(TEST_PAYLOAD_KEY_1),
        zgw_url=f"{mocks_url}/zaken/api/v1",
        zgw_client_id=ZGW_CLIENT_ID,
        zgw_secret=SecretStr(ZGW_SECRET),
        **overrides,
    )


@contextlib.asynccontextmanager
async def open_mocks(home: Path) -> AsyncIterator[tuple[Any, str]]:
    """The registry mocks with the test applicatie, over HTTP."""
    mocks = create_mocks_app(
        f"sqlite:///{home / 'registries.db'}",
        dev_mode=True,
        zgw_clients={ZGW_CLIENT_ID: ZGW_SECRET},
    )
    async with serve(mocks) as url:
        yield mocks, url


@contextlib.asynccontextmanager
async def open_zaak_stack(
    temporal_env: WorkflowEnvironment, home: Path, *, worker: bool = True
) -> AsyncIterator[ZaakStack]:
    """Mocks, API and (unless `worker` is false) an in-process worker, ZGW on."""
    async with open_mocks(home) as (mocks, mocks_url):
        settings = zgw_settings(home, mocks_url)
        engine = make_engine(settings.resolved_database_url)
        api_app = create_api_app(settings, temporal=temporal_env.client)
        async with (
            serve(api_app) as api_url,
            registry_http_client(settings) as http,
            httpx.AsyncClient(base_url=api_url, timeout=30) as api,
            httpx.AsyncClient(base_url=mocks_url, timeout=30) as mocks_http,
            httpx.AsyncClient(timeout=30) as zgw_http,
        ):
            stack = ZaakStack(
                settings=settings,
                api=api,
                admin=AdminClient(mocks_http),
                registry=RegistryClient(mocks_http),
                zgw=ZgwClient(
                    zgw_http,
                    zaken_url=settings.zgw_url,
                    catalogi_url=settings.resolved_zgw_catalogi_url,
                    client_id=ZGW_CLIENT_ID,
                    secret=ZGW_SECRET,
                ),
                temporal=temporal_env.client,
                mocks=mocks,
                mocks_url=mocks_url,
            )
            if not worker:
                yield stack
            else:
                built = build_worker(
                    temporal_env.client, settings, http=http, engine=engine, zgw_http=zgw_http
                )
                async with built:
                    yield stack
        engine.dispose()
