"""BAG wire models (Individuele Bevragingen v2, HAL).

They read what the real API sends and ignore what they do not know. Properties the product
does not use are optional here (the mock sends every one the specification requires), so
that receipts recorded before they existed still read.
"""

from datetime import date, datetime

from pydantic import AliasChoices, Field

from burgerflow.registry.schemas.common import WireModel


class HalLink(WireModel):
    """A HAL link."""

    href: str


class AdresLinks(WireModel):
    """Links of an address."""

    self: HalLink
    adresseerbaar_object: HalLink | None = None
    openbare_ruimte: HalLink | None = None
    nummeraanduiding: HalLink | None = None
    woonplaats: HalLink | None = None


class AdresPublic(WireModel):
    """An address as `GET /adressen` returns it.

    Attributes:
        openbare_ruimte_naam: Official street name.
        korte_naam: Short street name.
        huisnummer: House number.
        huisletter: House letter, if any.
        huisnummertoevoeging: House number addition, if any.
        postcode: Postcode, e.g. `1011AA`.
        woonplaats_naam: Place name.
        nummeraanduiding_identificatie: BAG id of the number designation.
        adresseerbaar_object_identificatie: BAG id of the object (16 digits, gemeentecode first).
        adresregel5: Street line, e.g. `Teststraat 1 A`.
        adresregel6: Postcode and place line, e.g. `1011 AA  AMSTERDAM`.
        kort_naam: The short street name under the name the specification requires
            (`kortNaam`; its properties spell it `korteNaam`).
        openbare_ruimte_identificatie: BAG id of the street (`GGGG30NNNNNNNNNN`).
        woonplaats_identificatie: The four-digit woonplaatscode.
    """

    openbare_ruimte_naam: str
    korte_naam: str | None = Field(
        default=None, validation_alias=AliasChoices("korteNaam", "kortNaam", "korte_naam")
    )
    huisnummer: int
    huisletter: str | None = None
    huisnummertoevoeging: str | None = None
    postcode: str | None = None
    woonplaats_naam: str
    nummeraanduiding_identificatie: str
    adresseerbaar_object_identificatie: str | None = None
    adresregel5: str | None = None
    adresregel6: str | None = None
    kort_naam: str | None = None
    openbare_ruimte_identificatie: str | None = None
    woonplaats_identificatie: str | None = None
    links: AdresLinks | None = Field(default=None, alias="_links")


class AdressenEmbedded(WireModel):
    """`_embedded` of the address search."""

    adressen: list[AdresPublic] = []


class SelfLinks(WireModel):
    """Links with only `self`."""

    self: HalLink


class AdressenPublic(WireModel):
    """The HAL response of `GET /adressen`."""

    embedded: AdressenEmbedded = Field(default_factory=AdressenEmbedded, alias="_embedded")
    links: SelfLinks | None = Field(default=None, alias="_links")


class Punt(WireModel):
    """A GeoJSON point in Rijksdriehoek coordinates (epsg:28992)."""

    type: str = "Point"
    coordinates: list[float]


class Geometrie(WireModel):
    """BAG's `PuntOfVlak`: a point or a surface (only points are mocked)."""

    punt: Punt | None = None
    vlak: dict[str, object] | None = None


class Voorkomen(WireModel):
    """One version of a BAG object in the registry."""

    versie: int
    begin_geldigheid: date
    eind_geldigheid: date | None = None
    tijdstip_registratie: datetime
    eind_registratie: datetime | None = None
    tijdstip_registratie_lv: datetime = Field(alias="tijdstipRegistratieLV")
    tijdstip_eind_registratie_lv: datetime | None = Field(
        default=None, alias="tijdstipEindRegistratieLV"
    )


class VerblijfsobjectPublic(WireModel):
    """An addressable object (verblijfsobject).

    Attributes:
        identificatie: 16 digits `GGGG01NNNNNNNNNN`.
        domein: Always `NL.IMBAG.Verblijfsobject`.
        gebruiksdoelen: Use purposes, e.g. `["woonfunctie"]`.
        oppervlakte: Usable floor area in m².
        status: E.g. `Verblijfsobject in gebruik`, `Verblijfsobject gevormd`.
        geconstateerd: `J` when recorded by observation rather than a decision.
        heeft_als_hoofd_adres: Nummeraanduiding id of the main address.
        in_onderzoek: Whether the object's data are under investigation.
        type: `Verblijfsobject` (the kind of addressable object).
        documentdatum: The date of the decision the object rests on.
        documentnummer: Its number.
        geometrie: Where the object lies.
        voorkomen: The version of the object.
        maakt_deel_uit_van: The buildings (panden) it is part of.
    """

    identificatie: str
    domein: str = "NL.IMBAG.Verblijfsobject"
    gebruiksdoelen: list[str] = []
    oppervlakte: int | None = None
    status: str | None = None
    geconstateerd: str = "N"
    heeft_als_hoofd_adres: str | None = None
    in_onderzoek: bool = False
    type: str | None = None
    documentdatum: date | None = None
    documentnummer: str | None = None
    geometrie: Geometrie | None = None
    voorkomen: Voorkomen | None = None
    maakt_deel_uit_van: list[str] = []

    @property
    def gemeentecode(self) -> str:
        """The municipality code: the first four digits of the identifier."""
        return self.identificatie[:4]


class VerblijfsobjectLinks(WireModel):
    """Links of an addressable object."""

    self: HalLink
    heeft_als_hoofd_adres: HalLink | None = None
    maakt_deel_uit_van: list[HalLink] = []


class VerblijfsobjectHal(WireModel):
    """`{"verblijfsobject": {...}, "_links": {...}}`."""

    verblijfsobject: VerblijfsobjectPublic
    links: VerblijfsobjectLinks | None = Field(default=None, alias="_links")


class AdresseerbaarObjectPublic(WireModel):
    """The response of `GET /adresseerbareobjecten/{id}` (only verblijfsobjecten are mocked)."""

    verblijfsobject: VerblijfsobjectHal
