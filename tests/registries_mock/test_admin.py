"""Admin API: persons and addresses across every registry, upserts, validation, dev mode."""

from collections.abc import AsyncIterator
from datetime import date

import httpx
import pytest

from burgerflow.registry.client import (
    AdreswijzigingCreate,
    BelastingAanmeldingCreate,
    BelastingBeeindigingCreate,
    BerichtCreate,
    ParkeervergunningBeeindigingCreate,
    RegistryClient,
    RegistryClientError,
)
from registries_mock.admin.client import AdminClient
from registries_mock.app import create_app


async def test_admin_person_and_address_visible_in_every_registry(
    registry: RegistryClient, admin: AdminClient, new_adres, new_bsn
) -> None:
    adres = await admin.create_adres(new_adres("0363", oppervlakte=95))
    object_id = adres.adresseerbaar_object_identificatie
    anna, partner, kind = new_bsn(), new_bsn(), new_bsn()
    persoon = await admin.create_persoon(
        _persoon(
            anna,
            object_id,
            partners=[{"burgerservicenummer": partner, "soortVerbintenis": "P"}],
            kinderen=[kind],
            gezag=[
                {
                    "type": "GezamenlijkOuderlijkGezag",
                    "minderjarige": kind,
                    "ouders": [anna, partner],
                }
            ],
            toeslagen=["huurtoeslag", "zorgtoeslag"],
            studiefinanciering=True,
            voertuigen=2,
            parkeervergunning=True,
            inOnderzoek=True,
        )
    )
    assert persoon.burgerservicenummer == anna
    # The child, created next, sees the relation declared by its parent.
    await admin.create_persoon(_persoon(kind, object_id, geboorte={"datum": "2019-05-05"}))

    found = await registry.bag_adressen(adres.postcode, adres.huisnummer)
    assert [a.adresseerbaar_object_identificatie for a in found] == [object_id]
    obj = await registry.bag_adresseerbaar_object(object_id)
    assert obj is not None and obj.oppervlakte == 95

    [brp] = await registry.brp_personen([anna])
    assert brp.naam is not None and brp.naam.volledige_naam == "Anna Testpersoon"
    assert brp.gemeente_van_inschrijving is not None
    assert brp.gemeente_van_inschrijving.code == "0363"
    assert brp.partners[0].burgerservicenummer == partner
    assert brp.partners[0].soort_verbintenis is not None
    assert brp.partners[0].soort_verbintenis.code == "P"
    assert [k.burgerservicenummer for k in brp.kinderen] == [kind]
    assert brp.in_onderzoek is not None and brp.in_onderzoek.aanduiding_gegevens_in_onderzoek
    assert {p.burgerservicenummer for p in await registry.brp_bewoners(object_id)} == {anna, kind}
    [child] = await registry.brp_personen([kind], fields=["ouders", "gezag"])
    assert [o.burgerservicenummer for o in child.ouders] == [anna]
    assert child.gezag[0].type == "GezamenlijkOuderlijkGezag"

    belasting = await registry.belastingdienst_belastingplichtige(anna)
    assert belasting.adres is not None and belasting.adres.postcode == adres.postcode
    toeslagen = await registry.toeslagen(anna)
    assert [(t.soort, t.status) for t in toeslagen.toeslagen] == [
        ("huurtoeslag", "lopend"),
        ("zorgtoeslag", "lopend"),
    ]
    assert toeslagen.lopende_soorten == ["huurtoeslag", "zorgtoeslag"]
    duo = await registry.duo_studiefinanciering(anna)
    assert duo.studiefinanciering and duo.details is not None
    voertuigen = (await registry.rdw_voertuigen(anna)).voertuigen
    assert len(voertuigen) == 2 and all(len(v.kenteken) == 6 for v in voertuigen)
    [belastingplicht] = (await registry.gemeente_belastingen(anna)).belastingplichten
    assert (belastingplicht.gemeentecode, belastingplicht.status) == ("0363", "lopend")
    [vergunning] = (await registry.gemeente_parkeervergunningen(anna)).parkeervergunningen
    assert vergunning.adresseerbaar_object_identificatie == object_id
    assert vergunning.gemeentecode == "0363"
    assert vergunning.kenteken in [v.kenteken for v in voertuigen]
    assert (await registry.gemeente_belastingen(kind)).belastingplichten == []
    assert (await registry.berichtenbox_berichten(anna)).berichten == []


