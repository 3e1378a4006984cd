"""Belastingdienst wire models."""

from burgerflow.registry.schemas.common import AdresKopie, WireModel


class BelastingplichtigePublic(WireModel):
    """What the Belastingdienst knows of a person: the address it has (None: not known)."""

    burgerservicenummer: str
    adres: AdresKopie | None = None
