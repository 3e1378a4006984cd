"""Fixtures of the agent tests: the registry mocks in-process, test households and the fake
OpenAI-compatible model endpoint.

The Temporal dev server (`temporal_env`) comes from `tests/conftest.py`.
"""

import itertools
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from langchain_core.language_models import BaseChatModel

from agents.fake_llm import FakeLlm, create_fake_llm_app
from agents.providers.openai import make_openai_chat_model
from burgerflow.core.bsn import bsn_check_digit
from burgerflow.core.settings import Settings
from burgerflow.registry.client import RegistryClient
from registries_mock.admin.client import AdminClient
from registries_mock.admin.schemas import AdresCreate, PersoonCreate
from tests.support import asgi_client, in_process_mocks, serve


@pytest.fixture(scope="session")
async def agent_mocks_app(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FastAPI]:
    """The registry mocks in dev mode on a session SQLite file, seeded once."""
    database_url = f"sqlite:///{tmp_path_factory.mktemp('agent-mocks') / 'registries.db'}"
    async with in_process_mocks(database_url) as app:
        yield app


@pytest.fixture(scope="session")
async def registry_http(agent_mocks_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client that talks to the mocks in-process (`httpx.ASGITransport`)."""
    async with asgi_client(agent_mocks_app) as client:
        yield client


@pytest.fixture(scope="session")
def registry(registry_http: httpx.AsyncClient) -> RegistryClient:
    """The typed registry client on the mocks."""
    return RegistryClient(registry_http)


@pytest.fixture(scope="session")
def admin(registry_http: httpx.AsyncClient) -> AdminClient:
    """The mocks' admin client, to create test households."""
    return AdminClient(registry_http)


def _bsns() -> Iterator[str]:
    for prefix in ("99998", "99997"):
        for rest in range(1000):
            eight = f"{prefix}{rest:03d}"
            digit = bsn_check_digit(eight)
            if digit is not None:
                yield f"{eight}{digit}"


_BSNS = _bsns()
_NUMBERS = itertools.count(1)
_PC4 = {"0363": "1011", "0599": "3011", "0344": "3511"}
_PLACES = {"0363": "Amsterdam", "0599": "Rotterdam", "0344": "Utrecht"}


@pytest.fixture
def new_bsn() -> Callable[[], str]:
    """Make a valid BSN no seeded person and no other agent test uses."""
    return lambda: next(_BSNS)


@pytest.fixture
def new_adres() -> Callable[..., AdresCreate]:
    """Describe a fresh dwelling in a municipality (gemeentecode); override any field."""

    def make(gemeentecode: str = "0363", **overrides: object) -> AdresCreate:
        n = next(_NUMBERS)
        fields: dict[str, object] = {
            "adresseerbaar_object_identificatie": f"{gemeentecode}01{800_000_000 + n:010d}",
            "nummeraanduiding_identificatie": f"{gemeentecode}20{800_000_000 + n:010d}",
            "openbare_ruimte_naam": "Agentstraat",
            "huisnummer": n,
            "postcode": f"{_PC4[gemeentecode]}YY",
            "woonplaats_naam": _PLACES[gemeentecode],
            "gebruiksdoelen": ["woonfunctie"],
            "oppervlakte": 90,
            "status": "Verblijfsobject in gebruik",
        }
        fields.update(overrides)
        return AdresCreate.model_validate(fields)

    return make


@pytest.fixture
def new_persoon(new_bsn: Callable[[], str]) -> Callable[..., PersoonCreate]:
    """Describe a fresh adult at a BAG object; override any field (camelCase or snake_case)."""

    def make(object_id: str, **overrides: object) -> PersoonCreate:
        fields: dict[str, object] = {
            "burgerservicenummer": new_bsn(),
            "naam": {"voornamen": "Sanne", "geslachtsnaam": "Agent"},
            "geboorte": {"datum": "1990-04-01"},
            "adresseerbaar_object_identificatie": object_id,
        }
        fields.update(overrides)
        return PersoonCreate.model_validate(fields)

    return make


@dataclass
class FakeEndpoint:
    """The fake OpenAI-compatible endpoint, served over HTTP for the whole session."""

    fake: FakeLlm
    base_url: str
    """What `llm_base_url` points at (`.../v1`)."""

    def chat_model(self, *, timeout_s: float = 10.0) -> BaseChatModel:
        """The real `langchain-openai` client on the fake endpoint."""
        settings = Settings(
            llm_provider="openai",
            llm_base_url=self.base_url,
            llm_model="fake-model",
            llm_timeout_s=timeout_s,
        )
        return make_openai_chat_model(settings)


@pytest.fixture(scope="session")
async def fake_endpoint() -> AsyncIterator[FakeEndpoint]:
    """The fake model endpoint. At the end of the session, no request body it received may
    hold a BSN: whatever the tests made it do, the model only ever saw tokens."""
    fake = FakeLlm(slow_seconds=2.5)
    async with serve(create_fake_llm_app(fake)) as url:
        yield FakeEndpoint(fake=fake, base_url=f"{url}/v1")
    assert fake.captured, "the fake endpoint was never called"
    assert fake.bsns_seen() == [], "a BSN reached the model endpoint"


@pytest.fixture
def fake_llm(fake_endpoint: FakeEndpoint) -> Iterator[FakeEndpoint]:
    """The session's fake endpoint, with no misbehaviour left over from another test."""
    fake_endpoint.fake.clear()
    yield fake_endpoint
    fake_endpoint.fake.clear()
