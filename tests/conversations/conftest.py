"""Fixtures of the conversation tests: one fake model endpoint for the whole session (its
requests are checked for identifiers at the end) and a stack per module."""

from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

from tests.conversations.support import ChatStack, ModelEndpoint, model_endpoint, open_chat_stack

RETENTION_S = 4.0
"""How long a closed conversation stays readable in these tests."""


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def endpoint() -> AsyncIterator[ModelEndpoint]:
    """The fake model endpoint of the session."""
    async with model_endpoint() as served:
        yield served


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(
    temporal_env: WorkflowEnvironment, endpoint: ModelEndpoint, tmp_path_factory: Any
) -> AsyncIterator[ChatStack]:
    """Mocks, API and a worker whose agents talk to the fake endpoint."""
    home = tmp_path_factory.mktemp("home-chat")
    async with open_chat_stack(
        temporal_env,
        home,
        endpoint,
        conversation_retention_days=RETENTION_S / 86400,
        intake_unclear_messages=3,
    ) as opened:
        yield opened
