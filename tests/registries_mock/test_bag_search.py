"""BAG: the address search by street, number and place (`openbareRuimteNaam`, `huisnummer`,
`woonplaatsNaam`), in the shape of BAG Individuele Bevragingen v2."""

import httpx

from burgerflow.registry.client import RegistryClient
from registries_mock.admin.client import AdminClient
from registries_mock.seed import DEMO_ADRES_OBJECT

ADRESSEN = "/lvbag/individuelebevragingen/v2/adressen"


async def test_street_number_and_place_find_the_demo_home(http: httpx.AsyncClient) -> None:
    response = await http.get(
        ADRESSEN,
        params={"openbareRuimteNaam": "damrak", "huisnummer": 1, "woonplaatsNaam": "AMSTERDAM"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/hal+json")
    [adres] = response.json()["_embedded"]["adressen"]
    assert adres["openbareRuimteNaam"] == "Damrak"
    assert adres["postcode"] == "1012AB"
    assert adres["adresseerbaarObjectIdentificatie"] == DEMO_ADRES_OBJECT


async def test_the_typed_client_searches_by_street(registry: RegistryClient) -> None:
    [adres] = await registry.bag_adressen_op_straat("Damrak", 1, "Amsterdam")
    assert (adres.postcode, adres.huisnummer) == ("1012AB", 1)
    assert await registry.bag_adressen_op_straat("Damrak", 1, "Rotterdam") == []


async def test_letters_narrow_a_street_search(
    registry: RegistryClient, admin: AdminClient, new_adres
) -> None:
    plain = await admin.create_adres(new_adres("0344", openbare_ruimte_naam="Zoekstraat"))
    await admin.create_adres(
        new_adres(
            "0344",
            openbare_ruimte_naam="Zoekstraat",
            postcode=plain.postcode,
            huisnummer=plain.huisnummer,
            huisletter="A",
        )
    )
    found = await registry.bag_adressen_op_straat("Zoekstraat", plain.huisnummer, "Utrecht")
    assert [a.huisletter for a in found] == [None, "A"]
    found = await registry.bag_adressen_op_straat(
        "Zoekstraat", plain.huisnummer, "Utrecht", huisletter="a"
    )
    assert [a.huisletter for a in found] == ["A"]


async def test_a_search_needs_a_postcode_or_a_street_and_place(http: httpx.AsyncClient) -> None:
    for params in ({"huisnummer": 1}, {"huisnummer": 1, "openbareRuimteNaam": "Damrak"}):
        response = await http.get(ADRESSEN, params=params)
        assert response.status_code == 400
        assert response.headers["content-type"].startswith("application/problem+json")
        names = {p["name"] for p in response.json()["invalid-params"]}
        assert names == {"postcode", "openbareRuimteNaam", "woonplaatsNaam"}
