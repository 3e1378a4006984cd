"""Builders of the emigration's evaluation scenarios: departures, households, expected steps.

The scenarios (`scenarios`) read as a caseworker would describe a case: who lives where, who
leaves for which country, and which steps and gates that calls for. These are the words they
use: a reported departure (`leave`), households (`couple`, `family`) and the steps a plan
should have (`basic`, `taxes`, ...), stated by hand and independently of the policy code.
"""

from datetime import timedelta
from typing import Any

from workflows.case.evaluation import BuiltScenario, EvalStep
from workflows.case.population import ScenarioContext
from workflows.emigration.domain import EmigrationRequest, ForeignAddress, StepKind

Built = BuiltScenario[EmigrationRequest]
"""A built emigration scenario."""

ADDRESSES: dict[str, ForeignAddress] = {
    "BE": ForeignAddress(regel1="Rue de la Loi 16", regel2="1000 Brussel"),
    "DE": ForeignAddress(regel1="Unter den Linden 77", regel2="10117 Berlin"),
    "ES": ForeignAddress(regel1="Calle de Alcalá 45", regel2="28014 Madrid"),
    "GB": ForeignAddress(regel1="221B Baker Street", regel2="London NW1 6XE"),
    "AW": ForeignAddress(regel1="L.G. Smith Boulevard 82", regel2="Oranjestad"),
    "BQ": ForeignAddress(regel1="Kaya Grandi 12", regel2="Kralendijk", regel3="Bonaire"),
    "CW": ForeignAddress(regel1="Breedestraat 1", regel2="Willemstad"),
    "US": ForeignAddress(regel1="350 Fifth Avenue", regel2="New York, NY 10118"),
}
"""An address abroad per country the scenarios go to."""


def leave(
    c: ScenarioContext,
    reporter: str,
    co_movers: list[str] | None = None,
    *,
    country: str = "BE",
    days: int = 3,
) -> EmigrationRequest:
    """The reported departure of `reporter` (and `co_movers`) to `country`, `days` from today."""
    return EmigrationRequest(
        bsn=reporter,
        co_movers=co_movers or [],
        country=country,
        foreign_address=ADDRESSES[country],
        departure_date=c.today + timedelta(days=days),
    )


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


def deregister(bsn: str) -> EvalStep:
    """The emigration in the BRP."""
    return EvalStep(StepKind.BRP_REGISTER_EMIGRATION, bsn)


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


def stop_taxes(bsn: str, gemeentecode: str) -> EvalStep:
    """Municipal taxes stopped at the municipality left."""
    return EvalStep(StepKind.GEMEENTE_STOP_TAXES, bsn, {"gemeentecode": gemeentecode})


def end_permit(bsn: str, vergunningnummer: str) -> EvalStep:
    """A parking permit tied to the address left ended."""
    return EvalStep(StepKind.END_PARKING_PERMIT, bsn, {"vergunningnummer": vergunningnummer})


def message(bsn: str, *, free: bool = False) -> EvalStep:
    """The letter to the reporter; `free`: the proof of deregistration costs nothing."""
    return EvalStep(StepKind.CITIZEN_MESSAGE, bsn, {"kosteloos": free})


def basic(*bsns: str, free: bool = False) -> list[EvalStep]:
    """Deregistration and Belastingdienst for each mover, the letter to the first."""
    return [
        *(deregister(b) for b in bsns),
        *(belastingdienst(b) for b in bsns),
        message(bsns[0], free=free),
    ]


def no_gates() -> frozenset[str]:
    """No gate: the case runs through without a caseworker."""
    return frozenset()


def gates(*rules: str) -> frozenset[str]:
    """These gates."""
    return frozenset(rules)
