"""A failed model call as the Temporal error its retry policy understands.

The error types are the agents' shared names: a rate limit (retried after the endpoint's
`Retry-After`), a timeout and an unavailable endpoint are retried; a request the endpoint
refuses for good is not.
"""

from datetime import timedelta

from langchain_core.exceptions import (
    ContextOverflowError,
    ModelAPIError,
    ModelAuthenticationError,
    ModelConnectionError,
    ModelInvalidRequestError,
    ModelNotFoundError,
    ModelPermissionDeniedError,
    ModelRateLimitError,
    ModelTimeoutError,
)
from temporalio.exceptions import ApplicationError

MODEL_REQUEST_REJECTED = "ModelRequestRejected"
MODEL_RATE_LIMITED = "ModelRateLimited"
MODEL_TIMEOUT = "ModelTimeout"
MODEL_UNAVAILABLE = "ModelUnavailable"

_REJECTED = (
    ModelAuthenticationError,
    ModelPermissionDeniedError,
    ModelInvalidRequestError,
    ModelNotFoundError,
    ContextOverflowError,
)

MAX_RETRY_AFTER = timedelta(minutes=5)


def _retry_after(error: BaseException) -> timedelta | None:
    headers = getattr(getattr(error, "response", None), "headers", None)
    value = headers.get("retry-after") if headers is not None else None
    try:
        seconds = float(value) if value is not None else None
    except ValueError:
        return None
    if seconds is None or seconds < 0:
        return None
    return min(timedelta(seconds=seconds), MAX_RETRY_AFTER)


def model_error(error: Exception) -> Exception:
    """The Temporal error for a failed model call, or `error` itself when it is not one.

    The endpoint's error is named in the message rather than chained, so the failure stays
    small enough for Temporal to keep its type.
    """
    described = f"{type(error).__name__}: {error}"
    if isinstance(error, _REJECTED):
        return ApplicationError(described, type=MODEL_REQUEST_REJECTED, non_retryable=True)
    if isinstance(error, ModelRateLimitError):
        return ApplicationError(
            f"The model endpoint is rate limited ({described})",
            type=MODEL_RATE_LIMITED,
            next_retry_delay=_retry_after(error),
        )
    if isinstance(error, ModelTimeoutError):
        return ApplicationError(
            f"The model did not answer in time ({described})", type=MODEL_TIMEOUT
        )
    if isinstance(error, ModelAPIError | ModelConnectionError):
        return ApplicationError(
            f"The model endpoint is unavailable ({described})", type=MODEL_UNAVAILABLE
        )
    return error