async def test_mutations_change_each_registry(
    registry: RegistryClient, admin: AdminClient, new_adres, new_bsn
) -> None:
    """Every mutation is visible through its registry's look-up."""
    old = await admin.create_adres(new_adres("0363"))
    new = await admin.create_adres(new_adres("0344"))
    bsn = new_bsn()
    await admin.create_persoon(
        _persoon(
            bsn,
            old.adresseerbaar_object_identificatie,
            toeslagen=["huurtoeslag"],
            studiefinanciering=True,
            voertuigen=1,
            parkeervergunning=True,
        )  # fmt: skip
    )
    move = AdreswijzigingCreate(
        burgerservicenummer=bsn,
        adresseerbaar_object_identificatie=new.adresseerbaar_object_identificatie,
        datum_aanvang_adreshouding=date(2026, 12, 1),
    )
    await registry.brp_adreswijziging(move, idempotency_key="m-brp")
    for notify, lookup in (
        (registry.belastingdienst_adreswijziging, registry.belastingdienst_belastingplichtige),
        (registry.toeslagen_adreswijziging, registry.toeslagen),
        (registry.duo_adreswijziging, registry.duo_studiefinanciering),
        (registry.rdw_adreswijziging, registry.rdw_voertuigen),
    ):
        receipt = await notify(move, idempotency_key="m-notify")
        assert receipt.adresseerbaar_object_identificatie == new.adresseerbaar_object_identificatie
        kopie = (await lookup(bsn)).adres
        assert kopie is not None
        assert (kopie.postcode, kopie.gemeentecode) == (new.postcode, "0344")
        assert kopie.datum_aanvang_adreshouding == date(2026, 12, 1)
        assert kopie.gewijzigd_op is not None

    ended = await registry.gemeente_belasting_beeindigen(
        BelastingBeeindigingCreate(
            burgerservicenummer=bsn, gemeentecode="0363", einddatum=date(2026, 11, 30)
        ),
        idempotency_key="m-stop",
    )
    assert [p.status for p in ended.belastingplichten] == ["beeindigd"]
    started = await registry.gemeente_belasting_starten(
        BelastingAanmeldingCreate(
            burgerservicenummer=bsn,
            gemeentecode="0344",
            adresseerbaar_object_identificatie=new.adresseerbaar_object_identificatie,
            ingangsdatum=date(2026, 12, 1),
        ),
        idempotency_key="m-start",
    )
    assert started.belastingplichten[0].gemeentenaam == "Utrecht"
    plichten = (await registry.gemeente_belastingen(bsn)).belastingplichten
    assert sorted((p.gemeentecode, p.status) for p in plichten) == [
        ("0344", "lopend"),
        ("0363", "beeindigd"),
    ]
    [vergunning] = (await registry.gemeente_parkeervergunningen(bsn)).parkeervergunningen
    await registry.gemeente_parkeervergunning_beeindigen(
        ParkeervergunningBeeindigingCreate(
            burgerservicenummer=bsn,
            vergunningnummer=vergunning.vergunningnummer,
            einddatum=date(2026, 11, 30),
        ),
        idempotency_key="m-permit",
    )
    [vergunning] = (await registry.gemeente_parkeervergunningen(bsn)).parkeervergunningen
    assert (vergunning.status, vergunning.einddatum) == ("beeindigd", date(2026, 11, 30))
    bericht = await registry.berichtenbox_bezorgen(
        BerichtCreate(burgerservicenummer=bsn, onderwerp="Uw verhuizing", inhoud="Gelukt."),
        idempotency_key="m-bericht",
    )
    [ontvangen] = (await registry.berichtenbox_berichten(bsn)).berichten
    assert (ontvangen.id, ontvangen.onderwerp) == (bericht.id, "Uw verhuizing")

    effects = await admin.effects(bsn)
    assert sorted((e.registry, e.operation) for e in effects) == [
        ("belastingdienst", "adreswijziging"),
        ("berichtenbox", "bericht_bezorgen"),
        ("brp", "adreswijziging"),
        ("duo", "adreswijziging"),
        ("gemeente", "belasting_beeindigen"),
        ("gemeente", "belasting_starten"),
        ("gemeente", "parkeervergunning_beeindigen"),
        ("rdw", "adreswijziging"),
        ("toeslagen", "adreswijziging"),
    ]
    assert all(e.received == 1 for e in effects)

    # State conflicts are 422 problems: nothing runs any more at 0363, the permit has ended.
    with pytest.raises(RegistryClientError) as caught:
        await registry.gemeente_belasting_beeindigen(
            BelastingBeeindigingCreate(
                burgerservicenummer=bsn, gemeentecode="0363", einddatum=date(2026, 12, 2)
            ),
            idempotency_key="m-stop-again",
        )
    assert caught.value.status == 422


