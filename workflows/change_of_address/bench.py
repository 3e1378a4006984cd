"""The change of address's bench cases: movers from Rotterdam to Amsterdam, made through a
`Population`.

Each case gets its own mover (a reporter has at most one open move), living in Rotterdam and
moving to Amsterdam alone, so every case runs the same steps: BRP, Belastingdienst, municipal
taxes stopped and started, and the citizen's message. The kind of case picks the new home:

- `ungated`: a roomy home; no gate, the case completes on its own.
- `gated`: an object not yet in use (`object_status`): one caseworker approves.
- `four_eyes`: an office (`non_residential`, high risk): two caseworkers approve.

Destinations are shared by a few movers only, because the agent looks up every resident of
the new address and a crowded one would make later cases slower than earlier ones.
"""

import asyncio
import itertools
from collections.abc import Sequence
from typing import Any

from workflows.case.bench import Bench, BenchCase, CaseKind
from workflows.case.population import Population
from workflows.change_of_address.models import LIFE_EVENT

MOVERS_PER_ADDRESS = 4
"""Movers sharing one old or one new address."""
NEW_MUNICIPALITY = "0363"
"""Where the movers move to, and whose caseworkers decide the gates."""
OLD_MUNICIPALITY = "0599"
ROOMY_M2 = 500
"""The surface of every bench home: never crowded, whoever lives there."""

_DESTINATIONS: dict[CaseKind, dict[str, Any]] = {
    CaseKind.UNGATED: {},
    CaseKind.GATED: {"status": "Verblijfsobject gevormd"},
    CaseKind.FOUR_EYES: {"gebruiksdoelen": ("kantoorfunctie",)},
}


def _homes_for(movers: int) -> int:
    return -(-movers // MOVERS_PER_ADDRESS)


async def prepare(population: Population, kinds: Sequence[CaseKind]) -> list[BenchCase]:
    """Create one mover per entry of `kinds`, with their old and new homes.

    Args:
        population: Makes the homes and the movers.
        kinds: The path of each case, in order.

    Returns:
        The cases, in the order of `kinds`.
    """
    new_counts = {kind: _homes_for(kinds.count(kind)) for kind in CaseKind}
    created = await asyncio.gather(
        *(
            population.home(NEW_MUNICIPALITY, oppervlakte=ROOMY_M2, **_DESTINATIONS[kind])
            for kind in CaseKind
            for _ in range(new_counts[kind])
        ),
        *(
            population.home(OLD_MUNICIPALITY, oppervlakte=ROOMY_M2)
            for _ in range(_homes_for(len(kinds)))
        ),
    )
    homes = iter(created)
    new_homes = {kind: list(itertools.islice(homes, new_counts[kind])) for kind in CaseKind}
    old_homes = list(homes)
    seen = dict.fromkeys(CaseKind, 0)
    cases: list[BenchCase] = []
    for kind in kinds:
        new = new_homes[kind][seen[kind] // MOVERS_PER_ADDRESS]
        seen[kind] += 1
        bsn = population.bsn()
        body = {
            "type": LIFE_EVENT,
            "bsn": bsn,
            "new_address": {"postcode": new.postcode, "huisnummer": new.huisnummer},
            "co_movers": [],
        }
        cases.append(BenchCase(kind=kind, bsn=bsn, body=body, day_field="move_date"))
    await asyncio.gather(
        *(
            population.person(
                old_homes[i // MOVERS_PER_ADDRESS],
                bsn=case.bsn,
                voornaam="Bench",
                geslachtsnaam=f"Verhuizer {i}",
            )
            for i, case in enumerate(cases)
        )
    )
    return cases


BENCH = Bench(municipality=NEW_MUNICIPALITY, prepare=prepare)
"""The change of address in `burgerflow bench`."""
