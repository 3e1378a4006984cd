"""DUO tables."""

from datetime import date

from sqlmodel import Field

from registries_mock.adreskopie import AdresKopieBase
from registries_mock.db import MockModel


class StudiefinancieringBase(MockModel):
    """A person's student finance.

    Attributes:
        burgerservicenummer: The student.
        onderwijssoort: `mbo`, `hbo` or `wo`.
        onderwijsinstelling: Name of the school.
        woonsituatie: `uitwonend` or `thuiswonend` (living with a parent).
        ingangsdatum: Start date.
        bedrag_per_maand: Monthly amount in whole euros.
    """

    burgerservicenummer: str = Field(primary_key=True, max_length=9)
    onderwijssoort: str
    onderwijsinstelling: str
    woonsituatie: str
    ingangsdatum: date
    bedrag_per_maand: int


class Studiefinanciering(StudiefinancieringBase, table=True):
    """Table of student finance."""

    __tablename__ = "duo_studiefinanciering"


class DuoAdres(AdresKopieBase, table=True):
    """DUO's copy of each student's address."""

    __tablename__ = "duo_adres"
