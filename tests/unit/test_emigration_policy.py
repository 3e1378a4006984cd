"""Emigration policy v1 and its intake: every rule and every boundary, without I/O."""

from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from burgerflow.registry.schemas.brp import (
    GezagPersoon,
    GezagPublic,
    InOnderzoekPublic,
    KindPublic,
    OpschortingBijhouding,
    OuderPublic,
    PartnerPublic,
    PersoonPublic,
    VerblijfadresPublic,
    VerblijfplaatsPublic,
)
from burgerflow.registry.schemas.common import Waardetabel
from burgerflow.registry.schemas.duo import StudiefinancieringPublic
from burgerflow.registry.schemas.gemeente import (
    BelastingenPublic,
    BelastingplichtPublic,
    ParkeervergunningenPublic,
    ParkeervergunningPublic,
)
from burgerflow.registry.schemas.rdw import VoertuigenPublic, VoertuigPublic
from burgerflow.registry.schemas.toeslagen import ToeslagenPublic, ToeslagPublic
from workflows.case.models import Risk
from workflows.emigration.domain import (
    Concern,
    EmigrationFacts,
    EmigrationPlan,
    EmigrationRequest,
    ForeignAddress,
    LookupFailure,
    PlannedStep,
    Resident,
    deregistration_date,
    is_away,
)
from workflows.emigration.policy import PolicyResult, StepSpec, evaluate, may_report_for
from workflows.emigration.report import EmigrationReport, check_report
from workflows.emigration.rules import POLICY_RULES as RULES

REPORTER, PARTNER, CHILD, OTHER_PARENT, HOUSEMATE, UNKNOWN = (
    "999900006",
    "999900018",
    "999900031",
    "999900055",
    "999900067",
    "999900080",
)
HOME, ELSEWHERE = "0363010000000001", "0363010000000002"
TODAY = date(2026, 11, 30)
DEPARTURE = date(2026, 12, 2)
JOINT, SOLE = "GezamenlijkOuderlijkGezag", "EenhoofdigOuderlijkGezag"


def person(
    bsn: str,
    *,
    age: int | None = 35,
    object_id: str = HOME,
    gemeente: str = "0363",
    partners: tuple[str, ...] = (),
    kinderen: tuple[str, ...] = (),
    ouders: tuple[str, ...] = (),
    gezag: tuple[GezagPublic, ...] = (),
    in_onderzoek: bool = False,
    abroad: bool = False,
    opschorting: str | None = None,
) -> PersoonPublic:
    """A BRP person at `object_id`, or abroad."""
    verblijf = (
        VerblijfplaatsPublic(
            type="VerblijfplaatsBuitenland",
            verblijfadres=VerblijfadresPublic(regel1="Meir 50", land=Waardetabel(code="BE")),
        )
        if abroad
        else VerblijfplaatsPublic(adresseerbaar_object_identificatie=object_id)
    )
    return PersoonPublic(
        burgerservicenummer=bsn,
        leeftijd=age,
        verblijfplaats=verblijf,
        gemeente_van_inschrijving=Waardetabel(code="1999" if abroad else gemeente),
        partners=[
            PartnerPublic(burgerservicenummer=p, soort_verbintenis=Waardetabel(code="H"))
            for p in partners
        ],
        kinderen=[KindPublic(burgerservicenummer=k) for k in kinderen],
        ouders=[OuderPublic(burgerservicenummer=o) for o in ouders],
        gezag=list(gezag),
        in_onderzoek=InOnderzoekPublic() if in_onderzoek else None,
        opschorting_bijhouding=(
            OpschortingBijhouding(reden=Waardetabel(code=opschorting)) if opschorting else None
        ),
    )


def joint(minor: str, a: str, b: str) -> GezagPublic:
    """Joint custody of `minor` by `a` and `b`."""
    return GezagPublic(
        type=JOINT,
        minderjarige=GezagPersoon(burgerservicenummer=minor),
        ouders=[GezagPersoon(burgerservicenummer=a), GezagPersoon(burgerservicenummer=b)],
    )


def sole(minor: str, parent: str) -> GezagPublic:
    """Sole custody of `minor` by `parent`."""
    return GezagPublic(
        type=SOLE,
        minderjarige=GezagPersoon(burgerservicenummer=minor),
        ouder=GezagPersoon(burgerservicenummer=parent),
    )


