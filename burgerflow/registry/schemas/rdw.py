"""RDW wire models."""

from datetime import date

from burgerflow.registry.schemas.common import AdresKopie, WireModel


class VoertuigPublic(WireModel):
    """A vehicle: `{kenteken, merk, handelsbenaming, voertuigsoort, datumTenaamstelling}`."""

    kenteken: str
    merk: str | None = None
    handelsbenaming: str | None = None
    voertuigsoort: str | None = None
    datum_tenaamstelling: date | None = None


class VoertuigenPublic(WireModel):
    """The vehicles registered to a person and RDW's copy of their address."""

    burgerservicenummer: str
    voertuigen: list[VoertuigPublic] = []
    adres: AdresKopie | None = None
