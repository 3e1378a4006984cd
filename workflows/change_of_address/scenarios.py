"""The change of address's evaluation scenarios, with the steps and gates a caseworker expects.

Each scenario builds its own households and homes through the evaluation's population (fresh
BSNs and homes the seeded registries leave free) and states, by hand and independently of the
policy code, which administrative steps the plan should have and which gates the case should
raise. The builders are deterministic, so against the same registries a run builds the same
people again.

The set covers the ordinary moves (alone, couples, families; within and between
municipalities; benefits, student finance, vehicles, parking permits, municipal taxes), every
gate of policy v1 that registry data can raise, and some combinations.
"""

from workflows.case.evaluation import BuiltScenario, Scenario
from workflows.case.population import ScenarioContext
from workflows.change_of_address.domain import MoveRequest
from workflows.change_of_address.scenario_kit import (
    Built,
    basic,
    couple,
    duo,
    end_permit,
    family,
    gates,
    message,
    move,
    no_gates,
    nowhere,
    permit,
    rdw,
    taxes,
    toeslagen,
)

# The scenarios -----------------------------------------------------------------------------


async def alone_within_amsterdam(c: ScenarioContext) -> Built:
    """A single adult moves within Amsterdam: register, Belastingdienst, message."""
    r = await c.person(await c.home("0363"))
    return BuiltScenario(move(c, r, await c.home("0363")), basic(r), no_gates())


async def alone_rotterdam_to_amsterdam(c: ScenarioContext) -> Built:
    """A single adult moves from Rotterdam to Amsterdam: municipal taxes move too."""
    r = await c.person(await c.home("0599"))
    steps = [*basic(r), *taxes(r, "0599", "0363")]
    return BuiltScenario(move(c, r, await c.home("0363")), steps, no_gates())


async def huurtoeslag_utrecht_to_rotterdam(c: ScenarioContext) -> Built:
    """A tenant with huurtoeslag moves from Utrecht to Rotterdam."""
    r = await c.person(await c.home("0344"), toeslagen=["huurtoeslag"])
    steps = [*basic(r), toeslagen(r), *taxes(r, "0344", "0599")]
    return BuiltScenario(move(c, r, await c.home("0599")), steps, no_gates())


async def student_amsterdam_to_utrecht(c: ScenarioContext) -> Built:
    """A student (20) with student finance and zorgtoeslag moves to a room in Utrecht."""
    r = await c.person(
        await c.home("0363"), age=20, studiefinanciering=True, toeslagen=["zorgtoeslag"]
    )
    steps = [*basic(r), toeslagen(r), duo(r), *taxes(r, "0363", "0344")]
    return BuiltScenario(move(c, r, await c.home("0344", oppervlakte=24)), steps, no_gates())


async def car_owner_within_rotterdam(c: ScenarioContext) -> Built:
    """A car owner moves within Rotterdam: the RDW is told."""
    r = await c.person(await c.home("0599"), voertuigen=1)
    return BuiltScenario(move(c, r, await c.home("0599")), [*basic(r), rdw(r)], no_gates())


async def parking_permit_within_amsterdam(c: ScenarioContext) -> Built:
    """A resident with a parking permit moves within Amsterdam: the permit ends."""
    r = await c.person(await c.home("0363"), parkeervergunning=True)
    steps = [*basic(r), end_permit(r, await permit(c, r))]
    return BuiltScenario(move(c, r, await c.home("0363")), steps, no_gates())


async def car_and_permit_amsterdam_to_rotterdam(c: ScenarioContext) -> Built:
    """A car owner with a parking permit moves from Amsterdam to Rotterdam."""
    r = await c.person(await c.home("0363"), voertuigen=1, parkeervergunning=True)
    steps = [*basic(r), rdw(r), *taxes(r, "0363", "0599"), end_permit(r, await permit(c, r))]
    return BuiltScenario(move(c, r, await c.home("0599")), steps, no_gates())


async def everything_rotterdam_to_utrecht(c: ScenarioContext) -> Built:
    """Two benefits, student finance, two cars and a permit, Rotterdam to Utrecht."""
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
        *taxes(r, "0599", "0344"),
        end_permit(r, await permit(c, r)),
    ]
    return BuiltScenario(move(c, r, await c.home("0344")), steps, no_gates())


async def married_couple_within_utrecht(c: ScenarioContext) -> Built:
    """A married couple moves within Utrecht; the wife reports for both."""
    r, p = await couple(c, "0344")
    return BuiltScenario(move(c, r, await c.home("0344"), [p]), basic(r, p), no_gates())


