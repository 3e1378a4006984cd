"""The report of a death's evaluation scenarios, with the steps and gates a registrar expects.

Each scenario builds its own people and homes through the evaluation's population (fresh
BSNs and homes the seeded registries leave free) and states, by hand and independently of the
policy code, which administrative steps the plan should have and which gates the case should
raise. Every report has the `deed` gate: a registrar draws up the deed by law.

The set covers the ordinary deaths (a widow, someone living alone, someone who died away
from home; benefits, student finance, vehicles, permits, municipal taxes), every rule of
policy v1 that registry data or the report can raise, the edge days (exactly 36 hours, the
sixth working day across a weekend) and some combinations.
"""

from datetime import time, timedelta
from typing import Any

from burgerflow.registry.schemas.burgerlijke_stand import DisposalKind
from workflows.case.evaluation import BuiltScenario, Scenario
from workflows.case.population import ScenarioContext
from workflows.death.domain import DeathRequest, Manner
from workflows.death.scenario_kit import (
    Built,
    basic,
    birth_date,
    deceased,
    deed_only,
    duo,
    end_permit,
    gates,
    joint_custody,
    letter,
    permit,
    rdw,
    recent_death,
    report,
    sole_custody,
    stop_taxes,
    toeslagen,
    weekdays_after,
)

THURSDAY = 3


async def _widowed(c: ScenarioContext, gemeentecode: str, **fields: Any) -> tuple[str, str]:
    """A married person and their spouse at one home; returns (the one who died, spouse)."""
    home = await c.home(gemeentecode)
    who, spouse = c.bsn(), c.bsn()
    await deceased(c, home, bsn=who, partners=[spouse], **fields)
    await c.person(home, bsn=spouse, age=76, voornaam="Riet", partners=[who])
    return who, spouse


# The scenarios -----------------------------------------------------------------------------


async def widow_in_amsterdam(c: ScenarioContext) -> Built:
    """A married man dies at home in Amsterdam; his wife lives on: she gets the letter."""
    who, wife = await _widowed(c, "0363")
    return BuiltScenario(report(c, who), [*basic(who), letter(wife)], gates())


async def alone_in_rotterdam(c: ScenarioContext) -> Built:
    """A woman living alone dies in Rotterdam: her municipal taxes stop."""
    who = await deceased(c, await c.home("0599"))
    steps = [*basic(who), stop_taxes(who, "0599")]
    return BuiltScenario(report(c, who, place="0599"), steps, gates())


async def died_away_from_home(c: ScenarioContext) -> Built:
    """Someone from Utrecht, living alone, dies in an Amsterdam hospital."""
    who = await deceased(c, await c.home("0344"))
    steps = [*basic(who), stop_taxes(who, "0344")]
    return BuiltScenario(report(c, who, place="0363"), steps, gates())


async def pensioner_with_benefits(c: ScenarioContext) -> Built:
    """A pensioner alone with huurtoeslag and zorgtoeslag: Toeslagen is told."""
    who = await deceased(c, await c.home("0599"), toeslagen=["huurtoeslag", "zorgtoeslag"])
    steps = [*basic(who), toeslagen(who), stop_taxes(who, "0599")]
    return BuiltScenario(report(c, who, place="0599"), steps, gates())


async def student_in_a_shared_house(c: ScenarioContext) -> Built:
    """A student (22) with student finance dies; a housemate lives on: taxes go on."""
    home = await c.home("0344")
    who = await deceased(c, home, age=22, studiefinanciering=True)
    await c.person(home, age=23, voornaam="Huisgenoot")
    steps = [*basic(who), duo(who)]
    return BuiltScenario(report(c, who, age=22, place="0344"), steps, gates())


async def car_owner_with_a_parking_permit(c: ScenarioContext) -> Built:
    """A husband with a car and a parking permit: the RDW is told, the permit ends."""
    who, wife = await _widowed(c, "0363", voertuigen=1, parkeervergunning=True)
    steps = [*basic(who), rdw(who), end_permit(who, await permit(c, who)), letter(wife)]
    return BuiltScenario(report(c, who, kind=DisposalKind.BEGRAVEN), steps, gates())


