"""The seed's BRP: persons, their registration at an address, relations and custody."""

from dataclasses import dataclass
from datetime import date

from registries_mock.seed.registers import Registers
from registries_mock.seed.source import Draft
from registries_mock.seed_data.names import ACHTERNAMEN, MANNEN, VROUWEN


@dataclass
class SeedPerson:
    """A person being generated, before BRP has them."""

    bsn: str
    voornamen: str
    voorvoegsel: str | None
    geslachtsnaam: str
    geslacht: str
    geboortedatum: date


class People:
    """The BRP part of the seed.

    Args:
        draft: The population being drawn.
        registers: Where a registered person's address is copied to.
    """

    def __init__(self, draft: Draft, registers: Registers) -> None:
        self.draft = draft
        self.rng = draft.rng
        self.registers = registers

    def person(
        self,
        *,
        geslacht: str,
        born: date,
        achternaam: tuple[str | None, str] | None = None,
    ) -> SeedPerson:
        """A new person with a family name (drawn unless given) and one or two first names."""
        voorvoegsel, geslachtsnaam = achternaam or self.rng.choice(ACHTERNAMEN)
        names = MANNEN if geslacht == "M" else VROUWEN
        voornamen = self.rng.choice(names)
        if self.draft.chance(0.45):
            tweede = self.rng.choice(names)
            if tweede != voornamen:
                voornamen = f"{voornamen} {tweede}"
        return SeedPerson(
            self.draft.next_bsn(), voornamen, voorvoegsel, geslachtsnaam, geslacht, born
        )

    def register(self, person: SeedPerson, object_id: str, since: date) -> None:
        """Register a person in BRP at an object (and the Belastingdienst's copy); a few under
        investigation or with geheimhouding."""
        vbo, _ = self.draft.objects_by_id[object_id]
        in_onderzoek = self.draft.chance(0.01)
        geheim = self.draft.chance(0.005)
        self.draft.persons_by_bsn[person.bsn] = {
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
            "datum_ingang_onderzoek": self.draft.day_in(2025, 2025) if in_onderzoek else None,
            "geheimhouding_persoonsgegevens": geheim,
        }
        self.draft.rows["brp_persoon"].append(self.draft.persons_by_bsn[person.bsn])
        self.registers.copy_address("belastingdienst_adres", person.bsn)

    def relate(self, bsn: str, soort: str, other: str, verbintenis: str | None = None) -> None:
        """A BRP relation: `partner` (with its verbintenis), `kind` or `ouder`."""
        self.draft.rows["brp_relatie"].append(
            {
                "burgerservicenummer": bsn,
                "soort": soort,
                "gerelateerde": other,
                "soort_verbintenis": verbintenis,
            }
        )

    def gezag(self, kind: str, ouder: str, ander_ouder: str | None) -> None:
        """Custody of a minor: joint with `ander_ouder`, or sole."""
        self.draft.rows["brp_gezagsrelatie"].append(
            {
                "minderjarige": kind,
                "type": "GezamenlijkOuderlijkGezag" if ander_ouder else "EenhoofdigOuderlijkGezag",
                "ouder": ouder,
                "ander_ouder": ander_ouder,
            }
        )
        self.draft.count("gezag.gezamenlijk" if ander_ouder else "gezag.eenhoofdig")
