"""Fixtures for the registry mocks: one seeded app per test session, clients, test data."""

import itertools
from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import pytest
from fastapi import FastAPI

from burgerflow.core.bsn import bsn_check_digit
from burgerflow.registry.client import RegistryClient
from registries_mock.admin.client import AdminClient
from registries_mock.admin.schemas import AdresCreate, PersoonCreate
from tests.support import asgi_client, in_process_mocks


@pytest.fixture(scope="session")
def mocks_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file for the session's mocks."""
    return f"sqlite:///{tmp_path_factory.mktemp('mocks') / 'registries.db'}"


@pytest.fixture(scope="session")
async def mocks_app(mocks_database_url: str) -> AsyncIterator[FastAPI]:
    """The mocks in dev mode, seeded once."""
    async with in_process_mocks(mocks_database_url) as app:
        yield app


@pytest.fixture(scope="session")
async def http(mocks_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client talking to the mocks in-process."""
    async with asgi_client(mocks_app) as client:
        yield client


@pytest.fixture(scope="session")
def registry(http: httpx.AsyncClient) -> RegistryClient:
    """The typed registry client on the mocks."""
    return RegistryClient(http)


@pytest.fixture(scope="session")
def admin(http: httpx.AsyncClient) -> AdminClient:
    """The admin client on the mocks."""
    return AdminClient(http)


@pytest.fixture
async def pristine(admin: AdminClient) -> AsyncIterator[None]:
    """For tests that change seeded data: the seed is restored afterwards."""
    yield
    await admin.reset()


@pytest.fixture
async def no_faults(admin: AdminClient) -> AsyncIterator[None]:
    """For tests that inject faults: every fault is cleared afterwards."""
    yield
    await admin.clear_faults()


def _test_bsns() -> Iterator[str]:
    for prefix in ("99995", "99996", "99997", "99998"):
        for rest in range(1000):
            eight = f"{prefix}{rest:03d}"
            digit = bsn_check_digit(eight)
            if digit is not None:
                yield f"{eight}{digit}"


_BSNS = _test_bsns()
_NUMBERS = itertools.count(1)


@pytest.fixture
def new_bsn() -> Callable[[], str]:
    """Make BSNs (prefixes 99995-99998) that no seeded person and no other test uses."""
    return lambda: next(_BSNS)


@pytest.fixture
def new_adres(admin: AdminClient) -> Callable[..., AdresCreate]:
    """Describe a fresh address (not yet created) in a municipality; override any field."""

    def make(gemeentecode: str = "0363", **overrides: object) -> AdresCreate:
        n = next(_NUMBERS)
        pc4 = {"0363": "1011", "0599": "3011", "0344": "3511"}.get(gemeentecode, "9999")
        woonplaats = {"0363": "Amsterdam", "0599": "Rotterdam", "0344": "Utrecht"}
        fields: dict[str, object] = {
            "adresseerbaar_object_identificatie": f"{gemeentecode}01{900_000_000 + n:010d}",
            "nummeraanduiding_identificatie": f"{gemeentecode}20{900_000_000 + n:010d}",
            "openbare_ruimte_naam": "Teststraat",
            "huisnummer": n,
            "postcode": f"{pc4}ZZ",
            "woonplaats_naam": woonplaats.get(gemeentecode, "Testdorp"),
            "gemeentecode": gemeentecode,
            "gebruiksdoelen": ["woonfunctie"],
            "oppervlakte": 80,
            "status": "Verblijfsobject in gebruik",
        }
        fields.update(overrides)
        return AdresCreate.model_validate(fields)

    return make


@pytest.fixture
def new_persoon(new_bsn: Callable[[], str]) -> Callable[..., PersoonCreate]:
    """Describe a fresh adult person at an object; override any field."""

    def make(object_id: str, **overrides: object) -> PersoonCreate:
        fields: dict[str, object] = {
            "burgerservicenummer": new_bsn(),
            "naam": {"voornamen": "Anna", "geslachtsnaam": "Testpersoon"},
            "geboorte": {"datum": "1990-04-01"},
            "geslacht": "V",
            "adresseerbaar_object_identificatie": object_id,
        }
        fields.update(overrides)
        return PersoonCreate.model_validate(fields)

    return make