def facts(
    persons: list[PersoonPublic],
    *,
    co_movers: tuple[str, ...] = (),
    country: str = "BE",
    departure: date = DEPARTURE,
    residents: dict[str, list[str]] | None = None,
    **groups: dict[str, Any],
) -> EmigrationFacts:
    """Complete facts: every look-up done for every mover; households as given (else each
    known mover lives with the movers at their address)."""
    request = EmigrationRequest(
        bsn=REPORTER,
        co_movers=list(co_movers),
        country=country,
        foreign_address=ForeignAddress(regel1="Rue de la Loi 16", regel2="1000 Brussel"),
        departure_date=departure,
    )
    known = {p.burgerservicenummer: p for p in persons}
    movers = request.mover_bsns
    here = [m for m in movers if m in known and not is_away(known[m])]
    if residents is None:
        residents = {b: here for b in here}
    return EmigrationFacts(
        request=request,
        persons=known,
        households={
            b: [Resident(burgerservicenummer=r) for r in residents.get(b, [])] for b in movers
        },
        toeslagen=groups.get("toeslagen")
        or {b: ToeslagenPublic(burgerservicenummer=b) for b in movers},
        studiefinanciering=groups.get("studiefinanciering")
        or {
            b: StudiefinancieringPublic(burgerservicenummer=b, studiefinanciering=False)
            for b in movers
        },
        voertuigen=groups.get("voertuigen")
        or {b: VoertuigenPublic(burgerservicenummer=b) for b in movers},
        belastingen=groups.get("belastingen")
        or {b: BelastingenPublic(burgerservicenummer=b) for b in movers},
        parkeervergunningen=groups.get("parkeervergunningen")
        or {b: ParkeervergunningenPublic(burgerservicenummer=b) for b in movers},
        failures=[
            LookupFailure(tool="lookup_persons", subject=b, status=404, detail="Not in BRP.")
            for b in movers
            if b not in known
        ],
    )


def plan_of(steps: list[StepSpec], concerns: tuple[Concern, ...] = ()) -> EmigrationPlan:
    """A plan with exactly the policy's steps."""
    return EmigrationPlan(
        steps=[
            PlannedStep(kind=s.kind, subject=s.subject, params=s.params, rationale="r")
            for s in steps
        ],
        concerns=list(concerns),
        caseworker_summary="s",
        citizen_message="m",
    )


def judge(case_facts: EmigrationFacts, *, reported_on: date = TODAY) -> PolicyResult:
    """The verdict with a plan that matches the facts (so only the data's rules fire)."""
    first = evaluate(case_facts, None, reported_on=reported_on)
    return evaluate(case_facts, plan_of(first.steps), reported_on=reported_on)


def kinds(result: PolicyResult) -> list[tuple[str, str | None]]:
    """The steps as (kind, subject)."""
    return [(str(s.kind), s.subject) for s in result.steps]


# The rule table ----------------------------------------------------------------------------


def test_the_rule_table_is_the_designs():
    assert RULES.ids() == [
        "household_split",
        "custody",
        "not_authorised",
        "already_abroad",
        "person_not_found",
        "in_onderzoek",
        "agent_flag",
        "agent_failure",
    ]
    assert [r.id for r in RULES if r.risk is Risk.HIGH] == ["custody"]
    assert all(r.nl and r.en for r in RULES)


# Households ---------------------------------------------------------------------------------


def test_a_household_leaving_together_raises_no_gate():
    result = judge(
        facts(
            [
                person(
                    REPORTER,
                    partners=(PARTNER,),
                    kinderen=(CHILD,),
                    gezag=(joint(CHILD, REPORTER, PARTNER),),
                ),
                person(PARTNER, partners=(REPORTER,), kinderen=(CHILD,)),
                person(
                    CHILD,
                    age=7,
                    ouders=(REPORTER, PARTNER),
                    gezag=(joint(CHILD, REPORTER, PARTNER),),
                ),
            ],
            co_movers=(PARTNER, CHILD),
        )
    )
    assert result.gates == [] and result.rules_fired == []
    assert result.municipality == "0363"
    assert kinds(result) == [
        ("brp_register_emigration", REPORTER),
        ("brp_register_emigration", PARTNER),
        ("brp_register_emigration", CHILD),
        ("notify_belastingdienst", REPORTER),
        ("notify_belastingdienst", PARTNER),
        ("notify_belastingdienst", CHILD),
        ("citizen_message", REPORTER),
    ]
    assert result.steps[0].params == {"land": "BE"}
    assert result.steps[-1].params == {"kosteloos": False}