async def registered_partners_rotterdam_to_utrecht(c: ScenarioContext) -> Built:
    """Registered partners move from Rotterdam to Utrecht."""
    r, p = await couple(c, "0599", soort="P")
    steps = [*basic(r, p), *taxes(r, "0599", "0344"), *taxes(p, "0599", "0344")]
    return BuiltScenario(move(c, r, await c.home("0344"), [p]), steps, no_gates())


async def couple_benefits_and_car_amsterdam_to_rotterdam(c: ScenarioContext) -> Built:
    """A couple with benefits and one car moves from Amsterdam to Rotterdam."""
    home = await c.home("0363")
    r, p = c.bsn(), c.bsn()
    await c.person(home, bsn=r, partners=[p], toeslagen=["huurtoeslag"])
    await c.person(
        home,
        bsn=p,
        voornaam="Bram",
        partners=[r],
        toeslagen=["huurtoeslag", "zorgtoeslag"],
        voertuigen=1,
    )
    steps = [
        *basic(r, p),
        toeslagen(r),
        toeslagen(p),
        rdw(p),
        *taxes(r, "0363", "0599"),
        *taxes(p, "0363", "0599"),
    ]
    return BuiltScenario(move(c, r, await c.home("0599"), [p]), steps, no_gates())


async def family_of_four_utrecht_to_amsterdam(c: ScenarioContext) -> Built:
    """Parents with joint custody move with their two children to Amsterdam."""
    mother, father, kids = await family(c, "0344", [10, 7])
    steps = [
        *basic(mother, father, *kids),
        *taxes(mother, "0344", "0363"),
        *taxes(father, "0344", "0363"),
    ]
    new = await c.home("0363", oppervlakte=110)
    return BuiltScenario(move(c, mother, new, [father, *kids]), steps, no_gates())


async def single_parent_sole_custody(c: ScenarioContext) -> Built:
    """A parent with sole custody moves with their child (8): no gate."""
    home = await c.home("0363")
    parent, kid = c.bsn(), c.bsn()
    custody = [{"type": "EenhoofdigOuderlijkGezag", "minderjarige": kid, "ouder": parent}]
    await c.person(home, bsn=parent, kinderen=[kid], gezag=custody)
    await c.person(home, bsn=kid, age=8, voornaam="Kim", ouders=[parent])
    new = await c.home("0363")
    return BuiltScenario(move(c, parent, new, [kid]), basic(parent, kid), no_gates())


async def child_left_behind_custody(c: ScenarioContext) -> Built:
    """A mother moves with her child (9); the father, with joint custody, stays."""
    mother, _father, [kid] = await family(c, "0599", [9])
    new = await c.home("0599")
    return BuiltScenario(move(c, mother, new, [kid]), basic(mother, kid), gates("custody"))


async def adult_housemate_not_authorised(c: ScenarioContext) -> Built:
    """A reporter takes an adult housemate along, who should report themselves."""
    home = await c.home("0363")
    r = await c.person(home)
    housemate = await c.person(home, age=30, voornaam="Huisgenoot")
    new = await c.home("0363", oppervlakte=120)
    return BuiltScenario(move(c, r, new, [housemate]), basic(r, housemate), gates("not_authorised"))


async def adult_child_not_authorised(c: ScenarioContext) -> Built:
    """A parent reports the move of their adult child (19) along with their own."""
    home = await c.home("0344")
    parent, kid = c.bsn(), c.bsn()
    await c.person(home, bsn=parent, age=48, kinderen=[kid])
    await c.person(home, bsn=kid, age=19, voornaam="Kim", ouders=[parent])
    new = await c.home("0344")
    return BuiltScenario(move(c, parent, new, [kid]), basic(parent, kid), gates("not_authorised"))


async def sixteen_year_old_not_authorised(c: ScenarioContext) -> Built:
    """A family moves; the child of 16 must report for themselves."""
    mother, father, [kid] = await family(c, "0599", [16])
    new = await c.home("0599", oppervlakte=100)
    return BuiltScenario(
        move(c, mother, new, [father, kid]), basic(mother, father, kid), gates("not_authorised")
    )


async def office_building(c: ScenarioContext) -> Built:
    """A move into an office building (kantoorfunctie): four-eyes gate."""
    r = await c.person(await c.home("0363"))
    office = await c.home("0363", gebruiksdoelen=("kantoorfunctie",), oppervlakte=200)
    return BuiltScenario(move(c, r, office), basic(r), gates("non_residential"))


