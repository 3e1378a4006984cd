"""Every BRP and BAG answer the product reads, success and error, against the official files.

Each test drives the mocks in-process through an operation the typed client calls
(`burgerflow/registry/client.py`), with the seed or data the admin API creates for the odd
cases (under investigation, secrecy, custody, deceased, abroad), and validates the response
with `tests/contracts/openapi.py`: status documented, media type documented, headers the
specification requires present, body valid against the response schema (discriminators
enforced, formats asserted).
"""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from burgerflow.registry.client import BAG_PREFIX, BRP_PREFIX, RegistryClient, RegistryError
from burgerflow.registry.schemas.bag import AdresPublic, AdresseerbaarObjectPublic, AdressenPublic
from burgerflow.registry.schemas.brp import PERSOON_FIELDS, PersonenPublic
from burgerflow.registry.schemas.common import Problem
from registries_mock.admin.client import AdminClient
from registries_mock.admin.schemas import AdresCreate, PersoonCreate
from registries_mock.seed import DEMO_ADRES_NUMMERAANDUIDING, DEMO_ADRES_OBJECT, DEMO_BSN
from tests.contracts.conftest import Contracts

PERSONEN = f"{BRP_PREFIX}/personen"
ADRESSEN = f"{BAG_PREFIX}/adressen"
OBJECTEN = f"{BAG_PREFIX}/adresseerbareobjecten"

OBJECT = "0363010000998001"
NUMMERAANDUIDING = "0363200000998001"
OUDER, ANDER_OUDER, KIND = "999990019", "999990032", "999990020"
OVERLEDEN, GEEMIGREERD, ALLEEN = "999990044", "999990056", "999990068"


@pytest.fixture(scope="module")
async def family(admin: AdminClient) -> AsyncIterator[None]:
    """A household with every case BRP answers differently, at a fresh address."""
    await admin.create_adres(
        AdresCreate(
            adresseerbaar_object_identificatie=OBJECT,
            nummeraanduiding_identificatie=NUMMERAANDUIDING,
            openbare_ruimte_naam="Contractstraat",
            huisnummer=7,
            huisletter="B",
            huisnummertoevoeging="2",
            postcode="1011ZX",
            woonplaats_naam="Amsterdam",
            oppervlakte=64,
            in_onderzoek=True,
        )
    )
    base: dict[str, Any] = {
        "naam": {"voornamen": "Anna Maria", "voorvoegsel": "de", "geslachtsnaam": "Vries"},
        "geboorte": {"datum": "1990-04-01"},
        "geslacht": "V",
        "adresseerbaar_object_identificatie": OBJECT,
    }
    people: list[dict[str, Any]] = [
        {
            "burgerservicenummer": OUDER,
            "partners": [ANDER_OUDER],
            "kinderen": [KIND],
            "in_onderzoek": True,
            "geheimhouding_persoonsgegevens": True,
            "gezag": [
                {
                    "type": "GezamenlijkOuderlijkGezag",
                    "minderjarige": KIND,
                    "ouders": [OUDER, ANDER_OUDER],
                }
            ],
        },
        {
            "burgerservicenummer": ANDER_OUDER,
            "geslacht": "M",
            "partners": [{"burgerservicenummer": OUDER, "soort_verbintenis": "P"}],
            "kinderen": [KIND],
        },
        {
            "burgerservicenummer": KIND,
            "geboorte": {"datum": "2016-02-29"},
            "ouders": [OUDER, ANDER_OUDER],
        },
        {"burgerservicenummer": OVERLEDEN, "overlijden": {"datum": "2020-01-31", "plaats": "0363"}},
        {
            "burgerservicenummer": GEEMIGREERD,
            "verblijfplaats_buitenland": {
                "land": "BE",
                "regel1": "Rue de la Loi 16",
                "regel2": "1000 Brussel",
            },
        },
        {
            "burgerservicenummer": ALLEEN,
            "gezag": [
                {"type": "EenhoofdigOuderlijkGezag", "minderjarige": "999990706", "ouder": ALLEEN}
            ],
        },
    ]
    for person in people:
        await admin.create_persoon(PersoonCreate.model_validate(base | person))
    yield
    await admin.reset()


def _raadpleeg(*bsns: str, fields: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": list(bsns),
        "fields": fields or list(PERSOON_FIELDS),
        **extra,
    }


def _zoek(object_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "ZoekMetAdresseerbaarObjectIdentificatie",
        "adresseerbaarObjectIdentificatie": object_id,
        "fields": list(PERSOON_FIELDS),
        **extra,
    }


