"""The seeded synthetic population of the registry mocks.

`generate_population()` builds the same population on every machine: a fixed seed
(`POPULATION_SEED`) drives one `random.Random`, dates are fixed (nothing reads the clock;
only BRP's `leeftijd` and the custody of minors are computed at request time), and no set
of strings is ever iterated. `load_population()` replaces the mocks' tables with it using
bulk inserts, which is what `POST /_admin/reset` does.

Composition (exact figures: `Population.summary()`, pinned by the tests):

- Three municipalities: 0363 Amsterdam (postcodes 10xx), 0599 Rotterdam (30xx) and 0344
  Utrecht (35xx), each with real-looking streets, one postcode per street, and buildings of
  one to four units (huisletter or huisnummertoevoeging).
- Addressable objects with BAG identifiers `GGGG01NNNNNNNNNN` and nummeraanduidingen
  `GGGG20NNNNNNNNNN` (generated numbers start at 0001000000): dwellings in use, empty
  dwellings (targets for moves), non-residential objects (kantoor-, winkel-, industrie-,
  bijeenkomst-, gezondheidszorg-, logies-, onderwijsfunctie; a few with someone registered),
  dwellings not in use (`Verblijfsobject gevormd`, `... buiten gebruik`, `Verbouwing
  verblijfsobject`; a few with someone registered), small crowded dwellings (under 12 m² per
  resident: student houses and overcrowded households) and about 1% under investigation.
- Households: singles; married couples (`H`) and registered partners (`P`), and couples
  without a registered bond; families with minors under joint custody
  (`GezamenlijkOuderlijkGezag`), some with a child of 16+ or an adult child at home;
  separated parents with joint custody who live apart; single parents with sole custody
  (`EenhoofdigOuderlijkGezag`); students alone or sharing a house, most with student finance.
- Benefits (huurtoeslag, zorgtoeslag, kinderopvangtoeslag, kindgebondenbudget; a few ended),
  vehicles with kentekens, parking permits tied to the holder's address, municipal taxes for
  every adult (some also with an ended liability elsewhere), about 1% of persons under
  investigation and a few with geheimhouding.
- BSNs pass the 11-proef and start with 99990-99994, so tests can make their own with
  99995-99998 without clashing.

Fixed demo facts (the README uses them):

- BSN `999993653`: Daan van den Berg, born 14 June 1988, single, living alone in Rotterdam
  (0599); huurtoeslag, one vehicle, no student finance, no parking permit.
- Postcode `1012AB` huisnummer `1`: Damrak 1, Amsterdam (0363), object `0363010000101201`,
  woonfunctie, 120 m², `Verblijfsobject in gebruik`, nobody registered, not under
  investigation.
"""

import functools
import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session

from burgerflow.core.bsn import bsn_check_digit
from burgerflow.core.constants import MUNICIPALITIES
from registries_mock.tables import sorted_tables

POPULATION_SEED = 20_261_129
"""Seed of the population's random source; changing it changes every fact of the seed."""

SEED_BSN_PREFIXES = ("99990", "99991", "99992", "99993", "99994")
"""First five digits of generated BSNs."""

DEMO_BSN = "999993653"
DEMO_ADRES_OBJECT = "0363010000101201"
DEMO_ADRES_NUMMERAANDUIDING = "0363200000101201"
DEMO_POSTCODE = "1012AB"
DEMO_HUISNUMMER = 1

IN_GEBRUIK = "Verblijfsobject in gebruik"
IN_GEBRUIK_NIET_INGEMETEN = "Verblijfsobject in gebruik (niet ingemeten)"
NIET_IN_GEBRUIK = ("Verblijfsobject gevormd", "Verblijfsobject buiten gebruik",
                   "Verbouwing verblijfsobject")  # fmt: skip
NIET_WONEN = ("kantoorfunctie", "winkelfunctie", "industriefunctie", "bijeenkomstfunctie",
              "gezondheidszorgfunctie", "logiesfunctie", "onderwijsfunctie")  # fmt: skip


@dataclass(frozen=True)
class _CityPlan:
    households: int
    empty: int
    non_residential: int
    not_in_use: int
    pc4: tuple[int, int]
    streets: tuple[str, ...]
    units: tuple[str, ...]
    unit_kind: str
    schools: tuple[str, ...]


