"""The seeded population is the same on every machine and has the promised composition."""

from datetime import date

from burgerflow.core.bsn import is_valid_bsn
from burgerflow.registry.client import RegistryClient
from registries_mock.seed import (
    DEMO_ADRES_OBJECT,
    DEMO_BSN,
    POPULATION_SEED,
    SEED_BSN_PREFIXES,
    _Generator,
    generate_population,
)

# Pinned facts: a change here means every machine's seed changed; update them deliberately.
PINNED_PERSONEN = 2055
PINNED_ADRESSEN = 1114
PINNED_BSN_DIGEST = "6891311e124c9a5da46766716031dd7ccd10af8bd53e2a6ec1cbf66dd2496ae3"
PINNED_CONTENT_DIGEST = "70795ca14d0e761cc773a0382950eb88e8e67fa645b3ef18399dcb9208f98106"


def test_population_is_pinned() -> None:
    population = generate_population()
    assert POPULATION_SEED == 20_261_129
    assert len(population.rows["brp_persoon"]) == PINNED_PERSONEN
    assert len(population.rows["bag_verblijfsobject"]) == PINNED_ADRESSEN
    assert population.bsn_digest() == PINNED_BSN_DIGEST
    assert population.content_digest() == PINNED_CONTENT_DIGEST


def test_generation_is_deterministic() -> None:
    assert _Generator().build().rows == generate_population().rows


def test_every_bsn_passes_the_11_proef_and_uses_the_seed_prefixes() -> None:
    bsns = generate_population().bsns
    assert len(bsns) == len(set(bsns))
    assert all(is_valid_bsn(b) for b in bsns)
    assert all(b[:5] in SEED_BSN_PREFIXES for b in bsns if b != DEMO_BSN)


def test_composition() -> None:
    population = generate_population()
    rows = population.rows
    counts = population.counts
    assert len(rows["brp_persoon"]) >= 2000
    assert len(rows["bag_verblijfsobject"]) >= 500
    assert {p["gemeente_van_inschrijving"] for p in rows["brp_persoon"]} == {"0363", "0599", "0344"}
    postcodes = {a["postcode"][:2] for a in rows["bag_adres"]}
    assert postcodes == {"10", "11", "30", "35"}
    for vbo in rows["bag_verblijfsobject"]:
        assert vbo["identificatie"][4:6] == "01"
        assert vbo["identificatie"][:4] == vbo["gemeentecode"]
    keys = [
        (a["postcode"], a["huisnummer"], a["huisletter"], a["huisnummertoevoeging"])
        for a in rows["bag_adres"]
    ]
    assert len(keys) == len(set(keys))
    objects = [a["adresseerbaar_object_identificatie"] for a in rows["bag_adres"]]
    assert sorted(objects) == sorted(v["identificatie"] for v in rows["bag_verblijfsobject"])
    doelen = [set(v["gebruiksdoelen"]) for v in rows["bag_verblijfsobject"]]
    assert sum("woonfunctie" not in d for d in doelen) >= 20
    statuses = {v["status"] for v in rows["bag_verblijfsobject"]}
    assert {"Verblijfsobject gevormd", "Verblijfsobject buiten gebruik"} <= statuses
    assert counts["adressen.overbewoond"] >= 10
    assert counts["adressen.in_onderzoek"] >= 3
    assert counts["personen.in_onderzoek"] >= 3
    gezag = {g["type"] for g in rows["brp_gezagsrelatie"]}
    assert gezag == {"GezamenlijkOuderlijkGezag", "EenhoofdigOuderlijkGezag"}
    assert {r["soort_verbintenis"] for r in rows["brp_relatie"] if r["soort"] == "partner"} == {
        "H",
        "P",
    }
    soorten = {t["soort"] for t in rows["toeslagen_toeslag"]}
    assert soorten == {"huurtoeslag", "zorgtoeslag", "kinderopvangtoeslag", "kindgebondenbudget"}
    assert len(rows["duo_studiefinanciering"]) >= 100
    assert len(rows["rdw_voertuig"]) >= 200
    assert len(rows["gemeente_parkeervergunning"]) >= 50
    assert counts["huishoudens.single"] >= 100


def test_demo_address_is_empty_and_in_use() -> None:
    rows = generate_population().rows
    [vbo] = [v for v in rows["bag_verblijfsobject"] if v["identificatie"] == DEMO_ADRES_OBJECT]
    assert (vbo["gemeentecode"], vbo["oppervlakte"], vbo["status"], vbo["in_onderzoek"]) == (
        "0363",
        120,
        "Verblijfsobject in gebruik",
        False,
    )
    assert vbo["gebruiksdoelen"] == ["woonfunctie"]
    matches = [a for a in rows["bag_adres"] if (a["postcode"], a["huisnummer"]) == ("1012AB", 1)]
    assert [a["adresseerbaar_object_identificatie"] for a in matches] == [DEMO_ADRES_OBJECT]
    assert not [
        p
        for p in rows["brp_persoon"]
        if p["adresseerbaar_object_identificatie"] == DEMO_ADRES_OBJECT
    ]


async def test_demo_person_through_the_api(registry: RegistryClient) -> None:
    persoon = await registry.brp_persoon(DEMO_BSN)
    assert persoon is not None
    assert persoon.geboorte is not None and persoon.geboorte.datum is not None
    assert persoon.geboorte.datum.datum is not None and persoon.geboorte.datum.datum.year == 1988
    assert persoon.gemeente_van_inschrijving is not None
    assert persoon.gemeente_van_inschrijving.code == "0599"
    assert persoon.partners == [] and persoon.kinderen == [] and persoon.gezag == []
    assert persoon.in_onderzoek is None
    assert persoon.adresseerbaar_object_identificatie is not None
    bewoners = await registry.brp_bewoners(persoon.adresseerbaar_object_identificatie)
    assert [b.burgerservicenummer for b in bewoners] == [DEMO_BSN]
    assert (await registry.toeslagen(DEMO_BSN)).lopende_soorten == ["huurtoeslag"]
    assert len((await registry.rdw_voertuigen(DEMO_BSN)).voertuigen) == 1
    assert (await registry.duo_studiefinanciering(DEMO_BSN)).studiefinanciering is False
    assert (await registry.gemeente_parkeervergunningen(DEMO_BSN)).parkeervergunningen == []
    [plicht] = (await registry.gemeente_belastingen(DEMO_BSN)).belastingplichten
    assert (plicht.gemeentecode, plicht.status) == ("0599", "lopend")
    obj = await registry.bag_adresseerbaar_object(persoon.adresseerbaar_object_identificatie)
    assert obj is not None and "woonfunctie" in obj.gebruiksdoelen and not obj.in_onderzoek
    assert date.today().year - 1988 - 1 <= (persoon.leeftijd or 0) <= date.today().year - 1988


async def test_reset_is_fast(admin) -> None:
    result = await admin.reset()
    assert (result.personen, result.adressen) == (PINNED_PERSONEN, PINNED_ADRESSEN)
    assert result.duration_ms < 2000
