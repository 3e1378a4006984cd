"""The seeded population as a whole: the demo facts, every municipality's households and
special objects, the composition counts, and loading it into the mocks' tables.
"""

import functools
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session

from registries_mock.seed.abroad import abroad_rows
from registries_mock.seed.addresses import DEMO_POSTCODE, Addresses
from registries_mock.seed.deceased import deceased_rows
from registries_mock.seed.households import Households
from registries_mock.seed.people import People, SeedPerson
from registries_mock.seed.registers import Registers
from registries_mock.seed.source import Draft
from registries_mock.seed_data.cities import CITIES, CityPlan
from registries_mock.seed_data.households import HOUSEHOLD_KINDS
from registries_mock.seed_data.registers import IN_GEBRUIK, NIET_IN_GEBRUIK, NIET_WONEN
from registries_mock.tables import sorted_tables
from registries_mock.zgw.catalogue import catalogue_rows

DEMO_BSN = "999993653"
DEMO_ADRES_OBJECT = "0363010000101201"
DEMO_ADRES_NUMMERAANDUIDING = "0363200000101201"
DEMO_HUISNUMMER = 1


@dataclass
class Population:
    """The seed: table rows by table name, ready for bulk insert, and composition counts."""

    rows: dict[str, list[dict[str, Any]]]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def bsns(self) -> list[str]:
        """Every seeded BSN, sorted."""
        return sorted(p["burgerservicenummer"] for p in self.rows["brp_persoon"])

    def bsn_digest(self) -> str:
        """SHA-256 of the sorted BSNs joined by newlines: a fingerprint of the population."""
        return hashlib.sha256("\n".join(self.bsns).encode()).hexdigest()

    def content_digest(self) -> str:
        """SHA-256 of every row of every table in canonical JSON: a fingerprint of all facts."""
        canonical = json.dumps(self.rows, sort_keys=True, default=str, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def summary(self) -> dict[str, int]:
        """Composition figures: table sizes and counts per category."""
        return {**{f"rows.{k}": len(v) for k, v in self.rows.items()}, **self.counts}


class Generator:
    """Draws the whole population; `build` once per instance.

    The parts share one `Draft` (the random source and the rows), and are called in a fixed
    order: the demo address, every municipality's address pool, the demo person, then per
    municipality its households, special objects and empty dwellings.
    """

    def __init__(self) -> None:
        self.draft = Draft()
        self.addresses = Addresses(self.draft)
        self.registers = Registers(self.draft)
        self.people = People(self.draft, self.registers)
        self.households = Households(self.draft, self.addresses, self.people, self.registers)

    def build(self) -> Population:
        """Generate the whole population: demo facts, households per city, special objects."""
        self.addresses.add_object(
            object_id=DEMO_ADRES_OBJECT,
            nummeraanduiding=DEMO_ADRES_NUMMERAANDUIDING,
            straat="Damrak",
            huisnummer=DEMO_HUISNUMMER,
            huisletter=None,
            toevoeging=None,
            postcode=DEMO_POSTCODE,
            gemeentecode="0363",
            gebruiksdoelen=["woonfunctie"],
            oppervlakte=120,
            status=IN_GEBRUIK,
            in_onderzoek=False,
        )
        self.addresses.build_addresses()
        self.demo_person()
        names = [k for k, _ in HOUSEHOLD_KINDS]
        weights = [w for _, w in HOUSEHOLD_KINDS]
        for code, plan in CITIES.items():
            made = 0
            while made < plan.households:
                kind = self.draft.rng.choices(names, weights)[0]
                self.households.household(code, kind)
                made += 2 if kind == "separated" else 1
            self.special_objects(code, plan)
            for _ in range(plan.empty):
                self.addresses.woning(code, self.draft.rng.randint(30, 140))
                self.draft.count("adressen.leeg")
        self.derive_counts()
        return Population(rows=self.draft.rows, counts=dict(sorted(self.draft.counts.items())))

    def derive_counts(self) -> None:
        """Composition counts computed from the final rows."""
        residents: dict[str, int] = {}
        for persoon in self.draft.rows["brp_persoon"]:
            object_id = persoon["adresseerbaar_object_identificatie"]
            residents[object_id] = residents.get(object_id, 0) + 1
        for vbo in self.draft.rows["bag_verblijfsobject"]:
            n = residents.get(vbo["identificatie"], 0)
            if n and vbo["oppervlakte"] < 12 * n:
                self.draft.count("adressen.overbewoond")
            if vbo["in_onderzoek"]:
                self.draft.count("adressen.in_onderzoek")
        self.draft.counts["personen"] = len(self.draft.rows["brp_persoon"])
        self.draft.counts["adressen"] = len(self.draft.rows["bag_verblijfsobject"])
        for persoon in self.draft.rows["brp_persoon"]:
            if persoon["in_onderzoek"]:
                self.draft.count("personen.in_onderzoek")
            if persoon["geheimhouding_persoonsgegevens"]:
                self.draft.count("personen.geheimhouding")
            self.draft.count(f"personen.gemeente_{persoon['gemeente_van_inschrijving']}")

    def special_objects(self, code: str, plan: CityPlan) -> None:
        """Non-residential objects and objects not in use, a few with someone registered."""
        for i in range(plan.non_residential):
            doel = NIET_WONEN[i % len(NIET_WONEN)]
            obj = self.addresses.take_object(
                code,
                gebruiksdoelen=[doel],
                oppervlakte=self.draft.rng.randint(40, 900),
                in_onderzoek=i == 0,
            )
            self.draft.count("adressen.niet_wonen")
            if i < 2:
                self.households.settle(code, obj, [self.households.adult()], [])
                self.draft.count("personen.op_niet_woonadres")
        for i in range(plan.not_in_use):
            status = NIET_IN_GEBRUIK[i % len(NIET_IN_GEBRUIK)]
            obj = self.addresses.take_object(
                code,
                gebruiksdoelen=["woonfunctie"],
                oppervlakte=self.draft.rng.randint(35, 120),
                status=status,
            )
            self.draft.count("adressen.niet_in_gebruik")
            if i == 1:
                self.households.settle(code, obj, [self.households.adult()], [])
                self.draft.count("personen.op_object_niet_in_gebruik")

    def demo_person(self) -> None:
        """BSN 999993653: single, Rotterdam, huurtoeslag, one vehicle, taxes at 0599."""
        obj = self.addresses.take_object("0599", gebruiksdoelen=["woonfunctie"], oppervlakte=48)
        person = SeedPerson(DEMO_BSN, "Daan", "van den", "Berg", "M", date(1988, 6, 14))
        since = date(2019, 3, 1)
        self.draft.persons_by_bsn[DEMO_BSN] = {
            "burgerservicenummer": DEMO_BSN,
            "voornamen": person.voornamen,
            "voorvoegsel": person.voorvoegsel,
            "geslachtsnaam": person.geslachtsnaam,
            "geslacht": person.geslacht,
            "geboortedatum": person.geboortedatum,
            "adresseerbaar_object_identificatie": obj,
            "datum_aanvang_adreshouding": since,
            "gemeente_van_inschrijving": "0599",
            "in_onderzoek": False,
            "datum_ingang_onderzoek": None,
            "geheimhouding_persoonsgegevens": False,
        }
        self.draft.rows["brp_persoon"].append(self.draft.persons_by_bsn[DEMO_BSN])
        self.registers.copy_address("belastingdienst_adres", DEMO_BSN)
        self.draft.rows["toeslagen_toeslag"].append(
            {
                "burgerservicenummer": DEMO_BSN,
                "soort": "huurtoeslag",
                "status": "lopend",
                "ingangsdatum": since,
                "bedrag_per_maand": 310,
            }
        )
        self.registers.copy_address("toeslagen_adres", DEMO_BSN)
        self.draft.rows["rdw_voertuig"].append(
            {
                "kenteken": "GZ123X",
                "burgerservicenummer": DEMO_BSN,
                "merk": "Toyota",
                "handelsbenaming": "Yaris",
                "voertuigsoort": "Personenauto",
                "datum_tenaamstelling": date(2021, 5, 12),
            }
        )
        self.registers.reserve_kenteken("GZ123X")
        self.registers.copy_address("rdw_adres", DEMO_BSN)
        self.draft.rows["gemeente_belastingplicht"].append(
            {
                "aanslagnummer": self.registers.next_aanslagnummer("0599"),
                "burgerservicenummer": DEMO_BSN,
                "gemeentecode": "0599",
                "adresseerbaar_object_identificatie": obj,
                "omschrijving": "Afvalstoffenheffing en rioolheffing",
                "status": "lopend",
                "ingangsdatum": since,
                "einddatum": None,
            }
        )


@functools.cache
def generate_population() -> Population:
    """Build (once per process) the deterministic synthetic population."""
    return Generator().build()


def load_population(session: Session, population: Population | None = None) -> None:
    """Replace every mock table's content by the population, with bulk inserts.

    Empties every table of `MockModel.metadata` (the effects ledger included), loads the
    population, then the seeded emigrants (`seed.abroad`) and the persons already deceased
    (`seed.deceased`) and the ZGW catalogue (`zgw.catalogue`), and commits.

    Args:
        session: Database session.
        population: The population; the seeded one when None.
    """
    population = population or generate_population()
    connection = session.connection()
    tables = sorted_tables()
    for table in reversed(tables):
        connection.execute(table.delete())
    extra = abroad_rows(population.rows)
    for table in tables:
        rows = population.rows.get(table.name, []) + extra.get(table.name, [])
        if rows:
            connection.execute(insert(table), rows)
    for added in (deceased_rows(), catalogue_rows()):
        for table in tables:
            if table.name in added:
                connection.execute(insert(table), added[table.name])
    session.commit()