_CITIES: dict[str, _CityPlan] = {
    "0363": _CityPlan(
        households=318,
        empty=60,
        non_residential=18,
        not_in_use=10,
        pc4=(1011, 1109),
        streets=(
            "Prinsengracht",
            "Keizersgracht",
            "Herengracht",
            "Singel",
            "Overtoom",
            "Kinkerstraat",
            "Ferdinand Bolstraat",
            "Van Woustraat",
            "Javastraat",
            "Czaar Peterstraat",
            "Bilderdijkstraat",
            "Admiraal de Ruijterweg",
            "Plantage Middenlaan",
            "Jan Pieter Heijestraat",
            "Marnixstraat",
            "Haarlemmerdijk",
            "Eerste Oosterparkstraat",
            "Wibautstraat",
            "Rijnstraat",
            "Maasstraat",
            "Postjesweg",
            "Nieuwezijds Voorburgwal",
            "Van Baerlestraat",
            "Burgemeester de Vlugtlaan",
            "Meeuwenlaan",
            "Kastanjeplein",
        ),
        units=("H", "1", "2", "3"),
        unit_kind="toevoeging",
        schools=(
            "Universiteit van Amsterdam",
            "Vrije Universiteit Amsterdam",
            "Hogeschool van Amsterdam",
            "ROC van Amsterdam",
        ),
    ),  # fmt: skip
    "0599": _CityPlan(
        households=292,
        empty=55,
        non_residential=16,
        not_in_use=9,
        pc4=(3011, 3089),
        streets=(
            "Witte de Withstraat",
            "Nieuwe Binnenweg",
            "Mathenesserlaan",
            "Beijerlandselaan",
            "Groene Hilledijk",
            "Zwart Janstraat",
            "Noordsingel",
            "Bergweg",
            "Oudedijk",
            "Schiedamseweg",
            "Vierambachtsstraat",
            "Rochussenstraat",
            "West-Kruiskade",
            "Goudsesingel",
            "Pleinweg",
            "Dordtselaan",
            "Slinge",
            "Kleiweg",
            "Straatweg",
            "Burgemeester Meineszlaan",
            "Putselaan",
            "Hillevliet",
            "Lusthofstraat",
            "Vlietlaan",
        ),
        units=("A", "B", "C", "D"),
        unit_kind="letter",
        schools=(
            "Erasmus Universiteit Rotterdam",
            "Hogeschool Rotterdam",
            "Codarts Rotterdam",
            "Albeda",
        ),
    ),  # fmt: skip
    "0344": _CityPlan(
        households=262,
        empty=50,
        non_residential=14,
        not_in_use=8,
        pc4=(3511, 3585),
        streets=(
            "Oudegracht",
            "Nobelstraat",
            "Biltstraat",
            "Amsterdamsestraatweg",
            "Kanaalstraat",
            "Vleutenseweg",
            "Burgemeester Reigerstraat",
            "Twijnstraat",
            "Lange Nieuwstraat",
            "Croeselaan",
            "Adriaen van Ostadelaan",
            "Kardinaal de Jongweg",
            "Laan van Nieuw-Guinea",
            "Votulastraat",
            "Balijelaan",
            "Zonstraat",
            "Merelstraat",
            "Wittevrouwenstraat",
            "Hooft Graaflandstraat",
            "Cartesiusweg",
            "Marnixlaan",
        ),
        units=("A", "B", "BS", "C"),
        unit_kind="toevoeging",
        schools=("Universiteit Utrecht", "Hogeschool Utrecht", "HKU", "MBO Utrecht"),
    ),  # fmt: skip
}

_MANNEN = ("Daan", "Sem", "Lucas", "Levi", "Finn", "Milan", "Bram", "Thomas", "Jesse", "Ruben",
           "Jan", "Pieter", "Willem", "Kees", "Henk", "Mohamed", "Ahmet", "Youssef", "Emre",
           "Noah", "Luuk", "Sven", "Joris", "Maarten", "Gerrit", "Anton", "Rik", "Tim", "Stijn",
           "Hamza", "Omar", "Koen")  # fmt: skip
_VROUWEN = ("Emma", "Julia", "Sophie", "Tess", "Anna", "Sara", "Fleur", "Lotte", "Eva", "Lisa",
            "Maria", "Johanna", "Wilhelmina", "Ingrid", "Petra", "Fatima", "Aylin", "Nour",
            "Zeynep", "Iris", "Noor", "Sanne", "Femke", "Marieke", "Anouk", "Esther", "Linda",
            "Yasmina", "Mila", "Saar", "Roos", "Ilse")  # fmt: skip
_ACHTERNAMEN = (
    (None, "Jansen"), (None, "Bakker"), (None, "Visser"), (None, "Smit"), (None, "Meijer"),
    (None, "Mulder"), (None, "Bos"), (None, "Vos"), (None, "Peters"), (None, "Hendriks"),
    (None, "Dekker"), (None, "Brouwer"), (None, "Willems"), (None, "Hoekstra"),
    (None, "Yilmaz"), (None, "Kaya"), (None, "El Amrani"), (None, "Bouzid"), (None, "Özdemir"),
    (None, "Kramer"), (None, "Schouten"), (None, "Koster"), (None, "Prins"), (None, "Huisman"),
    ("de", "Vries"), ("de", "Jong"), ("de", "Boer"), ("de", "Groot"), ("de", "Graaf"),
    ("van", "Dijk"), ("van", "Leeuwen"), ("van", "Wijk"), ("van der", "Meer"),
    ("van der", "Linden"), ("van den", "Berg"), ("van den", "Heuvel"), ("van de", "Ven"),
    ("van 't", "Hof"), ("ter", "Horst"), ("den", "Hartog"),
)  # fmt: skip
_AUTO_S = (("Volkswagen", "Golf"), ("Toyota", "Yaris"), ("Kia", "Niro"), ("Peugeot", "208"),
           ("Renault", "Clio"), ("Opel", "Corsa"), ("Tesla", "Model 3"), ("Skoda", "Octavia"),
           ("Ford", "Fiesta"), ("Volvo", "XC40"), ("Hyundai", "Kona"),
           ("Fiat", "500"))  # fmt: skip
