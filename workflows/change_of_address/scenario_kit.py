"""Builders of the change of address's evaluation scenarios: moves, households, expected steps.

The scenarios (`scenarios`) read as a caseworker would describe a case: who lives where,
who moves where, and which steps and gates that calls for. These are the words they use: a
reported move (`move`), an address BAG does not have (`nowhere`), households (`couple`,
`family`) and the steps a plan should have (`basic`, `taxes`, ...), stated by hand and
independently of the policy code.
"""

from datetime import timedelta
from typing import Any

from workflows.case.evaluation import BuiltScenario, EvalStep
from workflows.case.population import Home, ScenarioContext
from workflows.change_of_address.domain import MoveRequest, NewAddress, StepKind

Built = BuiltScenario[MoveRequest]
"""A built change-of-address scenario."""


# Moves and households ----------------------------------------------------------------------


def move(
    c: ScenarioContext,
    reporter: str,
    to: Home | NewAddress,
    co_movers: list[str] | None = None,
    *,
    days: int = 0,
) -> MoveRequest:
    """The reported move of `reporter` (and `co_movers`) to `to`, `days` from today."""
    address = (
        to
        if isinstance(to, NewAddress)
        else NewAddress(postcode=to.postcode, huisnummer=to.huisnummer)
    )
    return MoveRequest(
        bsn=reporter,
        co_movers=co_movers or [],
        new_address=address,
        move_date=c.today + timedelta(days=days),
    )


def nowhere(c: ScenarioContext, gemeentecode: str = "0363") -> NewAddress:
    """An address BAG does not have."""
    home = c.unknown_address(gemeentecode)
    return NewAddress(postcode=home.postcode, huisnummer=home.huisnummer)


async def permit(c: ScenarioContext, bsn: str) -> str:
    """The number of the (first) parking permit the registries gave `bsn`."""
    permits = await c.registry.gemeente_parkeervergunningen(bsn)
    return permits.parkeervergunningen[0].vergunningnummer


async def couple(
    c: ScenarioContext, gemeentecode: str, soort: str = "H", **partner_fields: Any
) -> tuple[str, str]:
    """Two partners (`soort`: H married, P registered) at one home; returns their BSNs."""
    home = await c.home(gemeentecode)
    r, p = c.bsn(), c.bsn()
    await c.person(home, bsn=r, partners=[{"burgerservicenummer": p, "soortVerbintenis": soort}])
    await c.person(
        home,
        bsn=p,
        voornaam="Bram",
        partners=[{"burgerservicenummer": r, "soortVerbintenis": soort}],
        **partner_fields,
    )
    return r, p


async def family(
    c: ScenarioContext, gemeentecode: str, child_ages: list[int]
) -> tuple[str, str, list[str]]:
    """Two married parents with joint custody over their children, all at one home."""
    home = await c.home(gemeentecode, oppervlakte=120)
    mother, father = c.bsn(), c.bsn()
    children = [c.bsn() for _ in child_ages]
    custody = [
        {"type": "GezamenlijkOuderlijkGezag", "minderjarige": k, "ouders": [mother, father]}
        for k, age in zip(children, child_ages, strict=True)
        if age < 18
    ]
    await c.person(home, bsn=mother, partners=[father], kinderen=children, gezag=custody)
    await c.person(home, bsn=father, voornaam="Bram", partners=[mother], kinderen=children)
    for kid, age in zip(children, child_ages, strict=True):
        await c.person(home, bsn=kid, age=age, voornaam="Kim", ouders=[mother, father])
    return mother, father, children


# Expected steps, by hand -------------------------------------------------------------------


def register(bsn: str) -> EvalStep:
    """BRP registration at the new address."""
    return EvalStep(StepKind.BRP_REGISTER_ADDRESS, bsn)


def belastingdienst(bsn: str) -> EvalStep:
    """The Belastingdienst is told."""
    return EvalStep(StepKind.NOTIFY_BELASTINGDIENST, bsn)


def toeslagen(bsn: str) -> EvalStep:
    """Toeslagen is told."""
    return EvalStep(StepKind.NOTIFY_TOESLAGEN, bsn)


def duo(bsn: str) -> EvalStep:
    """DUO is told."""
    return EvalStep(StepKind.NOTIFY_DUO, bsn)


def rdw(bsn: str) -> EvalStep:
    """The RDW is told."""
    return EvalStep(StepKind.NOTIFY_RDW, bsn)


def taxes(bsn: str, old: str, new: str) -> list[EvalStep]:
    """Municipal taxes stopped at `old` and started at `new`."""
    return [
        EvalStep(StepKind.GEMEENTE_STOP_TAXES, bsn, {"gemeentecode": old}),
        EvalStep(StepKind.GEMEENTE_START_TAXES, bsn, {"gemeentecode": new}),
    ]


def end_permit(bsn: str, vergunningnummer: str) -> EvalStep:
    """A parking permit tied to the old address ended."""
    return EvalStep(StepKind.END_PARKING_PERMIT, bsn, {"vergunningnummer": vergunningnummer})


def message(bsn: str) -> EvalStep:
    """The message to the reporter."""
    return EvalStep(StepKind.CITIZEN_MESSAGE, bsn)


def basic(*bsns: str) -> list[EvalStep]:
    """Registration and Belastingdienst for each mover, the message to the first."""
    return [
        *(register(b) for b in bsns),
        *(belastingdienst(b) for b in bsns),
        message(bsns[0]),
    ]


def no_gates() -> frozenset[str]:
    """No gate: the case runs through without a caseworker."""
    return frozenset()


def gates(*rules: str) -> frozenset[str]:
    """These gates."""
    return frozenset(rules)
