"""Fixtures of the zaak tests: the stack with the zaaksysteem on, for one module."""

from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

from tests.zaak.stack import ZaakStack, open_zaak_stack


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def zaak_stack(
    temporal_env: WorkflowEnvironment, tmp_path_factory: Any
) -> AsyncIterator[ZaakStack]:
    """The ZGW-on stack with a worker, for one test module."""
    async with open_zaak_stack(temporal_env, tmp_path_factory.mktemp("zaak")) as opened:
        yield opened
