"""The report of a death's bench cases: people who died in Amsterdam, made through a
`Population`.

Every death waits for the registrar, who checks the report and draws up the deed (the `deed`
gate: one caseworker), so no bench death is ungated. Each case gets its own deceased, who
lived alone, so every case runs the same steps (deed, permit, BRP, Belastingdienst, municipal
taxes stopped, the undertaker's message). The kind of case picks what else the report says:

- `ungated`: the routine death: natural, cremation two days later; only the deed's gate.
- `gated`: the cremation is the day after the death, sooner than 36 hours
  (`disposal_date`): one more caseworker's approval.
- `four_eyes`: the death is not natural (`non_natural`, high risk): two more approvals.
"""

import asyncio
from collections.abc import Sequence
from datetime import timedelta

from workflows.case.bench import Bench, BenchCase, CaseKind
from workflows.case.population import Population
from workflows.death.models import LIFE_EVENT

MUNICIPALITY = "0363"
"""Where the deceased lived and died, and whose caseworkers decide the gates."""
AGE = 78
SURNAME = "Bench"

APPROVALS: dict[CaseKind, int] = {CaseKind.UNGATED: 1, CaseKind.GATED: 2, CaseKind.FOUR_EYES: 3}
"""Decisions per kind: the deed's, then one for the early cremation or two for a death that
is not natural."""


async def _death(population: Population, kind: CaseKind) -> BenchCase:
    today = population.today
    born = today.replace(year=today.year - AGE) - timedelta(days=30)
    home = await population.home(MUNICIPALITY)
    bsn = await population.person(
        home, age=AGE, voornaam="Bench", geslachtsnaam=SURNAME, geboorte={"datum": born.isoformat()}
    )
    died = today - timedelta(days=1)
    natural = kind is not CaseKind.FOUR_EYES
    disposal = died + timedelta(days=1 if kind is CaseKind.GATED else 2)
    body = {
        "type": LIFE_EVENT,
        "bsn": bsn,
        "deceased": {"geslachtsnaam": SURNAME, "geboortedatum": born.isoformat()},
        "date_of_death": died.isoformat(),
        "place_of_death": MUNICIPALITY,
        "manner": "natural" if natural else "non_natural",
        "documents": {
            "verklaring_van_overlijden": natural,
            "verklaring_van_geen_bezwaar": not natural,
        },
        "disposal": {"kind": "cremeren", "date": disposal.isoformat()},
    }
    return BenchCase(kind=kind, bsn=bsn, body=body)


async def prepare(population: Population, kinds: Sequence[CaseKind]) -> list[BenchCase]:
    """Create one deceased per entry of `kinds`, each at a home of their own.

    Args:
        population: Makes the homes and the people.
        kinds: The path of each case, in order.

    Returns:
        The cases, in the order of `kinds`.
    """
    return list(await asyncio.gather(*(_death(population, k) for k in kinds)))


BENCH = Bench(municipality=MUNICIPALITY, prepare=prepare, approvals=APPROVALS)
"""The report of a death in `burgerflow bench`."""