async def test_upsert_replaces(
    admin: AdminClient, registry: RegistryClient, http: httpx.AsyncClient, new_adres, new_bsn
) -> None:
    adres = new_adres("0599")
    first = await http.post("/_admin/adressen", json=adres.model_dump(mode="json", by_alias=True))
    assert first.status_code == 201
    again = adres.model_copy(update={"oppervlakte": 20})
    second = await http.post("/_admin/adressen", json=again.model_dump(mode="json", by_alias=True))
    assert second.status_code == 200
    obj = await registry.bag_adresseerbaar_object(adres.adresseerbaar_object_identificatie)
    assert obj is not None and obj.oppervlakte == 20

    bsn = new_bsn()
    body = _persoon(bsn, adres.adresseerbaar_object_identificatie, voertuigen=1).model_dump(
        mode="json", by_alias=True
    )
    assert (await http.post("/_admin/personen", json=body)).status_code == 201
    body["voertuigen"] = 0
    assert (await http.post("/_admin/personen", json=body)).status_code == 200
    assert (await registry.rdw_voertuigen(bsn)).voertuigen == []


async def test_admin_validation(http: httpx.AsyncClient, new_adres) -> None:
    adres = new_adres("0363")
    body = _persoon("999990019", adres.adresseerbaar_object_identificatie).model_dump(
        mode="json", by_alias=True
    )
    response = await http.post("/_admin/personen", json=body | {"burgerservicenummer": "999993654"})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "burgerservicenummer"
    assert response.json()["invalidParams"][0]["code"] == "bsn"
    response = await http.post("/_admin/personen", json=body)
    assert response.status_code == 422  # the address was never created
    wrong_gemeente = adres.model_dump(mode="json", by_alias=True) | {"gemeentecode": "0599"}
    response = await http.post("/_admin/adressen", json=wrong_gemeente)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "gemeentecode"


async def test_design_example_bodies_are_accepted(
    http: httpx.AsyncClient, admin: AdminClient
) -> None:
    """The admin bodies exactly as the design document shows them."""
    adres = {
        "adresseerbaarObjectIdentificatie": "0363010000999001",
        "nummeraanduidingIdentificatie": "0363200000999001",
        "openbareRuimteNaam": "Teststraat", "huisnummer": 1, "huisletter": None,
        "huisnummertoevoeging": None, "postcode": "1011AA", "woonplaatsNaam": "Amsterdam",
        "gemeentecode": "0363", "gebruiksdoelen": ["woonfunctie"], "oppervlakte": 80,
        "status": "Verblijfsobject in gebruik", "inOnderzoek": False,
    }  # fmt: skip
    persoon = {
        "burgerservicenummer": "999990019",
        "naam": {"voornamen": "Anna", "geslachtsnaam": "Jansen"},
        "geboorte": {"datum": "1990-04-01"},
        "adresseerbaarObjectIdentificatie": "0363010000999001",
        "partners": [], "kinderen": [], "ouders": [],
        "gezag": [{"type": "GezamenlijkOuderlijkGezag", "minderjarige": "999990020",
                   "ouders": ["999990019", "999990032"]}],
        "toeslagen": ["huurtoeslag"], "studiefinanciering": False, "voertuigen": 1,
        "parkeervergunning": True, "inOnderzoek": False,
    }  # fmt: skip
    try:
        assert (await http.post("/_admin/adressen", json=adres)).status_code in (200, 201)
        response = await http.post("/_admin/personen", json=persoon)
        assert response.status_code in (200, 201)
        ouders = response.json()["gezag"][0]["ouders"]
        assert [o["burgerservicenummer"] for o in ouders] == ["999990019", "999990032"]
        # BRP names a custodial parent (GezagOuder requires `naam`); 999990032 is unknown.
        assert [o["naam"] for o in ouders] == [{"volledigeNaam": "Anna Jansen"}, {}]
    finally:
        await admin.reset()


@pytest.fixture
async def production_http(mocks_database_url: str, mocks_app) -> AsyncIterator[httpx.AsyncClient]:
    """The mocks without dev mode, on the session's (already seeded) database."""
    app = create_app(mocks_database_url, dev_mode=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://prod.test") as client:
            yield client


async def test_admin_api_is_404_without_dev_mode(production_http: httpx.AsyncClient) -> None:
    for method, path in (
        ("POST", "/_admin/reset"),
        ("GET", "/_admin/effects"),
        ("POST", "/_admin/faults"),
        ("POST", "/_admin/personen"),
        ("POST", "/_admin/adressen"),
    ):
        response = await production_http.request(method, path, json={})
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/problem+json"
    assert (await production_http.get("/healthz")).json() == {"status": "ok"}
    assert (await RegistryClient(production_http).brp_persoon("999993653")) is not None
    with pytest.raises(RegistryClientError) as caught:
        await AdminClient(production_http).reset()
    assert caught.value.status == 404


def _persoon(bsn: str, object_id: str, **extra: object):
    from registries_mock.admin.schemas import PersoonCreate

    return PersoonCreate.model_validate(
        {
            "burgerservicenummer": bsn,
            "naam": {"voornamen": "Anna", "geslachtsnaam": "Testpersoon"},
            "geboorte": {"datum": "1990-04-01"},
            "adresseerbaarObjectIdentificatie": object_id,
            **extra,
        }
    )
