"""The worker's HTTP transport to the registries: look-ups retried at once, mutations not.

The agent's tool node runs a round of look-ups (persons, address, residents, benefits, ...)
as one activity. When a registry drops a share of its requests, a round only succeeds when
every look-up in it does, so retrying the whole activity alone gets slower the more
look-ups a round has: at 30% errors, a round of ten look-ups succeeds one time in thirty.
Retrying each failed look-up a few times right away, inside the round, restores the odds;
Temporal's retries of the activity stay as the outer line.

A look-up is a request without an `Idempotency-Key` (a GET, or a POST that carries a query
in its body so that no BSN ends up in a URL): repeating it changes nothing. A mutation
carries the key; it is never repeated here, because its retries belong to its step
activity, where the history records them.
"""

import asyncio
import random

import httpx

from burgerflow.core.settings import Settings
from burgerflow.registry.client import IDEMPOTENCY_HEADER

LOOKUP_ATTEMPTS = 4
"""Attempts per look-up (the first and three retries)."""
RETRY_BASE_S = 0.1
"""Wait before the first retry; doubled for each next one, with jitter."""
RETRY_STATUSES = frozenset({408, 429, 502, 503, 504})
"""Answers a repeated look-up may not get again (the registry was busy or unavailable)."""


class RetryingLookupTransport(httpx.AsyncBaseTransport):
    """Wraps a transport; repeats look-ups that got a busy answer or no connection."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport | None = None,
        *,
        attempts: int = LOOKUP_ATTEMPTS,
        base_delay_s: float = RETRY_BASE_S,
    ) -> None:
        """Wrap `inner` (a fresh `httpx.AsyncHTTPTransport` when None).

        Args:
            inner: The transport that sends the requests.
            attempts: Attempts per look-up, at least 1.
            base_delay_s: Wait before the first retry.
        """
        self._inner = inner or httpx.AsyncHTTPTransport()
        self._attempts = max(1, attempts)
        self._base_delay_s = base_delay_s

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request`; repeat a look-up on a busy answer or a connection failure.

        Timeouts are not repeated: the request may still be running, and the activity's own
        timeout and retries cover it.
        """
        if IDEMPOTENCY_HEADER in request.headers:
            return await self._inner.handle_async_request(request)
        for attempt in range(1, self._attempts + 1):
            last = attempt == self._attempts
            try:
                response = await self._inner.handle_async_request(request)
            except (httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError):
                if last:
                    raise
            else:
                if response.status_code not in RETRY_STATUSES or last:
                    return response
                await response.aclose()
            delay = self._base_delay_s * 2 ** (attempt - 1)
            await asyncio.sleep(delay * random.uniform(0.5, 1.5))
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self._inner.aclose()


def registry_http_client(settings: Settings) -> httpx.AsyncClient:
    """The HTTP client for the registries, owned by the worker that creates it.

    Look-ups that get a busy answer are repeated at once (`RetryingLookupTransport`), so a
    round of agent look-ups survives a flaky registry; mutations are left to their steps.
    """
    return httpx.AsyncClient(
        base_url=settings.resolved_registries_base_url,
        timeout=settings.registries_timeout_s,
        transport=RetryingLookupTransport(),
    )
