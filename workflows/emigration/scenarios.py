"""The emigration's evaluation scenarios, with the steps and gates a caseworker expects.

Each scenario builds its own households and homes through the evaluation's population (fresh
BSNs and homes the seeded registries leave free) and states, by hand and independently of the
policy code, which administrative steps the plan should have and which gates the case should
raise. The builders are deterministic, so against the same registries a run builds the same
people again.

The set covers the ordinary departures (alone, couples, families; benefits, student finance,
vehicles, parking permits, municipal taxes; the Caribbean parts of the Kingdom, where the
proof of deregistration is free), every gate of policy v1 that registry data can raise, some
combinations and the edges of the reporting window (departure in exactly five days, a report
after the departure).
"""

from workflows.case.evaluation import BuiltScenario, Scenario
from workflows.case.population import ScenarioContext
from workflows.emigration.domain import EmigrationRequest
from workflows.emigration.scenario_kit import (
    Built,
    basic,
    couple,
    duo,
    end_permit,
    family,
    gates,
    leave,
    message,
    no_gates,
    permit,
    rdw,
    stop_taxes,
    toeslagen,
)


async def alone_to_belgium(c: ScenarioContext) -> Built:
    """A single adult leaves Amsterdam for Brussels: deregistration, taxes stopped, letter."""
    r = await c.person(await c.home("0363"))
    return BuiltScenario(leave(c, r), [*basic(r), stop_taxes(r, "0363")], no_gates())


async def married_couple_to_spain(c: ScenarioContext) -> Built:
    """A married couple leaves Rotterdam for Madrid; the wife reports for both."""
    r, p = await couple(c, "0599")
    steps = [*basic(r, p), stop_taxes(r, "0599"), stop_taxes(p, "0599")]
    return BuiltScenario(leave(c, r, [p], country="ES"), steps, no_gates())


async def registered_partners_to_germany(c: ScenarioContext) -> Built:
    """Registered partners leave Utrecht for Berlin."""
    r, p = await couple(c, "0344", soort="P")
    steps = [*basic(r, p), stop_taxes(r, "0344"), stop_taxes(p, "0344")]
    return BuiltScenario(leave(c, r, [p], country="DE"), steps, no_gates())


async def family_of_four_to_germany(c: ScenarioContext) -> Built:
    """Parents with joint custody leave with their two children: no gate."""
    mother, father, kids = await family(c, "0363", [10, 7])
    steps = [*basic(mother, father, *kids), stop_taxes(mother, "0363"), stop_taxes(father, "0363")]
    return BuiltScenario(leave(c, mother, [father, *kids], country="DE"), steps, no_gates())


async def student_to_the_uk(c: ScenarioContext) -> Built:
    """A student (21) with student finance and zorgtoeslag leaves Utrecht for London."""
    r = await c.person(
        await c.home("0344"), age=21, studiefinanciering=True, toeslagen=["zorgtoeslag"]
    )
    steps = [*basic(r), toeslagen(r), duo(r), stop_taxes(r, "0344")]
    return BuiltScenario(leave(c, r, country="GB"), steps, no_gates())


async def car_and_permit_leave_amsterdam(c: ScenarioContext) -> Built:
    """A car owner with a parking permit leaves Amsterdam: the RDW is told, the permit ends."""
    r = await c.person(await c.home("0363"), voertuigen=1, parkeervergunning=True)
    steps = [*basic(r), rdw(r), stop_taxes(r, "0363"), end_permit(r, await permit(c, r))]
    return BuiltScenario(leave(c, r), steps, no_gates())


async def everything_to_the_us(c: ScenarioContext) -> Built:
    """Two benefits, student finance, two cars and a permit, from Rotterdam to New York."""
    r = await c.person(
        await c.home("0599"),
        age=24,
        toeslagen=["huurtoeslag", "zorgtoeslag"],
        studiefinanciering=True,
        voertuigen=2,
        parkeervergunning=True,
    )
    steps = [
        *basic(r),
        toeslagen(r),
        duo(r),
        rdw(r),
        stop_taxes(r, "0599"),
        end_permit(r, await permit(c, r)),
    ]
    return BuiltScenario(leave(c, r, country="US"), steps, no_gates())


async def pensioner_to_aruba(c: ScenarioContext) -> Built:
    """A pensioner (70) with zorgtoeslag leaves for Aruba: the proof is free of charge."""
    r = await c.person(await c.home("0599"), age=70, toeslagen=["zorgtoeslag"])
    steps = [*basic(r, free=True), toeslagen(r), stop_taxes(r, "0599")]
    return BuiltScenario(leave(c, r, country="AW"), steps, no_gates())