async def shop_with_parking_permit(c: ScenarioContext) -> Built:
    """A move into a shop (winkelfunctie) by a permit holder."""
    r = await c.person(await c.home("0363"), parkeervergunning=True)
    shop = await c.home("0363", gebruiksdoelen=("winkelfunctie",), oppervlakte=60)
    steps = [*basic(r), end_permit(r, await permit(c, r))]
    return BuiltScenario(move(c, r, shop), steps, gates("non_residential"))


async def object_not_in_use(c: ScenarioContext) -> Built:
    """A move into a building under construction (Bouw gestart)."""
    r = await c.person(await c.home("0599"))
    unbuilt = await c.home("0599", status="Bouw gestart")
    return BuiltScenario(move(c, r, unbuilt), basic(r), gates("object_status"))


async def object_not_measured_is_in_use(c: ScenarioContext) -> Built:
    """A move into an object in use but not measured: no gate."""
    r = await c.person(await c.home("0344"))
    new = await c.home("0344", status="Verblijfsobject in gebruik (niet ingemeten)")
    return BuiltScenario(move(c, r, new), basic(r), no_gates())


async def crowded_home(c: ScenarioContext) -> Built:
    """A move into 20 m² where someone already lives: 10 m² each."""
    r = await c.person(await c.home("0363"))
    small = await c.home("0363", oppervlakte=20)
    await c.person(small, voornaam="Bewoner")
    return BuiltScenario(move(c, r, small), basic(r), gates("occupancy"))


async def family_into_small_flat(c: ScenarioContext) -> Built:
    """A family of three into 30 m²: 10 m² each."""
    mother, father, [kid] = await family(c, "0599", [5])
    flat = await c.home("0599", oppervlakte=30)
    return BuiltScenario(
        move(c, mother, flat, [father, kid]), basic(mother, father, kid), gates("occupancy")
    )


async def address_under_investigation(c: ScenarioContext) -> Built:
    """A move to an address under investigation."""
    r = await c.person(await c.home("0344"))
    new = await c.home("0344", in_onderzoek=True)
    return BuiltScenario(move(c, r, new), basic(r), gates("in_onderzoek"))


async def reporter_under_investigation(c: ScenarioContext) -> Built:
    """A reporter whose BRP data are under investigation."""
    r = await c.person(await c.home("0363"), inOnderzoek=True)
    return BuiltScenario(move(c, r, await c.home("0363")), basic(r), gates("in_onderzoek"))


async def address_not_in_bag(c: ScenarioContext) -> Built:
    """A move to an address BAG does not have: only the message is planned."""
    r = await c.person(await c.home("0599"))
    return BuiltScenario(move(c, r, nowhere(c, "0599")), [message(r)], gates("address_not_found"))


async def co_mover_not_in_brp(c: ScenarioContext) -> Built:
    """A co-mover BRP does not know: no steps for them."""
    r = await c.person(await c.home("0363"))
    stranger = c.bsn()  # never created: BRP does not know them
    new = await c.home("0363")
    return BuiltScenario(move(c, r, new, [stranger]), basic(r), gates("person_not_found"))


async def confidential_reporter(c: ScenarioContext) -> Built:
    """A reporter with confidential personal data: an ordinary move."""
    r = await c.person(await c.home("0599"), geheimhoudingPersoonsgegevens=True)
    return BuiltScenario(move(c, r, await c.home("0599")), basic(r), no_gates())


async def late_report(c: ScenarioContext) -> Built:
    """A move reported ten days after the fact: flagged, not gated."""
    r = await c.person(await c.home("0344"))
    steps = [*basic(r), *taxes(r, "0344", "0363")]
    return BuiltScenario(move(c, r, await c.home("0363"), days=-10), steps, no_gates())


async def move_weeks_ahead(c: ScenarioContext) -> Built:
    """A car owner reports a move twenty days ahead, Amsterdam to Rotterdam."""
    r = await c.person(await c.home("0363"), voertuigen=1)
    steps = [*basic(r), rdw(r), *taxes(r, "0363", "0599")]
    return BuiltScenario(move(c, r, await c.home("0599"), days=20), steps, no_gates())


async def office_with_housemate(c: ScenarioContext) -> Built:
    """Two housemates into a 20 m² office: three gates at once."""
    home = await c.home("0363")
    r = await c.person(home)
    housemate = await c.person(home, age=28, voornaam="Huisgenoot")
    office = await c.home("0363", gebruiksdoelen=("kantoorfunctie",), oppervlakte=20)
    return BuiltScenario(
        move(c, r, office, [housemate]),
        basic(r, housemate),
        gates("non_residential", "occupancy", "not_authorised"),
    )


