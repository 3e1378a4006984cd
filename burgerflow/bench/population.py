"""Movers made for a benchmark or a reliability run, through the mocks' `/_admin` API.

Each case gets its own mover (a reporter has at most one open move), living in Rotterdam and
moving to Amsterdam, so every case runs the same steps: BRP, Belastingdienst, municipal taxes
stopped and started, and the citizen's message. Three kinds of case:

- `ungated`: a roomy home; no gate, the case completes on its own.
- `gated`: an object not yet in use (`object_status`): one caseworker approves.
- `four_eyes`: an office (`non_residential`, high risk): two caseworkers approve.

Destinations are shared by a few movers only, because the agent looks up every resident of
the new address and a crowded one would make later cases slower than earlier ones.
"""

import asyncio
import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from burgerflow.core.bsn import bsn_check_digit
from registries_mock.admin.client import AdminClient
from registries_mock.admin.schemas import AdresCreate, PersoonCreate

MOVERS_PER_ADDRESS = 4
"""Movers sharing one old or one new address."""
NEW_MUNICIPALITY = "0363"
OLD_MUNICIPALITY = "0599"
_PLACES = {"0363": ("10", "Amsterdam"), "0599": ("30", "Rotterdam")}
_POSTCODE_LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"


class CaseKind(StrEnum):
    """The path a benchmark case takes."""

    UNGATED = "ungated"
    GATED = "gated"
    FOUR_EYES = "four_eyes"


APPROVALS: dict[CaseKind, int] = {CaseKind.UNGATED: 0, CaseKind.GATED: 1, CaseKind.FOUR_EYES: 2}
"""Caseworker decisions each kind of case needs."""


@dataclass(frozen=True)
class Mover:
    """A prepared case: who moves where, and which path it will take."""

    kind: CaseKind
    bsn: str
    new_address: dict[str, Any]
    """The report's `new_address`: postcode and house number."""

    def report(self, move_date: date) -> dict[str, Any]:
        """The body of `POST /v1/life-events` for this move."""
        return {
            "type": "change_of_address",
            "bsn": self.bsn,
            "new_address": self.new_address,
            "move_date": move_date.isoformat(),
            "co_movers": [],
        }


class Numbers:
    """BSNs, object ids and postcodes that no other run (or the seed) uses.

    BSNs come from the 99995-99998 prefixes kept free for tests; a random start keeps
    several runs against one mocks database apart.
    """

    def __init__(self, seed: int | None = None) -> None:
        """Start at a random point; `seed` makes the sequence repeatable."""
        rng = random.Random(seed)
        self._serial = itertools.count(rng.randrange(1, 5_000_000))

    def bsn(self) -> str:
        """A fresh BSN that passes the 11-proef."""
        while True:
            n = next(self._serial)
            prefix = f"9999{5 + n % 4}{(n // 4) % 1000:03d}"
            digit = bsn_check_digit(prefix)
            if digit is not None:
                return f"{prefix}{digit}"

    def address(self, gemeentecode: str, **fields: Any) -> AdresCreate:
        """A fresh address and object in `gemeentecode`; `fields` override the defaults."""
        n = next(self._serial)
        digits, woonplaats = _PLACES[gemeentecode]
        letters = _POSTCODE_LETTERS[n % 21] + _POSTCODE_LETTERS[(n // 21) % 21]
        body: dict[str, Any] = {
            "adresseerbaarObjectIdentificatie": f"{gemeentecode}01{8_000_000_000 + n:010d}",
            "nummeraanduidingIdentificatie": f"{gemeentecode}20{8_000_000_000 + n:010d}",
            "openbareRuimteNaam": "Benchstraat",
            "huisnummer": 1 + n % 99_999,
            "postcode": f"{digits}{n % 90 + 10:02d}{letters}",
            "woonplaatsNaam": woonplaats,
            "gemeentecode": gemeentecode,
            "gebruiksdoelen": ["woonfunctie"],
            "oppervlakte": 500,
            "status": "Verblijfsobject in gebruik",
            "inOnderzoek": False,
        }
        body.update(fields)
        return AdresCreate.model_validate(body)


_DESTINATIONS: dict[CaseKind, dict[str, Any]] = {
    CaseKind.UNGATED: {},
    CaseKind.GATED: {"status": "Verblijfsobject gevormd"},
    CaseKind.FOUR_EYES: {"gebruiksdoelen": ["kantoorfunctie"]},
}


def plan_kinds(cases: int, gated_fraction: float) -> list[CaseKind]:
    """The kinds of `cases` cases: `gated_fraction` of them gated, half of those four-eyes.

    Gated cases are spread evenly through the run rather than bunched at its end.
    """
    kinds: list[CaseKind] = []
    gated_so_far = 0
    for i in range(cases):
        if gated_so_far < round((i + 1) * gated_fraction):
            kinds.append(CaseKind.FOUR_EYES if gated_so_far % 2 else CaseKind.GATED)
            gated_so_far += 1
        else:
            kinds.append(CaseKind.UNGATED)
    return kinds


def _birth_date(age: int) -> date:
    today = date.today()
    return today.replace(year=today.year - age) - timedelta(days=30)


async def make_movers(
    admin: AdminClient,
    kinds: list[CaseKind],
    *,
    numbers: Numbers | None = None,
    concurrency: int = 8,
) -> list[Mover]:
    """Create one mover per entry of `kinds`, with their old and new homes.

    Args:
        admin: The mocks' admin client.
        kinds: The path of each case, in order.
        numbers: Source of fresh identifiers (a new random one when None).
        concurrency: Admin requests in flight at once.

    Returns:
        The movers, in the order of `kinds`.
    """
    numbers = numbers or Numbers()
    limit = asyncio.Semaphore(concurrency)

    async def create_adres(body: AdresCreate) -> None:
        async with limit:
            await admin.create_adres(body)

    new_homes: dict[CaseKind, list[AdresCreate]] = {}
    old_homes: list[AdresCreate] = []
    movers_of_kind = {k: kinds.count(k) for k in CaseKind}
    for kind, count in movers_of_kind.items():
        needed = -(-count // MOVERS_PER_ADDRESS)
        new_homes[kind] = [
            numbers.address(NEW_MUNICIPALITY, **_DESTINATIONS[kind]) for _ in range(needed)
        ]
    old_homes = [
        numbers.address(OLD_MUNICIPALITY) for _ in range(-(-len(kinds) // MOVERS_PER_ADDRESS))
    ]
    await asyncio.gather(
        *(create_adres(a) for a in [*old_homes, *itertools.chain(*new_homes.values())])
    )

    seen = dict.fromkeys(CaseKind, 0)
    movers: list[Mover] = []
    for kind in kinds:
        new = new_homes[kind][seen[kind] // MOVERS_PER_ADDRESS]
        seen[kind] += 1
        movers.append(
            Mover(
                kind=kind,
                bsn=numbers.bsn(),
                new_address={"postcode": new.postcode, "huisnummer": new.huisnummer},
            )
        )

    async def create_persoon(i: int, mover: Mover) -> None:
        old = old_homes[i // MOVERS_PER_ADDRESS]
        body = PersoonCreate.model_validate(
            {
                "burgerservicenummer": mover.bsn,
                "naam": {"voornamen": "Bench", "geslachtsnaam": f"Verhuizer {i}"},
                "geboorte": {"datum": _birth_date(35).isoformat()},
                "adresseerbaarObjectIdentificatie": old.adresseerbaar_object_identificatie,
            }
        )
        async with limit:
            await admin.create_persoon(body)

    await asyncio.gather(*(create_persoon(i, m) for i, m in enumerate(movers)))
    return movers