async def everything_at_once(c: ScenarioContext) -> Built:
    """Alone, with benefits, student finance, two cars and a permit, in Utrecht."""
    who = await deceased(
        c,
        await c.home("0344"),
        age=45,
        toeslagen=["zorgtoeslag"],
        studiefinanciering=True,
        voertuigen=2,
        parkeervergunning=True,
    )
    steps = [
        *basic(who),
        toeslagen(who),
        duo(who),
        rdw(who),
        end_permit(who, await permit(c, who)),
        stop_taxes(who, "0344"),
    ]
    return BuiltScenario(report(c, who, age=45, place="0344"), steps, gates())


async def not_a_natural_death(c: ScenarioContext) -> Built:
    """A death that is not natural, with the prosecutor's statement: four eyes."""
    who, wife = await _widowed(c, "0363")
    request = report(c, who, manner=Manner.NON_NATURAL)
    return BuiltScenario(request, [*basic(who), letter(wife)], gates("non_natural"))


async def surname_differs(c: ScenarioContext) -> Built:
    """The undertaker reports another surname than the BRP's: four eyes."""
    who = await deceased(c, await c.home("0363"))
    request = report(c, who, surname="Evaluatiën")
    steps = [*basic(who), stop_taxes(who, "0363")]
    return BuiltScenario(request, steps, gates("identity_mismatch"))


async def date_of_birth_differs(c: ScenarioContext) -> Built:
    """The reported date of birth is a day off the BRP's: four eyes."""
    who = await deceased(c, await c.home("0599"))
    request = report(c, who, place="0599", born=birth_date(c, 78) + timedelta(days=1))
    steps = [*basic(who), stop_taxes(who, "0599")]
    return BuiltScenario(request, steps, gates("identity_mismatch"))


async def surname_with_a_prefix(c: ScenarioContext) -> Built:
    """`van Dijk` reported for a BRP surname `Dijk` with prefix `van`: the same person."""
    home = await c.home("0363")
    naam = {"voornamen": "Gerrit", "voorvoegsel": "van", "geslachtsnaam": "Dijk"}
    who = await deceased(c, home, naam=naam)
    steps = [*basic(who), stop_taxes(who, "0363")]
    return BuiltScenario(report(c, who, surname="van Dijk"), steps, gates())


async def exactly_36_hours(c: ScenarioContext) -> Built:
    """Died at 22:00, cremated two days later at 10:00: exactly 36 hours, on time."""
    who, wife = await _widowed(c, "0363")
    day = recent_death(c)
    request = report(
        c,
        who,
        died=day,
        died_at=time(22, 0),
        disposal_day=day + timedelta(days=2),
        disposal_at=time(10, 0),
    )
    return BuiltScenario(request, [*basic(who), letter(wife)], gates())


async def under_36_hours(c: ScenarioContext) -> Built:
    """Died at 22:00, cremated two days later at 09:30: 35 and a half hours, too soon."""
    who, wife = await _widowed(c, "0363")
    day = recent_death(c)
    request = report(
        c,
        who,
        died=day,
        died_at=time(22, 0),
        disposal_day=day + timedelta(days=2),
        disposal_at=time(9, 30),
    )
    return BuiltScenario(request, [*basic(who), letter(wife)], gates("disposal_date"))


async def the_next_day_without_times(c: ScenarioContext) -> Built:
    """A burial the day after the death, no times reported: sooner than 36 hours."""
    who, wife = await _widowed(c, "0599")
    day = recent_death(c)
    request = report(
        c,
        who,
        died=day,
        place="0599",
        disposal_day=day + timedelta(days=1),
        kind=DisposalKind.BEGRAVEN,
    )
    return BuiltScenario(request, [*basic(who), letter(wife)], gates("disposal_date"))


