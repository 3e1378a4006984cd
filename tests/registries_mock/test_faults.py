"""Fault injection: 503s and latency reach the client; a lost response retried applies once."""

import time
from datetime import date

import httpx
import pytest

from burgerflow.registry.client import AdreswijzigingCreate, RegistryClient, RegistryUnavailable
from registries_mock.admin.client import AdminClient
from registries_mock.seed import DEMO_BSN

pytestmark = pytest.mark.usefixtures("no_faults")


async def test_injected_error_reaches_the_client(
    registry: RegistryClient, admin: AdminClient, http: httpx.AsyncClient
) -> None:
    active = await admin.faults("brp", error_rate=1.0)
    assert [(f.registry, f.error_rate) for f in active] == [("brp", 1.0)]
    with pytest.raises(RegistryUnavailable) as caught:
        await registry.brp_persoon(DEMO_BSN)
    assert caught.value.status == 503
    assert caught.value.problem is not None
    assert caught.value.problem.code == "serviceUnavailable"
    assert DEMO_BSN not in str(caught.value)
    raw = await http.post(
        "/haalcentraal/api/brp/personen",
        json={
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": [DEMO_BSN],
            "fields": ["naam"],
        },  # fmt: skip
    )
    assert raw.headers["Retry-After"] == "1"
    assert raw.headers["content-type"] == "application/problem+json"
    # Other registries, the admin API and /healthz are unaffected.
    assert (await registry.toeslagen(DEMO_BSN)).toeslagen
    assert (await http.get("/healthz")).status_code == 200

    await admin.faults("brp", error_rate=0, latency_ms=0)
    assert await admin.faults("*", 0, 0) == []
    assert await registry.brp_persoon(DEMO_BSN) is not None


async def test_every_registry_can_fail(registry: RegistryClient, admin: AdminClient) -> None:
    await admin.faults("*", error_rate=1.0)
    lookups = [
        registry.brp_persoon(DEMO_BSN),
        registry.bag_adressen("1012AB", 1),
        registry.belastingdienst_belastingplichtige(DEMO_BSN),
        registry.toeslagen(DEMO_BSN),
        registry.duo_studiefinanciering(DEMO_BSN),
        registry.rdw_voertuigen(DEMO_BSN),
        registry.gemeente_belastingen(DEMO_BSN),
        registry.gemeente_parkeervergunningen(DEMO_BSN),
        registry.berichtenbox_berichten(DEMO_BSN),
    ]
    for lookup in lookups:
        with pytest.raises(RegistryUnavailable):
            await lookup


async def test_latency_is_added(registry: RegistryClient, admin: AdminClient) -> None:
    await admin.faults("rdw", error_rate=0, latency_ms=150)
    started = time.perf_counter()
    await registry.rdw_voertuigen(DEMO_BSN)
    assert time.perf_counter() - started >= 0.15


async def test_lost_response_retried_with_same_key_applies_once(
    registry: RegistryClient, admin: AdminClient, new_adres, new_persoon
) -> None:
    adres = await admin.create_adres(new_adres("0363"))
    target = await admin.create_adres(new_adres("0599"))
    persoon = await admin.create_persoon(new_persoon(adres.adresseerbaar_object_identificatie))
    bsn = persoon.burgerservicenummer
    move = AdreswijzigingCreate(
        burgerservicenummer=bsn,
        adresseerbaar_object_identificatie=target.adresseerbaar_object_identificatie,
        datum_aanvang_adreshouding=date(2026, 12, 1),
    )

    await admin.faults("toeslagen", error_rate=1.0, seed=7)
    attempts = 0
    while not await admin.effects(bsn):  # until one failure came after the effect
        attempts += 1
        assert attempts <= 30
        with pytest.raises(RegistryUnavailable):
            await registry.toeslagen_adreswijziging(move, idempotency_key="lost-1")
    [effect] = await admin.effects(bsn)
    assert effect.received == 1  # earlier failures came before the effect: not received

    for _ in range(3):  # while the registry keeps failing, retries never apply it again
        with pytest.raises(RegistryUnavailable):
            await registry.toeslagen_adreswijziging(move, idempotency_key="lost-1")
    await admin.clear_faults()
    receipt = await registry.toeslagen_adreswijziging(move, idempotency_key="lost-1")
    assert receipt.registratie == "toeslagen"

    [effect] = await admin.effects(bsn)
    assert effect.idempotency_key == "lost-1"
    assert 2 <= effect.received <= 5
    adres_kopie = (await registry.toeslagen(bsn)).adres
    assert adres_kopie is not None
    assert (
        adres_kopie.adresseerbaar_object_identificatie == target.adresseerbaar_object_identificatie
    )