BRP_SUCCESSES: dict[str, dict[str, Any]] = {
    "demo person, every field": _raadpleeg(DEMO_BSN),
    "investigation, secrecy, partner, child, joint custody": _raadpleeg(OUDER),
    "registered partnership, child": _raadpleeg(ANDER_OUDER),
    "minor with parents and custody": _raadpleeg(KIND),
    "deceased": _raadpleeg(OVERLEDEN),
    "emigrated": _raadpleeg(GEEMIGREERD),
    "sole custody over an unregistered minor": _raadpleeg(ALLEEN),
    "several, with an unknown BSN": _raadpleeg(OUDER, KIND, "999995005"),
    "dotted fields": _raadpleeg(OUDER, fields=["naam.voornamen", "verblijfplaats.verblijfadres"]),
    "municipality filter": _raadpleeg(OUDER, gemeenteVanInschrijving="0599"),
    "residents": _zoek(OBJECT),
    "residents with the deceased": _zoek(OBJECT, inclusiefOverledenPersonen=True),
    "residents of the demo address": _zoek(DEMO_ADRES_OBJECT),
    "no residents": _zoek("0363010000999998"),
}


@pytest.mark.parametrize("body", BRP_SUCCESSES.values(), ids=BRP_SUCCESSES.keys())
async def test_brp_success(
    http: httpx.AsyncClient, contracts: Contracts, family: None, body: dict[str, Any]
) -> None:
    response = contracts.check(await http.post(PERSONEN, json=body))
    assert response.status_code == 200
    parsed = PersonenPublic.model_validate_json(response.content)
    assert parsed.type == body["type"]


async def test_brp_answers_show_the_odd_cases(
    http: httpx.AsyncClient, contracts: Contracts, family: None
) -> None:
    response = contracts.check(
        await http.post(PERSONEN, json=_raadpleeg(OUDER, KIND, OVERLEDEN, GEEMIGREERD))
    )
    ouder, kind, overleden, geemigreerd = response.json()["personen"]
    assert ouder["inOnderzoek"] and ouder["geheimhoudingPersoonsgegevens"] is True
    [gezag] = kind["gezag"]
    assert [o["naam"]["volledigeNaam"] for o in gezag["ouders"]] == [
        "Anna Maria de Vries",
        "Anna Maria de Vries",
    ]
    assert overleden["opschortingBijhouding"]["reden"]["code"] == "O"
    assert geemigreerd["verblijfplaats"]["type"] == "VerblijfplaatsBuitenland"


BRP_ERRORS: dict[str, tuple[Any, int]] = {
    "BSN failing the 11-proef": (_raadpleeg("123456789"), 400),
    "BSN of eight digits": (_raadpleeg("12345678"), 400),
    "no BSN": ({"type": "RaadpleegMetBurgerservicenummer", "fields": ["naam"]}, 400),
    "21 BSNs": (_raadpleeg(*[DEMO_BSN] * 21), 400),
    "no fields": (
        {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [DEMO_BSN]},
        400,
    ),
    "unknown field": (_raadpleeg(DEMO_BSN, fields=["naam", "schoenmaat"]), 400),
    "field with a bad character": (_raadpleeg(DEMO_BSN, fields=["naam;"]), 400),
    "a field delivered unasked": (_raadpleeg(DEMO_BSN, fields=["naam", "inOnderzoek"]), 400),
    "a path into a field delivered unasked": (
        _raadpleeg(DEMO_BSN, fields=["opschortingBijhouding.reden"]),
        400,
    ),
    "unknown property": (_raadpleeg(DEMO_BSN, onbekend=True), 400),
    "unknown type": ({"type": "ZoekMetTelefoonnummer", "fields": ["naam"]}, 400),
    "no type": ({"fields": ["naam"]}, 400),
    "bad object id": (_zoek("12"), 400),
    "bad municipality": (_raadpleeg(DEMO_BSN, gemeenteVanInschrijving="AMS"), 400),
    "not an object": ([1, 2], 400),
}


@pytest.mark.parametrize(("body", "status"), BRP_ERRORS.values(), ids=BRP_ERRORS.keys())
async def test_brp_error(
    http: httpx.AsyncClient, contracts: Contracts, body: Any, status: int
) -> None:
    response = contracts.check(await http.post(PERSONEN, json=body))
    assert response.status_code == status
    problem = Problem.model_validate_json(response.content)
    assert problem.invalid_params and all(p.name and p.reason for p in problem.invalid_params)


async def test_brp_error_on_a_body_that_is_not_json(
    http: httpx.AsyncClient, contracts: Contracts
) -> None:
    response = await http.post(
        PERSONEN, content=b"{niet json", headers={"content-type": "application/json"}
    )
    assert contracts.check(response).status_code == 400


