"""Fixtures of the caseworker tests: the stack once over SQLite and once over PostgreSQL."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

from tests.approvals.support import CaseworkStack, database_url, open_stack


@pytest_asyncio.fixture(scope="package", loop_scope="session", params=["sqlite", "postgresql"])
async def stack(
    request: pytest.FixtureRequest, temporal_env: WorkflowEnvironment, tmp_path_factory: Any
) -> AsyncIterator[CaseworkStack]:
    """Mocks, API and worker over a fresh approvals database of each kind."""
    home = tmp_path_factory.mktemp(f"home-{request.param}")
    with database_url(request.param, home) as url:
        async with open_stack(temporal_env, home, db_url=url) as s:
            yield s
