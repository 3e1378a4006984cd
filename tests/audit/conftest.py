"""Fixtures of the audit tests: the integration stack (mocks, API, worker, Temporal) and a
headless Chromium for the trail page."""

from tests.browser.conftest import browser
from tests.integration.conftest import Stack, stack

__all__ = ["Stack", "browser", "stack"]
