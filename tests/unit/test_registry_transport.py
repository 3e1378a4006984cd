"""The worker's registry transport repeats look-ups on busy answers and never a mutation."""

import httpx
import pytest

from burgerflow.registry.transport import RetryingLookupTransport


def _client(answers: list[int | type[Exception]], seen: list[httpx.Request]) -> httpx.AsyncClient:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers.pop(0)
        if isinstance(answer, type):
            raise answer("no connection", request=request)
        return httpx.Response(answer, json={"status": answer})

    transport = RetryingLookupTransport(httpx.MockTransport(handle), base_delay_s=0)
    return httpx.AsyncClient(base_url="http://registries.test", transport=transport)


async def test_a_lookup_is_repeated_until_the_registry_answers():
    seen: list[httpx.Request] = []
    async with _client([503, httpx.ConnectError, 502, 200], seen) as client:
        response = await client.post("/haalcentraal/api/brp/personen", json={"q": 1})
    assert response.status_code == 200
    assert len(seen) == 4
    assert {r.content for r in seen} == {b'{"q":1}'}, "every attempt sends the same body"


async def test_a_lookup_gives_up_after_its_attempts_with_the_last_answer():
    seen: list[httpx.Request] = []
    async with _client([503, 503, 503, 503, 200], seen) as client:
        response = await client.get("/lvbag/individuelebevragingen/v2/adressen")
    assert response.status_code == 503
    assert len(seen) == 4


async def test_a_lookup_that_cannot_connect_at_all_raises_the_connection_error():
    seen: list[httpx.Request] = []
    async with _client([httpx.ConnectError] * 4, seen) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("/lvbag/individuelebevragingen/v2/adressen")
    assert len(seen) == 4


@pytest.mark.parametrize("status", [400, 404, 409, 422, 500])
async def test_an_answer_that_retrying_cannot_change_is_returned_at_once(status: int):
    seen: list[httpx.Request] = []
    async with _client([status, 200], seen) as client:
        response = await client.post("/haalcentraal/api/brp/personen", json={})
    assert response.status_code == status
    assert len(seen) == 1


async def test_a_mutation_is_never_repeated_here():
    seen: list[httpx.Request] = []
    async with _client([503, 200], seen) as client:
        response = await client.post(
            "/haalcentraal/api/brp/adreswijzigingen",
            json={},
            headers={"Idempotency-Key": "coa-1/01-brp_register_address"},
        )
    assert response.status_code == 503, "its step activity retries it, in the history"
    assert len(seen) == 1


async def test_a_timeout_is_not_repeated():
    seen: list[httpx.Request] = []
    async with _client([httpx.ReadTimeout, 200], seen) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get("/lvbag/individuelebevragingen/v2/adressen")
    assert len(seen) == 1