def test_someone_staying_behind_splits_the_household():
    result = judge(facts([person(REPORTER)], residents={REPORTER: [REPORTER, HOUSEMATE]}))
    [gate] = result.gates
    assert (gate.rule, gate.risk) == ("household_split", Risk.NORMAL)
    assert gate.evidence["blijven_achter"] == [{"burgerservicenummer": HOUSEMATE, "leeftijd": None}]


# Custody ------------------------------------------------------------------------------------


def test_a_minor_whose_other_custody_holder_stays_raises_custody_high_risk():
    custody = (joint(CHILD, REPORTER, OTHER_PARENT),)
    result = judge(
        facts(
            [
                person(REPORTER, kinderen=(CHILD,), gezag=custody),
                person(CHILD, age=9, gezag=custody),
            ],
            co_movers=(CHILD,),
        )
    )
    [gate] = result.gates
    assert (gate.rule, gate.risk) == ("custody", Risk.HIGH)
    assert RULES[gate.rule].required_approvals == 2
    assert gate.evidence["minderjarigen"][0]["gezaghouders_niet_mee"] == [OTHER_PARENT]


def test_a_sole_custody_holder_leaving_with_the_child_raises_nothing():
    custody = (sole(CHILD, REPORTER),)
    result = judge(
        facts(
            [
                person(REPORTER, kinderen=(CHILD,), gezag=custody),
                person(CHILD, age=9, gezag=custody),
            ],
            co_movers=(CHILD,),
        )
    )
    assert result.gates == []


def test_a_minor_without_any_custody_holder_leaving_raises_custody():
    custody = (joint(CHILD, OTHER_PARENT, PARTNER),)
    result = judge(
        facts(
            [person(REPORTER), person(CHILD, age=12, ouders=(REPORTER,), gezag=custody)],
            co_movers=(CHILD,),
        )
    )
    assert "custody" in result.rules_fired


def test_an_adult_child_is_no_custody_case():
    result = judge(
        facts(
            [person(REPORTER, kinderen=(CHILD,)), person(CHILD, age=18, ouders=(REPORTER,))],
            co_movers=(CHILD,),
        )
    )
    assert result.gates == []


# Who may report for whom --------------------------------------------------------------------


def test_a_reporter_under_16_is_not_authorised_and_15_is_the_last_such_age():
    for age, gated in ((15, True), (16, False)):
        result = judge(facts([person(REPORTER, age=age, gezag=(sole(REPORTER, OTHER_PARENT),))]))
        assert ("not_authorised" in result.rules_fired) is gated, age


@pytest.mark.parametrize(
    ("co_mover", "authorised"),
    [
        (person(PARTNER, partners=(REPORTER,)), True),
        (person(HOUSEMATE, age=30), False),
        (person(CHILD, age=20, ouders=(REPORTER,)), True),
        (person(CHILD, age=25, ouders=(REPORTER,), object_id=ELSEWHERE), False),
        (person(CHILD, age=16, ouders=(REPORTER,)), False),
        (person(CHILD, age=17, ouders=(REPORTER,)), False),
        (person(CHILD, age=15, ouders=(REPORTER,)), True),
        (person(HOUSEMATE, age=10, gezag=(sole(HOUSEMATE, OTHER_PARENT),)), False),
        (person(OTHER_PARENT, age=70, kinderen=(REPORTER,)), True),
    ],
)
def test_who_the_reporter_may_report_for(co_mover: PersoonPublic, authorised: bool):
    reporter = person(REPORTER, kinderen=(CHILD,), ouders=(OTHER_PARENT,))
    assert may_report_for(reporter, co_mover) is authorised


def test_an_adult_housemate_reported_along_raises_not_authorised():
    result = judge(facts([person(REPORTER), person(HOUSEMATE, age=30)], co_movers=(HOUSEMATE,)))
    assert result.rules_fired == ["not_authorised"]


# Already abroad, unknown, under investigation --------------------------------------------------