@pytest.fixture
async def unavailable(admin: AdminClient, request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Every look-up of the registry named by the test's parameter answers 503."""
    await admin.faults(request.param, error_rate=1.0)
    yield
    await admin.clear_faults()


@pytest.mark.parametrize("unavailable", ["brp"], indirect=True)
async def test_brp_unavailable(
    http: httpx.AsyncClient, contracts: Contracts, unavailable: None
) -> None:
    response = contracts.check(await http.post(PERSONEN, json=_raadpleeg(DEMO_BSN)))
    assert response.status_code == 503


BAG_SUCCESSES: dict[str, tuple[str, dict[str, Any]]] = {
    "postcode and number": (ADRESSEN, {"postcode": "1011ZX", "huisnummer": 7}),
    "with letter and addition": (
        ADRESSEN,
        {"postcode": "1011ZX", "huisnummer": 7, "huisletter": "b", "huisnummertoevoeging": "2"},
    ),
    "exact match": (ADRESSEN, {"postcode": "1011ZX", "huisnummer": 7, "exacteMatch": "true"}),
    "postcode in lower case": (ADRESSEN, {"postcode": "1011zx", "huisnummer": 7}),
    "street, number and place": (
        ADRESSEN,
        {"openbareRuimteNaam": "contractstraat", "huisnummer": 7, "woonplaatsNaam": "Amsterdam"},
    ),
    "none found": (ADRESSEN, {"postcode": "9999ZZ", "huisnummer": 99999}),
    "demo address": (f"{ADRESSEN}/{DEMO_ADRES_NUMMERAANDUIDING}", {}),
    "address": (f"{ADRESSEN}/{NUMMERAANDUIDING}", {}),
    "object": (f"{OBJECTEN}/{OBJECT}", {}),
    "demo object": (f"{OBJECTEN}/{DEMO_ADRES_OBJECT}", {}),
}


@pytest.mark.parametrize(("path", "params"), BAG_SUCCESSES.values(), ids=BAG_SUCCESSES.keys())
async def test_bag_success(
    http: httpx.AsyncClient,
    contracts: Contracts,
    family: None,
    path: str,
    params: dict[str, Any],
) -> None:
    response = contracts.check(await http.get(path, params=params))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/hal+json"
    model = (
        AdressenPublic if path == ADRESSEN else AdresPublic if path.startswith(ADRESSEN) else None
    )
    (model or AdresseerbaarObjectPublic).model_validate_json(response.content)


BAG_ERRORS: dict[str, tuple[str, dict[str, Any], int]] = {
    "no postcode, no street": (ADRESSEN, {"huisnummer": 1}, 400),
    "no number": (ADRESSEN, {"postcode": "1011ZX"}, 400),
    "number not an integer": (ADRESSEN, {"postcode": "1011ZX", "huisnummer": "een"}, 400),
    "number too large": (ADRESSEN, {"postcode": "1011ZX", "huisnummer": 100000}, 400),
    "bad postcode": (ADRESSEN, {"postcode": "0111ZX", "huisnummer": 1}, 400),
    "bad letter": (ADRESSEN, {"postcode": "1011ZX", "huisnummer": 1, "huisletter": "BB"}, 400),
    "bad exacteMatch": (ADRESSEN, {"postcode": "1011ZX", "huisnummer": 1, "exacteMatch": "x"}, 400),
    "street without place": (ADRESSEN, {"openbareRuimteNaam": "Damrak", "huisnummer": 1}, 400),
    "unknown address": (f"{ADRESSEN}/0363200000999997", {}, 404),
    "bad address id": (f"{ADRESSEN}/12345", {}, 400),
    "unknown object": (f"{OBJECTEN}/0363010000999997", {}, 404),
    "bad object id": (f"{OBJECTEN}/036301000099999X", {}, 400),
}


@pytest.mark.parametrize(("path", "params", "status"), BAG_ERRORS.values(), ids=BAG_ERRORS.keys())
async def test_bag_error(
    http: httpx.AsyncClient, contracts: Contracts, path: str, params: dict[str, Any], status: int
) -> None:
    response = contracts.check(await http.get(path, params=params))
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = Problem.model_validate_json(response.content)
    assert problem.status == status
    if status == 400:
        assert "invalid-params" in response.json()
        assert problem.invalid_params and all(p.name for p in problem.invalid_params)


@pytest.mark.parametrize("unavailable", ["bag"], indirect=True)
async def test_bag_unavailable(
    http: httpx.AsyncClient, contracts: Contracts, unavailable: None
) -> None:
    response = contracts.check(await http.get(f"{OBJECTEN}/{DEMO_ADRES_OBJECT}"))
    assert response.status_code == 503


async def test_the_client_reads_the_answers_it_was_built_for(
    http: httpx.AsyncClient, family: None
) -> None:
    registry = RegistryClient(http)
    [adres] = await registry.bag_adressen("1011ZX", 7)
    assert adres.korte_naam == "Contractstraat" and adres.openbare_ruimte_identificatie
    verblijfsobject = await registry.bag_adresseerbaar_object(OBJECT)
    assert verblijfsobject is not None and verblijfsobject.maakt_deel_uit_van
    assert verblijfsobject.voorkomen is not None and verblijfsobject.voorkomen.versie == 1
    [kind] = await registry.brp_personen([KIND])
    assert kind.gezag[0].ouders and kind.gezag[0].ouders[0].naam is not None
    with pytest.raises(RegistryError) as caught:
        await registry.bag_adressen("1011ZX", 100000)
    assert caught.value.problem is not None and caught.value.problem.invalid_params
    assert caught.value.problem.invalid_params[0].name == "huisnummer"
