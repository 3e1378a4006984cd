"""App-level behaviour: health, problem+json for unknown routes and methods, OpenAPI."""

import httpx


async def test_healthz(http: httpx.AsyncClient) -> None:
    response = await http.get("/healthz")
    assert response.json() == {"status": "ok"}


async def test_unknown_route_and_method_are_problems(http: httpx.AsyncClient) -> None:
    response = await http.get("/haalcentraal/api/brp/onbekend")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert set(response.json()) >= {"type", "title", "status", "detail", "instance"}
    response = await http.get("/haalcentraal/api/brp/personen")
    assert response.status_code == 405
    assert response.json()["status"] == 405


async def test_openapi_lists_every_registry(http: httpx.AsyncClient) -> None:
    paths = (await http.get("/openapi.json")).json()["paths"]
    for prefix in (
        "/haalcentraal/api/brp/",
        "/lvbag/individuelebevragingen/v2/",
        "/belastingdienst/api/",
        "/toeslagen/api/",
        "/duo/api/",
        "/rdw/api/",
        "/gemeente/api/",
        "/berichtenbox/api/",
        "/_admin/",
    ):
        assert any(p.startswith(prefix) for p in paths), prefix
