"""Toeslagen wire models."""

from datetime import date
from enum import StrEnum

from burgerflow.registry.schemas.common import AdresKopie, WireModel


class ToeslagSoort(StrEnum):
    """Kinds of benefit."""

    HUURTOESLAG = "huurtoeslag"
    ZORGTOESLAG = "zorgtoeslag"
    KINDEROPVANGTOESLAG = "kinderopvangtoeslag"
    KINDGEBONDEN_BUDGET = "kindgebondenbudget"


class ToeslagStatus(StrEnum):
    """Status of a benefit."""

    LOPEND = "lopend"
    BEEINDIGD = "beeindigd"


class ToeslagPublic(WireModel):
    """One benefit: `{soort, status, ingangsdatum, bedragPerMaand}`."""

    soort: str
    status: str
    ingangsdatum: date | None = None
    bedrag_per_maand: int | None = None


class ToeslagenPublic(WireModel):
    """A person's benefits (empty when none) and the address Toeslagen has for them."""

    burgerservicenummer: str
    toeslagen: list[ToeslagPublic] = []
    adres: AdresKopie | None = None

    @property
    def lopende_soorten(self) -> list[str]:
        """The kinds of the running benefits."""
        return [t.soort for t in self.toeslagen if t.status == ToeslagStatus.LOPEND]
