"""The error every layer raises to be answered as problem+json, without the web framework.

The API's handlers (`burgerflow.core.problems`) turn it into an RFC 9457 response; code a
worker also runs (the conversation store) raises it without importing FastAPI.
"""

from typing import Any


class Problem(Exception):
    """An error answered as problem+json.

    Args:
        status: HTTP status code.
        title: Short, human-readable summary of the problem type.
        detail: Explanation specific to this occurrence.
        type_: A URI naming the problem type.
        extra: Additional members (for example `links`).
    """

    def __init__(
        self,
        status: int,
        title: str,
        detail: str | None = None,
        *,
        type_: str = "about:blank",
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type_
        self.extra = extra or {}
        self.headers = headers
