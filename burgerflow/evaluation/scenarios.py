"""The evaluation scenarios: changes of address with the steps and gates a caseworker expects.

Each scenario builds its own households and homes through the mocks' `_admin` API (fresh
BSNs in the range `99999xxxx`, which the seeded population leaves free, and homes at house
numbers from 90001 on) and states, by hand and independently of the policy code, which
administrative steps the plan should have and which gates the case should raise. The
builders are deterministic, so against the same mocks a run builds the same people again.

The set covers the ordinary moves (alone, couples, families; within and between
municipalities; benefits, student finance, vehicles, parking permits, municipal taxes), every
gate of policy v1 that registry data can raise, and some combinations.
"""

import itertools
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from burgerflow.core.bsn import bsn_check_digit
from burgerflow.registry.client import RegistryClient
from registries_mock.admin.client import AdminClient
from registries_mock.admin.schemas import AdresCreate, PersoonCreate
from workflows.change_of_address.domain import MoveRequest, NewAddress, StepKind

IN_USE = "Verblijfsobject in gebruik"
_PLACES = {
    "0363": ("1011", "Amsterdam"),
    "0599": ("3011", "Rotterdam"),
    "0344": ("3511", "Utrecht"),
}
_FIRST_HOUSE_NUMBER = 90_000


@dataclass(frozen=True, slots=True)
class ExpectedStep:
    """A step the plan should have: its kind, subject and identifying parameters."""

    kind: StepKind
    subject: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BuiltScenario:
    """A scenario made in the registries: the move to report and what should come of it."""

    request: MoveRequest
    steps: list[ExpectedStep]
    gates: frozenset[str]


def _bsns() -> Iterator[str]:
    for n in range(1000):
        eight = f"99999{n:03d}"
        digit = bsn_check_digit(eight)
        if digit is not None:
            yield f"{eight}{digit}"


class ScenarioContext:
    """Builds people and homes for scenarios through the `_admin` API.

    Args:
        admin: The mocks' admin client.
        registry: The registry client (to read back what the mocks generated).
        today: The day of the evaluation (ages and move dates are relative to it).
    """

    def __init__(self, admin: AdminClient, registry: RegistryClient, today: date) -> None:
        self.admin = admin
        self.registry = registry
        self.today = today
        self._bsns = _bsns()
        self._homes = itertools.count(1)

    def bsn(self) -> str:
        """A fresh BSN for this run (not created anywhere yet)."""
        return next(self._bsns)

    def _next_home(self, gemeentecode: str) -> tuple[str, str, int]:
        n = next(self._homes)
        pc4, _ = _PLACES[gemeentecode]
        return f"{gemeentecode}01{7_000_000_000 + n:010d}", f"{pc4}EV", _FIRST_HOUSE_NUMBER + n

    async def home(
        self,
        gemeentecode: str = "0363",
        *,
        oppervlakte: int = 90,
        gebruiksdoelen: tuple[str, ...] = ("woonfunctie",),
        status: str = IN_USE,
        in_onderzoek: bool = False,
    ) -> AdresCreate:
        """Create an address and its object in BAG."""
        object_id, postcode, huisnummer = self._next_home(gemeentecode)
        adres = AdresCreate.model_validate(
            {
                "adresseerbaarObjectIdentificatie": object_id,
                "nummeraanduidingIdentificatie": f"{gemeentecode}20{object_id[6:]}",
                "openbareRuimteNaam": "Evaluatiestraat",
                "huisnummer": huisnummer,
                "postcode": postcode,
                "woonplaatsNaam": _PLACES[gemeentecode][1],
                "gebruiksdoelen": list(gebruiksdoelen),
                "oppervlakte": oppervlakte,
                "status": status,
                "inOnderzoek": in_onderzoek,
            }
        )
        await self.admin.create_adres(adres)
        return adres

    def nowhere(self, gemeentecode: str = "0363") -> NewAddress:
        """An address BAG does not have."""
        _, postcode, huisnummer = self._next_home(gemeentecode)
        return NewAddress(postcode=postcode, huisnummer=huisnummer)

    def born(self, age: int) -> str:
        """A date of birth that makes someone `age` today (ISO)."""
        return (self.today.replace(year=self.today.year - age) - timedelta(days=30)).isoformat()

    async def person(
        self,
        home: AdresCreate,
        *,
        bsn: str | None = None,
        age: int = 35,
        voornaam: str = "Eva",
        **fields: Any,
    ) -> str:
        """Create a person living at `home`; `fields` sets any `_admin/personen` field."""
        bsn = bsn or self.bsn()
        body: dict[str, Any] = {
            "burgerservicenummer": bsn,
            "naam": {"voornamen": voornaam, "geslachtsnaam": "Evaluatie"},
            "geboorte": {"datum": self.born(age)},
            "adresseerbaarObjectIdentificatie": home.adresseerbaar_object_identificatie,
        }
        body.update(fields)
        await self.admin.create_persoon(PersoonCreate.model_validate(body))
        return bsn

    async def permit(self, bsn: str) -> str:
        """The number of the (first) parking permit the mocks gave `bsn`."""
        permits = await self.registry.gemeente_parkeervergunningen(bsn)
        return permits.parkeervergunningen[0].vergunningnummer

    def move(
        self,
        reporter: str,
        to: AdresCreate | NewAddress,
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
            move_date=self.today + timedelta(days=days),
        )