async def sixth_working_day_across_a_weekend(c: ScenarioContext) -> Built:
    """Died on a Thursday, cremated on the sixth working day (the Friday after next)."""
    who, wife = await _widowed(c, "0344")
    day = recent_death(c, THURSDAY)
    request = report(c, who, died=day, place="0344", disposal_day=weekdays_after(day, 6))
    return BuiltScenario(request, [*basic(who), letter(wife)], gates())


async def seventh_working_day(c: ScenarioContext) -> Built:
    """Died on a Thursday, buried on the seventh working day: the mayor must allow it."""
    who, wife = await _widowed(c, "0344")
    day = recent_death(c, THURSDAY)
    request = report(
        c,
        who,
        died=day,
        place="0344",
        disposal_day=weekdays_after(day, 7),
        kind=DisposalKind.BEGRAVEN,
    )
    return BuiltScenario(request, [*basic(who), letter(wife)], gates("disposal_date"))


async def sole_custody_of_a_child(c: ScenarioContext) -> Built:
    """A single mother with sole custody of her son (10) dies: four eyes, a guardian."""
    home = await c.home("0363")
    who, child = c.bsn(), c.bsn()
    custody = [sole_custody(child, who)]
    await deceased(c, home, bsn=who, age=41, kinderen=[child], gezag=custody)
    await c.person(home, bsn=child, age=10, voornaam="Kim", ouders=[who])
    return BuiltScenario(report(c, who, age=41), basic(who), gates("minor_without_custody"))


async def joint_custody_with_a_living_parent(c: ScenarioContext) -> Built:
    """A father with joint custody dies; the mother, also a custody holder, lives on."""
    home = await c.home("0599")
    who, mother, child = c.bsn(), c.bsn(), c.bsn()
    custody = [
        {"type": "GezamenlijkOuderlijkGezag", "minderjarige": child, "ouders": [who, mother]}
    ]
    await deceased(c, home, bsn=who, age=44, partners=[mother], kinderen=[child], gezag=custody)
    await c.person(home, bsn=mother, age=42, voornaam="Riet", partners=[who], kinderen=[child])
    await c.person(home, bsn=child, age=7, voornaam="Kim", ouders=[who, mother])
    request = report(c, who, age=44, place="0599")
    return BuiltScenario(request, [*basic(who), letter(mother)], gates())


async def joint_custody_the_other_parent_died_before(c: ScenarioContext) -> Built:
    """The last living custody holder of a child (12) dies: four eyes."""
    home = await c.home("0344")
    who, other, child = c.bsn(), c.bsn(), c.bsn()
    custody = [joint_custody(child, who, other)]
    await deceased(c, home, bsn=who, age=47, kinderen=[child], gezag=custody)
    await c.person(
        await c.home("0344"),
        bsn=other,
        age=48,
        voornaam="Bram",
        kinderen=[child],
        overlijden={"datum": (c.today - timedelta(days=400)).isoformat()},
    )
    await c.person(home, bsn=child, age=12, voornaam="Kim", ouders=[who, other])
    request = report(c, who, age=47, place="0344")
    return BuiltScenario(request, basic(who), gates("minor_without_custody"))


async def already_recorded_as_deceased(c: ScenarioContext) -> Built:
    """A second report of a death the BRP already records: nothing is passed on again."""
    day = recent_death(c)
    who = await deceased(c, await c.home("0363"), overlijden={"datum": day.isoformat()})
    return BuiltScenario(report(c, who, died=day), deed_only(who), gates("already_deceased"))


async def not_in_the_brp(c: ScenarioContext) -> Built:
    """A BSN the BRP does not know: the registrar looks into it, nothing is passed on."""
    stranger = c.bsn()  # never created
    return BuiltScenario(report(c, stranger), deed_only(stranger), gates("person_not_found"))


async def under_investigation(c: ScenarioContext) -> Built:
    """The deceased's BRP data are under investigation."""
    who = await deceased(c, await c.home("0599"), inOnderzoek=True)
    steps = [*basic(who), stop_taxes(who, "0599")]
    return BuiltScenario(report(c, who, place="0599"), steps, gates("in_onderzoek"))


