"""Burgerlijke stand tables: deeds of death, disposal permits and messages to undertakers."""

from datetime import date, datetime, time

from sqlmodel import Field

from registries_mock.db import NOT_SEEDED, MockModel


class AkteVanOverlijdenBase(MockModel):
    """A deed of death in the municipality's register of deaths.

    Attributes:
        burgerservicenummer: The deceased (one deed per person).
        geslachtsnaam: Their surname, as reported.
        geboortedatum: Their date of birth, as reported.
        datum_overlijden: The day of death.
        tijdstip_overlijden: The time of death, when reported.
        gemeentecode: The municipality whose register holds it (where the person died).
        jaar: The register's year.
        volgnummer: The deed's rank in that year's register of the municipality.
        opgemaakt_op: When it was drawn up (UTC).
    """

    burgerservicenummer: str = Field(unique=True, max_length=9)
    geslachtsnaam: str
    geboortedatum: date
    datum_overlijden: date
    tijdstip_overlijden: time | None = None
    gemeentecode: str = Field(index=True, max_length=4)
    jaar: int
    volgnummer: int
    opgemaakt_op: datetime


class AkteVanOverlijden(AkteVanOverlijdenBase, table=True):
    """Table of deeds of death."""

    __tablename__ = "burgerlijke_stand_akte_van_overlijden"
    __table_args__ = {"info": {NOT_SEEDED: True}}

    aktenummer: str = Field(primary_key=True, max_length=40)


class VerlofBase(MockModel):
    """A permit for burial or cremation, issued on a deed of death.

    Attributes:
        aktenummer: The deed (one permit per deed).
        burgerservicenummer: The deceased.
        soort: `begraven` or `cremeren`.
        datum: The day of the burial or cremation.
        afgegeven_op: When it was issued (UTC).
    """

    aktenummer: str = Field(unique=True, max_length=40)
    burgerservicenummer: str = Field(index=True, max_length=9)
    soort: str
    datum: date
    afgegeven_op: datetime


class Verlof(VerlofBase, table=True):
    """Table of disposal permits."""

    __tablename__ = "burgerlijke_stand_verlof"
    __table_args__ = {"info": {NOT_SEEDED: True}}

    verlofnummer: str = Field(primary_key=True, max_length=40)


class UitvaartberichtBase(MockModel):
    """A message from the municipality to an undertaker (its outbox for organisations).

    Attributes:
        ontvanger: The undertaker (eHerkenning organisation or the reporting service).
        burgerservicenummer: The deceased it is about.
        onderwerp: Subject line.
        inhoud: Body text.
        aktenummer: The deed of death it names, if any.
        verlofnummer: The disposal permit it names, if any.
        bezorgd_op: When it was delivered (UTC).
    """

    ontvanger: str = Field(index=True, max_length=200)
    burgerservicenummer: str = Field(max_length=9)
    onderwerp: str
    inhoud: str
    aktenummer: str | None = None
    verlofnummer: str | None = None
    bezorgd_op: datetime


class Uitvaartbericht(UitvaartberichtBase, table=True):
    """Table of messages to undertakers."""

    __tablename__ = "burgerlijke_stand_uitvaartbericht"
    __table_args__ = {"info": {NOT_SEEDED: True}}

    id: str = Field(primary_key=True, max_length=36)
