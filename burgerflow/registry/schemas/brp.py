"""BRP wire models: the Haal Centraal BRP Personen bevragen v2 request and `Persoon` shapes."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field

from burgerflow.registry.schemas.common import (
    Bsn,
    Datum,
    Gemeentecode,
    ObjectId,
    RequestModel,
    Waardetabel,
    WireModel,
)

FieldName = Annotated[str, Field(pattern=r"^[a-zA-Z0-9\._]{1,200}$")]

PERSOON_FIELDS: tuple[str, ...] = (
    "burgerservicenummer",
    "geslacht",
    "naam",
    "geboorte",
    "leeftijd",
    "verblijfplaats",
    "adressering",
    "gemeenteVanInschrijving",
    "partners",
    "kinderen",
    "ouders",
    "gezag",
    "overlijden",
)
"""Top-level `Persoon` properties a `fields` entry may select (a dotted path selects its
top-level part; `burgerservicenummer` is always returned)."""

AUTOMATIC_FIELDS: tuple[str, ...] = (
    "inOnderzoek",
    "geheimhoudingPersoonsgegevens",
    "opschortingBijhouding",
)
"""Properties the BRP delivers unasked; naming one in `fields` is a 400 (Personen v2.7.0)."""


class RaadpleegMetBurgerservicenummer(RequestModel):
    """Look up up to 20 persons by BSN; unknown BSNs are simply absent from the answer."""

    type: Literal["RaadpleegMetBurgerservicenummer"] = "RaadpleegMetBurgerservicenummer"
    burgerservicenummer: Annotated[list[Bsn], Field(min_length=1, max_length=20)]
    fields: Annotated[list[FieldName], Field(min_length=1, max_length=130)]
    gemeente_van_inschrijving: Gemeentecode | None = None


class ZoekMetAdresseerbaarObjectIdentificatie(RequestModel):
    """Find the persons registered at a BAG addressable object."""

    type: Literal["ZoekMetAdresseerbaarObjectIdentificatie"] = (
        "ZoekMetAdresseerbaarObjectIdentificatie"
    )
    adresseerbaar_object_identificatie: ObjectId
    fields: Annotated[list[FieldName], Field(min_length=1, max_length=130)]
    gemeente_van_inschrijving: Gemeentecode | None = None
    inclusief_overleden_personen: bool = False


PersonenQuery = Annotated[
    RaadpleegMetBurgerservicenummer | ZoekMetAdresseerbaarObjectIdentificatie,
    Field(discriminator="type"),
]


class NaamGerelateerde(WireModel):
    """Name of a related person."""

    voornamen: str | None = None
    voorvoegsel: str | None = None
    geslachtsnaam: str | None = None


class NaamPublic(NaamGerelateerde):
    """Name of a person, with initials and the full name."""

    voorletters: str | None = None
    volledige_naam: str | None = None


class GeboortePublic(WireModel):
    """Birth."""

    datum: Datum | None = None


class VerblijfadresPublic(WireModel):
    """The address of a residence: in the Netherlands (street, number, postcode) or abroad.

    An address abroad (`VerblijfadresBuitenland`, in a `VerblijfplaatsBuitenland`) has up to
    three free lines (`regel1`..`regel3`) and the country (`land`) instead.
    """

    officiele_straatnaam: str | None = None
    korte_straatnaam: str | None = None
    huisnummer: int | None = None
    huisletter: str | None = None
    huisnummertoevoeging: str | None = None
    postcode: str | None = None
    woonplaats: str | None = None
    regel1: str | None = None
    regel2: str | None = None
    regel3: str | None = None
    land: Waardetabel | None = None


VERBLIJFPLAATS_BUITENLAND = "VerblijfplaatsBuitenland"
"""The `verblijfplaats.type` of a person who lives abroad (emigrated)."""


class VerblijfplaatsPublic(WireModel):
    """Where a person lives: `type` `Adres` in the Netherlands, `VerblijfplaatsBuitenland`
    abroad (then `verblijfadres` has the lines and the country, and no BAG object).

    `datumVan` is the v2 name of `datumAanvangAdreshouding`; both are given.
    """

    type: str = "Adres"
    adresseerbaar_object_identificatie: str | None = None
    nummeraanduiding_identificatie: str | None = None
    functie_adres: Waardetabel | None = None
    datum_aanvang_adreshouding: Datum | None = None
    datum_van: Datum | None = None
    verblijfadres: VerblijfadresPublic | None = None

    @property
    def buitenland(self) -> bool:
        """Whether the person lives abroad."""
        return self.type == VERBLIJFPLAATS_BUITENLAND


class AdresseringPublic(WireModel):
    """Address lines that fit a window envelope."""

    adresregel1: str | None = None
    adresregel2: str | None = None


class PartnerPublic(WireModel):
    """A spouse or registered partner."""

    burgerservicenummer: str | None = None
    naam: NaamGerelateerde | None = None
    geboorte: GeboortePublic | None = None
    soort_verbintenis: Waardetabel | None = None


class KindPublic(WireModel):
    """A child."""

    burgerservicenummer: str | None = None
    naam: NaamGerelateerde | None = None
    geboorte: GeboortePublic | None = None


class OuderPublic(WireModel):
    """A parent; `ouderAanduiding` is `1` or `2`."""

    burgerservicenummer: str | None = None
    naam: NaamGerelateerde | None = None
    geboorte: GeboortePublic | None = None
    ouder_aanduiding: str | None = None


class NaamVolledigeNaam(WireModel):
    """A name given only in full (the parents and the minor in a custody relation)."""

    volledige_naam: str | None = None


class GezagPersoon(WireModel):
    """A person in a custody relation: a parent (`GezagOuder`, whose `naam` the specification
    requires) or the minor (`Minderjarige`, with `leeftijd`)."""

    burgerservicenummer: str | None = None
    naam: NaamVolledigeNaam | None = None
    leeftijd: int | None = None


class GezagPublic(WireModel):
    """A custody relation (Haal Centraal gezag v2).

    `GezamenlijkOuderlijkGezag` has `ouders` (two); `EenhoofdigOuderlijkGezag` has `ouder`.
    """

    type: str
    minderjarige: GezagPersoon
    ouders: list[GezagPersoon] | None = None
    ouder: GezagPersoon | None = None


class InOnderzoekPublic(WireModel):
    """Present when the person's data are under investigation."""

    aanduiding_gegevens_in_onderzoek: bool = True
    datum_ingang_onderzoek: Datum | None = None


