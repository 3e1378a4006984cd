"""BAG tables: verblijfsobjecten (addressable objects) and their addresses (nummeraanduidingen)."""

from sqlalchemy import JSON, Column
from sqlmodel import Field

from registries_mock.db import MockModel


class VerblijfsobjectBase(MockModel):
    """An addressable object (verblijfsobject).

    Attributes:
        identificatie: 16 digits `GGGG01NNNNNNNNNN`; the first four are the gemeentecode.
        gemeentecode: The municipality the object lies in.
        gebruiksdoelen: Use purposes, e.g. `woonfunctie`, `kantoorfunctie`.
        oppervlakte: Usable floor area in m².
        status: BAG status, e.g. `Verblijfsobject in gebruik`.
        in_onderzoek: Whether the object's data are under investigation.
    """

    identificatie: str = Field(primary_key=True, max_length=16)
    gemeentecode: str = Field(index=True, max_length=4)
    gebruiksdoelen: list[str] = Field(sa_column=Column(JSON, nullable=False))
    oppervlakte: int
    status: str
    in_onderzoek: bool = False


class Verblijfsobject(VerblijfsobjectBase, table=True):
    """Table of addressable objects."""

    __tablename__ = "bag_verblijfsobject"


class AdresBase(MockModel):
    """An address (nummeraanduiding with its street and place) of an addressable object.

    Attributes:
        nummeraanduiding_identificatie: 16 digits `GGGG20NNNNNNNNNN`.
        adresseerbaar_object_identificatie: The object this is the main address of.
        openbare_ruimte_naam: Official street name.
        korte_naam: Street name of at most 24 characters.
        huisnummer: House number.
        huisletter: House letter, if any.
        huisnummertoevoeging: House number addition, if any.
        postcode: Postcode without space, e.g. `1011AA`.
        woonplaats_naam: Place name.
    """

    nummeraanduiding_identificatie: str = Field(primary_key=True, max_length=16)
    adresseerbaar_object_identificatie: str = Field(index=True, max_length=16)
    openbare_ruimte_naam: str
    korte_naam: str
    huisnummer: int
    huisletter: str | None = None
    huisnummertoevoeging: str | None = None
    postcode: str = Field(index=True, max_length=6)
    woonplaats_naam: str


class Adres(AdresBase, table=True):
    """Table of addresses."""

    __tablename__ = "bag_adres"
