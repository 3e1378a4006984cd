"""The seed's rows of the registries beside BRP and BAG: benefits, student finance, vehicles,
municipal taxes, parking permits, and each registry's copy of a person's address.
"""

from datetime import date, timedelta

from registries_mock.seed.source import LAST_MOVE, Draft
from registries_mock.seed_data.cities import CITIES
from registries_mock.seed_data.registers import AUTOS, KENTEKEN_LETTERS, TOESLAG_BEDRAGEN


class Registers:
    """The other registries' part of the seed.

    Args:
        draft: The population being drawn.
    """

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.rng = draft.rng
        self._kentekens: dict[str, None] = {}
        self._aanslag_seq = 0
        self._vergunning_seq = 0
        self._copied: dict[str, dict[str, None]] = {}

    def reserve_kenteken(self, kenteken: str) -> None:
        """Mark a kenteken as given out (a fixed one), so none is generated twice."""
        self._kentekens[kenteken] = None

    def next_aanslagnummer(self, code: str) -> str:
        """The next aanslagnummer of a municipality."""
        self._aanslag_seq += 1
        return f"AS-{code}-{self._aanslag_seq:06d}"

    def copy_address(self, table: str, bsn: str) -> None:
        """Copy a person's BRP address into another registry's address table, once."""
        copied = self._copied.setdefault(table, {})
        if bsn in copied:
            return
        copied[bsn] = None
        persoon = self.draft.persons_by_bsn[bsn]
        vbo, adres = self.draft.objects_by_id[persoon["adresseerbaar_object_identificatie"]]
        self.draft.rows[table].append(
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
        """A benefit (Toeslagen), a few of them ended."""
        low, high = TOESLAG_BEDRAGEN[soort]
        ended = self.draft.chance(0.06)
        self.draft.rows["toeslagen_toeslag"].append(
            {
                "burgerservicenummer": bsn,
                "soort": soort,
                "status": "beeindigd" if ended else "lopend",
                "ingangsdatum": max(since, date(2019, 1, 1)),
                "bedrag_per_maand": self.rng.randint(low, high),
            }
        )
        self.draft.count(f"toeslagen.{soort}")
        self.copy_address("toeslagen_adres", bsn)

    def studiefinanciering(self, bsn: str, code: str, thuiswonend: bool, since: date) -> None:
        """Student finance (DUO) at a school of the municipality."""
        school = self.rng.choice(CITIES[code].schools)
        soort = (
            "mbo"
            if school.startswith(("ROC", "MBO", "Albeda"))
            else ("wo" if "Universiteit" in school else "hbo")
        )
        self.draft.rows["duo_studiefinanciering"].append(
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
        self.draft.count("duo.studiefinanciering")
        self.copy_address("duo_adres", bsn)

    def kenteken(self) -> str:
        """A kenteken not given out yet."""
        while True:
            letters = [self.rng.choice(KENTEKEN_LETTERS) for _ in range(3)]
            kenteken = f"{letters[0]}{letters[1]}{self.rng.randint(100, 999)}{letters[2]}"
            if kenteken not in self._kentekens:
                self._kentekens[kenteken] = None
                return kenteken

    def voertuigen(self, bsn: str, aantal: int, since: date) -> list[str]:
        """`aantal` cars registered to a person (RDW); returns their kentekens."""
        kentekens = []
        for _ in range(aantal):
            merk, model = self.rng.choice(AUTOS)
            kenteken = self.kenteken()
            kentekens.append(kenteken)
            self.draft.rows["rdw_voertuig"].append(
                {
                    "kenteken": kenteken,
                    "burgerservicenummer": bsn,
                    "merk": merk,
                    "handelsbenaming": model,
                    "voertuigsoort": "Personenauto",
                    "datum_tenaamstelling": self.draft.between(
                        max(since, date(2012, 1, 1)), LAST_MOVE
                    ),
                }
            )
        if aantal:
            self.draft.count("rdw.eigenaren")
            self.draft.count("rdw.voertuigen", aantal)
            self.copy_address("rdw_adres", bsn)
        return kentekens

    def belastingplicht(self, bsn: str, code: str, object_id: str, since: date) -> None:
        """A running municipal tax liability, sometimes after an ended one elsewhere."""
        if self.draft.chance(0.12):
            elders = self.rng.choice([c for c in CITIES if c != code])
            self.draft.rows["gemeente_belastingplicht"].append(
                {
                    "aanslagnummer": self.next_aanslagnummer(elders),
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
            self.draft.count("gemeente.belastingplicht_beeindigd")
        self.draft.rows["gemeente_belastingplicht"].append(
            {
                "aanslagnummer": self.next_aanslagnummer(code),
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
        """An active parking permit tied to the holder's address."""
        self._vergunning_seq += 1
        self.draft.rows["gemeente_parkeervergunning"].append(
            {
                "vergunningnummer": f"PV-{code}-{self._vergunning_seq:06d}",
                "burgerservicenummer": bsn,
                "gemeentecode": code,
                "adresseerbaar_object_identificatie": object_id,
                "kenteken": kenteken,
                "status": "actief",
                "ingangsdatum": self.draft.between(since, LAST_MOVE),
                "einddatum": None,
            }
        )
        self.draft.count("gemeente.parkeervergunningen")
