"""BRP: Haal Centraal look-ups, residents of an address, validation, the address change."""

from datetime import date

import httpx
import pytest

from burgerflow.registry.client import AdreswijzigingCreate, RegistryClient
from registries_mock.admin.client import AdminClient
from registries_mock.seed import DEMO_ADRES_OBJECT, DEMO_BSN

PERSONEN = "/haalcentraal/api/brp/personen"


async def test_raadpleeg_met_bsn_in_haal_centraal_shape(http: httpx.AsyncClient) -> None:
    response = await http.post(
        PERSONEN,
        json={
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": [DEMO_BSN],
            "fields": ["naam", "geboorte", "leeftijd", "verblijfplaats", "gemeenteVanInschrijving"],
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "RaadpleegMetBurgerservicenummer"
    [persoon] = body["personen"]
    assert persoon["burgerservicenummer"] == DEMO_BSN
    assert persoon["naam"]["volledigeNaam"] == "Daan van den Berg"
    assert persoon["geboorte"]["datum"] == {
        "type": "Datum",
        "datum": "1988-06-14",
        "langFormaat": "14 juni 1988",
    }
    today = date.today()
    assert persoon["leeftijd"] == today.year - 1988 - ((today.month, today.day) < (6, 14))
    verblijfplaats = persoon["verblijfplaats"]
    assert verblijfplaats["type"] == "Adres"
    assert verblijfplaats["adresseerbaarObjectIdentificatie"].startswith("059901")
    assert verblijfplaats["datumAanvangAdreshouding"]["type"] == "Datum"
    assert set(verblijfplaats["verblijfadres"]) >= {
        "officieleStraatnaam",
        "korteStraatnaam",
        "huisnummer",
        "postcode",
        "woonplaats",
    }
    assert persoon["gemeenteVanInschrijving"] == {"code": "0599", "omschrijving": "Rotterdam"}
    # Only what `fields` asked for (and the BSN) comes back.
    assert set(persoon) == {
        "burgerservicenummer",
        "naam",
        "geboorte",
        "leeftijd",
        "verblijfplaats",
        "gemeenteVanInschrijving",
    }


async def test_dotted_field_selects_its_top_level_part(http: httpx.AsyncClient) -> None:
    response = await http.post(
        PERSONEN,
        json={
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": [DEMO_BSN],
            "fields": ["naam.voornamen"],
        },
    )
    assert set(response.json()["personen"][0]) == {"burgerservicenummer", "naam"}


async def test_unknown_bsn_is_absent(registry: RegistryClient) -> None:
    personen = await registry.brp_personen([DEMO_BSN, "999995005"])
    assert [p.burgerservicenummer for p in personen] == [DEMO_BSN]
    assert await registry.brp_persoon("999995005") is None


async def test_bsn_failing_11_proef_gives_400_invalid_params(http: httpx.AsyncClient) -> None:
    response = await http.post(
        PERSONEN,
        json={
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": ["999993654", "12345"],
            "fields": ["naam"],
        },
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400
    assert problem["instance"] == f"{str(http.base_url).rstrip('/')}{PERSONEN}"
    assert problem["code"] == "paramsValidation"
    # Names, reasons and the detail keep to the patterns of the BRP specification.
    assert (
        problem["detail"]
        == "De foutieve parameter(s) zijn burgerservicenummer.0, burgerservicenummer.1."
    )
    assert problem["invalidParams"] == [
        {
            "name": "burgerservicenummer.0",
            "code": "bsn",
            "reason": "Waarde is geen geldig burgerservicenummer.",
        },
        {
            "name": "burgerservicenummer.1",
            "code": "pattern",
            "reason": "Waarde voldoet niet aan het patroon.",
        },
    ]


@pytest.mark.parametrize(
    ("body", "name", "code"),
    [
        ({"burgerservicenummer": [DEMO_BSN]}, "fields", "required"),
        ({"burgerservicenummer": [DEMO_BSN], "fields": ["schoenmaat"]}, "fields.0", "fields"),
        ({"burgerservicenummer": [], "fields": ["naam"]}, "burgerservicenummer", "minItems"),
        (
            {"burgerservicenummer": [DEMO_BSN] * 21, "fields": ["naam"]},
            "burgerservicenummer",
            "maxItems",
        ),
        ({"burgerservicenummer": [DEMO_BSN], "fields": ["naam"], "x": 1}, "x", "unknownParam"),
    ],
)
async def test_invalid_raadpleeg_requests(
    http: httpx.AsyncClient, body: dict[str, object], name: str, code: str
) -> None:
    response = await http.post(PERSONEN, json={"type": "RaadpleegMetBurgerservicenummer", **body})
    assert response.status_code == 400
    assert {"name": name, "code": code} in [
        {"name": p["name"], "code": p["code"]} for p in response.json()["invalidParams"]
    ]


async def test_unknown_type_and_bad_json(http: httpx.AsyncClient) -> None:
    response = await http.post(PERSONEN, json={"type": "ZoekMetSchoenmaat", "fields": ["naam"]})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "type"
    response = await http.post(
        PERSONEN, content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "json"


async def test_residents_of_an_address(registry: RegistryClient) -> None:
    demo = await registry.brp_persoon(DEMO_BSN)
    assert demo is not None and demo.adresseerbaar_object_identificatie
    bewoners = await registry.brp_bewoners(demo.adresseerbaar_object_identificatie)
    assert [p.burgerservicenummer for p in bewoners] == [DEMO_BSN]
    assert await registry.brp_bewoners(DEMO_ADRES_OBJECT) == []


async def test_family_relations_and_custody_shapes(registry: RegistryClient) -> None:
    """Find a seeded family under joint custody and one under sole custody via the API."""
    from registries_mock.seed import generate_population

    rows = generate_population().rows["brp_gezagsrelatie"]
    joint = next(r for r in rows if r["type"] == "GezamenlijkOuderlijkGezag")
    sole = next(r for r in rows if r["type"] == "EenhoofdigOuderlijkGezag")
    kind, ouder = await registry.brp_personen(
        [joint["minderjarige"], joint["ouder"]], fields=["gezag", "ouders", "kinderen"]
    )
    assert kind.gezag[0].type == "GezamenlijkOuderlijkGezag"
    assert kind.gezag[0].minderjarige.burgerservicenummer == joint["minderjarige"]
    assert {o.burgerservicenummer for o in kind.gezag[0].ouders or []} == {
        joint["ouder"],
        joint["ander_ouder"],
    }
    assert {o.burgerservicenummer for o in kind.ouders} == {joint["ouder"], joint["ander_ouder"]}
    assert [o.ouder_aanduiding for o in kind.ouders] == ["1", "2"]
    assert joint["minderjarige"] in [k.burgerservicenummer for k in ouder.kinderen]
    assert joint["minderjarige"] in [g.minderjarige.burgerservicenummer for g in ouder.gezag]

    [kind] = await registry.brp_personen([sole["minderjarige"]], fields=["gezag"])
    assert kind.gezag[0].type == "EenhoofdigOuderlijkGezag"
    assert kind.gezag[0].ouder is not None
    assert kind.gezag[0].ouder.burgerservicenummer == sole["ouder"]


async def test_partners_have_soort_verbintenis(registry: RegistryClient) -> None:
    from registries_mock.seed import generate_population

    rows = generate_population().rows["brp_relatie"]
    for code in ("H", "P"):
        relatie = next(r for r in rows if r["soort_verbintenis"] == code)
        [a, b] = await registry.brp_personen(
            [relatie["burgerservicenummer"], relatie["gerelateerde"]], fields=["partners"]
        )
        assert a.partners[0].burgerservicenummer == b.burgerservicenummer
        assert b.partners[0].burgerservicenummer == a.burgerservicenummer
        assert a.partners[0].soort_verbintenis is not None
        assert a.partners[0].soort_verbintenis.code == code
        assert a.partners[0].naam is not None and a.partners[0].naam.geslachtsnaam


@pytest.mark.usefixtures("pristine")
async def test_address_change_moves_the_person_and_reset_restores(
    registry: RegistryClient, admin: AdminClient
) -> None:
    before = await registry.brp_persoon(DEMO_BSN)
    assert before is not None and before.gemeente_van_inschrijving is not None
    old_object = before.adresseerbaar_object_identificatie
    receipt = await registry.brp_adreswijziging(
        AdreswijzigingCreate(
            burgerservicenummer=DEMO_BSN,
            adresseerbaar_object_identificatie=DEMO_ADRES_OBJECT,
            datum_aanvang_adreshouding=date(2026, 12, 1),
        ),
        idempotency_key="test-brp-move-demo",
    )
    assert receipt.id
    assert receipt.vorig_adresseerbaar_object_identificatie == old_object
    assert receipt.gemeente_van_inschrijving.code == "0363"

    after = await registry.brp_persoon(DEMO_BSN)
    assert after is not None and after.verblijfplaats and after.verblijfplaats.verblijfadres
    assert after.adresseerbaar_object_identificatie == DEMO_ADRES_OBJECT
    assert after.verblijfplaats.verblijfadres.postcode == "1012AB"
    assert after.verblijfplaats.datum_aanvang_adreshouding is not None
    assert after.verblijfplaats.datum_aanvang_adreshouding.datum == date(2026, 12, 1)
    assert after.gemeente_van_inschrijving == receipt.gemeente_van_inschrijving
    assert [p.burgerservicenummer for p in await registry.brp_bewoners(DEMO_ADRES_OBJECT)] == [
        DEMO_BSN
    ]
    assert await registry.brp_bewoners(old_object or "") == []

    result = await admin.reset()
    assert result.personen >= 2000
    restored = await registry.brp_persoon(DEMO_BSN)
    assert restored == before
    assert await admin.effects(DEMO_BSN) == []


async def test_address_change_to_unknown_object_or_person(http: httpx.AsyncClient, new_bsn) -> None:
    url = "/haalcentraal/api/brp/adreswijzigingen"
    body = {
        "burgerservicenummer": DEMO_BSN,
        "adresseerbaarObjectIdentificatie": "0363010009999999",
        "datumAanvangAdreshouding": "2026-12-01",
    }
    response = await http.post(url, json=body, headers={"Idempotency-Key": "brp-unknown-object"})
    assert response.status_code == 422
    assert response.json()["code"] == "adresNietGevonden"
    body |= {
        "burgerservicenummer": new_bsn(),
        "adresseerbaarObjectIdentificatie": DEMO_ADRES_OBJECT,
    }
    response = await http.post(url, json=body, headers={"Idempotency-Key": "brp-unknown-person"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_zoek_met_adresseerbaar_object_and_gemeente_filter(
    http: httpx.AsyncClient, registry: RegistryClient
) -> None:
    demo = await registry.brp_persoon(DEMO_BSN, fields=["verblijfplaats"])
    assert demo is not None and demo.adresseerbaar_object_identificatie
    response = await http.post(
        PERSONEN,
        json={
            "type": "ZoekMetAdresseerbaarObjectIdentificatie",
            "adresseerbaarObjectIdentificatie": demo.adresseerbaar_object_identificatie,
            "fields": ["burgerservicenummer", "naam"],
        },
    )
    assert response.json()["type"] == "ZoekMetAdresseerbaarObjectIdentificatie"
    assert [p["burgerservicenummer"] for p in response.json()["personen"]] == [DEMO_BSN]
    for gemeente, expected in (("0599", [DEMO_BSN]), ("0363", [])):
        response = await http.post(
            PERSONEN,
            json={
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": [DEMO_BSN],
                "fields": ["naam"],
                "gemeenteVanInschrijving": gemeente,
            },
        )
        assert [p["burgerservicenummer"] for p in response.json()["personen"]] == expected
