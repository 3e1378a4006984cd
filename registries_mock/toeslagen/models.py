"""Toeslagen tables."""

from datetime import date

from sqlmodel import Field

from registries_mock.adreskopie import AdresKopieBase
from registries_mock.db import MockModel


class ToeslagBase(MockModel):
    """A benefit of one person.

    Attributes:
        burgerservicenummer: The recipient.
        soort: `huurtoeslag`, `zorgtoeslag`, `kinderopvangtoeslag` or `kindgebondenbudget`.
        status: `lopend` (running) or `beeindigd` (ended).
        ingangsdatum: Start date.
        bedrag_per_maand: Monthly amount in whole euros.
    """

    burgerservicenummer: str = Field(index=True, max_length=9)
    soort: str
    status: str = "lopend"
    ingangsdatum: date
    bedrag_per_maand: int


class Toeslag(ToeslagBase, table=True):
    """Table of benefits."""

    __tablename__ = "toeslagen_toeslag"

    id: int | None = Field(default=None, primary_key=True)


class ToeslagenAdres(AdresKopieBase, table=True):
    """Toeslagen's copy of each recipient's address."""

    __tablename__ = "toeslagen_adres"
