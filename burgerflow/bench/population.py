"""The cases of a benchmark or a reliability run, made through the mocks' `/_admin` API.

Which people and homes make a case take each path (`CaseKind`: no gate, one caseworker, four
eyes) is the life event's business: its `extras["bench"]` (a `workflows.case.bench.Bench`)
prepares them through a `Population`. This module picks the life event, gives it fresh
identifiers no other run (or the seed) uses, and plans the mix of kinds.
"""

import itertools
import random
from collections.abc import Sequence
from typing import Any

from burgerflow.core.bsn import bsn_check_digit
from burgerflow.evaluation.population import AdminPopulation
from registries_mock.admin.client import AdminClient
from workflows.case.bench import APPROVALS, Bench, BenchCase, CaseKind
from workflows.case.life_event import LifeEvent
from workflows.life_events import LIFE_EVENTS

__all__ = [
    "APPROVALS",
    "BenchCase",
    "CaseKind",
    "Mover",
    "Numbers",
    "bench_life_event",
    "make_cases",
    "make_movers",
    "plan_kinds",
]

_PLACES = {"0363": ("10", "Amsterdam"), "0599": ("30", "Rotterdam"), "0344": ("35", "Utrecht")}
_POSTCODE_LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"


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

    def address(self, gemeentecode: str) -> dict[str, Any]:
        """The fields that identify a fresh address on the Benchstraat of `gemeentecode`."""
        n = next(self._serial)
        digits, woonplaats = _PLACES[gemeentecode]
        letters = _POSTCODE_LETTERS[n % 21] + _POSTCODE_LETTERS[(n // 21) % 21]
        return {
            "adresseerbaarObjectIdentificatie": f"{gemeentecode}01{8_000_000_000 + n:010d}",
            "nummeraanduidingIdentificatie": f"{gemeentecode}20{8_000_000_000 + n:010d}",
            "openbareRuimteNaam": "Benchstraat",
            "huisnummer": 1 + n % 99_999,
            "postcode": f"{digits}{n % 90 + 10:02d}{letters}",
            "woonplaatsNaam": woonplaats,
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


def bench_of(event: LifeEvent) -> Bench | None:
    """The life event's part in the bench, if it has one."""
    found = event.extras.get("bench")
    return found if isinstance(found, Bench) else None


def bench_life_event(type: str | None = None) -> tuple[LifeEvent, Bench]:
    """The life event a run drives, with its bench part.

    Args:
        type: The life event's type; the first of the list with a bench part when None.

    Raises:
        ValueError: No such life event, or it has no bench part.
    """
    if type is None:
        for event in LIFE_EVENTS:
            if (bench := bench_of(event)) is not None:
                return event, bench
        raise ValueError("no life event has a bench part")
    named = LIFE_EVENTS.get(type)
    if named is None:
        raise ValueError(f"no life event {type!r}; known: {', '.join(LIFE_EVENTS.types())}")
    if (bench := bench_of(named)) is None:
        raise ValueError(f"the life event {type!r} has no bench part")
    return named, bench


async def make_cases(
    admin: AdminClient,
    kinds: Sequence[CaseKind],
    *,
    numbers: Numbers | None = None,
    concurrency: int = 8,
    life_event: str | None = None,
) -> list[BenchCase]:
    """Prepare one case per entry of `kinds`: its people and homes, and its report.

    Args:
        admin: The mocks' admin client.
        kinds: The path of each case, in order.
        numbers: Source of fresh identifiers (a new random one when None).
        concurrency: Admin requests in flight at once.
        life_event: The life event's type (see `bench_life_event`).

    Returns:
        The cases, in the order of `kinds`.
    """
    _, bench = bench_life_event(life_event)
    population = AdminPopulation(
        admin, numbers or Numbers(), surname="Bench", concurrency=concurrency
    )
    return await bench.prepare(population, list(kinds))


# The names the reliability harness knows the prepared cases by.
Mover = BenchCase
make_movers = make_cases