async def reported_late(c: ScenarioContext) -> Built:
    """A death reported ten days after it: flagged late, not gated."""
    who, wife = await _widowed(c, "0363")
    day = c.today - timedelta(days=10)
    request = report(c, who, died=day, disposal_day=weekdays_after(day, 3))
    return BuiltScenario(request, [*basic(who), letter(wife)], gates())


async def the_partner_died_before(c: ScenarioContext) -> Built:
    """A widower whose wife died years ago, living alone: no letter, taxes stop."""
    home = await c.home("0363")
    who, wife = c.bsn(), c.bsn()
    await deceased(c, home, bsn=who, partners=[wife])
    await c.person(
        home,
        bsn=wife,
        age=80,
        voornaam="Riet",
        partners=[who],
        overlijden={"datum": (c.today - timedelta(days=900)).isoformat()},
    )
    steps = [*basic(who), stop_taxes(who, "0363")]
    return BuiltScenario(report(c, who), steps, gates())


async def registered_partners(c: ScenarioContext) -> Built:
    """Registered partners (P) in Utrecht: the surviving partner gets the letter."""
    home = await c.home("0344")
    who, partner = c.bsn(), c.bsn()
    bond = "P"
    await deceased(
        c, home, bsn=who, partners=[{"burgerservicenummer": partner, "soortVerbintenis": bond}]
    )
    await c.person(
        home,
        bsn=partner,
        age=70,
        voornaam="Sam",
        partners=[{"burgerservicenummer": who, "soortVerbintenis": bond}],
    )
    request = report(c, who, place="0344", kind=DisposalKind.BEGRAVEN)
    return BuiltScenario(request, [*basic(who), letter(partner)], gates())


async def everything_wrong(c: ScenarioContext) -> Built:
    """Not natural, the surname differs and the cremation is too late: four gates."""
    who = await deceased(c, await c.home("0363"), voertuigen=1)
    day = recent_death(c, THURSDAY)
    request = report(
        c,
        who,
        died=day,
        manner=Manner.NON_NATURAL,
        surname="Anders",
        disposal_day=weekdays_after(day, 8),
    )
    steps = [*basic(who), rdw(who), stop_taxes(who, "0363")]
    return BuiltScenario(request, steps, gates("identity_mismatch", "non_natural", "disposal_date"))


SCENARIOS: tuple[Scenario[DeathRequest], ...] = tuple(
    Scenario(name.replace("_", "-"), (build.__doc__ or "").strip(), build)
    for name, build in (
        ("widow_in_amsterdam", widow_in_amsterdam),
        ("alone_in_rotterdam", alone_in_rotterdam),
        ("died_away_from_home", died_away_from_home),
        ("pensioner_with_benefits", pensioner_with_benefits),
        ("student_in_a_shared_house", student_in_a_shared_house),
        ("car_owner_with_a_parking_permit", car_owner_with_a_parking_permit),
        ("everything_at_once", everything_at_once),
        ("not_a_natural_death", not_a_natural_death),
        ("surname_differs", surname_differs),
        ("date_of_birth_differs", date_of_birth_differs),
        ("surname_with_a_prefix", surname_with_a_prefix),
        ("exactly_36_hours", exactly_36_hours),
        ("under_36_hours", under_36_hours),
        ("the_next_day_without_times", the_next_day_without_times),
        ("sixth_working_day_across_a_weekend", sixth_working_day_across_a_weekend),
        ("seventh_working_day", seventh_working_day),
        ("sole_custody_of_a_child", sole_custody_of_a_child),
        ("joint_custody_with_a_living_parent", joint_custody_with_a_living_parent),
        ("joint_custody_the_other_parent_died", joint_custody_the_other_parent_died_before),
        ("already_recorded_as_deceased", already_recorded_as_deceased),
        ("not_in_the_brp", not_in_the_brp),
        ("under_investigation", under_investigation),
        ("reported_late", reported_late),
        ("the_partner_died_before", the_partner_died_before),
        ("registered_partners", registered_partners),
        ("everything_wrong", everything_wrong),
    )
)
"""Every scenario, in the order `burgerflow eval` runs them."""
