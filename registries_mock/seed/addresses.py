"""The seed's BAG: each municipality's addresses and the objects taken from them.

Each municipality gets a pool of addresses: streets with one postcode each and buildings of
one to four units (huisletter or huisnummertoevoeging). Households, empty dwellings and
special objects take their object from the pool; `add_object` writes the BAG rows.
"""

from dataclasses import dataclass
from typing import Any

from burgerflow.core.constants import MUNICIPALITIES
from registries_mock.seed.source import Draft
from registries_mock.seed_data.cities import CITIES
from registries_mock.seed_data.registers import IN_GEBRUIK, IN_GEBRUIK_NIET_INGEMETEN

DEMO_POSTCODE = "1012AB"
"""The demo address's postcode; no generated street gets its four digits."""


def korte_naam(straat: str) -> str:
    """BAG's short street name: common titles abbreviated, at most 24 characters."""
    for long, short in (("Burgemeester ", "Burg "), ("Admiraal ", "Adm "), ("Kardinaal ", "Kard ")):
        straat = straat.replace(long, short)
    return straat[:24]


@dataclass
class Street:
    """A street being filled: its postcode area, the next house number and its block."""

    naam: str
    pc4: int
    nummer: int
    blok: int


class Addresses:
    """The BAG part of the seed.

    Args:
        draft: The population being drawn.
    """

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.rng = draft.rng
        self._object_seq = 1_000_000
        self._pool: dict[str, list[dict[str, Any]]] = {}

    def build_addresses(self) -> None:
        """Fill each city's pool of addresses: streets with one postcode, buildings of 1-4 units."""
        for code, plan in CITIES.items():
            needed = plan.households + plan.empty + plan.non_residential + plan.not_in_use + 40
            codes = [
                pc for pc in range(plan.pc4[0], plan.pc4[1] + 1) if pc != int(DEMO_POSTCODE[:4])
            ]
            pcs = self.rng.sample(codes, len(plan.streets))
            streets = [
                Street(s, pc, 1 + self.rng.randint(0, 40), self.rng.randint(0, 20))
                for s, pc in zip(plan.streets, pcs, strict=True)
            ]
            pool: list[dict[str, Any]] = []
            while len(pool) < needed:
                street = self.rng.choice(streets)
                nummer = street.nummer
                street.nummer += self.rng.choice((1, 2, 2, 3))
                letters = street.blok + nummer // 12
                postcode = f"{street.pc4}{chr(65 + (letters // 26) % 26)}{chr(65 + letters % 26)}"
                units = (
                    [None] if self.draft.chance(0.5) else list(plan.units[: self.rng.randint(2, 4)])
                )
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
        """Take the next address of a municipality's pool as an object; returns its id."""
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
        """Add an addressable object and its address to BAG."""
        self.draft.rows["bag_verblijfsobject"].append(
            {
                "identificatie": object_id,
                "gemeentecode": gemeentecode,
                "gebruiksdoelen": gebruiksdoelen,
                "oppervlakte": oppervlakte,
                "status": status,
                "in_onderzoek": in_onderzoek,
            }
        )
        self.draft.rows["bag_adres"].append(
            {
                "nummeraanduiding_identificatie": nummeraanduiding,
                "adresseerbaar_object_identificatie": object_id,
                "openbare_ruimte_naam": straat,
                "korte_naam": korte_naam(straat),
                "huisnummer": huisnummer,
                "huisletter": huisletter,
                "huisnummertoevoeging": toevoeging,
                "postcode": postcode,
                "woonplaats_naam": MUNICIPALITIES[gemeentecode],
            }
        )
        self.draft.objects_by_id[object_id] = (
            self.draft.rows["bag_verblijfsobject"][-1],
            self.draft.rows["bag_adres"][-1],
        )

    def woning(self, code: str, oppervlakte: int) -> str:
        """A dwelling: a few not measured, with a shop or under investigation."""
        in_onderzoek = self.draft.chance(0.012)
        status = IN_GEBRUIK_NIET_INGEMETEN if self.draft.chance(0.03) else IN_GEBRUIK
        doelen = ["woonfunctie", "winkelfunctie"] if self.draft.chance(0.03) else ["woonfunctie"]
        return self.take_object(
            code,
            gebruiksdoelen=doelen,
            oppervlakte=oppervlakte,
            status=status,
            in_onderzoek=in_onderzoek,
        )