# Expected steps, by hand -------------------------------------------------------------------


def register(bsn: str) -> ExpectedStep:
    """BRP registration at the new address."""
    return ExpectedStep(StepKind.BRP_REGISTER_ADDRESS, bsn)


def belastingdienst(bsn: str) -> ExpectedStep:
    """The Belastingdienst is told."""
    return ExpectedStep(StepKind.NOTIFY_BELASTINGDIENST, bsn)


def toeslagen(bsn: str) -> ExpectedStep:
    """Toeslagen is told."""
    return ExpectedStep(StepKind.NOTIFY_TOESLAGEN, bsn)


def duo(bsn: str) -> ExpectedStep:
    """DUO is told."""
    return ExpectedStep(StepKind.NOTIFY_DUO, bsn)


def rdw(bsn: str) -> ExpectedStep:
    """The RDW is told."""
    return ExpectedStep(StepKind.NOTIFY_RDW, bsn)


def taxes(bsn: str, old: str, new: str) -> list[ExpectedStep]:
    """Municipal taxes stopped at `old` and started at `new`."""
    return [
        ExpectedStep(StepKind.GEMEENTE_STOP_TAXES, bsn, {"gemeentecode": old}),
        ExpectedStep(StepKind.GEMEENTE_START_TAXES, bsn, {"gemeentecode": new}),
    ]


def end_permit(bsn: str, vergunningnummer: str) -> ExpectedStep:
    """A parking permit tied to the old address ended."""
    return ExpectedStep(StepKind.END_PARKING_PERMIT, bsn, {"vergunningnummer": vergunningnummer})


def message(bsn: str) -> ExpectedStep:
    """The message to the reporter."""
    return ExpectedStep(StepKind.CITIZEN_MESSAGE, bsn)


def basic(*bsns: str) -> list[ExpectedStep]:
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


@dataclass(frozen=True, slots=True)
class Scenario:
    """A named scenario and how to build it."""

    name: str
    description: str
    build: Callable[[ScenarioContext], Awaitable[BuiltScenario]]


# The scenarios -----------------------------------------------------------------------------


async def alone_within_amsterdam(c: ScenarioContext) -> BuiltScenario:
    """A single adult moves within Amsterdam: register, Belastingdienst, message."""
    r = await c.person(await c.home("0363"))
    return BuiltScenario(c.move(r, await c.home("0363")), basic(r), no_gates())


async def alone_rotterdam_to_amsterdam(c: ScenarioContext) -> BuiltScenario:
    """A single adult moves from Rotterdam to Amsterdam: municipal taxes move too."""
    r = await c.person(await c.home("0599"))
    steps = [*basic(r), *taxes(r, "0599", "0363")]
    return BuiltScenario(c.move(r, await c.home("0363")), steps, no_gates())


async def huurtoeslag_utrecht_to_rotterdam(c: ScenarioContext) -> BuiltScenario:
    """A tenant with huurtoeslag moves from Utrecht to Rotterdam."""
    r = await c.person(await c.home("0344"), toeslagen=["huurtoeslag"])
    steps = [*basic(r), toeslagen(r), *taxes(r, "0344", "0599")]
    return BuiltScenario(c.move(r, await c.home("0599")), steps, no_gates())