async def family_to_bonaire(c: ScenarioContext) -> Built:
    """A family leaves for Bonaire (Caribisch Nederland): the proof is free of charge."""
    mother, father, [kid] = await family(c, "0344", [5])
    steps = [
        *basic(mother, father, kid, free=True),
        stop_taxes(mother, "0344"),
        stop_taxes(father, "0344"),
    ]
    return BuiltScenario(leave(c, mother, [father, kid], country="BQ"), steps, no_gates())


async def alone_to_curacao(c: ScenarioContext) -> Built:
    """A single adult leaves for Curaçao: the proof is free of charge."""
    r = await c.person(await c.home("0363"))
    steps = [*basic(r, free=True), stop_taxes(r, "0363")]
    return BuiltScenario(leave(c, r, country="CW"), steps, no_gates())


async def partner_stays_behind(c: ScenarioContext) -> Built:
    """One partner leaves, the other stays at the address: household split."""
    r, _p = await couple(c, "0363")
    return BuiltScenario(leave(c, r), [*basic(r), stop_taxes(r, "0363")], gates("household_split"))


async def housemate_stays_behind(c: ScenarioContext) -> Built:
    """A tenant leaves a shared house in Utrecht; the housemate stays: household split."""
    home = await c.home("0344")
    r = await c.person(home, age=27)
    await c.person(home, age=29, voornaam="Huisgenoot")
    return BuiltScenario(
        leave(c, r, country="ES"), [*basic(r), stop_taxes(r, "0344")], gates("household_split")
    )


async def child_leaves_without_custody_holder(c: ScenarioContext) -> Built:
    """A mother leaves with her child (9); the father, with joint custody, lives elsewhere."""
    home, elsewhere = await c.home("0599"), await c.home("0599")
    mother, father, kid = c.bsn(), c.bsn(), c.bsn()
    custody = [
        {"type": "GezamenlijkOuderlijkGezag", "minderjarige": kid, "ouders": [mother, father]}
    ]
    await c.person(home, bsn=mother, kinderen=[kid], gezag=custody)
    await c.person(elsewhere, bsn=father, voornaam="Bram", kinderen=[kid])
    await c.person(home, bsn=kid, age=9, voornaam="Kim", ouders=[mother, father])
    steps = [*basic(mother, kid), stop_taxes(mother, "0599")]
    return BuiltScenario(leave(c, mother, [kid]), steps, gates("custody"))


async def father_stays_with_custody(c: ScenarioContext) -> Built:
    """A mother leaves with the child (8); the father, with joint custody, stays at home."""
    mother, _father, [kid] = await family(c, "0363", [8])
    steps = [*basic(mother, kid), stop_taxes(mother, "0363")]
    return BuiltScenario(leave(c, mother, [kid]), steps, gates("custody", "household_split"))


async def sole_custody_parent_leaves_with_child(c: ScenarioContext) -> Built:
    """A parent with sole custody leaves with their child (6): no gate."""
    home = await c.home("0344")
    parent, kid = c.bsn(), c.bsn()
    custody = [{"type": "EenhoofdigOuderlijkGezag", "minderjarige": kid, "ouder": parent}]
    await c.person(home, bsn=parent, kinderen=[kid], gezag=custody)
    await c.person(home, bsn=kid, age=6, voornaam="Kim", ouders=[parent])
    steps = [*basic(parent, kid), stop_taxes(parent, "0344")]
    return BuiltScenario(leave(c, parent, [kid], country="DE"), steps, no_gates())


async def adult_housemate_not_authorised(c: ScenarioContext) -> Built:
    """A reporter takes an adult housemate along, who should report themselves."""
    home = await c.home("0363")
    r = await c.person(home)
    mate = await c.person(home, age=30, voornaam="Huisgenoot")
    steps = [*basic(r, mate), stop_taxes(r, "0363"), stop_taxes(mate, "0363")]
    return BuiltScenario(leave(c, r, [mate]), steps, gates("not_authorised"))


async def adult_child_at_home_reported_along(c: ScenarioContext) -> Built:
    """A parent leaves with their adult child (20) who lives with them: they may report it."""
    home = await c.home("0599")
    parent, kid = c.bsn(), c.bsn()
    await c.person(home, bsn=parent, age=50, kinderen=[kid])
    await c.person(home, bsn=kid, age=20, voornaam="Kim", ouders=[parent])
    steps = [*basic(parent, kid), stop_taxes(parent, "0599"), stop_taxes(kid, "0599")]
    return BuiltScenario(leave(c, parent, [kid], country="ES"), steps, no_gates())


async def adult_child_elsewhere_not_authorised(c: ScenarioContext) -> Built:
    """A parent reports their adult child (25) who lives elsewhere: not one to report for."""
    parent, kid = c.bsn(), c.bsn()
    await c.person(await c.home("0344"), bsn=parent, age=55, kinderen=[kid])
    await c.person(await c.home("0344"), bsn=kid, age=25, voornaam="Kim", ouders=[parent])
    steps = [*basic(parent, kid), stop_taxes(parent, "0344"), stop_taxes(kid, "0344")]
    return BuiltScenario(leave(c, parent, [kid]), steps, gates("not_authorised"))


