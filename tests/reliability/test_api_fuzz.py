"""The API fuzzed from its own OpenAPI schema (schemathesis), over real HTTP, as every role.

Whatever a caller sends that the schema allows or almost allows, the API never answers 5xx,
and every error is `application/problem+json` with `type`, `title` and a `status` equal to
the response's (and `invalid_params` on a 422). The stack behind it is real: Temporal, the
mocks and a worker run as processes, so a report that gets through opens a real case.
"""

import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from burgerflow.api.app import create_app
from burgerflow.bench.local import LocalStack
from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from burgerflow.core.settings import Settings

EXAMPLES_PER_OPERATION = 15


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def fuzzed_stack(tmp_path_factory) -> AsyncIterator[LocalStack]:
    """Temporal, mocks, API and one worker for the whole module."""
    stack = LocalStack(tmp_path_factory.mktemp("fuzz") / "home")
    try:
        await stack.start(workers=1)
        yield stack
    finally:
        stack.stop()


CALLERS = {
    "anonymous": None,
    "citizen": {"role": Role.CITIZEN, "bsn": "999993653", "sub": "fuzz-citizen"},
    "caseworker": {"role": Role.CASEWORKER, "sub": "fuzz-cw", "municipality": "0363"},
    "supervisor": {"role": Role.SUPERVISOR, "sub": "fuzz-sv", "municipality": "0363"},
    "auditor": {"role": Role.AUDITOR, "sub": "fuzz-auditor"},
    "service": {"role": Role.SERVICE, "sub": "fuzz-portal"},
}


@pytest.fixture(scope="module")
def callers(fuzzed_stack: LocalStack) -> dict[str, dict[str, str]]:
    """The headers of each kind of caller (none for anonymous)."""
    return {
        name: (
            {"Authorization": f"Bearer {issue_token(fuzzed_stack.settings, **claims)}"}
            if claims
            else {}
        )
        for name, claims in CALLERS.items()
    }


def _schema() -> schemathesis.BaseSchema:
    """The API's OpenAPI document, as the app generates it (no service needed for that)."""
    with tempfile.TemporaryDirectory() as home:
        document = create_app(Settings(home=Path(home))).openapi()
    return schemathesis.openapi.from_dict(document)


schema = _schema()


def _fuzz_as(caller: str):
    """A schemathesis test of every operation, called with `caller`'s headers."""

    @schema.parametrize()
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def test(case, callers, fuzzed_stack):
        response = case.call(
            base_url=fuzzed_stack.api_url,
            headers={**(case.headers or {}), **callers[caller]},
            timeout=30,
        )
        case.validate_response(response, checks=[not_a_server_error])
        if response.status_code >= 400:
            _assert_problem_json(response)

    test.__name__ = f"test_no_5xx_and_every_error_is_problem_json_as_{caller}"
    return test


def _assert_problem_json(response) -> None:
    content_type = (response.headers.get("content-type") or [""])[0]
    assert content_type.startswith("application/problem+json"), (
        response.status_code,
        content_type,
        response.text[:300],
    )
    problem = response.json()
    assert {"type", "title", "status"} <= set(problem), problem
    assert problem["status"] == response.status_code, problem
    if response.status_code == 422:
        assert isinstance(problem.get("invalid_params"), list) and problem["invalid_params"]


test_no_5xx_and_every_error_is_problem_json_as_anonymous = _fuzz_as("anonymous")
test_no_5xx_and_every_error_is_problem_json_as_citizen = _fuzz_as("citizen")
test_no_5xx_and_every_error_is_problem_json_as_caseworker = _fuzz_as("caseworker")
test_no_5xx_and_every_error_is_problem_json_as_supervisor = _fuzz_as("supervisor")
test_no_5xx_and_every_error_is_problem_json_as_auditor = _fuzz_as("auditor")
test_no_5xx_and_every_error_is_problem_json_as_service = _fuzz_as("service")
