"""BRP emigration in the mocks: persons abroad, the emigration mutation, its notifications."""

from collections.abc import Callable
from datetime import date

import pytest

from burgerflow.registry.client import (
    EmigratieCreate,
    RegistryClient,
    RegistryClientError,
)
from registries_mock.admin.client import AdminClient
from registries_mock.admin.schemas import AdresCreate, PersoonCreate
from registries_mock.seed import generate_population
from registries_mock.seed.abroad import abroad_digest
from registries_mock.seed_data.abroad import ABROAD

PINNED_ABROAD_DIGEST = "f2923baa1c5bc3516ebc2dd553ea8debe03f98e3ce482140b8ffea335dbc9ccf"


def test_seeded_emigrants_are_pinned_and_apart_from_the_population() -> None:
    population = generate_population()
    assert abroad_digest(population.rows) == PINNED_ABROAD_DIGEST
    assert not {str(p["burgerservicenummer"]) for p in ABROAD} & set(population.bsns)


async def test_a_seeded_emigrant_is_shown_abroad(registry: RegistryClient) -> None:
    persoon = await registry.brp_persoon("999947047")
    assert persoon is not None and persoon.verblijfplaats is not None
    assert persoon.verblijfplaats.type == "VerblijfplaatsBuitenland"
    adres = persoon.verblijfplaats.verblijfadres
    assert adres is not None and adres.land is not None
    assert (adres.land.code, adres.land.omschrijving, adres.regel2) == ("AW", "Aruba", "Oranjestad")
    assert persoon.opschorting_bijhouding is not None
    assert persoon.opschorting_bijhouding.reden.code == "E"
    assert persoon.gemeente_van_inschrijving is not None
    assert persoon.gemeente_van_inschrijving.code == "1999"
    assert persoon.adressering is None


async def _household(
    admin: AdminClient,
    new_adres: Callable[..., AdresCreate],
    new_persoon: Callable[..., PersoonCreate],
    **fields: object,
) -> tuple[AdresCreate, PersoonCreate]:
    adres = new_adres("0363")
    await admin.create_adres(adres)
    persoon = new_persoon(adres.adresseerbaar_object_identificatie, **fields)
    await admin.create_persoon(persoon)
    return adres, persoon


async def test_admin_creates_a_person_abroad(
    admin: AdminClient,
    registry: RegistryClient,
    new_adres: Callable[..., AdresCreate],
    new_persoon: Callable[..., PersoonCreate],
) -> None:
    adres, persoon = await _household(
        admin,
        new_adres,
        new_persoon,
        verblijfplaatsBuitenland={"land": "be", "regel1": "Grote Markt 1", "regel2": "Gent"},
    )
    found = await registry.brp_persoon(persoon.burgerservicenummer)
    assert found is not None and found.verblijfplaats is not None
    assert found.verblijfplaats.buitenland
    assert found.verblijfplaats.adresseerbaar_object_identificatie is None
    assert found.opschorting_bijhouding is not None
    assert found.opschorting_bijhouding.reden.code == "E"
    assert await registry.brp_bewoners(adres.adresseerbaar_object_identificatie) == []
    assert (
        await registry.gemeente_belastingen(persoon.burgerservicenummer)
    ).belastingplichten == []


def test_admin_refuses_the_netherlands_as_a_country_abroad(
    new_persoon: Callable[..., PersoonCreate],
) -> None:
    with pytest.raises(ValueError, match="landcode"):
        new_persoon("0363010000101201", verblijfplaatsBuitenland={"land": "NL", "regel1": "x"})


async def test_emigration_is_applied_once_and_shown_abroad(
    admin: AdminClient,
    registry: RegistryClient,
    new_adres: Callable[..., AdresCreate],
    new_persoon: Callable[..., PersoonCreate],
) -> None:
    adres, persoon = await _household(admin, new_adres, new_persoon, toeslagen=["zorgtoeslag"])
    bsn = persoon.burgerservicenummer
    request = EmigratieCreate(
        burgerservicenummer=bsn,
        land="BE",
        regel1="Rue de la Loi 16",
        regel2="1000 Brussel",
        datum_vertrek=date(2026, 12, 4),
    )
    first = await registry.brp_emigratie(request, idempotency_key=f"test/{bsn}/brp")
    again = await registry.brp_emigratie(request, idempotency_key=f"test/{bsn}/brp")
    assert first == again
    assert first.vorige_gemeente_van_inschrijving.code == "0363"
    assert first.land.omschrijving == "België"
    found = await registry.brp_persoon(bsn)
    assert found is not None and found.verblijfplaats is not None
    assert found.verblijfplaats.type == "VerblijfplaatsBuitenland"
    assert found.verblijfplaats.datum_van is not None
    assert found.verblijfplaats.datum_van.datum == date(2026, 12, 4)
    assert await registry.brp_bewoners(adres.adresseerbaar_object_identificatie) == []
    for registratie in ("belastingdienst", "toeslagen"):
        receipt = await registry.emigratie_melden(
            registratie, request, idempotency_key=f"test/{bsn}/{registratie}"
        )
        assert (receipt.registratie, receipt.land) == (registratie, "BE")
    assert (await registry.belastingdienst_belastingplichtige(bsn)).adres is None
    effects = await admin.effects(subject=bsn)
    assert sorted((e.registry, e.operation, e.received) for e in effects) == [
        ("belastingdienst", "emigratie", 1),
        ("brp", "emigratie", 2),
        ("toeslagen", "emigratie", 1),
    ]
    with pytest.raises(RegistryClientError) as refused:
        await registry.brp_emigratie(request, idempotency_key=f"test/{bsn}/brp-again")
    assert refused.value.status == 422