async def sixteen_year_old_not_authorised(c: ScenarioContext) -> Built:
    """A family leaves; the child of 16 must report for themselves."""
    mother, father, [kid] = await family(c, "0599", [16])
    steps = [*basic(mother, father, kid), stop_taxes(mother, "0599"), stop_taxes(father, "0599")]
    return BuiltScenario(leave(c, mother, [father, kid]), steps, gates("not_authorised"))


async def reporter_under_sixteen(c: ScenarioContext) -> Built:
    """A child of 15 reports their own departure; both parents stay at home."""
    _mother, _father, [kid] = await family(c, "0363", [15])
    return BuiltScenario(
        leave(c, kid), basic(kid), gates("not_authorised", "custody", "household_split")
    )


async def partner_already_abroad(c: ScenarioContext) -> Built:
    """A reporter leaves and names their partner, who already lives in Spain."""
    r, p = c.bsn(), c.bsn()
    await c.person(await c.home("0363"), bsn=r, partners=[p])
    await c.person(
        await c.home("0363"),
        bsn=p,
        voornaam="Bram",
        partners=[r],
        verblijfplaats_buitenland={"land": "ES", "regel1": "Calle Mayor 1", "regel2": "Madrid"},
    )
    steps = [*basic(r), stop_taxes(r, "0363")]
    return BuiltScenario(leave(c, r, [p], country="ES"), steps, gates("already_abroad"))


async def reporter_already_abroad(c: ScenarioContext) -> Built:
    """Someone already registered in Belgium reports a departure again: only the letter."""
    r = await c.person(
        await c.home("0599"),
        verblijfplaats_buitenland={"land": "BE", "regel1": "Meir 50", "regel2": "2000 Antwerpen"},
    )
    return BuiltScenario(leave(c, r), [message(r)], gates("already_abroad"))


async def co_mover_not_in_brp(c: ScenarioContext) -> Built:
    """A reporter names a co-mover whom the BRP does not know."""
    r = await c.person(await c.home("0344"))
    stranger = c.bsn()
    steps = [*basic(r), stop_taxes(r, "0344")]
    return BuiltScenario(leave(c, r, [stranger]), steps, gates("person_not_found"))


async def reporter_under_investigation(c: ScenarioContext) -> Built:
    """The reporter's BRP data are under investigation."""
    r = await c.person(await c.home("0599"), in_onderzoek=True)
    return BuiltScenario(leave(c, r), [*basic(r), stop_taxes(r, "0599")], gates("in_onderzoek"))


async def departure_in_exactly_five_days(c: ScenarioContext) -> Built:
    """Reported on the first day it can be: departure in exactly five days."""
    r = await c.person(await c.home("0363"), toeslagen=["huurtoeslag"])
    steps = [*basic(r), toeslagen(r), stop_taxes(r, "0363")]
    return BuiltScenario(leave(c, r, days=5), steps, no_gates())


async def reported_after_departure(c: ScenarioContext) -> Built:
    """Reported ten days after leaving: deregistered from the day of the report, no gate."""
    r = await c.person(await c.home("0344"))
    steps = [*basic(r), stop_taxes(r, "0344")]
    return BuiltScenario(leave(c, r, country="GB", days=-10), steps, no_gates())


async def confidential_reporter(c: ScenarioContext) -> Built:
    """A reporter with geheimhouding leaves for Germany: no gate."""
    r = await c.person(await c.home("0599"), geheimhouding_persoonsgegevens=True)
    return BuiltScenario(leave(c, r, country="DE"), [*basic(r), stop_taxes(r, "0599")], no_gates())


SCENARIOS: tuple[Scenario[EmigrationRequest], ...] = tuple(
    Scenario(build.__name__.replace("_", "-"), (build.__doc__ or "").strip(), build)
    for build in (
        alone_to_belgium,
        married_couple_to_spain,
        registered_partners_to_germany,
        family_of_four_to_germany,
        student_to_the_uk,
        car_and_permit_leave_amsterdam,
        everything_to_the_us,
        pensioner_to_aruba,
        family_to_bonaire,
        alone_to_curacao,
        partner_stays_behind,
        housemate_stays_behind,
        child_leaves_without_custody_holder,
        father_stays_with_custody,
        sole_custody_parent_leaves_with_child,
        adult_housemate_not_authorised,
        adult_child_at_home_reported_along,
        adult_child_elsewhere_not_authorised,
        sixteen_year_old_not_authorised,
        reporter_under_sixteen,
        partner_already_abroad,
        reporter_already_abroad,
        co_mover_not_in_brp,
        reporter_under_investigation,
        departure_in_exactly_five_days,
        reported_after_departure,
        confidential_reporter,
    )
)
"""Every scenario, in the order `burgerflow eval` runs them."""
