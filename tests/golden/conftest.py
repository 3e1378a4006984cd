"""Fixtures for recording the golden histories: the integration stack."""

from tests.integration.conftest import Stack, stack

__all__ = ["Stack", "stack"]
