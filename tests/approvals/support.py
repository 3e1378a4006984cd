"""The whole stack over a chosen approvals database, and helpers for the caseworker tests."""

import contextlib
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
from psycopg import sql
from sqlalchemy import Engine
from temporalio.testing import WorkflowEnvironment

from approvals.db import init_db, make_engine
from burgerflow.api.app import create_app as create_api_app
from burgerflow.core.constants import Role
from burgerflow.core.settings import Settings
from burgerflow.registry.client import RegistryClient
from burgerflow.registry.transport import registry_http_client
from burgerflow.worker import build_worker
from registries_mock.admin.client import AdminClient
from registries_mock.app import create_app as create_mocks_app
from tests.integration.conftest import Stack
from tests.integration.helpers import report_move, started_case, wait_for_status
from tests.integration.scenarios import make_address, make_person
from tests.support import serve

POSTGRES_URL = os.environ.get(
    "BURGERFLOW_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
"""The PostgreSQL the tests use (trust auth on 127.0.0.1 here and in CI)."""


@contextlib.contextmanager
def postgres_schema() -> Any:
    """A fresh PostgreSQL schema for one test run; yields its URL and drops it afterwards.

    Each run gets its own schema, so parallel runs on one server never see each other's rows.
    """
    schema = f"bf_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@contextlib.contextmanager
def database_url(kind: str, home: Path) -> Any:
    """The URL of a fresh approvals database of `kind` (`sqlite` or `postgresql`)."""
    if kind == "postgresql":
        with postgres_schema() as url:
            yield url
    else:
        yield f"sqlite:///{home / 'approvals.db'}"


@dataclass
class CaseworkStack(Stack):
    """The stack, with the store's engine and the API's base URL."""

    engine: Engine | None = None
    api_url: str = ""

    def supervisor(self, sub: str = "sup-1", municipality: str = "0363") -> dict[str, str]:
        """Headers of a supervisor of `municipality`."""
        return self.headers(Role.SUPERVISOR, sub=sub, municipality=municipality)

    def auditor(self) -> dict[str, str]:
        """Headers of an auditor."""
        return self.headers(Role.AUDITOR, sub="auditor-1")

    @property
    def visibility_query(self) -> str:
        """The visibility query of this stack's cases (its own task queue)."""
        return f"WorkflowType = 'ChangeOfAddress' AND TaskQueue = '{self.settings.task_queue}'"


@contextlib.asynccontextmanager
async def open_stack(
    temporal_env: WorkflowEnvironment, home: Path, *, db_url: str, **settings: Any
) -> AsyncIterator[CaseworkStack]:
    """Mocks, API and a worker on a fresh task queue, over the approvals database `db_url`."""
    mocks = create_mocks_app(f"sqlite:///{home / 'registries.db'}", dev_mode=True)
    async with serve(mocks) as mocks_url:
        config = Settings(
            home=home,
            registries_base_url=mocks_url,
            task_queue=f"tq-{uuid.uuid4()}",
            database_url=db_url,
            **settings,
        )
        engine = make_engine(config.resolved_database_url)
        init_db(engine)
        api_app = create_api_app(config, temporal=temporal_env.client)
        try:
            async with (
                serve(api_app) as api_url,
                registry_http_client(config) as http,
                httpx.AsyncClient(base_url=api_url, timeout=30) as api,
                httpx.AsyncClient(base_url=mocks_url, timeout=30) as mocks_http,
                build_worker(temporal_env.client, config, http=http, engine=engine),
            ):
                yield CaseworkStack(
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


async def open_gate(
    stack: Stack, *, rule: str = "occupancy", municipality: str = "0363"
) -> dict[str, Any]:
    """Report a move that stops at one gate of `rule`; returns that gate as the workflow has it.

    `occupancy` (high risk, four-eyes) moves into a crowded small home; `object_status`
    (normal risk) into an object not yet in use; `non_residential` (high) into an office.
    """
    home = await make_address(stack.admin, gemeentecode=municipality)
    bsn = await make_person(stack.admin, home)
    if rule == "occupancy":
        new = await make_address(stack.admin, gemeentecode=municipality, oppervlakte=20)
        await make_person(stack.admin, new, voornaam="Bewoner")
    elif rule == "object_status":
        new = await make_address(
            stack.admin, gemeentecode=municipality, status="Verblijfsobject gevormd"
        )
    elif rule == "non_residential":
        new = await make_address(
            stack.admin, gemeentecode=municipality, gebruiksdoelen=["kantoorfunctie"]
        )
    else:
        raise ValueError(rule)
    case_id = await started_case(stack, await report_move(stack, bsn, new))
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    gates = [g for g in case["gates"] if g["rule"] == rule]
    assert len(case["gates"]) == 1 and gates, case["gates"]
    return {**gates[0], "case_id": case_id, "reporter": bsn}
