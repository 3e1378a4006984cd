"""Fixtures for the contract tests: the seeded mocks, the specifications, a ledger of checks.

Every response a contract test validates is entered in the ledger; at the end of the run
the terminal summary gives the operations and responses checked per specification.
"""

from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from fastapi import FastAPI

from registries_mock.admin.client import AdminClient
from tests.contracts.openapi import OpenApi
from tests.contracts.specs import BAG, BRP, load
from tests.support import asgi_client, in_process_mocks


@dataclass
class Ledger:
    """The responses validated in this run, by specification and operation."""

    responses: Counter[tuple[str, str, int]] = field(default_factory=Counter)

    def record(self, spec: str, operation_id: str, status: int) -> None:
        """Count one validated response."""
        self.responses[(spec, operation_id, status)] += 1

    def summary(self) -> list[str]:
        """One line per specification, and the totals."""
        lines = []
        for spec in sorted({s for s, _, _ in self.responses}):
            ops = {o for s, o, _ in self.responses if s == spec}
            statuses = sorted({st for s, _, st in self.responses if s == spec})
            count = sum(n for (s, _, _), n in self.responses.items() if s == spec)
            lines.append(
                f"{spec}: operations checked: {len(ops)} ({', '.join(sorted(ops))}), "
                f"responses validated: {count}, statuses: {', '.join(map(str, statuses))}"
            )
        ops_total = len({(s, o) for s, o, _ in self.responses})
        lines.append(
            f"total: operations checked: {ops_total}, "
            f"responses validated: {sum(self.responses.values())}"
        )
        return lines


LEDGER = Ledger()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print what the contract tests checked."""
    if LEDGER.responses:
        terminalreporter.section("contract tests")
        for line in LEDGER.summary():
            terminalreporter.write_line(line)


@dataclass(frozen=True)
class Contracts:
    """The specifications the mocks answer to, and the check of one response."""

    specs: dict[str, OpenApi]
    ledger: Ledger

    def spec_for(self, path: str) -> tuple[str, OpenApi]:
        """The specification that governs `path`."""
        for name, spec in self.specs.items():
            if path.startswith(spec.base_path + "/"):
                return name, spec
        raise AssertionError(f"no specification governs {path}")

    def check(self, response: httpx.Response) -> httpx.Response:
        """Validate `response` against its operation in the specification; count it."""
        request = response.request
        name, spec = self.spec_for(request.url.path)
        operation_id = spec.check_response(
            request.method,
            request.url.path,
            response.status_code,
            response.headers.get("content-type", ""),
            response.json() if response.content else None,
            headers=response.headers,
        )
        self.ledger.record(name, operation_id, response.status_code)
        return response


@pytest.fixture(scope="session")
def contracts() -> Contracts:
    """The BRP Personen v2.7.0 and BAG Individuele Bevragingen v2 specifications."""
    return Contracts(specs={BRP: OpenApi(load(BRP)), BAG: OpenApi(load(BAG))}, ledger=LEDGER)


@pytest.fixture(scope="session")
async def mocks_app(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FastAPI]:
    """The mocks in dev mode, seeded once for the contract tests."""
    url = f"sqlite:///{tmp_path_factory.mktemp('contracts') / 'registries.db'}"
    async with in_process_mocks(url) as app:
        yield app


@pytest.fixture(scope="session")
async def http(mocks_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client talking to the mocks in-process."""
    async with asgi_client(mocks_app) as client:
        yield client


@pytest.fixture(scope="session")
def admin(http: httpx.AsyncClient) -> AdminClient:
    """The admin client on the mocks."""
    return AdminClient(http)
