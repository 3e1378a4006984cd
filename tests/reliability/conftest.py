"""A real local stack per test: Temporal, mocks and API as processes, workers started by the test.

Every piece runs as its own process (`burgerflow.bench.local.LocalStack`) on free ports in the
test's temporary folder, so a test can SIGKILL a worker or stop Temporal and start it again
on its file, as would happen on a real machine.
"""

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.reliability.harness import Harness, open_harness


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test here as a reliability test."""
    for item in items:
        if "tests/reliability/" in str(item.fspath):
            item.add_marker(pytest.mark.reliability)


@pytest_asyncio.fixture(loop_scope="session")
async def harness(tmp_path) -> AsyncIterator[Harness]:
    """Temporal, the mocks and the API running; no worker yet."""
    async with open_harness(tmp_path / "home") as h:
        yield h
