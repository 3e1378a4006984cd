"""DUO wire models."""

from datetime import date

from burgerflow.registry.schemas.common import AdresKopie, WireModel


class StudiefinancieringDetails(WireModel):
    """Details of running student finance."""

    onderwijssoort: str
    onderwijsinstelling: str
    woonsituatie: str
    ingangsdatum: date | None = None
    bedrag_per_maand: int | None = None


class StudiefinancieringPublic(WireModel):
    """Whether a person receives student finance, its details, and DUO's copy of the address."""

    burgerservicenummer: str
    studiefinanciering: bool
    details: StudiefinancieringDetails | None = None
    adres: AdresKopie | None = None
