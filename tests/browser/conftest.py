"""A real browser for the page tests: Debian's Chromium driven by Playwright.

Playwright never downloads a browser here: it drives `/usr/bin/chromium`, which `.ci/run`
installs from Debian's packages. Without it the tests skip on a developer's machine and
fail in CI.
"""

import os
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
        if os.environ.get("CI"):
            pytest.fail("CI needs /usr/bin/chromium (apt-get install chromium)")
        pytest.skip("no /usr/bin/chromium: apt-get install chromium")
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
