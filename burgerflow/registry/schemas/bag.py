"""BAG wire models (Individuele Bevragingen v2, HAL)."""

from pydantic import Field

from burgerflow.registry.schemas.common import WireModel


class HalLink(WireModel):
    """A HAL link."""

    href: str


class AdresLinks(WireModel):
    """Links of an address."""

    self: HalLink
    adresseerbaar_object: HalLink | None = None


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
    """

    openbare_ruimte_naam: str
    korte_naam: str | None = None
    huisnummer: int
    huisletter: str | None = None
    huisnummertoevoeging: str | None = None
    postcode: str | None = None
    woonplaats_naam: str
    nummeraanduiding_identificatie: str
    adresseerbaar_object_identificatie: str | None = None
    adresregel5: str | None = None
    adresregel6: str | None = None
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
    """

    identificatie: str
    domein: str = "NL.IMBAG.Verblijfsobject"
    gebruiksdoelen: list[str] = []
    oppervlakte: int | None = None
    status: str | None = None
    geconstateerd: str = "N"
    heeft_als_hoofd_adres: str | None = None
    in_onderzoek: bool = False

    @property
    def gemeentecode(self) -> str:
        """The municipality code: the first four digits of the identifier."""
        return self.identificatie[:4]


class VerblijfsobjectLinks(WireModel):
    """Links of an addressable object."""

    self: HalLink
    heeft_als_hoofd_adres: HalLink | None = None


class VerblijfsobjectHal(WireModel):
    """`{"verblijfsobject": {...}, "_links": {...}}`."""

    verblijfsobject: VerblijfsobjectPublic
    links: VerblijfsobjectLinks | None = Field(default=None, alias="_links")


class AdresseerbaarObjectPublic(WireModel):
    """The response of `GET /adresseerbareobjecten/{id}` (only verblijfsobjecten are mocked)."""

    verblijfsobject: VerblijfsobjectHal
