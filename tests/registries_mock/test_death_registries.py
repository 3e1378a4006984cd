"""The registries for a death: BRP's deceased persons, the burgerlijke stand, notifications."""

import re
from datetime import date, time, timedelta

import httpx
import pytest

from burgerflow.registry.client import RegistryClient, RegistryClientError
from burgerflow.registry.schemas.brp import OverlijdenCreate
from burgerflow.registry.schemas.burgerlijke_stand import (
    AkteVanOverlijdenCreate,
    DisposalKind,
    UitvaartberichtCreate,
    VerlofCreate,
)
from burgerflow.registry.schemas.overlijden import OverlijdensmeldingCreate
from registries_mock.admin.client import AdminClient
from registries_mock.seed.deceased import deceased_digest, deceased_rows
from registries_mock.seed_data.deceased import DECEASED

PINNED_DECEASED_DIGEST = "67ae84f62fa203a69413bb7358f76ed412d5e10929513dcd7bf8ae9c1b549240"
BRP_PERSONEN = "/haalcentraal/api/brp/personen"


@pytest.fixture
async def persoon(admin: AdminClient, new_adres, new_persoon) -> tuple[str, str]:
    """A living adult with one car, at a fresh home: (BSN, object id)."""
    adres = await admin.create_adres(new_adres())
    object_id = adres.adresseerbaar_object_identificatie
    created = await admin.create_persoon(new_persoon(object_id, voertuigen=1))
    return created.burgerservicenummer, object_id


async def _bewoners(http: httpx.AsyncClient, object_id: str, *, inclusief: bool) -> list[str]:
    body = {
        "type": "ZoekMetAdresseerbaarObjectIdentificatie",
        "adresseerbaarObjectIdentificatie": object_id,
        "fields": ["burgerservicenummer", "overlijden"],
        "inclusiefOverledenPersonen": inclusief,
    }
    response = await http.post(BRP_PERSONEN, json=body)
    assert response.status_code == 200, response.text
    return [p["burgerservicenummer"] for p in response.json()["personen"]]


def test_the_seeded_deceased_are_pinned() -> None:
    rows = deceased_rows()
    assert [p["burgerservicenummer"] for p in rows["brp_persoon"]] == [p.bsn for p in DECEASED]
    assert all(p["datum_overlijden"] for p in rows["brp_persoon"])
    assert deceased_digest() == PINNED_DECEASED_DIGEST


async def test_a_seeded_deceased_person_in_the_official_shape(
    http: httpx.AsyncClient, registry: RegistryClient
) -> None:
    first = DECEASED[0]
    persoon = await registry.brp_persoon(first.bsn)
    assert persoon is not None and persoon.overlijden is not None
    assert persoon.overlijden.datum is not None
    assert persoon.overlijden.datum.datum == first.datum_overlijden
    assert persoon.opschorting_bijhouding is not None
    assert persoon.opschorting_bijhouding.reden is not None
    assert persoon.opschorting_bijhouding.reden.code == "O"
    assert persoon.leeftijd is None, "the API leaves a deceased person's age out"
    object_id = persoon.adresseerbaar_object_identificatie
    assert object_id is not None
    assert await _bewoners(http, object_id, inclusief=False) == []
    assert first.bsn in await _bewoners(http, object_id, inclusief=True)
    # opschortingBijhouding comes unasked, in the wire's camelCase.
    raw = await http.post(
        BRP_PERSONEN,
        json={
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": [first.bsn],
            "fields": ["naam"],
        },
    )
    [wire] = raw.json()["personen"]
    assert wire["opschortingBijhouding"] == {
        "reden": {"code": "O", "omschrijving": "overlijden"},
        "datum": {
            "type": "Datum",
            "datum": first.datum_overlijden.isoformat(),
            "langFormaat": wire["opschortingBijhouding"]["datum"]["langFormaat"],
        },
    }
    assert "overlijden" not in wire, "overlijden is delivered when asked for"