_KENTEKEN_LETTERS = "BDFGHJKLNPRSTVXZ"
_TOESLAG_BEDRAGEN = {
    "huurtoeslag": (120, 420),
    "zorgtoeslag": (40, 131),
    "kinderopvangtoeslag": (300, 1600),
    "kindgebondenbudget": (60, 380),
}
_LAST_MOVE = date(2025, 10, 1)
_REFERENCE = date(2026, 1, 1)
"""Fixed 'now' of the generator, used to tell minors and adults apart while generating."""


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


def _korte_naam(straat: str) -> str:
    for long, short in (("Burgemeester ", "Burg "), ("Admiraal ", "Adm "), ("Kardinaal ", "Kard ")):
        straat = straat.replace(long, short)
    return straat[:24]


@dataclass
class _Street:
    naam: str
    pc4: int
    nummer: int
    blok: int


@dataclass
class _Person:
    bsn: str
    voornamen: str
    voorvoegsel: str | None
    geslachtsnaam: str
    geslacht: str
    geboortedatum: date


class _Generator:
    def __init__(self) -> None:
        self.rng = random.Random(POPULATION_SEED)
        self.rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in sorted_tables()}
        self.counts: dict[str, int] = {}
        self._bsns = self._bsn_source()
        self._kentekens: dict[str, None] = {}
        self._object_seq = 1_000_000
        self._aanslag_seq = 0
        self._vergunning_seq = 0
        self._pool: dict[str, list[dict[str, Any]]] = {}
        self._objects_by_id: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        self._persons_by_bsn: dict[str, dict[str, Any]] = {}
        self._copied: dict[str, dict[str, None]] = {}

    # --- helpers -------------------------------------------------------------------------
    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def _bsn_source(self) -> Iterator[str]:
        numbers = []
        for prefix in SEED_BSN_PREFIXES:
            for rest in range(1000):
                eight = f"{prefix}{rest:03d}"
                digit = bsn_check_digit(eight)
                if digit is not None:
                    numbers.append(f"{eight}{digit}")
        self.rng.shuffle(numbers)
        return iter(numbers)

    def day_in(self, first: int, last: int) -> date:
        start = date(first, 1, 1)
        span = (date(last, 12, 31) - start).days
        return start + timedelta(days=self.rng.randint(0, span))

    def between(self, start: date, end: date) -> date:
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # --- BAG -----------------------------------------------------------------------------
    def build_addresses(self) -> None:
        """Fill each city's pool of addresses: streets with one postcode, buildings of 1-4 units."""
        for code, plan in _CITIES.items():
            needed = plan.households + plan.empty + plan.non_residential + plan.not_in_use + 40
            codes = [
                pc for pc in range(plan.pc4[0], plan.pc4[1] + 1) if pc != int(DEMO_POSTCODE[:4])
            ]
            pcs = self.rng.sample(codes, len(plan.streets))
            streets = [
                _Street(s, pc, 1 + self.rng.randint(0, 40), self.rng.randint(0, 20))
                for s, pc in zip(plan.streets, pcs, strict=True)
            ]
            pool: list[dict[str, Any]] = []
            while len(pool) < needed:
                street = self.rng.choice(streets)
                nummer = street.nummer
                street.nummer += self.rng.choice((1, 2, 2, 3))
                letters = street.blok + nummer // 12
                postcode = f"{street.pc4}{chr(65 + (letters // 26) % 26)}{chr(65 + letters % 26)}"
                units = [None] if self.chance(0.5) else list(plan.units[: self.rng.randint(2, 4)])
                for unit in units:
                    self._object_seq += 1
                    pool.append(
                        {
                            "object": f"{code}01{self._object_seq:010d}",
                            "nummeraanduiding": f"{code}20{self._object_seq:010d}",
                            "straat": street.naam,
                            "huisnummer": nummer,
                            "huisletter": unit if plan.unit_kind == "letter" else None,
                            "toevoeging": unit if plan.unit_kind == "toevoeging" else None,
                            "postcode": postcode,
                            "gemeentecode": code,
                        }
                    )
            self.rng.shuffle(pool)
            self._pool[code] = pool

    def take_object(
        self,
        code: str,
        *,
        gebruiksdoelen: list[str],
        oppervlakte: int,
        status: str = IN_GEBRUIK,
        in_onderzoek: bool = False,
    ) -> str:
        spec = self._pool[code].pop()
        self.add_object(
            object_id=spec["object"],
            nummeraanduiding=spec["nummeraanduiding"],
            straat=spec["straat"],
            huisnummer=spec["huisnummer"],
            huisletter=spec["huisletter"],
            toevoeging=spec["toevoeging"],
            postcode=spec["postcode"],
            gemeentecode=code,
            gebruiksdoelen=gebruiksdoelen,
            oppervlakte=oppervlakte,
            status=status,
            in_onderzoek=in_onderzoek,
        )
        return str(spec["object"])

    def add_object(
        self,
        *,
        object_id: str,
        nummeraanduiding: str,
        straat: str,
        huisnummer: int,
        huisletter: str | None,
        toevoeging: str | None,
        postcode: str,
        gemeentecode: str,
        gebruiksdoelen: list[str],
        oppervlakte: int,
        status: str,
        in_onderzoek: bool,
    ) -> None:
        self.rows["bag_verblijfsobject"].append(
            {
                "identificatie": object_id,
                "gemeentecode": gemeentecode,
                "gebruiksdoelen": gebruiksdoelen,
                "oppervlakte": oppervlakte,
                "status": status,
                "in_onderzoek": in_onderzoek,
            }
        )
        self.rows["bag_adres"].append(
            {
                "nummeraanduiding_identificatie": nummeraanduiding,
                "adresseerbaar_object_identificatie": object_id,
                "openbare_ruimte_naam": straat,
                "korte_naam": _korte_naam(straat),
                "huisnummer": huisnummer,
                "huisletter": huisletter,
                "huisnummertoevoeging": toevoeging,
                "postcode": postcode,
                "woonplaats_naam": MUNICIPALITIES[gemeentecode],
            }
        )
        self._objects_by_id[object_id] = (
            self.rows["bag_verblijfsobject"][-1],
            self.rows["bag_adres"][-1],
        )

    def woning(self, code: str, oppervlakte: int) -> str:
        in_onderzoek = self.chance(0.012)
        status = IN_GEBRUIK_NIET_INGEMETEN if self.chance(0.03) else IN_GEBRUIK
        doelen = ["woonfunctie", "winkelfunctie"] if self.chance(0.03) else ["woonfunctie"]
        return self.take_object(
            code,
            gebruiksdoelen=doelen,
            oppervlakte=oppervlakte,
            status=status,
            in_onderzoek=in_onderzoek,
        )

    # --- BRP -----------------------------------------------------------------------------
    def person(
        self,
        *,
        geslacht: str,
        born: date,
        achternaam: tuple[str | None, str] | None = None,
    ) -> _Person:
        voorvoegsel, geslachtsnaam = achternaam or self.rng.choice(_ACHTERNAMEN)
        names = _MANNEN if geslacht == "M" else _VROUWEN
        voornamen = self.rng.choice(names)
        if self.chance(0.45):
            tweede = self.rng.choice(names)
            if tweede != voornamen:
                voornamen = f"{voornamen} {tweede}"
        return _Person(next(self._bsns), voornamen, voorvoegsel, geslachtsnaam, geslacht, born)

    def register(self, person: _Person, object_id: str, since: date) -> None:
        vbo, _ = self._objects_by_id[object_id]
        in_onderzoek = self.chance(0.01)
        geheim = self.chance(0.005)
        self._persons_by_bsn[person.bsn] = {
            "burgerservicenummer": person.bsn,
            "voornamen": person.voornamen,
            "voorvoegsel": person.voorvoegsel,
            "geslachtsnaam": person.geslachtsnaam,
            "geslacht": person.geslacht,
            "geboortedatum": person.geboortedatum,
            "adresseerbaar_object_identificatie": object_id,
            "datum_aanvang_adreshouding": max(since, person.geboortedatum),
            "gemeente_van_inschrijving": vbo["gemeentecode"],
            "in_onderzoek": in_onderzoek,
            "datum_ingang_onderzoek": self.day_in(2025, 2025) if in_onderzoek else None,
            "geheimhouding_persoonsgegevens": geheim,
        }
        self.rows["brp_persoon"].append(self._persons_by_bsn[person.bsn])
        self.copy_address("belastingdienst_adres", person.bsn)

    def relate(self, bsn: str, soort: str, other: str, verbintenis: str | None = None) -> None:
        self.rows["brp_relatie"].append(
            {
                "burgerservicenummer": bsn,
                "soort": soort,
                "gerelateerde": other,
                "soort_verbintenis": verbintenis,
            }
        )

    def gezag(self, kind: str, ouder: str, ander_ouder: str | None) -> None:
        self.rows["brp_gezagsrelatie"].append(
            {
                "minderjarige": kind,
                "type": "GezamenlijkOuderlijkGezag" if ander_ouder else "EenhoofdigOuderlijkGezag",
                "ouder": ouder,
                "ander_ouder": ander_ouder,
            }
        )
        self.count("gezag.gezamenlijk" if ander_ouder else "gezag.eenhoofdig")

    # --- other registries ----------------------------------------------------------------
    def copy_address(self, table: str, bsn: str) -> None:
        copied = self._copied.setdefault(table, {})
        if bsn in copied:
            return
        copied[bsn] = None
        persoon = self._persons_by_bsn[bsn]
        vbo, adres = self._objects_by_id[persoon["adresseerbaar_object_identificatie"]]
        self.rows[table].append(
            {
                "burgerservicenummer": bsn,
                "adresseerbaar_object_identificatie": vbo["identificatie"],
                "straatnaam": adres["openbare_ruimte_naam"],
                "huisnummer": adres["huisnummer"],
                "huisletter": adres["huisletter"],
                "huisnummertoevoeging": adres["huisnummertoevoeging"],
                "postcode": adres["postcode"],
                "woonplaats": adres["woonplaats_naam"],
                "gemeentecode": vbo["gemeentecode"],
                "datum_aanvang_adreshouding": persoon["datum_aanvang_adreshouding"],
                "gewijzigd_op": None,
            }
        )

    def toeslag(self, bsn: str, soort: str, since: date) -> None:
        low, high = _TOESLAG_BEDRAGEN[soort]
        ended = self.chance(0.06)
        self.rows["toeslagen_toeslag"].append(
            {
                "burgerservicenummer": bsn,
                "soort": soort,
                "status": "beeindigd" if ended else "lopend",
                "ingangsdatum": max(since, date(2019, 1, 1)),
                "bedrag_per_maand": self.rng.randint(low, high),
            }
        )
        self.count(f"toeslagen.{soort}")
        self.copy_address("toeslagen_adres", bsn)

    def studiefinanciering(self, bsn: str, code: str, thuiswonend: bool, since: date) -> None:
        school = self.rng.choice(_CITIES[code].schools)
        soort = (
            "mbo"
            if school.startswith(("ROC", "MBO", "Albeda"))
            else ("wo" if "Universiteit" in school else "hbo")
        )
        self.rows["duo_studiefinanciering"].append(
            {
                "burgerservicenummer": bsn,
                "onderwijssoort": soort,
                "onderwijsinstelling": school,
                "woonsituatie": "thuiswonend" if thuiswonend else "uitwonend",
                "ingangsdatum": since,
                "bedrag_per_maand": self.rng.randint(120, 130)
                if thuiswonend
                else self.rng.randint(300, 460),
            }
        )
        self.count("duo.studiefinanciering")
        self.copy_address("duo_adres", bsn)

    def kenteken(self) -> str:
        while True:
            letters = [self.rng.choice(_KENTEKEN_LETTERS) for _ in range(3)]
            kenteken = f"{letters[0]}{letters[1]}{self.rng.randint(100, 999)}{letters[2]}"
            if kenteken not in self._kentekens:
                self._kentekens[kenteken] = None
                return kenteken

    def voertuigen(self, bsn: str, aantal: int, since: date) -> list[str]:
        kentekens = []
        for _ in range(aantal):
            merk, model = self.rng.choice(_AUTO_S)
            kenteken = self.kenteken()
            kentekens.append(kenteken)
            self.rows["rdw_voertuig"].append(
                {
                    "kenteken": kenteken,
                    "burgerservicenummer": bsn,
                    "merk": merk,
                    "handelsbenaming": model,
                    "voertuigsoort": "Personenauto",
                    "datum_tenaamstelling": self.between(max(since, date(2012, 1, 1)), _LAST_MOVE),
                }
            )
        if aantal:
            self.count("rdw.eigenaren")
            self.count("rdw.voertuigen", aantal)
            self.copy_address("rdw_adres", bsn)
        return kentekens

    def belastingplicht(self, bsn: str, code: str, object_id: str, since: date) -> None:
        if self.chance(0.12):
            elders = self.rng.choice([c for c in _CITIES if c != code])
            self._aanslag_seq += 1
            self.rows["gemeente_belastingplicht"].append(
                {
                    "aanslagnummer": f"AS-{elders}-{self._aanslag_seq:06d}",
                    "burgerservicenummer": bsn,
                    "gemeentecode": elders,
                    "adresseerbaar_object_identificatie": (
                        f"{elders}01{self.rng.randint(0, 999_999):010d}"
                    ),
                    "omschrijving": "Afvalstoffenheffing en rioolheffing",
                    "status": "beeindigd",
                    "ingangsdatum": since - timedelta(days=self.rng.randint(400, 3000)),
                    "einddatum": since,
                }
            )
            self.count("gemeente.belastingplicht_beeindigd")
        self._aanslag_seq += 1
        self.rows["gemeente_belastingplicht"].append(
            {
                "aanslagnummer": f"AS-{code}-{self._aanslag_seq:06d}",
                "burgerservicenummer": bsn,
                "gemeentecode": code,
                "adresseerbaar_object_identificatie": object_id,
                "omschrijving": "Afvalstoffenheffing en rioolheffing",
                "status": "lopend",
                "ingangsdatum": since,
                "einddatum": None,
            }
        )

    def parkeervergunning(
        self, bsn: str, code: str, object_id: str, kenteken: str, since: date
    ) -> None:
        self._vergunning_seq += 1
        self.rows["gemeente_parkeervergunning"].append(
            {
                "vergunningnummer": f"PV-{code}-{self._vergunning_seq:06d}",
                "burgerservicenummer": bsn,
                "gemeentecode": code,
                "adresseerbaar_object_identificatie": object_id,
                "kenteken": kenteken,
                "status": "actief",
                "ingangsdatum": self.between(since, _LAST_MOVE),
                "einddatum": None,
            }
        )
        self.count("gemeente.parkeervergunningen")

    # --- households ----------------------------------------------------------------------
    def settle(
        self,
        code: str,
        object_id: str,
        adults: list[_Person],
        minors: list[_Person],
        *,
        students: bool = False,
    ) -> date:
        """Register a household at an object: BRP, taxes, vehicles, permits, zorgtoeslag."""
        youngest = max(p.geboortedatum for p in adults)
        earliest = max(date(youngest.year + 18, youngest.month, 1), date(1995, 1, 1))
        since = self.between(earliest, _LAST_MOVE)
        for person in adults + minors:
            self.register(person, object_id, since)
        vehicle_rate = {"0363": 0.30, "0599": 0.45, "0344": 0.38}[code]
        permit_rate = {"0363": 0.5, "0599": 0.25, "0344": 0.4}[code]
        for person in adults:
            adult_since = max(since, person.geboortedatum)
            self.belastingplicht(person.bsn, code, object_id, adult_since)
            rate = 0.05 if students else vehicle_rate
            aantal = (2 if self.chance(0.15) else 1) if self.chance(rate) else 0
            kentekens = self.voertuigen(person.bsn, aantal, adult_since)
            if kentekens and self.chance(permit_rate):
                self.parkeervergunning(person.bsn, code, object_id, kentekens[0], since)
            if self.chance(0.7 if students else 0.25):
                self.toeslag(person.bsn, "zorgtoeslag", adult_since)
        return since

    def adult(
        self,
        geslacht: str | None = None,
        *,
        born: tuple[int, int] = (1948, 1998),
        achternaam: tuple[str | None, str] | None = None,
    ) -> _Person:
        g = geslacht or self.rng.choice("MV")
        return self.person(geslacht=g, born=self.day_in(*born), achternaam=achternaam)

    def couple(self, *, born: tuple[int, int] = (1950, 1996)) -> list[_Person]:
        first = self.adult(born=born)
        same = self.chance(0.06)
        other_g = first.geslacht if same else ("V" if first.geslacht == "M" else "M")
        lo = max(born[0], first.geboortedatum.year - 6)
        hi = min(born[1], first.geboortedatum.year + 6)
        return [first, self.adult(other_g, born=(lo, hi))]

    def children(self, parent: _Person, n: int, *, family_name: _Person) -> list[_Person]:
        first_year = max(parent.geboortedatum.year + 21, 2002)
        kids = []
        for _ in range(n):
            born = self.day_in(first_year, 2024)
            kids.append(
                self.person(
                    geslacht=self.rng.choice("MV"),
                    born=born,
                    achternaam=(family_name.voorvoegsel, family_name.geslachtsnaam),
                )
            )
        return sorted(kids, key=lambda k: k.geboortedatum)

    def household(self, code: str, kind: str) -> None:
        """Create one household of `kind` in municipality `code`, with its registry facts."""
        rng = self.rng
        if kind == "single":
            person = self.adult()
            size = rng.randint(28, 85)
            obj = self.woning(code, size)
            since = self.settle(code, obj, [person], [])
            if self.chance(0.3):
                self.toeslag(person.bsn, "huurtoeslag", since)
        elif kind in ("married", "registered", "cohabiting"):
            pair = self.couple()
            obj = self.woning(code, rng.randint(45, 130))
            since = self.settle(code, obj, pair, [])
            self.bond(pair, kind)
            if self.chance(0.1):
                self.toeslag(pair[0].bsn, "huurtoeslag", since)
        elif kind == "family":
            pair = self.couple(born=(1972, 1996))
            bond = rng.choice(("married", "married", "registered", "cohabiting"))
            young = min(pair, key=lambda p: p.geboortedatum)
            kids = self.children(young, rng.choice((1, 2, 2, 3)), family_name=pair[0])
            adult_kids = [k for k in kids if _age(k.geboortedatum) >= 18]
            minors = [k for k in kids if _age(k.geboortedatum) < 18]
            crowded = self.chance(0.05)
            size = rng.randint(25, 40) if crowded else rng.randint(60, 160)
            obj = self.woning(code, size)
            since = self.settle(code, obj, pair + adult_kids, minors)
            self.bond(pair, bond)
            for kid in kids:
                for parent in pair:
                    self.relate(parent.bsn, "kind", kid.bsn)
            for kid in minors:
                self.gezag(kid.bsn, pair[0].bsn, pair[1].bsn)
                if _age(kid.geboortedatum) >= 16:
                    self.count("gezin.minderjarige_16_plus")
            for kid in adult_kids:
                self.count("gezin.meerderjarig_kind_thuis")
                if self.chance(0.5):
                    self.studiefinanciering(
                        kid.bsn, code, True, date(kid.geboortedatum.year + 18, 9, 1)
                    )
            self.family_benefits(pair[0], minors, since)
        elif kind == "separated":
            mother, father = self.adult("V", born=(1975, 1995)), self.adult("M", born=(1973, 1994))
            kids = self.children(mother, rng.choice((1, 2)), family_name=father)
            kids = [k for k in kids if _age(k.geboortedatum) < 18] or self.children(
                mother, 1, family_name=father
            )
            minors = [k for k in kids if _age(k.geboortedatum) < 18]
            home, away = (mother, father) if self.chance(0.7) else (father, mother)
            obj = self.woning(code, rng.randint(55, 110))
            since = self.settle(code, obj, [home], kids)
            other_code = code if self.chance(0.8) else rng.choice([c for c in _CITIES if c != code])
            self.settle(other_code, self.woning(other_code, rng.randint(30, 75)), [away], [])
            for kid in kids:
                self.relate(home.bsn, "kind", kid.bsn)
                self.relate(away.bsn, "kind", kid.bsn)
            for kid in minors:
                self.gezag(kid.bsn, home.bsn, away.bsn)
            self.family_benefits(home, minors, since)
            if self.chance(0.5):
                self.toeslag(home.bsn, "huurtoeslag", since)
        elif kind == "single_parent":
            parent = self.adult(born=(1978, 1998))
            kids = self.children(parent, rng.choice((1, 1, 2)), family_name=parent)
            minors = [k for k in kids if _age(k.geboortedatum) < 18]
            adults = [parent] + [k for k in kids if _age(k.geboortedatum) >= 18]
            obj = self.woning(code, rng.randint(45, 100))
            since = self.settle(code, obj, adults, minors)
            for kid in kids:
                self.relate(kid.bsn, "ouder", parent.bsn)
            for kid in minors:
                self.gezag(kid.bsn, parent.bsn, None)
            self.family_benefits(parent, minors, since)
            if self.chance(0.6):
                self.toeslag(parent.bsn, "huurtoeslag", since)
        elif kind == "student":
            student = self.adult(born=(2001, 2007))
            obj = self.woning(code, rng.randint(16, 32))
            since = self.settle(code, obj, [student], [], students=True)
            if self.chance(0.85):
                self.studiefinanciering(student.bsn, code, False, self.between(since, _LAST_MOVE))
            if self.chance(0.3):
                self.toeslag(student.bsn, "huurtoeslag", since)
            self.count("studenten", 1)
        elif kind in ("student_house", "crowded"):
            n = rng.randint(3, 5) if kind == "student_house" else rng.randint(5, 7)
            born = (2001, 2007) if kind == "student_house" else (1975, 2003)
            people = [self.adult(born=born) for _ in range(n)]
            if kind == "crowded" or self.chance(0.45):
                size = rng.randint(24, 12 * n - 2)
            else:
                size = rng.randint(12 * n + 5, 25 * n)
            obj = self.woning(code, size)
            since = self.settle(code, obj, people, [], students=kind == "student_house")
            if kind == "student_house":
                self.count("studenten", n)
                for person in people:
                    if self.chance(0.85):
                        self.studiefinanciering(
                            person.bsn, code, False, self.between(since, _LAST_MOVE)
                        )
        self.count(f"huishoudens.{kind}")

    def bond(self, pair: list[_Person], kind: str) -> None:
        code = {"married": "H", "registered": "P"}.get(kind)
        if code:
            self.relate(pair[0].bsn, "partner", pair[1].bsn, code)
            self.count("partners.huwelijk" if code == "H" else "partners.geregistreerd")

    def family_benefits(self, parent: _Person, minors: list[_Person], since: date) -> None:
        if not minors:
            return
        if any(_age(k.geboortedatum) < 12 for k in minors) and self.chance(0.45):
            self.toeslag(parent.bsn, "kinderopvangtoeslag", since)
        if self.chance(0.4):
            self.toeslag(parent.bsn, "kindgebondenbudget", since)

    # --- the whole population -------------------------------------------------------------
    def build(self) -> Population:
        """Generate the whole population: demo facts, households per city, special objects."""
        self.add_object(
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
        self.build_addresses()
        self.demo_person()
        kinds = (("single", 27), ("married", 10), ("registered", 4), ("cohabiting", 5),
                 ("family", 22), ("separated", 5), ("single_parent", 6), ("student", 6),
                 ("student_house", 6), ("crowded", 2))  # fmt: skip
        names = [k for k, _ in kinds]
        weights = [w for _, w in kinds]
        for code, plan in _CITIES.items():
            made = 0
            while made < plan.households:
                kind = self.rng.choices(names, weights)[0]
                self.household(code, kind)
                made += 2 if kind == "separated" else 1
            self.special_objects(code, plan)
            for _ in range(plan.empty):
                self.woning(code, self.rng.randint(30, 140))
                self.count("adressen.leeg")
        self.derive_counts()
        return Population(rows=self.rows, counts=dict(sorted(self.counts.items())))

    def derive_counts(self) -> None:
        """Composition counts computed from the final rows."""
        residents: dict[str, int] = {}
        for persoon in self.rows["brp_persoon"]:
            object_id = persoon["adresseerbaar_object_identificatie"]
            residents[object_id] = residents.get(object_id, 0) + 1
        for vbo in self.rows["bag_verblijfsobject"]:
            n = residents.get(vbo["identificatie"], 0)
            if n and vbo["oppervlakte"] < 12 * n:
                self.count("adressen.overbewoond")
            if vbo["in_onderzoek"]:
                self.count("adressen.in_onderzoek")
        self.counts["personen"] = len(self.rows["brp_persoon"])
        self.counts["adressen"] = len(self.rows["bag_verblijfsobject"])
        for persoon in self.rows["brp_persoon"]:
            if persoon["in_onderzoek"]:
                self.count("personen.in_onderzoek")
            if persoon["geheimhouding_persoonsgegevens"]:
                self.count("personen.geheimhouding")
            self.count(f"personen.gemeente_{persoon['gemeente_van_inschrijving']}")

    def special_objects(self, code: str, plan: _CityPlan) -> None:
        """Non-residential objects and objects not in use, a few with someone registered."""
        for i in range(plan.non_residential):
            doel = NIET_WONEN[i % len(NIET_WONEN)]
            obj = self.take_object(
                code,
                gebruiksdoelen=[doel],
                oppervlakte=self.rng.randint(40, 900),
                in_onderzoek=i == 0,
            )
            self.count("adressen.niet_wonen")
            if i < 2:
                self.settle(code, obj, [self.adult()], [])
                self.count("personen.op_niet_woonadres")
        for i in range(plan.not_in_use):
            status = NIET_IN_GEBRUIK[i % len(NIET_IN_GEBRUIK)]
            obj = self.take_object(
                code,
                gebruiksdoelen=["woonfunctie"],
                oppervlakte=self.rng.randint(35, 120),
                status=status,
            )
            self.count("adressen.niet_in_gebruik")
            if i == 1:
                self.settle(code, obj, [self.adult()], [])
                self.count("personen.op_object_niet_in_gebruik")

    def demo_person(self) -> None:
        """BSN 999993653: single, Rotterdam, huurtoeslag, one vehicle, taxes at 0599."""
        obj = self.take_object("0599", gebruiksdoelen=["woonfunctie"], oppervlakte=48)
        person = _Person(DEMO_BSN, "Daan", "van den", "Berg", "M", date(1988, 6, 14))
        since = date(2019, 3, 1)
        self._persons_by_bsn[DEMO_BSN] = {
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
        self.rows["brp_persoon"].append(self._persons_by_bsn[DEMO_BSN])
        self.copy_address("belastingdienst_adres", DEMO_BSN)
        self.rows["toeslagen_toeslag"].append(
            {
                "burgerservicenummer": DEMO_BSN,
                "soort": "huurtoeslag",
                "status": "lopend",
                "ingangsdatum": since,
                "bedrag_per_maand": 310,
            }
        )
        self.copy_address("toeslagen_adres", DEMO_BSN)
        self.rows["rdw_voertuig"].append(
            {
                "kenteken": "GZ123X",
                "burgerservicenummer": DEMO_BSN,
                "merk": "Toyota",
                "handelsbenaming": "Yaris",
                "voertuigsoort": "Personenauto",
                "datum_tenaamstelling": date(2021, 5, 12),
            }
        )
        self._kentekens["GZ123X"] = None
        self.copy_address("rdw_adres", DEMO_BSN)
        self._aanslag_seq += 1
        self.rows["gemeente_belastingplicht"].append(
            {
                "aanslagnummer": f"AS-0599-{self._aanslag_seq:06d}",
                "burgerservicenummer": DEMO_BSN,
                "gemeentecode": "0599",
                "adresseerbaar_object_identificatie": obj,
                "omschrijving": "Afvalstoffenheffing en rioolheffing",
                "status": "lopend",
                "ingangsdatum": since,
                "einddatum": None,
            }
        )


def _age(born: date) -> int:
    years = _REFERENCE.year - born.year
    return years - ((_REFERENCE.month, _REFERENCE.day) < (born.month, born.day))


@functools.cache
def generate_population() -> Population:
    """Build (once per process) the deterministic synthetic population."""
    return _Generator().build()


def load_population(session: Session, population: Population | None = None) -> None:
    """Replace every mock table's content by the population, with bulk inserts.

    Empties every table of `MockModel.metadata` (the effects ledger included) and commits.

    Args:
        session: Database session.
        population: The population; the seeded one when None.
    """
    population = population or generate_population()
    connection = session.connection()
    tables = sorted_tables()
    for table in reversed(tables):
        connection.execute(table.delete())
    for table in tables:
        rows = population.rows.get(table.name)
        if rows:
            connection.execute(insert(table), rows)
    session.commit()
