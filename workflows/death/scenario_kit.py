"""Builders of the report of a death's evaluation scenarios: the dead, their homes and steps.

The scenarios (`scenarios`) read as a registrar would describe a case: who died, where they
lived and died, who they leave, and which steps and gates that calls for. These are the words
they use: a person who died (`deceased`), the reported death (`report`), the days around it
(`recent_death`, `weekdays_after`) and the steps a plan should have (`basic`, `letter`, ...),
stated by hand and independently of the policy code. Days are counted on the weekdays alone:
the death is put in a fortnight without public holidays, so that weekdays are working days.
"""

from datetime import date, time, timedelta
from typing import Any

from burgerflow.registry.schemas.burgerlijke_stand import DisposalKind
from workflows.case.evaluation import BuiltScenario, EvalStep
from workflows.case.population import Home, ScenarioContext
from workflows.death.calendar import holiday
from workflows.death.domain import (
    DeathRequest,
    Deceased,
    Disposal,
    Documents,
    Manner,
    StepKind,
)

Built = BuiltScenario[DeathRequest]
"""A built death scenario."""

SURNAME = "Evaluatie"
"""The surname of the people the scenarios make (the population's default)."""

QUIET_DAYS = 14
"""A death is put where this many days after it hold no public holiday."""


# Days --------------------------------------------------------------------------------------


def recent_death(c: ScenarioContext, weekday: int | None = None) -> date:
    """The latest day before today (on `weekday`, 0 is Monday) with a quiet fortnight after.

    Args:
        c: The scenario's context (its `today`).
        weekday: The day of the week the death falls on; any when None.
    """
    day = c.today - timedelta(days=1)
    while True:
        quiet = not any(holiday(day + timedelta(days=n)) for n in range(QUIET_DAYS + 1))
        if quiet and (weekday is None or day.weekday() == weekday):
            return day
        day -= timedelta(days=1)


def weekdays_after(day: date, n: int) -> date:
    """The `n`-th weekday (Monday to Friday) after `day`."""
    current = day
    while n:
        current += timedelta(days=1)
        if current.weekday() < 5:
            n -= 1
    return current


def birth_date(c: ScenarioContext, age: int) -> date:
    """A date of birth that makes someone `age` today."""
    return date(c.today.year - age, 1, 15)


# People ------------------------------------------------------------------------------------


async def deceased(
    c: ScenarioContext,
    home: Home,
    *,
    age: int = 78,
    bsn: str | None = None,
    **fields: Any,
) -> str:
    """A person at `home`, alive in the BRP until the report; returns their BSN.

    Args:
        c: The scenario's context.
        home: Where they lived.
        age: Their age.
        bsn: Their BSN (a fresh one when None).
        **fields: Any other `_admin/personen` field (`partners`, `gezag`, `voertuigen`, ...).
    """
    geboorte = {"datum": birth_date(c, age).isoformat()}
    return await c.person(home, bsn=bsn, age=age, voornaam="Gerrit", geboorte=geboorte, **fields)


def report(
    c: ScenarioContext,
    bsn: str,
    *,
    age: int = 78,
    died: date | None = None,
    died_at: time | None = None,
    place: str = "0363",
    manner: Manner = Manner.NATURAL,
    disposal_day: date | None = None,
    disposal_at: time | None = None,
    kind: DisposalKind = DisposalKind.CREMEREN,
    surname: str = SURNAME,
    born: date | None = None,
) -> DeathRequest:
    """The undertaker's report of the death of `bsn`, as the BRP would confirm it.

    By default: a natural death yesterday (or the latest quiet day) in Amsterdam with the
    doctor's statement, cremation three days later, the surname and date of birth the BRP
    has.
    """
    day = died or recent_death(c)
    return DeathRequest(
        bsn=bsn,
        deceased=Deceased(geslachtsnaam=surname, geboortedatum=born or birth_date(c, age)),
        date_of_death=day,
        time_of_death=died_at,
        place_of_death=place,
        manner=manner,
        documents=Documents(
            verklaring_van_overlijden=manner is Manner.NATURAL,
            verklaring_van_geen_bezwaar=manner is Manner.NON_NATURAL,
        ),
        disposal=Disposal(
            kind=kind, date=disposal_day or day + timedelta(days=3), time=disposal_at
        ),
    )


def sole_custody(minor: str, parent: str) -> dict[str, Any]:
    """Sole custody of `minor` by `parent` (an `_admin/personen` `gezag` entry)."""
    return {"type": "EenhoofdigOuderlijkGezag", "minderjarige": minor, "ouder": parent}


def joint_custody(minor: str, *parents: str) -> dict[str, Any]:
    """Joint custody of `minor` by two parents."""
    return {"type": "GezamenlijkOuderlijkGezag", "minderjarige": minor, "ouders": list(parents)}


async def permit(c: ScenarioContext, bsn: str) -> str:
    """The number of the (first) parking permit the registries gave `bsn`."""
    permits = await c.registry.gemeente_parkeervergunningen(bsn)
    return permits.parkeervergunningen[0].vergunningnummer


# Expected steps, by hand -------------------------------------------------------------------


def deed(bsn: str) -> EvalStep:
    """The registrar draws up the deed."""
    return EvalStep(StepKind.DRAW_UP_DEED, bsn)


def disposal_permit(bsn: str) -> EvalStep:
    """The registrar issues the permit for burial or cremation."""
    return EvalStep(StepKind.ISSUE_DISPOSAL_PERMIT, bsn)


def undertaker(bsn: str) -> EvalStep:
    """The undertaker gets the numbers."""
    return EvalStep(StepKind.UNDERTAKER_MESSAGE, bsn)


def deed_only(bsn: str) -> list[EvalStep]:
    """The deed, the permit and the undertaker's message: nothing passed on."""
    return [deed(bsn), disposal_permit(bsn), undertaker(bsn)]


def basic(bsn: str) -> list[EvalStep]:
    """Deed, permit, the BRP record, the Belastingdienst and the undertaker's message."""
    return [
        deed(bsn),
        disposal_permit(bsn),
        EvalStep(StepKind.BRP_RECORD_DEATH, bsn),
        EvalStep(StepKind.NOTIFY_BELASTINGDIENST, bsn),
        undertaker(bsn),
    ]


def toeslagen(bsn: str) -> EvalStep:
    """Toeslagen is told."""
    return EvalStep(StepKind.NOTIFY_TOESLAGEN, bsn)


def duo(bsn: str) -> EvalStep:
    """DUO is told."""
    return EvalStep(StepKind.NOTIFY_DUO, bsn)


def rdw(bsn: str) -> EvalStep:
    """The RDW is told."""
    return EvalStep(StepKind.NOTIFY_RDW, bsn)


def end_permit(bsn: str, vergunningnummer: str) -> EvalStep:
    """A parking permit ends."""
    return EvalStep(StepKind.END_PARKING_PERMIT, bsn, {"vergunningnummer": vergunningnummer})


def stop_taxes(bsn: str, gemeentecode: str) -> EvalStep:
    """Municipal taxes stop at a municipality."""
    return EvalStep(StepKind.GEMEENTE_STOP_TAXES, bsn, {"gemeentecode": gemeentecode})


def letter(partner: str) -> EvalStep:
    """The surviving partner gets the letter."""
    return EvalStep(StepKind.PARTNER_LETTER, partner)


def gates(*rules: str) -> frozenset[str]:
    """The `deed` gate, which every report has, and these."""
    return frozenset(("deed", *rules))