async def test_admin_creates_a_person_already_deceased(
    admin: AdminClient, registry: RegistryClient, new_adres, new_persoon
) -> None:
    adres = await admin.create_adres(new_adres("0599"))
    body = new_persoon(adres.adresseerbaar_object_identificatie, overlijden={"datum": "2020-01-31"})
    created = await admin.create_persoon(body)
    assert created.overlijden is not None and created.overlijden.plaats is not None
    assert created.overlijden.plaats.code == "0599"
    again = await registry.brp_persoon(created.burgerservicenummer)
    assert again is not None and again.opschorting_bijhouding is not None


async def test_recording_a_death_is_idempotent(
    http: httpx.AsyncClient,
    registry: RegistryClient,
    admin: AdminClient,
    persoon: tuple[str, str],
) -> None:
    bsn, object_id = persoon
    assert await _bewoners(http, object_id, inclusief=False) == [bsn]
    request = OverlijdenCreate(
        burgerservicenummer=bsn,
        datum_overlijden=date(2026, 3, 2),
        gemeente_overlijden="0344",
        aktenummer="0344-2026-O-0042",
    )
    first = await registry.brp_overlijden(request, idempotency_key="death-1")
    replay = await registry.brp_overlijden(request, idempotency_key="death-1")
    assert first == replay
    assert first.opschorting_bijhouding.reden is not None
    assert first.opschorting_bijhouding.reden.code == "O"
    assert first.overlijden.plaats is not None and first.overlijden.plaats.code == "0344"
    # The same death under another key changes nothing; another day is refused.
    again = await registry.brp_overlijden(request, idempotency_key="death-2")
    assert again.overlijden == first.overlijden
    other_day = request.model_copy(update={"datum_overlijden": date(2026, 3, 1)})
    with pytest.raises(RegistryClientError) as caught:
        await registry.brp_overlijden(other_day, idempotency_key="death-3")
    assert caught.value.status == 409
    [e1, e2] = await admin.effects(bsn, registry="brp")
    assert (e1.operation, e1.received, e2.idempotency_key) == ("overlijden", 2, "death-2")
    assert await _bewoners(http, object_id, inclusief=False) == []
    assert await _bewoners(http, object_id, inclusief=True) == [bsn]
    stranger = request.model_copy(update={"burgerservicenummer": "999999011"})
    with pytest.raises(RegistryClientError) as unknown:
        await registry.brp_overlijden(stranger, idempotency_key="death-4")
    assert unknown.value.status == 404


async def test_the_deed_and_the_permit_each_have_a_number(
    registry: RegistryClient, admin: AdminClient, persoon: tuple[str, str]
) -> None:
    bsn, _ = persoon
    deed_request = AkteVanOverlijdenCreate(
        burgerservicenummer=bsn,
        geslachtsnaam="Testpersoon",
        geboortedatum=date(1990, 4, 1),
        datum_overlijden=date(2026, 3, 2),
        tijdstip_overlijden=time(14, 30),
        gemeente_overlijden="0363",
    )
    deed = await registry.burgerlijke_stand_akte_opmaken(deed_request, idempotency_key="akte-1")
    assert re.fullmatch(rf"0363-{date.today().year}-O-[0-9]{{4}}", deed.aktenummer)
    assert deed.gemeente.omschrijving == "Amsterdam"
    assert (
        await registry.burgerlijke_stand_akte_opmaken(deed_request, idempotency_key="akte-1")
        == deed
    )
    # A person has one deed: asking again under another key answers it.
    same = await registry.burgerlijke_stand_akte_opmaken(deed_request, idempotency_key="akte-2")
    assert same.aktenummer == deed.aktenummer
    assert (await registry.burgerlijke_stand_akten(bsn)).akten == [deed]

    permit_request = VerlofCreate(
        aktenummer=deed.aktenummer, soort=DisposalKind.CREMEREN, datum=date(2026, 3, 6)
    )
    permit = await registry.burgerlijke_stand_verlof_afgeven(permit_request, idempotency_key="v-1")
    assert permit.verlofnummer == deed.aktenummer.replace("-O-", "-V-")
    assert (permit.burgerservicenummer, permit.soort) == (bsn, DisposalKind.CREMEREN)
    again = await registry.burgerlijke_stand_verlof_afgeven(permit_request, idempotency_key="v-2")
    assert again.verlofnummer == permit.verlofnummer

    early = permit_request.model_copy(update={"datum": date(2026, 3, 1)})
    other = AkteVanOverlijdenCreate.model_validate(
        {**deed_request.model_dump(), "burgerservicenummer": "999999011"}
    )
    other_deed = await registry.burgerlijke_stand_akte_opmaken(other, idempotency_key="akte-3")
    assert other_deed.aktenummer != deed.aktenummer
    with pytest.raises(RegistryClientError) as caught:
        await registry.burgerlijke_stand_verlof_afgeven(
            early.model_copy(update={"aktenummer": other_deed.aktenummer}),
            idempotency_key="v-3",
        )
    assert caught.value.status == 422
    with pytest.raises(RegistryClientError) as unknown:
        await registry.burgerlijke_stand_verlof_afgeven(
            permit_request.model_copy(update={"aktenummer": "0363-1999-O-9999"}),
            idempotency_key="v-4",
        )
    assert unknown.value.status == 404
    operations = [(e.operation, e.idempotency_key) for e in await admin.effects(bsn)]
    assert operations == [
        ("akte_van_overlijden", "akte-1"),
        ("akte_van_overlijden", "akte-2"),
        ("verlof", "v-1"),
        ("verlof", "v-2"),
    ]


