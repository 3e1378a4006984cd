"""People and homes for trial runs, made through the registry mocks' `_admin` API.

`AdminPopulation` implements the life events' `Population` (and `AdminScenarioContext` their
`ScenarioContext`) over the mocks' admin client, which only the roof may import. Where the
fresh identifiers come from is a `Numbering`: the evaluation's (`ScenarioNumbers`: BSNs in
the range `99999xxxx`, which the seeded population leaves free, homes at house numbers from
90001 on, the same every run) or the benchmark's (random, so that runs stay apart).
"""

import asyncio
import itertools
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any, Protocol

from burgerflow.core.bsn import bsn_check_digit
from burgerflow.registry.client import RegistryClient
from registries_mock.admin.client import AdminClient
from registries_mock.admin.schemas import AdresCreate, PersoonCreate
from workflows.case.population import IN_USE, RESIDENTIAL, Home

_PLACES = {
    "0363": ("1011", "Amsterdam"),
    "0599": ("3011", "Rotterdam"),
    "0344": ("3511", "Utrecht"),
}
_FIRST_HOUSE_NUMBER = 90_000


class Numbering(Protocol):
    """Fresh identifiers for a trial run."""

    def bsn(self) -> str:
        """A BSN no one has yet."""
        ...

    def address(self, gemeentecode: str) -> dict[str, Any]:
        """The `_admin/adressen` fields that identify a fresh address in `gemeentecode`."""
        ...


def _bsns() -> Iterator[str]:
    for n in range(1000):
        eight = f"99999{n:03d}"
        digit = bsn_check_digit(eight)
        if digit is not None:
            yield f"{eight}{digit}"


class ScenarioNumbers:
    """The evaluation's identifiers: the same sequence every run, so runs build alike."""

    def __init__(self) -> None:
        """Start both sequences at their first number."""
        self._bsns = _bsns()
        self._homes = itertools.count(1)

    def bsn(self) -> str:
        """The next BSN of the range `99999xxxx`."""
        return next(self._bsns)

    def address(self, gemeentecode: str) -> dict[str, Any]:
        """The next address on the Evaluatiestraat of Amsterdam, Rotterdam or Utrecht."""
        n = next(self._homes)
        pc4, place = _PLACES[gemeentecode]
        object_id = f"{gemeentecode}01{7_000_000_000 + n:010d}"
        return {
            "adresseerbaarObjectIdentificatie": object_id,
            "nummeraanduidingIdentificatie": f"{gemeentecode}20{object_id[6:]}",
            "openbareRuimteNaam": "Evaluatiestraat",
            "huisnummer": _FIRST_HOUSE_NUMBER + n,
            "postcode": f"{pc4}EV",
            "woonplaatsNaam": place,
        }


class AdminPopulation:
    """Makes people and homes through the mocks' `_admin` API (a life event's `Population`).

    Args:
        admin: The mocks' admin client.
        numbers: Where fresh BSNs and addresses come from.
        today: The day of the run (ages are relative to it); today when None.
        surname: The surname of the people made, unless one is given.
        concurrency: Admin requests in flight at once.
    """

    def __init__(
        self,
        admin: AdminClient,
        numbers: Numbering,
        *,
        today: date | None = None,
        surname: str = "Evaluatie",
        concurrency: int = 8,
    ) -> None:
        self.admin = admin
        self.numbers = numbers
        self.today = today or date.today()
        self.surname = surname
        self._limit = asyncio.Semaphore(concurrency)

    def bsn(self) -> str:
        """A fresh BSN for this run (not created anywhere yet)."""
        return self.numbers.bsn()

    async def home(
        self,
        gemeentecode: str,
        *,
        oppervlakte: int = 90,
        gebruiksdoelen: Sequence[str] = RESIDENTIAL,
        status: str = IN_USE,
        in_onderzoek: bool = False,
    ) -> Home:
        """Create an address and its object in BAG."""
        adres = AdresCreate.model_validate(
            {
                **self.numbers.address(gemeentecode),
                "gebruiksdoelen": list(gebruiksdoelen),
                "oppervlakte": oppervlakte,
                "status": status,
                "inOnderzoek": in_onderzoek,
            }
        )
        async with self._limit:
            await self.admin.create_adres(adres)
        return Home(adres.adresseerbaar_object_identificatie, adres.postcode, adres.huisnummer)

    def unknown_address(self, gemeentecode: str) -> Home:
        """An address BAG does not have: the next one, never created."""
        fields = self.numbers.address(gemeentecode)
        return Home(
            fields["adresseerbaarObjectIdentificatie"], fields["postcode"], fields["huisnummer"]
        )

    def born(self, age: int) -> str:
        """A date of birth that makes someone `age` today (ISO)."""
        return (self.today.replace(year=self.today.year - age) - timedelta(days=30)).isoformat()

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
        """Create a person living at `home`; `fields` sets any `_admin/personen` field."""
        bsn = bsn or self.bsn()
        body: dict[str, Any] = {
            "burgerservicenummer": bsn,
            "naam": {"voornamen": voornaam, "geslachtsnaam": geslachtsnaam or self.surname},
            "geboorte": {"datum": self.born(age)},
            "adresseerbaarObjectIdentificatie": home.object_id,
        }
        body.update(fields)
        async with self._limit:
            await self.admin.create_persoon(PersoonCreate.model_validate(body))
        return bsn


class AdminScenarioContext(AdminPopulation):
    """An `AdminPopulation` that reads the registries too (a life event's `ScenarioContext`).

    Args:
        admin: The mocks' admin client.
        registry: The registry client (to read back what the mocks generated).
        numbers: Where fresh BSNs and addresses come from.
        today: The day of the run.
    """

    def __init__(
        self, admin: AdminClient, registry: RegistryClient, numbers: Numbering, *, today: date
    ) -> None:
        super().__init__(admin, numbers, today=today)
        self.registry = registry