@pytest.mark.parametrize(
    "away", [{"abroad": True, "opschorting": "E"}, {"opschorting": "O"}, {"abroad": True}]
)
def test_a_mover_abroad_already_or_deceased_raises_already_abroad_and_gets_no_steps(
    away: dict[str, Any],
):
    partner = person(PARTNER, partners=(REPORTER,), **away)
    result = judge(facts([person(REPORTER, partners=(PARTNER,)), partner], co_movers=(PARTNER,)))
    assert result.rules_fired == ["already_abroad"]
    assert PARTNER not in {s.subject for s in result.steps}


def test_a_reporter_abroad_alone_goes_to_the_rni():
    result = judge(facts([person(REPORTER, abroad=True, opschorting="E")]))
    assert result.rules_fired == ["already_abroad"]
    assert kinds(result) == [("citizen_message", REPORTER)]
    assert result.municipality == "1999"


def test_a_mover_brp_does_not_know_and_one_under_investigation():
    result = judge(facts([person(REPORTER, in_onderzoek=True)], co_movers=(UNKNOWN,)))
    assert result.rules_fired == ["person_not_found", "in_onderzoek"]
    assert UNKNOWN not in {s.subject for s in result.steps}
    assert judge(facts([], co_movers=())).municipality is None


# The steps ----------------------------------------------------------------------------------


def test_benefits_student_finance_vehicles_taxes_and_permits():
    taxes = BelastingenPublic(
        burgerservicenummer=REPORTER,
        belastingplichten=[
            BelastingplichtPublic(aanslagnummer="1", gemeentecode="0363", status="lopend"),
            BelastingplichtPublic(aanslagnummer="2", gemeentecode="0599", status="lopend"),
            BelastingplichtPublic(aanslagnummer="3", gemeentecode="0363", status="beeindigd"),
        ],
    )
    permits = ParkeervergunningenPublic(
        burgerservicenummer=REPORTER,
        parkeervergunningen=[
            ParkeervergunningPublic(
                vergunningnummer="P-1",
                gemeentecode="0363",
                adresseerbaar_object_identificatie=HOME,
                status="actief",
            ),
            ParkeervergunningPublic(
                vergunningnummer="P-2",
                gemeentecode="0363",
                adresseerbaar_object_identificatie=ELSEWHERE,
                status="actief",
            ),
            ParkeervergunningPublic(
                vergunningnummer="P-3",
                gemeentecode="0363",
                adresseerbaar_object_identificatie=HOME,
                status="beeindigd",
            ),
        ],
    )
    result = judge(
        facts(
            [person(REPORTER)],
            toeslagen={
                REPORTER: ToeslagenPublic(
                    burgerservicenummer=REPORTER,
                    toeslagen=[ToeslagPublic(soort="zorgtoeslag", status="lopend")],
                )
            },
            studiefinanciering={
                REPORTER: StudiefinancieringPublic(
                    burgerservicenummer=REPORTER, studiefinanciering=True
                )
            },
            voertuigen={
                REPORTER: VoertuigenPublic(
                    burgerservicenummer=REPORTER, voertuigen=[VoertuigPublic(kenteken="AB123C")]
                )
            },
            belastingen={REPORTER: taxes},
            parkeervergunningen={REPORTER: permits},
        )
    )
    assert kinds(result) == [
        ("brp_register_emigration", REPORTER),
        ("notify_belastingdienst", REPORTER),
        ("notify_toeslagen", REPORTER),
        ("notify_duo", REPORTER),
        ("notify_rdw", REPORTER),
        ("gemeente_stop_taxes", REPORTER),
        ("end_parking_permit", REPORTER),
        ("citizen_message", REPORTER),
    ]
    assert result.steps[5].params == {"gemeentecode": "0363"}
    assert result.steps[6].params == {"vergunningnummer": "P-1"}


@pytest.mark.parametrize(
    ("country", "free"),
    [("AW", True), ("CW", True), ("SX", True), ("BQ", True), ("BE", False), ("SR", False)],
)
def test_the_proof_of_deregistration_is_free_for_the_caribbean_parts(country: str, free: bool):
    result = judge(facts([person(REPORTER)], country=country))
    assert result.steps[-1].params == {"kosteloos": free}


