"""A real browser for the page tests: Debian's Chromium driven by Playwright.

Playwright never downloads a browser here: it drives `/usr/bin/chromium`, which `make test`
installs from Debian's packages (`make browser`). Without it every browser test fails with
the command that installs it: a browser test that did not run has not passed.
"""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from playwright.async_api import Browser, async_playwright
from temporalio.testing import WorkflowEnvironment

from tests.approvals.support import CaseworkStack, database_url, open_stack

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def browser() -> AsyncIterator[Browser]:
    """Headless Chromium for one test module."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"the browser tests need {CHROMIUM}, Debian's Chromium: run `make browser` "
            "(as root) or `sudo apt-get install -y chromium`",
            pytrace=False,
        )
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            await chromium.close()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(
    temporal_env: WorkflowEnvironment, tmp_path_factory: Any
) -> AsyncIterator[CaseworkStack]:
    """Mocks, API (with the page) and a worker over SQLite."""
    home = tmp_path_factory.mktemp("home-browser")
    with database_url("sqlite", home) as url:
        async with open_stack(temporal_env, home, db_url=url) as s:
            yield s
