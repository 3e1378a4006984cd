"""People and homes made in the registries for a trial run: evaluation scenarios, benchmarks.

A life event's evaluation scenarios and its bench cases describe the people they need (who
lives where, with what benefits, cars or permits) through `Population`; the roof implements
it over the registry mocks' `_admin` API, which this layer may not import. Every life event
speaks of citizens and addresses, so the one interface serves them all.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from burgerflow.registry.client import RegistryClient

IN_USE = "Verblijfsobject in gebruik"
"""The BAG status of an object people live in."""
RESIDENTIAL: tuple[str, ...] = ("woonfunctie",)
"""The BAG use of a home."""


@dataclass(frozen=True, slots=True)
class Home:
    """An address in BAG (or one it does not have): its object and how a report names it.

    Attributes:
        object_id: The addressable object's BAG id (where people are registered).
        postcode: The address's postcode.
        huisnummer: Its house number.
    """

    object_id: str
    postcode: str
    huisnummer: int


class Population(Protocol):
    """Makes people and homes in the registries for a trial run.

    Attributes:
        today: The day of the run (ages are relative to it).
    """

    today: date

    def bsn(self) -> str:
        """A fresh BSN for this run, not created anywhere yet."""
        ...

    async def home(
        self,
        gemeentecode: str,
        *,
        oppervlakte: int = 90,
        gebruiksdoelen: Sequence[str] = RESIDENTIAL,
        status: str = IN_USE,
        in_onderzoek: bool = False,
    ) -> Home:
        """Create a fresh address and its object in BAG, in the municipality `gemeentecode`.

        Args:
            gemeentecode: The municipality.
            oppervlakte: The object's surface in m².
            gebruiksdoelen: Its uses (`woonfunctie`, `kantoorfunctie`, ...).
            status: Its BAG status.
            in_onderzoek: Whether the address is under investigation.
        """
        ...

    def unknown_address(self, gemeentecode: str) -> Home:
        """A fresh address in `gemeentecode` that BAG does not have (nothing is created)."""
        ...

    async def person(
        self,
        home: Home,
        *,
        bsn: str | None = None,
        age: int = 35,
        voornaam: str = "Eva",
        geslachtsnaam: str | None = None,
        **fields: Any,
    ) -> str:
        """Create a person living at `home`; returns their BSN.

        Args:
            home: Where they are registered.
            bsn: Their BSN (a fresh one when None).
            age: Their age today.
            voornaam: Their first name.
            geslachtsnaam: Their surname (the run's own when None).
            **fields: Any other field of the person across the registries (`partners`,
                `kinderen`, `gezag`, `toeslagen`, `voertuigen`, `parkeervergunning`, ...).
        """
        ...


class ScenarioContext(Population, Protocol):
    """A `Population` that can also read back what the registries made of it.

    Attributes:
        registry: The registry client (e.g. for the number of a permit the mocks issued).
    """

    registry: RegistryClient
