"""BAG: address search (HAL) and addressable objects."""

import httpx

from burgerflow.registry.client import RegistryClient
from registries_mock.admin.client import AdminClient
from registries_mock.seed import DEMO_ADRES_NUMMERAANDUIDING, DEMO_ADRES_OBJECT

ADRESSEN = "/lvbag/individuelebevragingen/v2/adressen"


async def test_address_search_in_hal_shape(http: httpx.AsyncClient) -> None:
    response = await http.get(ADRESSEN, params={"postcode": "1012AB", "huisnummer": 1})
    assert response.status_code == 200
    body = response.json()
    assert body["_links"]["self"]["href"].endswith("postcode=1012AB&huisnummer=1")
    [adres] = body["_embedded"]["adressen"]
    assert adres["openbareRuimteNaam"] == "Damrak"
    assert adres["woonplaatsNaam"] == "Amsterdam"
    assert adres["adresseerbaarObjectIdentificatie"] == DEMO_ADRES_OBJECT
    assert adres["nummeraanduidingIdentificatie"] == DEMO_ADRES_NUMMERAANDUIDING
    assert adres["adresregel5"] == "Damrak 1"
    assert adres["adresregel6"] == "1012 AB  AMSTERDAM"
    assert adres["_links"]["adresseerbaarObject"]["href"].endswith(DEMO_ADRES_OBJECT)
    self_link = await http.get(adres["_links"]["self"]["href"])
    assert self_link.json()["nummeraanduidingIdentificatie"] == DEMO_ADRES_NUMMERAANDUIDING


async def test_no_match_is_an_empty_list(registry: RegistryClient) -> None:
    assert await registry.bag_adressen("9999ZZ", 1) == []


async def test_huisletter_and_exacte_match(
    registry: RegistryClient, admin: AdminClient, new_adres
) -> None:
    plain = await admin.create_adres(new_adres("0599"))
    for letter in ("A", "B"):
        await admin.create_adres(
            new_adres(
                "0599",
                postcode=plain.postcode,
                huisnummer=plain.huisnummer,
                huisletter=letter,
            )
        )
    found = await registry.bag_adressen(plain.postcode, plain.huisnummer)
    assert [a.huisletter for a in found] == [None, "A", "B"]
    found = await registry.bag_adressen(plain.postcode, plain.huisnummer, huisletter="b")
    assert [a.huisletter for a in found] == ["B"]
    found = await registry.bag_adressen(plain.postcode, plain.huisnummer, exacte_match=True)
    assert [a.adresseerbaar_object_identificatie for a in found] == [
        plain.adresseerbaar_object_identificatie
    ]


async def test_adresseerbaar_object(registry: RegistryClient, http: httpx.AsyncClient) -> None:
    obj = await registry.bag_adresseerbaar_object(DEMO_ADRES_OBJECT)
    assert obj is not None
    assert obj.identificatie == DEMO_ADRES_OBJECT
    assert obj.gemeentecode == "0363"
    assert obj.gebruiksdoelen == ["woonfunctie"]
    assert obj.oppervlakte == 120
    assert obj.status == "Verblijfsobject in gebruik"
    assert obj.in_onderzoek is False
    assert obj.heeft_als_hoofd_adres == DEMO_ADRES_NUMMERAANDUIDING
    raw = await http.get(
        f"/lvbag/individuelebevragingen/v2/adresseerbareobjecten/{DEMO_ADRES_OBJECT}"
    )
    assert set(raw.json()) == {"verblijfsobject"}
    assert set(raw.json()["verblijfsobject"]) == {"verblijfsobject", "_links"}


async def test_unknown_object_is_404_problem_and_none(
    registry: RegistryClient, http: httpx.AsyncClient
) -> None:
    assert await registry.bag_adresseerbaar_object("0363010009999999") is None
    response = await http.get(
        "/lvbag/individuelebevragingen/v2/adresseerbareobjecten/0363010009999999"
    )
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404


async def test_bad_postcode_and_missing_huisnummer_give_400(http: httpx.AsyncClient) -> None:
    response = await http.get(ADRESSEN, params={"postcode": "1012 ab", "huisnummer": 1})
    assert response.status_code == 400
    # BAG Individuele Bevragingen v2 names the list `invalid-params`.
    assert response.json()["invalid-params"] == [
        {"name": "postcode", "code": "pattern", "reason": "Waarde voldoet niet aan het patroon."}
    ]
    response = await http.get(ADRESSEN, params={"postcode": "1012AB"})
    assert response.status_code == 400
    assert response.json()["invalid-params"][0] == {
        "name": "huisnummer",
        "code": "required",
        "reason": "Parameter is verplicht.",
    }
    response = await http.get("/lvbag/individuelebevragingen/v2/adresseerbareobjecten/abc")
    assert response.status_code == 400
