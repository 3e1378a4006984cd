"""The typed client reads what the real BRP and BAG may send.

Every error example of the specifications (each documented status of the operations the
client calls) becomes the client's error with the parsed problem; answers with properties
the client does not know parse as before.
"""

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from burgerflow.registry.client import (
    BAG_PREFIX,
    RegistryClient,
    RegistryClientError,
    RegistryError,
    RegistryUnavailable,
)
from registries_mock.seed import DEMO_ADRES_OBJECT, DEMO_BSN
from tests.contracts.specs import BAG, BRP, load

BAG_OPERATIONS = {
    "/adressen": "bag_adressen",
    "/adresseerbareobjecten/{adresseerbaarObjectIdentificatie}": "bag_adresseerbaar_object",
}


def _examples(name: str, paths: list[str]) -> list[tuple[str, int, dict[str, Any]]]:
    spec = load(name)
    found = []
    for path in paths:
        for operation in spec["paths"][path].values():
            for status, response in operation["responses"].items():
                if "$ref" in response:
                    response = spec["components"]["responses"][response["$ref"].split("/")[-1]]
                for media in (response.get("content") or {}).values():
                    if "example" in media and status.isdigit():
                        found.append((path, int(status), media["example"]))
    return found


BRP_EXAMPLES = _examples(BRP, ["/personen"])
BAG_EXAMPLES = _examples(BAG, list(BAG_OPERATIONS))


def _client(status: int, body: dict[str, Any]) -> RegistryClient:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            status, json=body, headers={"content-type": "application/problem+json"}
        )

    return RegistryClient(
        httpx.AsyncClient(transport=httpx.MockTransport(answer), base_url="http://real.test")
    )


def _expect(error: RegistryError, status: int, example: dict[str, Any]) -> None:
    assert error.status == status
    expected = RegistryUnavailable if status >= 500 or status == 429 else RegistryClientError
    assert type(error) is expected
    problem = error.problem
    assert problem is not None
    assert (problem.title, problem.code, problem.detail) == (
        example["title"],
        example.get("code"),
        example.get("detail"),
    )
    listed = example.get("invalidParams") or example.get("invalid-params")
    if listed:
        assert problem.invalid_params is not None
        assert [p.name for p in problem.invalid_params] == [p.get("name") for p in listed]
        assert [p.reason for p in problem.invalid_params] == [p.get("reason") for p in listed]
        assert [p.name for p in problem.invalid_params][0] in str(error)


def test_the_specifications_have_error_examples() -> None:
    assert sorted({s for _, s, _ in BRP_EXAMPLES}) == [400, 401, 403, 406, 415, 429, 500, 503]
    assert {s for _, s, _ in BAG_EXAMPLES} >= {400, 404, 500, 503}


@pytest.mark.parametrize(("path", "status", "example"), BRP_EXAMPLES)
async def test_brp_error_examples(path: str, status: int, example: dict[str, Any]) -> None:
    with pytest.raises(RegistryError) as caught:
        await _client(status, example).brp_personen([DEMO_BSN])
    _expect(caught.value, status, example)


@pytest.mark.parametrize(("path", "status", "example"), BAG_EXAMPLES)
async def test_bag_error_examples(path: str, status: int, example: dict[str, Any]) -> None:
    client = _client(status, example)
    call: Callable[[], Any] = (
        (lambda: client.bag_adressen("1011AA", 1))
        if BAG_OPERATIONS[path] == "bag_adressen"
        else (lambda: client.bag_adresseerbaar_object(DEMO_ADRES_OBJECT))
    )
    if status == 404 and BAG_OPERATIONS[path] == "bag_adresseerbaar_object":
        assert await call() is None  # an unknown object is an answer, not an error
        return
    with pytest.raises(RegistryError) as caught:
        await call()
    _expect(caught.value, status, example)


def _with_extras(node: Any) -> Any:
    """`node` with an unknown property in every object, as a newer API version may send."""
    if isinstance(node, dict):
        return {**{k: _with_extras(v) for k, v in node.items()}, "nieuwVeld": {"x": [1]}}
    if isinstance(node, list):
        return [_with_extras(v) for v in node]
    return node


async def test_unknown_properties_are_ignored(http: httpx.AsyncClient) -> None:
    """The mocks' answers, each object widened, parse into the same models."""
    plain = RegistryClient(http)
    expected_persoon = await plain.brp_persoon(DEMO_BSN)
    expected_object = await plain.bag_adresseerbaar_object(DEMO_ADRES_OBJECT)
    assert expected_persoon is not None and expected_object is not None
    [expected_adres] = await plain.bag_adressen(
        expected_persoon.verblijfplaats.verblijfadres.postcode,  # type: ignore[union-attr,arg-type]
        expected_persoon.verblijfplaats.verblijfadres.huisnummer,  # type: ignore[union-attr,arg-type]
        expected_persoon.verblijfplaats.verblijfadres.huisletter,  # type: ignore[union-attr]
    )

    async def widen(request: httpx.Request) -> httpx.Response:
        response = await http.send(
            http.build_request(
                request.method,
                request.url.path,
                params=request.url.params,
                content=request.content,
                headers={"content-type": request.headers.get("content-type", "")},
            )
        )
        return httpx.Response(
            response.status_code,
            json=_with_extras(response.json()),
            headers={"content-type": response.headers["content-type"]},
        )

    async with httpx.AsyncClient(
        transport=httpx.MockTransport(widen), base_url="http://real.test"
    ) as widened:
        client = RegistryClient(widened)
        assert await client.brp_persoon(DEMO_BSN) == expected_persoon
        assert await client.bag_adresseerbaar_object(DEMO_ADRES_OBJECT) == expected_object
        adressen = await client.bag_adressen(
            expected_adres.postcode or "", expected_adres.huisnummer, expected_adres.huisletter
        )
        assert adressen == [expected_adres]
        with pytest.raises(RegistryClientError) as caught:
            await client.bag_adressen("1011AA", 0)
    assert caught.value.problem is not None and caught.value.problem.invalid_params


def test_bag_prefix_is_the_specification_server_path() -> None:
    from urllib.parse import urlsplit

    assert {urlsplit(s["url"]).path for s in load(BAG)["servers"]} == {BAG_PREFIX}