class OverlijdenPublic(WireModel):
    """A person's death as BRP records it (Haal Centraal `Overlijden`).

    Attributes:
        datum: The day of death.
        plaats: The municipality of death (landelijke tabel Gemeenten).
        land: The country of death (landelijke tabel Landen).
    """

    datum: Datum | None = None
    plaats: Waardetabel | None = None
    land: Waardetabel | None = None


class OpschortingBijhouding(WireModel):
    """Why and since when the BRP stopped keeping a person's data up to date.

    `reden.code` is `O` (overlijden), `E` (emigratie), `M` (ministerieel besluit), `R`
    (pl is aangelegd in de rni) or `F` (fout).
    """

    reden: Waardetabel
    datum: Datum | None = None


OPSCHORTING_EMIGRATIE = "E"
"""`opschortingBijhouding.reden.code` of a person who emigrated."""
OPSCHORTING_OVERLIJDEN = "O"
"""`opschortingBijhouding.reden.code` of a person who died."""


class PersoonPublic(WireModel):
    """A person in the Haal Centraal v2 shape; properties not asked for in `fields` are absent.

    Empty lists are left out on the wire, as the real API does.
    """

    burgerservicenummer: str
    geslacht: Waardetabel | None = None
    naam: NaamPublic | None = None
    geboorte: GeboortePublic | None = None
    leeftijd: int | None = None
    verblijfplaats: VerblijfplaatsPublic | None = None
    adressering: AdresseringPublic | None = None
    gemeente_van_inschrijving: Waardetabel | None = None
    partners: list[PartnerPublic] = []
    kinderen: list[KindPublic] = []
    ouders: list[OuderPublic] = []
    gezag: list[GezagPublic] = []
    in_onderzoek: InOnderzoekPublic | None = None
    geheimhouding_persoonsgegevens: bool | None = None
    opschorting_bijhouding: OpschortingBijhouding | None = None
    overlijden: OverlijdenPublic | None = None

    @property
    def adresseerbaar_object_identificatie(self) -> str | None:
        """The BAG object the person lives at, when `verblijfplaats` was asked for."""
        return (
            self.verblijfplaats.adresseerbaar_object_identificatie if self.verblijfplaats else None
        )