async def student_amsterdam_to_utrecht(c: ScenarioContext) -> BuiltScenario:
    """A student (20) with student finance and zorgtoeslag moves to a room in Utrecht."""
    r = await c.person(
        await c.home("0363"), age=20, studiefinanciering=True, toeslagen=["zorgtoeslag"]
    )
    steps = [*basic(r), toeslagen(r), duo(r), *taxes(r, "0363", "0344")]
    return BuiltScenario(c.move(r, await c.home("0344", oppervlakte=24)), steps, no_gates())


async def car_owner_within_rotterdam(c: ScenarioContext) -> BuiltScenario:
    """A car owner moves within Rotterdam: the RDW is told."""
    r = await c.person(await c.home("0599"), voertuigen=1)
    return BuiltScenario(c.move(r, await c.home("0599")), [*basic(r), rdw(r)], no_gates())


async def parking_permit_within_amsterdam(c: ScenarioContext) -> BuiltScenario:
    """A resident with a parking permit moves within Amsterdam: the permit ends."""
    r = await c.person(await c.home("0363"), parkeervergunning=True)
    steps = [*basic(r), end_permit(r, await c.permit(r))]
    return BuiltScenario(c.move(r, await c.home("0363")), steps, no_gates())


async def car_and_permit_amsterdam_to_rotterdam(c: ScenarioContext) -> BuiltScenario:
    """A car owner with a parking permit moves from Amsterdam to Rotterdam."""
    r = await c.person(await c.home("0363"), voertuigen=1, parkeervergunning=True)
    steps = [*basic(r), rdw(r), *taxes(r, "0363", "0599"), end_permit(r, await c.permit(r))]
    return BuiltScenario(c.move(r, await c.home("0599")), steps, no_gates())


async def everything_rotterdam_to_utrecht(c: ScenarioContext) -> BuiltScenario:
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
        end_permit(r, await c.permit(r)),
    ]
    return BuiltScenario(c.move(r, await c.home("0344")), steps, no_gates())


async def _couple(
    c: ScenarioContext, gemeentecode: str, soort: str = "H", **partner_fields: Any
) -> tuple[str, str]:
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


async def married_couple_within_utrecht(c: ScenarioContext) -> BuiltScenario:
    """A married couple moves within Utrecht; the wife reports for both."""
    r, p = await _couple(c, "0344")
    return BuiltScenario(c.move(r, await c.home("0344"), [p]), basic(r, p), no_gates())


async def registered_partners_rotterdam_to_utrecht(c: ScenarioContext) -> BuiltScenario:
    """Registered partners move from Rotterdam to Utrecht."""
    r, p = await _couple(c, "0599", soort="P")
    steps = [*basic(r, p), *taxes(r, "0599", "0344"), *taxes(p, "0599", "0344")]
    return BuiltScenario(c.move(r, await c.home("0344"), [p]), steps, no_gates())


async def couple_benefits_and_car_amsterdam_to_rotterdam(c: ScenarioContext) -> BuiltScenario:
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
    return BuiltScenario(c.move(r, await c.home("0599"), [p]), steps, no_gates())