async def test_a_message_reaches_the_undertakers_outbox(
    registry: RegistryClient, persoon: tuple[str, str]
) -> None:
    bsn, _ = persoon
    request = UitvaartberichtCreate(
        ontvanger="Uitvaartzorg De Linde",
        burgerservicenummer=bsn,
        onderwerp="Akte en verlof",
        inhoud="De akte van overlijden is opgemaakt.",
        aktenummer="0363-2026-O-0001",
        verlofnummer="0363-2026-V-0001",
    )
    receipt = await registry.burgerlijke_stand_uitvaartbericht(request, idempotency_key="u-1")
    replay = await registry.burgerlijke_stand_uitvaartbericht(request, idempotency_key="u-1")
    assert receipt == replay
    box = await registry.burgerlijke_stand_uitvaartberichten("Uitvaartzorg De Linde")
    assert [(b.id, b.verlofnummer) for b in box.berichten] == [(receipt.id, "0363-2026-V-0001")]


async def test_organisations_take_a_death_notification(
    registry: RegistryClient, admin: AdminClient, persoon: tuple[str, str]
) -> None:
    bsn, _ = persoon
    request = OverlijdensmeldingCreate(burgerservicenummer=bsn, datum_overlijden=date(2026, 3, 2))
    rdw = await registry.rdw_overlijdensmelding(request, idempotency_key="rdw-1")
    assert len(rdw.kentekens) == 1
    assert rdw.uiterste_datum_tenaamstelling == date(2026, 3, 2) + timedelta(weeks=5)
    for notify in (
        registry.belastingdienst_overlijdensmelding,
        registry.toeslagen_overlijdensmelding,
        registry.duo_overlijdensmelding,
    ):
        receipt = await notify(request, idempotency_key=f"{notify.__name__}-1")
        assert receipt.uiterste_datum_tenaamstelling is None and receipt.kentekens == []
    assert sorted(e.registry for e in await admin.effects(bsn)) == [
        "belastingdienst",
        "duo",
        "rdw",
        "toeslagen",
    ]
    stranger = request.model_copy(update={"burgerservicenummer": "999999011"})
    with pytest.raises(RegistryClientError) as caught:
        await registry.duo_overlijdensmelding(stranger, idempotency_key="duo-x")
    assert caught.value.status == 404


async def test_faults_reach_the_burgerlijke_stand(admin: AdminClient, no_faults: None) -> None:
    active = await admin.faults("burgerlijke_stand", error_rate=0.5)
    assert [f.registry for f in active] == ["burgerlijke_stand"]
