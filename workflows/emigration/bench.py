"""The emigration's bench cases: households leaving Amsterdam, made through a `Population`.

Each case gets its own reporter (a reporter has at most one open emigration) at a home of
their own, and the kind of case picks the household:

- `ungated`: alone; no gate, the case completes on its own.
- `gated`: a housemate stays behind (`household_split`): one caseworker approves.
- `four_eyes`: a child leaves while the other custody holder lives elsewhere (`custody`,
  high risk): two caseworkers approve.
"""

import asyncio
from collections.abc import Sequence

from workflows.case.bench import Bench, BenchCase, CaseKind
from workflows.case.population import Population
from workflows.emigration.models import LIFE_EVENT

MUNICIPALITY = "0363"
"""Where the reporters leave from, and whose caseworkers decide the gates."""


async def _household(population: Population, kind: CaseKind, n: int) -> BenchCase:
    home = await population.home(MUNICIPALITY)
    bsn = population.bsn()
    co_movers: list[str] = []
    surname = f"Vertrekker {n}"
    if kind is CaseKind.UNGATED:
        await population.person(home, bsn=bsn, voornaam="Bench", geslachtsnaam=surname)
    elif kind is CaseKind.GATED:
        await population.person(home, bsn=bsn, voornaam="Bench", geslachtsnaam=surname)
        await population.person(home, voornaam="Bench", geslachtsnaam=f"Blijver {n}")
    else:
        kid, other = population.bsn(), population.bsn()
        custody = [
            {"type": "GezamenlijkOuderlijkGezag", "minderjarige": kid, "ouders": [bsn, other]}
        ]
        await population.person(
            home, bsn=bsn, voornaam="Bench", geslachtsnaam=surname, kinderen=[kid], gezag=custody
        )
        await population.person(home, bsn=kid, age=9, voornaam="Bench", ouders=[bsn, other])
        await population.person(
            await population.home(MUNICIPALITY), bsn=other, voornaam="Bench", kinderen=[kid]
        )
        co_movers = [kid]
    body = {
        "type": LIFE_EVENT,
        "bsn": bsn,
        "country": "BE",
        "foreign_address": {"regel1": "Rue de la Loi 16", "regel2": "1000 Brussel"},
        "co_movers": co_movers,
    }
    return BenchCase(kind=kind, bsn=bsn, body=body, day_field="departure_date")


async def prepare(population: Population, kinds: Sequence[CaseKind]) -> list[BenchCase]:
    """Create one household per entry of `kinds`.

    Args:
        population: Makes the homes and the people.
        kinds: The path of each case, in order.

    Returns:
        The cases, in the order of `kinds`.
    """
    return list(await asyncio.gather(*(_household(population, k, n) for n, k in enumerate(kinds))))


BENCH = Bench(municipality=MUNICIPALITY, prepare=prepare)
"""The emigration in `burgerflow bench`."""