def test_deregistration_is_on_departure_or_on_the_day_of_a_late_report():
    early = judge(facts([person(REPORTER)], departure=TODAY + timedelta(days=5)))
    assert early.deregistration_date == TODAY + timedelta(days=5) and early.flags == []
    late = judge(facts([person(REPORTER)], departure=TODAY - timedelta(days=3)))
    assert late.deregistration_date == TODAY and late.flags == ["late_report"]
    assert deregistration_date(TODAY, TODAY) == TODAY


# The agent's part ---------------------------------------------------------------------------


def test_the_agent_may_add_a_gate_but_not_leave_a_step_out():
    case_facts = facts([person(REPORTER)])
    expected = evaluate(case_facts, None, reported_on=TODAY).steps
    concern = Concern(topic="household", rationale="Klopt het adres in het buitenland?")
    flagged = evaluate(case_facts, plan_of(expected, (concern,)), reported_on=TODAY)
    assert flagged.rules_fired == ["agent_flag"]
    short = evaluate(case_facts, plan_of(expected[1:]), reported_on=TODAY)
    assert short.gates[0].evidence["missing"] == [f"brp_register_emigration:{REPORTER}"]
    wrong = [*expected[:-1], expected[-1].model_copy(update={"params": {"kosteloos": True}})]
    unfree = evaluate(case_facts, plan_of(wrong), reported_on=TODAY)
    assert unfree.gates[0].evidence["unexpected"] == [f"citizen_message:{REPORTER}:kosteloos=True"]


def test_no_plan_or_missing_facts_raise_agent_failure():
    case_facts = facts([person(REPORTER)])
    failed = evaluate(case_facts, None, reported_on=TODAY, agent_failure="turn_budget_exhausted")
    assert failed.rules_fired == ["agent_failure"] and failed.steps
    gap = case_facts.model_copy(update={"toeslagen": {}})
    assert gap.missing() == [f"lookup_toeslagen:{REPORTER}"]
    partial = evaluate(
        gap, plan_of(evaluate(gap, None, reported_on=TODAY).steps), reported_on=TODAY
    )
    assert partial.rules_fired == ["agent_failure"]


# The intake ---------------------------------------------------------------------------------


def report(**fields: Any) -> EmigrationReport:
    """A valid report, with `fields` changed."""
    body = {
        "type": "emigration",
        "bsn": REPORTER,
        "departure_date": DEPARTURE.isoformat(),
        "country": "BE",
        "foreign_address": {"regel1": "Rue de la Loi 16", "regel2": "1000 Brussel"},
        "co_movers": [],
        **fields,
    }
    return EmigrationReport.model_validate(body)


@pytest.mark.parametrize(
    ("days", "accepted"), [(5, True), (6, False), (0, True), (-30, True), (-31, False)]
)
def test_the_departure_window(days: int, accepted: bool):
    problems = check_report(
        report(departure_date=(TODAY + timedelta(days=days)).isoformat()), TODAY
    )
    assert (problems == []) is accepted
    if days == 6:
        [problem] = problems
        assert problem.name == "departure_date"
        assert (TODAY + timedelta(days=1)).isoformat() in problem.reason


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"country": "NL"}, ("country",)),
        ({"country": "XX"}, ("country",)),
        ({"country": "BEL"}, ("country",)),
        ({"foreign_address": {"regel2": "Brussel"}}, ("foreign_address", "regel1")),
        ({"foreign_address": {"regel1": "   "}}, ("foreign_address", "regel1")),
        ({"foreign_address": {"regel1": "x" * 41}}, ("foreign_address", "regel1")),
        ({"co_movers": [PARTNER, PARTNER]}, ("co_movers",)),
        ({"co_movers": [REPORTER]}, ()),
        ({"departure_date": "2026-12-02T00:00"}, ("departure_date",)),
    ],
)
def test_each_bad_field_is_named(fields: dict[str, Any], where: tuple[str, ...]):
    with pytest.raises(ValidationError) as raised:
        report(**fields)
    assert [tuple(str(p) for p in e["loc"]) for e in raised.value.errors()] == [where]


def test_the_country_is_read_in_capitals_and_the_lines_trimmed():
    parsed = report(country="be", foreign_address={"regel1": " Rue  de la Loi 16 ", "regel2": " "})
    assert parsed.country == "BE"
    assert (parsed.foreign_address.regel1, parsed.foreign_address.regel2) == (
        "Rue de la Loi 16",
        None,
    )
