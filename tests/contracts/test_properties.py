"""Property-based: schemathesis generates requests from the official files, the mocks answer.

Restricted to the operations (and, for BRP, the query types) the product uses. Every answer
must have a documented status and media type, the headers the specification requires, a
body valid against its response schema (schemathesis' checks, then `openapi.py`, which also
enforces discriminators), and never be a 5xx. The examples are derandomised, so a run is
repeatable; a failure prints the request that produced it.
"""

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.openapi import from_dict
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from burgerflow.registry.schemas.brp import PERSOON_FIELDS
from registries_mock.app import create_app
from registries_mock.seed import (
    DEMO_ADRES_NUMMERAANDUIDING,
    DEMO_ADRES_OBJECT,
    DEMO_BSN,
    DEMO_HUISNUMMER,
    DEMO_POSTCODE,
)
from tests.contracts.conftest import LEDGER
from tests.contracts.openapi import OpenApi
from tests.contracts.specs import BAG, BRP, load

BASE = "http://registries.test"
EXAMPLES = 40
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

SERVED: dict[str, dict[str, list[str]]] = {
    BRP: {"/personen": ["post"]},
    BAG: {
        "/adressen": ["get"],
        "/adressen/{nummeraanduidingIdentificatie}": ["get"],
        "/adresseerbareobjecten/{adresseerbaarObjectIdentificatie}": ["get"],
    },
}
SEEDED_BSNS = (DEMO_BSN, "999995005")
"""A seeded person and a BSN nobody has."""
SEEDED_OBJECTS = (DEMO_ADRES_OBJECT, "0599010001000476")
BRP_QUERIES = ("RaadpleegMetBurgerservicenummer", "ZoekMetAdresseerbaarObjectIdentificatie")


def served_spec(name: str) -> dict[str, Any]:
    """The specification with only the operations the product uses.

    For BRP the request body is narrowed to the query types the product sends: a
    `PersonenQuery` of another type is a documented 400, which would crowd out the rest.
    """
    spec = copy.deepcopy(load(name))
    spec["paths"] = {
        path: {method: spec["paths"][path][method] for method in methods}
        for path, methods in SERVED[name].items()
    }
    if name == BRP:
        content = spec["paths"]["/personen"]["post"]["requestBody"]["content"]
        for media in content.values():
            media["schema"] = {
                "oneOf": [{"$ref": f"#/components/schemas/{query}"} for query in BRP_QUERIES]
            }
    # YAML reads unquoted example dates as dates; the checks want JSON.
    plain: dict[str, Any] = json.loads(json.dumps(spec, default=str))
    return plain


def _seeded(name: str, schema: Any) -> list[Any]:
    """Strategies that aim at what the seed holds, so that successes are generated too."""
    if name == BRP:
        personen = schema["/personen"]["POST"]
        fields = st.lists(st.sampled_from(PERSOON_FIELDS), min_size=1, max_size=6, unique=True)
        raadpleeg = st.fixed_dictionaries(
            {
                "type": st.just("RaadpleegMetBurgerservicenummer"),
                "burgerservicenummer": st.lists(st.sampled_from(SEEDED_BSNS), min_size=1),
                "fields": fields,
            }
        )
        zoek = st.fixed_dictionaries(
            {
                "type": st.just("ZoekMetAdresseerbaarObjectIdentificatie"),
                "adresseerbaarObjectIdentificatie": st.sampled_from(SEEDED_OBJECTS),
                "fields": fields,
            },
            optional={"inclusiefOverledenPersonen": st.booleans()},
        )
        return [st.one_of(raadpleeg, zoek).flatmap(lambda body: personen.as_strategy(body=body))]
    adressen = schema["/adressen"]["GET"]
    adres = schema["/adressen/{nummeraanduidingIdentificatie}"]["GET"]
    objecten = schema["/adresseerbareobjecten/{adresseerbaarObjectIdentificatie}"]["GET"]
    return [
        adressen.as_strategy(query={"postcode": DEMO_POSTCODE, "huisnummer": DEMO_HUISNUMMER}),
        adres.as_strategy(
            path_parameters={"nummeraanduidingIdentificatie": DEMO_ADRES_NUMMERAANDUIDING}
        ),
        objecten.as_strategy(
            path_parameters={"adresseerbaarObjectIdentificatie": DEMO_ADRES_OBJECT}
        ),
    ]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """The mocks on a database of their own (schemathesis runs the lifespan, which seeds)."""
    yield create_app(f"sqlite:///{tmp_path_factory.mktemp('properties') / 'm.db'}", dev_mode=False)


def _property_test(name: str, app: FastAPI) -> int:
    schema = from_dict(served_spec(name))
    ours = OpenApi(load(name))
    base_url = f"{BASE}{ours.base_path}"
    operations = [
        schema[path][method] for path, methods in SERVED[name].items() for method in methods
    ]
    strategy = st.one_of(*(op.as_strategy() for op in operations), *_seeded(name, schema))
    seen: set[str] = set()

    @settings(
        max_examples=EXAMPLES * len(operations),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        response = case.call(base_url=base_url, app=app)
        case.validate_response(response, checks=CHECKS)
        path = case.formatted_path
        operation_id = ours.check_response(
            case.method,
            f"{ours.base_path}{path}",
            response.status_code,
            response.headers.get("content-type", [""])[0],
            response.json() if response.content else None,
            headers={k: v[0] for k, v in response.headers.items()},
        )
        LEDGER.record(name, operation_id, response.status_code)
        seen.add(operation_id)

    run()
    return len(seen)


def test_brp_personen_answers_conform(app: FastAPI) -> None:
    assert _property_test(BRP, app) == 1


def test_bag_answers_conform(app: FastAPI) -> None:
    assert _property_test(BAG, app) == 3