async def moving_in_with_partner(c: ScenarioContext) -> Built:
    """A reporter moves in with their partner, who already lives there."""
    theirs = await c.home("0363")
    r, p = c.bsn(), c.bsn()
    await c.person(await c.home("0599"), bsn=r, partners=[p])
    await c.person(theirs, bsn=p, voornaam="Bram", partners=[r])
    steps = [*basic(r), *taxes(r, "0599", "0363")]
    return BuiltScenario(move(c, r, theirs), steps, no_gates())


async def pensioner_with_zorgtoeslag(c: ScenarioContext) -> Built:
    """A pensioner (72) with zorgtoeslag moves from Amsterdam to Utrecht."""
    r = await c.person(await c.home("0363"), age=72, toeslagen=["zorgtoeslag"])
    steps = [*basic(r), toeslagen(r), *taxes(r, "0363", "0344")]
    return BuiltScenario(move(c, r, await c.home("0344", oppervlakte=55)), steps, no_gates())


async def young_adult_leaving_home(c: ScenarioContext) -> Built:
    """A young adult (18) with a car leaves the parental home for Amsterdam."""
    home = await c.home("0599")
    parent, kid = c.bsn(), c.bsn()
    await c.person(home, bsn=parent, age=50, kinderen=[kid])
    await c.person(home, bsn=kid, age=18, voornaam="Kim", ouders=[parent], voertuigen=1)
    steps = [*basic(kid), rdw(kid), *taxes(kid, "0599", "0363")]
    return BuiltScenario(move(c, kid, await c.home("0363", oppervlakte=30)), steps, no_gates())


async def unknown_address_and_stranger(c: ScenarioContext) -> Built:
    """An unknown address and an unknown co-mover: two gates."""
    r = await c.person(await c.home("0344"))
    stranger = c.bsn()
    return BuiltScenario(
        move(c, r, nowhere(c, "0344"), [stranger]),
        [message(r)],
        gates("address_not_found", "person_not_found"),
    )


SCENARIOS: tuple[Scenario[MoveRequest], ...] = tuple(
    Scenario(name.replace("_", "-"), (build.__doc__ or "").strip(), build)
    for name, build in (
        ("alone_within_amsterdam", alone_within_amsterdam),
        ("alone_rotterdam_to_amsterdam", alone_rotterdam_to_amsterdam),
        ("huurtoeslag_utrecht_to_rotterdam", huurtoeslag_utrecht_to_rotterdam),
        ("student_amsterdam_to_utrecht", student_amsterdam_to_utrecht),
        ("car_owner_within_rotterdam", car_owner_within_rotterdam),
        ("parking_permit_within_amsterdam", parking_permit_within_amsterdam),
        ("car_and_permit_amsterdam_to_rotterdam", car_and_permit_amsterdam_to_rotterdam),
        ("everything_rotterdam_to_utrecht", everything_rotterdam_to_utrecht),
        ("married_couple_within_utrecht", married_couple_within_utrecht),
        ("registered_partners_rotterdam_to_utrecht", registered_partners_rotterdam_to_utrecht),
        ("couple_benefits_and_car", couple_benefits_and_car_amsterdam_to_rotterdam),
        ("family_of_four_utrecht_to_amsterdam", family_of_four_utrecht_to_amsterdam),
        ("single_parent_sole_custody", single_parent_sole_custody),
        ("child_left_behind_custody", child_left_behind_custody),
        ("adult_housemate_not_authorised", adult_housemate_not_authorised),
        ("adult_child_not_authorised", adult_child_not_authorised),
        ("sixteen_year_old_not_authorised", sixteen_year_old_not_authorised),
        ("office_building", office_building),
        ("shop_with_parking_permit", shop_with_parking_permit),
        ("object_not_in_use", object_not_in_use),
        ("object_not_measured_is_in_use", object_not_measured_is_in_use),
        ("crowded_home", crowded_home),
        ("family_into_small_flat", family_into_small_flat),
        ("address_under_investigation", address_under_investigation),
        ("reporter_under_investigation", reporter_under_investigation),
        ("address_not_in_bag", address_not_in_bag),
        ("co_mover_not_in_brp", co_mover_not_in_brp),
        ("confidential_reporter", confidential_reporter),
        ("late_report", late_report),
        ("move_weeks_ahead", move_weeks_ahead),
        ("office_with_housemate", office_with_housemate),
        ("moving_in_with_partner", moving_in_with_partner),
        ("pensioner_with_zorgtoeslag", pensioner_with_zorgtoeslag),
        ("young_adult_leaving_home", young_adult_leaving_home),
        ("unknown_address_and_stranger", unknown_address_and_stranger),
    )
)
"""Every scenario, in the order `burgerflow eval` runs them."""