class PersonenPublic(WireModel):
    """Response of `POST /haalcentraal/api/brp/personen`."""

    type: str
    personen: list[PersoonPublic] = []


class BrpAdreswijzigingPublic(WireModel):
    """Receipt of a BRP address change.

    Attributes:
        id: Receipt identifier.
        burgerservicenummer: The person who moved.
        adresseerbaar_object_identificatie: The new address's BAG object.
        vorig_adresseerbaar_object_identificatie: The previous one.
        datum_aanvang_adreshouding: The move date.
        gemeente_van_inschrijving: The municipality of registration after the move.
        ontvangen_op: When BRP applied it.
    """

    id: str
    burgerservicenummer: str
    adresseerbaar_object_identificatie: str
    vorig_adresseerbaar_object_identificatie: str | None = None
    datum_aanvang_adreshouding: date
    gemeente_van_inschrijving: Waardetabel
    ontvangen_op: datetime


class EmigratieCreate(RequestModel):
    """An emigration: BRP registers it; Belastingdienst, Toeslagen, DUO and RDW are notified.

    Attributes:
        burgerservicenummer: The person who emigrates.
        land: The country of destination (ISO 3166-1 alpha-2, not `NL`).
        regel1: The first line of the address abroad (street and number).
        regel2: The second line (place, often with its postcode), if any.
        regel3: The third line (region), if any.
        datum_vertrek: The day BRP deregisters the person (the departure, or the day of the
            report when it came later).
    """

    burgerservicenummer: Bsn
    land: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    regel1: Annotated[str, Field(min_length=1, max_length=40)]
    regel2: Annotated[str | None, Field(max_length=50)] = None
    regel3: Annotated[str | None, Field(max_length=35)] = None
    datum_vertrek: date


class BrpEmigratiePublic(WireModel):
    """Receipt of a BRP emigration.

    Attributes:
        id: Receipt identifier.
        burgerservicenummer: The person who emigrated.
        land: The country of destination.
        datum_vertrek: The day of deregistration.
        vorige_gemeente_van_inschrijving: The municipality the person was registered in.
        vorig_adresseerbaar_object_identificatie: The BAG object of their last address here.
        ontvangen_op: When BRP applied it.
    """

    id: str
    burgerservicenummer: str
    land: Waardetabel
    datum_vertrek: date
    vorige_gemeente_van_inschrijving: Waardetabel
    vorig_adresseerbaar_object_identificatie: str | None = None
    ontvangen_op: datetime


class EmigratieOntvangst(WireModel):
    """Receipt of an emigration notification (Belastingdienst, Toeslagen, DUO, RDW).

    Attributes:
        id: Receipt identifier.
        registratie: The registry that processed it (`belastingdienst`, `toeslagen`, ...).
        burgerservicenummer: The person.
        land: The country of destination (its code).
        datum_vertrek: The day of deregistration.
        ontvangen_op: When the registry applied it.
    """

    id: str
    registratie: str
    burgerservicenummer: str
    land: str
    datum_vertrek: date
    ontvangen_op: datetime


class OverlijdenCreate(RequestModel):
    """A death to record in BRP, after the registrar drew up the deed.

    Attributes:
        burgerservicenummer: The deceased.
        datum_overlijden: The day of death.
        gemeente_overlijden: The municipality of death (gemeentecode).
        aktenummer: The number of the deed of death (akte van overlijden).
    """

    burgerservicenummer: Bsn
    datum_overlijden: date
    gemeente_overlijden: Gemeentecode
    aktenummer: Annotated[str, Field(min_length=1, max_length=40)]


class BrpOverlijdenPublic(WireModel):
    """Receipt of a death recorded in BRP.

    Attributes:
        id: Receipt identifier.
        burgerservicenummer: The deceased.
        overlijden: The death as BRP now has it.
        opschorting_bijhouding: `O`, since the day of death.
        aktenummer: The deed it was recorded from.
        ontvangen_op: When BRP applied it.
    """

    id: str
    burgerservicenummer: str
    overlijden: OverlijdenPublic
    opschorting_bijhouding: OpschortingBijhouding
    aktenummer: str
    ontvangen_op: datetime
