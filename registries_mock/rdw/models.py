"""RDW tables."""

from datetime import date

from sqlmodel import Field

from registries_mock.adreskopie import AdresKopieBase
from registries_mock.db import MockModel


class VoertuigBase(MockModel):
    """A vehicle and its registered holder.

    Attributes:
        kenteken: Registration number without dashes, e.g. `GZ123X`.
        burgerservicenummer: The holder.
        merk: Make.
        handelsbenaming: Model.
        voertuigsoort: E.g. `Personenauto`.
        datum_tenaamstelling: Since when the holder has it.
    """

    kenteken: str = Field(primary_key=True, max_length=8)
    burgerservicenummer: str = Field(index=True, max_length=9)
    merk: str
    handelsbenaming: str
    voertuigsoort: str = "Personenauto"
    datum_tenaamstelling: date


class Voertuig(VoertuigBase, table=True):
    """Table of vehicles."""

    __tablename__ = "rdw_voertuig"


class RdwAdres(AdresKopieBase, table=True):
    """RDW's copy of each holder's address."""

    __tablename__ = "rdw_adres"
