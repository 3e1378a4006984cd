"""Idempotent mutations: one effect per key, replays, conflicts, the ledger."""

import asyncio
from datetime import date

import httpx
import pytest

from burgerflow.registry.client import (
    AdreswijzigingCreate,
    BerichtCreate,
    RegistryClient,
    RegistryClientError,
)
from registries_mock.admin.client import AdminClient

BERICHTEN = "/berichtenbox/api/berichten"


@pytest.fixture
async def persoon(admin: AdminClient, new_adres, new_persoon) -> str:
    adres = await admin.create_adres(new_adres())
    created = await admin.create_persoon(new_persoon(adres.adresseerbaar_object_identificatie))
    return created.burgerservicenummer


async def test_same_key_twice_gives_one_effect_received_twice(
    http: httpx.AsyncClient, registry: RegistryClient, admin: AdminClient, persoon: str
) -> None:
    body = {"burgerservicenummer": persoon, "onderwerp": "Verhuizing", "inhoud": "Welkom."}
    first = await http.post(BERICHTEN, json=body, headers={"Idempotency-Key": "msg-1"})
    second = await http.post(BERICHTEN, json=body, headers={"Idempotency-Key": "msg-1"})
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert "Idempotent-Replayed" not in first.headers
    assert second.headers["Idempotent-Replayed"] == "true"

    [effect] = await admin.effects(persoon)
    assert (effect.registry, effect.operation, effect.subject) == (
        "berichtenbox",
        "bericht_bezorgen",
        persoon,
    )
    assert (effect.idempotency_key, effect.received) == ("msg-1", 2)
    assert len((await registry.berichtenbox_berichten(persoon)).berichten) == 1


async def test_same_key_other_body_is_409_and_changes_nothing(
    registry: RegistryClient, admin: AdminClient, persoon: str
) -> None:
    request = BerichtCreate(burgerservicenummer=persoon, onderwerp="A", inhoud="Eerste.")
    receipt = await registry.berichtenbox_bezorgen(request, idempotency_key="msg-2")
    other = BerichtCreate(burgerservicenummer=persoon, onderwerp="B", inhoud="Tweede.")
    with pytest.raises(RegistryClientError) as caught:
        await registry.berichtenbox_bezorgen(other, idempotency_key="msg-2")
    assert caught.value.status == 409
    assert caught.value.problem is not None
    assert caught.value.problem.code == "idempotencyKeyConflict"
    berichten = (await registry.berichtenbox_berichten(persoon)).berichten
    assert [b.id for b in berichten] == [receipt.id]
    assert [(e.idempotency_key, e.received) for e in await admin.effects(persoon)] == [("msg-2", 2)]


async def test_missing_idempotency_key_is_400(http: httpx.AsyncClient, persoon: str) -> None:
    body = {"burgerservicenummer": persoon, "onderwerp": "x", "inhoud": "y"}
    response = await http.post(BERICHTEN, json=body)
    assert response.status_code == 400
    assert response.json()["invalidParams"] == [
        {"name": "Idempotency-Key", "code": "required", "reason": "Parameter is verplicht."}
    ]


async def test_keys_are_scoped_per_registry(
    registry: RegistryClient, admin: AdminClient, persoon: str, new_adres
) -> None:
    target = await admin.create_adres(new_adres("0344"))
    move = AdreswijzigingCreate(
        burgerservicenummer=persoon,
        adresseerbaar_object_identificatie=target.adresseerbaar_object_identificatie,
        datum_aanvang_adreshouding=date(2026, 12, 1),
    )
    await registry.belastingdienst_adreswijziging(move, idempotency_key="case-1:notify")
    await registry.duo_adreswijziging(move, idempotency_key="case-1:notify")
    effects = await admin.effects(persoon)
    assert sorted(e.registry for e in effects) == ["belastingdienst", "duo"]
    assert [e.registry for e in await admin.effects(persoon, registry="duo")] == ["duo"]


async def test_failed_effect_records_nothing(
    registry: RegistryClient, admin: AdminClient, new_bsn
) -> None:
    stranger = new_bsn()
    with pytest.raises(RegistryClientError) as caught:
        await registry.berichtenbox_bezorgen(
            BerichtCreate(burgerservicenummer=stranger, onderwerp="x", inhoud="y"),
            idempotency_key="msg-stranger",
        )
    assert caught.value.status == 404
    assert await admin.effects(stranger) == []


async def test_concurrent_requests_with_one_key_apply_once(
    registry: RegistryClient, admin: AdminClient, persoon: str
) -> None:
    request = BerichtCreate(burgerservicenummer=persoon, onderwerp="Tegelijk", inhoud="Een keer.")
    receipts = await asyncio.gather(
        *(registry.berichtenbox_bezorgen(request, idempotency_key="msg-race") for _ in range(5))
    )
    assert len({r.id for r in receipts}) == 1
    [effect] = await admin.effects(persoon)
    assert effect.received == 5
    assert len((await registry.berichtenbox_berichten(persoon)).berichten) == 1