async def _family(
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


async def family_of_four_utrecht_to_amsterdam(c: ScenarioContext) -> BuiltScenario:
    """Parents with joint custody move with their two children to Amsterdam."""
    mother, father, kids = await _family(c, "0344", [10, 7])
    steps = [
        *basic(mother, father, *kids),
        *taxes(mother, "0344", "0363"),
        *taxes(father, "0344", "0363"),
    ]
    new = await c.home("0363", oppervlakte=110)
    return BuiltScenario(c.move(mother, new, [father, *kids]), steps, no_gates())


async def single_parent_sole_custody(c: ScenarioContext) -> BuiltScenario:
    """A parent with sole custody moves with their child (8): no gate."""
    home = await c.home("0363")
    parent, kid = c.bsn(), c.bsn()
    custody = [{"type": "EenhoofdigOuderlijkGezag", "minderjarige": kid, "ouder": parent}]
    await c.person(home, bsn=parent, kinderen=[kid], gezag=custody)
    await c.person(home, bsn=kid, age=8, voornaam="Kim", ouders=[parent])
    new = await c.home("0363")
    return BuiltScenario(c.move(parent, new, [kid]), basic(parent, kid), no_gates())


async def child_left_behind_custody(c: ScenarioContext) -> BuiltScenario:
    """A mother moves with her child (9); the father, with joint custody, stays."""
    mother, _father, [kid] = await _family(c, "0599", [9])
    new = await c.home("0599")
    return BuiltScenario(c.move(mother, new, [kid]), basic(mother, kid), gates("custody"))


async def adult_housemate_not_authorised(c: ScenarioContext) -> BuiltScenario:
    """A reporter takes an adult housemate along, who should report themselves."""
    home = await c.home("0363")
    r = await c.person(home)
    housemate = await c.person(home, age=30, voornaam="Huisgenoot")
    new = await c.home("0363", oppervlakte=120)
    return BuiltScenario(c.move(r, new, [housemate]), basic(r, housemate), gates("not_authorised"))


async def adult_child_not_authorised(c: ScenarioContext) -> BuiltScenario:
    """A parent reports the move of their adult child (19) along with their own."""
    home = await c.home("0344")
    parent, kid = c.bsn(), c.bsn()
    await c.person(home, bsn=parent, age=48, kinderen=[kid])
    await c.person(home, bsn=kid, age=19, voornaam="Kim", ouders=[parent])
    new = await c.home("0344")
    return BuiltScenario(c.move(parent, new, [kid]), basic(parent, kid), gates("not_authorised"))


async def sixteen_year_old_not_authorised(c: ScenarioContext) -> BuiltScenario:
    """A family moves; the child of 16 must report for themselves."""
    mother, father, [kid] = await _family(c, "0599", [16])
    new = await c.home("0599", oppervlakte=100)
    return BuiltScenario(
        c.move(mother, new, [father, kid]), basic(mother, father, kid), gates("not_authorised")
    )


async def office_building(c: ScenarioContext) -> BuiltScenario:
    """A move into an office building (kantoorfunctie): four-eyes gate."""
    r = await c.person(await c.home("0363"))
    office = await c.home("0363", gebruiksdoelen=("kantoorfunctie",), oppervlakte=200)
    return BuiltScenario(c.move(r, office), basic(r), gates("non_residential"))


async def shop_with_parking_permit(c: ScenarioContext) -> BuiltScenario:
    """A move into a shop (winkelfunctie) by a permit holder."""
    r = await c.person(await c.home("0363"), parkeervergunning=True)
    shop = await c.home("0363", gebruiksdoelen=("winkelfunctie",), oppervlakte=60)
    steps = [*basic(r), end_permit(r, await c.permit(r))]
    return BuiltScenario(c.move(r, shop), steps, gates("non_residential"))


async def object_not_in_use(c: ScenarioContext) -> BuiltScenario:
    """A move into a building under construction (Bouw gestart)."""
    r = await c.person(await c.home("0599"))
    unbuilt = await c.home("0599", status="Bouw gestart")
    return BuiltScenario(c.move(r, unbuilt), basic(r), gates("object_status"))


async def object_not_measured_is_in_use(c: ScenarioContext) -> BuiltScenario:
    """A move into an object in use but not measured: no gate."""
    r = await c.person(await c.home("0344"))
    new = await c.home("0344", status="Verblijfsobject in gebruik (niet ingemeten)")
    return BuiltScenario(c.move(r, new), basic(r), no_gates())


async def crowded_home(c: ScenarioContext) -> BuiltScenario:
    """A move into 20 m² where someone already lives: 10 m² each."""
    r = await c.person(await c.home("0363"))
    small = await c.home("0363", oppervlakte=20)
    await c.person(small, voornaam="Bewoner")
    return BuiltScenario(c.move(r, small), basic(r), gates("occupancy"))


async def family_into_small_flat(c: ScenarioContext) -> BuiltScenario:
    """A family of three into 30 m²: 10 m² each."""
    mother, father, [kid] = await _family(c, "0599", [5])
    flat = await c.home("0599", oppervlakte=30)
    return BuiltScenario(
        c.move(mother, flat, [father, kid]), basic(mother, father, kid), gates("occupancy")
    )


async def address_under_investigation(c: ScenarioContext) -> BuiltScenario:
    """A move to an address under investigation."""
    r = await c.person(await c.home("0344"))
    new = await c.home("0344", in_onderzoek=True)
    return BuiltScenario(c.move(r, new), basic(r), gates("in_onderzoek"))


async def reporter_under_investigation(c: ScenarioContext) -> BuiltScenario:
    """A reporter whose BRP data are under investigation."""
    r = await c.person(await c.home("0363"), inOnderzoek=True)
    return BuiltScenario(c.move(r, await c.home("0363")), basic(r), gates("in_onderzoek"))


async def address_not_in_bag(c: ScenarioContext) -> BuiltScenario:
    """A move to an address BAG does not have: only the message is planned."""
    r = await c.person(await c.home("0599"))
    return BuiltScenario(c.move(r, c.nowhere("0599")), [message(r)], gates("address_not_found"))


async def co_mover_not_in_brp(c: ScenarioContext) -> BuiltScenario:
    """A co-mover BRP does not know: no steps for them."""
    r = await c.person(await c.home("0363"))
    stranger = c.bsn()  # never created: BRP does not know them
    new = await c.home("0363")
    return BuiltScenario(c.move(r, new, [stranger]), basic(r), gates("person_not_found"))


async def confidential_reporter(c: ScenarioContext) -> BuiltScenario:
    """A reporter with confidential personal data: an ordinary move."""
    r = await c.person(await c.home("0599"), geheimhoudingPersoonsgegevens=True)
    return BuiltScenario(c.move(r, await c.home("0599")), basic(r), no_gates())


async def late_report(c: ScenarioContext) -> BuiltScenario:
    """A move reported ten days after the fact: flagged, not gated."""
    r = await c.person(await c.home("0344"))
    steps = [*basic(r), *taxes(r, "0344", "0363")]
    return BuiltScenario(c.move(r, await c.home("0363"), days=-10), steps, no_gates())


async def move_weeks_ahead(c: ScenarioContext) -> BuiltScenario:
    """A car owner reports a move twenty days ahead, Amsterdam to Rotterdam."""
    r = await c.person(await c.home("0363"), voertuigen=1)
    steps = [*basic(r), rdw(r), *taxes(r, "0363", "0599")]
    return BuiltScenario(c.move(r, await c.home("0599"), days=20), steps, no_gates())


async def office_with_housemate(c: ScenarioContext) -> BuiltScenario:
    """Two housemates into a 20 m² office: three gates at once."""
    home = await c.home("0363")
    r = await c.person(home)
    housemate = await c.person(home, age=28, voornaam="Huisgenoot")
    office = await c.home("0363", gebruiksdoelen=("kantoorfunctie",), oppervlakte=20)
    return BuiltScenario(
        c.move(r, office, [housemate]),
        basic(r, housemate),
        gates("non_residential", "occupancy", "not_authorised"),
    )


async def moving_in_with_partner(c: ScenarioContext) -> BuiltScenario:
    """A reporter moves in with their partner, who already lives there."""
    theirs = await c.home("0363")
    r, p = c.bsn(), c.bsn()
    await c.person(await c.home("0599"), bsn=r, partners=[p])
    await c.person(theirs, bsn=p, voornaam="Bram", partners=[r])
    steps = [*basic(r), *taxes(r, "0599", "0363")]
    return BuiltScenario(c.move(r, theirs), steps, no_gates())


async def pensioner_with_zorgtoeslag(c: ScenarioContext) -> BuiltScenario:
    """A pensioner (72) with zorgtoeslag moves from Amsterdam to Utrecht."""
    r = await c.person(await c.home("0363"), age=72, toeslagen=["zorgtoeslag"])
    steps = [*basic(r), toeslagen(r), *taxes(r, "0363", "0344")]
    return BuiltScenario(c.move(r, await c.home("0344", oppervlakte=55)), steps, no_gates())


async def young_adult_leaving_home(c: ScenarioContext) -> BuiltScenario:
    """A young adult (18) with a car leaves the parental home for Amsterdam."""
    home = await c.home("0599")
    parent, kid = c.bsn(), c.bsn()
    await c.person(home, bsn=parent, age=50, kinderen=[kid])
    await c.person(home, bsn=kid, age=18, voornaam="Kim", ouders=[parent], voertuigen=1)
    steps = [*basic(kid), rdw(kid), *taxes(kid, "0599", "0363")]
    return BuiltScenario(c.move(kid, await c.home("0363", oppervlakte=30)), steps, no_gates())


async def unknown_address_and_stranger(c: ScenarioContext) -> BuiltScenario:
    """An unknown address and an unknown co-mover: two gates."""
    r = await c.person(await c.home("0344"))
    stranger = c.bsn()
    return BuiltScenario(
        c.move(r, c.nowhere("0344"), [stranger]),
        [message(r)],
        gates("address_not_found", "person_not_found"),
    )


SCENARIOS: tuple[Scenario, ...] = tuple(
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
