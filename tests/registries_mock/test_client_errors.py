"""The client's error mapping, driven through httpx.MockTransport."""

from collections.abc import Callable

import httpx
import pytest

from burgerflow.registry.client import (
    RegistryClient,
    RegistryClientError,
    RegistryError,
    RegistryUnavailable,
)

BSN = "999993653"


def _client(handler: Callable[[httpx.Request], httpx.Response]) -> RegistryClient:
    return RegistryClient(
        httpx.AsyncClient(transport=httpx.MockTransport(handler), base_url="http://registry.test")
    )


def _problem(status: int, **extra: object) -> httpx.Response:
    body = {"type": "about:blank", "title": "Fout", "status": status, "code": "x", **extra}
    return httpx.Response(status, json=body, headers={"content-type": "application/problem+json"})


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408, 429])
async def test_5xx_408_429_are_unavailable(status: int) -> None:
    client = _client(lambda request: _problem(status))
    with pytest.raises(RegistryUnavailable) as caught:
        await client.toeslagen(BSN)
    assert caught.value.status == status
    assert caught.value.problem is not None and caught.value.problem.status == status
    assert isinstance(caught.value, RegistryError)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
async def test_4xx_are_client_errors(status: int) -> None:
    invalid = [{"name": "burgerservicenummer", "code": "bsn", "reason": "..."}]
    client = _client(lambda request: _problem(status, invalidParams=invalid))
    with pytest.raises(RegistryClientError) as caught:
        await client.rdw_voertuigen(BSN)
    assert caught.value.status == status
    assert caught.value.problem is not None
    assert caught.value.problem.invalid_params is not None
    assert caught.value.problem.invalid_params[0].name == "burgerservicenummer"
    assert BSN not in str(caught.value)


async def test_timeout_and_connection_errors_are_unavailable() -> None:
    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    for handler in (timeout, refused):
        with pytest.raises(RegistryUnavailable) as caught:
            await _client(handler).duo_studiefinanciering(BSN)
        assert caught.value.status is None and caught.value.problem is None


async def test_non_json_error_and_unreadable_success() -> None:
    client = _client(lambda request: httpx.Response(502, text="<html>bad gateway</html>"))
    with pytest.raises(RegistryUnavailable) as unavailable:
        await client.gemeente_belastingen(BSN)
    assert unavailable.value.problem is None
    client = _client(lambda request: httpx.Response(200, json={"unexpected": True}))
    with pytest.raises(RegistryClientError):
        await client.gemeente_belastingen(BSN)


async def test_bag_object_404_is_none_and_other_errors_raise() -> None:
    assert (
        await _client(lambda r: _problem(404)).bag_adresseerbaar_object("0363010000000001") is None
    )
    with pytest.raises(RegistryUnavailable):
        await _client(lambda r: _problem(503)).bag_adresseerbaar_object("0363010000000001")


async def test_requests_carry_bsn_in_body_and_idempotency_key_header() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            201,
            json={"id": "b1", "burgerservicenummer": BSN, "ontvangenOp": "2026-01-01T00:00:00Z"},
        )

    from burgerflow.registry.client import BerichtCreate

    receipt = await _client(handler).berichtenbox_bezorgen(
        BerichtCreate(burgerservicenummer=BSN, onderwerp="o", inhoud="i"), idempotency_key="k-1"
    )
    assert receipt.id == "b1"
    [request] = seen
    assert BSN not in str(request.url)
    assert request.headers["Idempotency-Key"] == "k-1"
    assert b'"burgerservicenummer":"999993653"' in request.content
