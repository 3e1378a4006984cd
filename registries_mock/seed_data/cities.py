"""The municipalities of the seed: their size, postcodes, streets, unit numbering and schools.

Data only; the generator reads it in this order, so changing it changes the population.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CityPlan:
    """What the seed builds in one municipality.

    Attributes:
        households: Households to create (a separated couple counts as two).
        empty: Empty dwellings: targets for moves.
        non_residential: Objects without woonfunctie.
        not_in_use: Dwellings not in use.
        pc4: First and last four-digit postcode of the municipality.
        streets: Street names; each gets one postcode.
        units: How the units of a building are told apart.
        unit_kind: Whether `units` are huisletters (`letter`) or huisnummertoevoegingen
            (`toevoeging`).
        schools: Schools where its students study.
        vehicle_rate: Share of adults (not students) with a car.
        permit_rate: Share of car owners with a parking permit.
    """

    households: int
    empty: int
    non_residential: int
    not_in_use: int
    pc4: tuple[int, int]
    streets: tuple[str, ...]
    units: tuple[str, ...]
    unit_kind: str
    schools: tuple[str, ...]
    vehicle_rate: float
    permit_rate: float


CITIES: dict[str, CityPlan] = {
    "0363": CityPlan(
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
        vehicle_rate=0.30,
        permit_rate=0.5,
    ),  # fmt: skip
    "0599": CityPlan(
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
        vehicle_rate=0.45,
        permit_rate=0.25,
    ),  # fmt: skip
    "0344": CityPlan(
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
        vehicle_rate=0.38,
        permit_rate=0.4,
    ),  # fmt: skip
}
"""The municipalities by gemeentecode, in the order the generator builds them."""
