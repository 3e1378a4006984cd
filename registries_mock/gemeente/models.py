"""Gemeente tables."""

from datetime import date

from sqlmodel import Field

from registries_mock.db import MockModel


class BelastingplichtBase(MockModel):
    """A person's liability for municipal taxes at one municipality.

    Attributes:
        aanslagnummer: Identifier, e.g. `AS-0363-000123`.
        burgerservicenummer: The taxpayer.
        gemeentecode: The municipality levying the taxes.
        adresseerbaar_object_identificatie: The object the taxes concern.
        omschrijving: What is levied.
        status: `lopend` or `beeindigd`.
        ingangsdatum: Start date.
        einddatum: End date, once ended.
    """

    aanslagnummer: str = Field(primary_key=True, max_length=32)
    burgerservicenummer: str = Field(index=True, max_length=9)
    gemeentecode: str = Field(max_length=4)
    adresseerbaar_object_identificatie: str = Field(max_length=16)
    omschrijving: str = "Afvalstoffenheffing en rioolheffing"
    status: str = "lopend"
    ingangsdatum: date
    einddatum: date | None = None


class Belastingplicht(BelastingplichtBase, table=True):
    """Table of municipal tax liabilities."""

    __tablename__ = "gemeente_belastingplicht"


class ParkeervergunningBase(MockModel):
    """A resident's parking permit, tied to an address.

    Attributes:
        vergunningnummer: Identifier, e.g. `PV-0363-000042`.
        burgerservicenummer: The holder.
        gemeentecode: The issuing municipality.
        adresseerbaar_object_identificatie: The address the permit belongs to.
        kenteken: The vehicle, if tied to one.
        status: `actief` or `beeindigd`.
        ingangsdatum: Start date.
        einddatum: End date, once ended.
    """

    vergunningnummer: str = Field(primary_key=True, max_length=32)
    burgerservicenummer: str = Field(index=True, max_length=9)
    gemeentecode: str = Field(max_length=4)
    adresseerbaar_object_identificatie: str = Field(max_length=16)
    kenteken: str | None = None
    status: str = "actief"
    ingangsdatum: date
    einddatum: date | None = None


class Parkeervergunning(ParkeervergunningBase, table=True):
    """Table of parking permits."""

    __tablename__ = "gemeente_parkeervergunning"
