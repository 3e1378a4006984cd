"""The report of a death's policy v1: every rule, its boundaries, and the steps it plans."""

from datetime import date, time, timedelta

import pytest

from tests.unit.death_factories import (
    CHILD,
    DECEASED,
    DIED,
    GEMEENTE,
    HOUSEMATE,
    OTHER_PARENT,
    PARTNER,
    disposal,
    facts,
    joint_custody,
    person,
    plan_of,
    request,
    sole_custody,
)
from workflows.case.models import Risk
from workflows.death.calendar import (
    easter_sunday,
    holiday,
    is_working_day,
    public_holidays,
    working_day_after,
)
from workflows.death.domain import Concern, DeathPlan, Manner, StepKind
from workflows.death.policy import (
    POLICY_VERSION,
    PolicyResult,
    compare_plan,
    evaluate,
    expected_steps,
)
from workflows.death.rules import RULES, Rule

REPORTED = DIED + timedelta(days=1)


def _plan_for(f) -> DeathPlan:
    return plan_of([(s.kind, s.subject, dict(s.params)) for s in expected_steps(f)])


def _verdict(f, *, plan: DeathPlan | None | str = "expected", reported=REPORTED) -> PolicyResult:
    chosen = _plan_for(f) if plan == "expected" else plan
    assert not isinstance(chosen, str)
    return evaluate(f, chosen, reported_on=reported)


def _kinds(result: PolicyResult) -> list[StepKind]:
    return [s.kind for s in result.steps]


# The plain case and the steps --------------------------------------------------------------


def test_a_plain_natural_death_waits_for_the_registrar_only() -> None:
    result = _verdict(facts())
    assert result.version == POLICY_VERSION
    assert result.rules_fired == [Rule.DEED]
    [gate] = result.gates
    assert gate.risk is Risk.NORMAL
    assert gate.evidence["gemeente_overlijden"] == GEMEENTE
    assert result.municipality == GEMEENTE and result.flags == []
    assert _kinds(result) == [
        StepKind.DRAW_UP_DEED,
        StepKind.ISSUE_DISPOSAL_PERMIT,
        StepKind.BRP_RECORD_DEATH,
        StepKind.NOTIFY_BELASTINGDIENST,
        StepKind.PARTNER_LETTER,
        StepKind.UNDERTAKER_MESSAGE,
    ]
    letter = next(s for s in result.steps if s.kind is StepKind.PARTNER_LETTER)
    assert letter.subject == PARTNER and result.surviving_partners == [PARTNER]


def test_the_case_belongs_to_the_municipality_of_death() -> None:
    elsewhere = request(place_of_death="0599")
    result = _verdict(facts(req=elsewhere))
    assert result.municipality == "0599"
    deed = result.steps[0]
    assert deed.params == {"gemeentecode": "0599"}


def test_every_register_that_knew_the_deceased_is_told() -> None:
    f = facts(
        toeslagen=["zorgtoeslag"],
        studiefinanciering=True,
        kentekens=["AB123C"],
        permits=[("P-1", "actief"), ("P-0", "beeindigd")],
    )
    result = _verdict(f)
    kinds = _kinds(result)
    for kind in (StepKind.NOTIFY_TOESLAGEN, StepKind.NOTIFY_DUO, StepKind.NOTIFY_RDW):
        assert kinds.count(kind) == 1
    permits = [s.params for s in result.steps if s.kind is StepKind.END_PARKING_PERMIT]
    assert permits == [{"vergunningnummer": "P-1"}]
    assert result.rules_fired == [Rule.DEED]


def test_taxes_stop_only_when_the_deceased_lived_alone() -> None:
    together = _verdict(facts())
    assert StepKind.GEMEENTE_STOP_TAXES not in _kinds(together)
    alone = facts(
        deceased=person(DECEASED),
        relatives=[],
        household=[],
        taxes=[(GEMEENTE, "lopend"), ("0599", "lopend"), ("0344", "beeindigd")],
    )
    result = _verdict(alone)
    stops = [s.params for s in result.steps if s.kind is StepKind.GEMEENTE_STOP_TAXES]
    assert stops == [{"gemeentecode": GEMEENTE}, {"gemeentecode": "0599"}]
    assert StepKind.PARTNER_LETTER not in _kinds(result)


def test_a_housemate_is_not_a_partner() -> None:
    f = facts(deceased=person(DECEASED), relatives=[], household=[person(HOUSEMATE)])
    kinds = _kinds(_verdict(f))
    assert StepKind.PARTNER_LETTER not in kinds and StepKind.GEMEENTE_STOP_TAXES not in kinds


def test_a_partner_who_died_before_gets_no_letter() -> None:
    f = facts(relatives=[person(PARTNER, died=date(2020, 1, 1))], household=[])
    kinds = _kinds(_verdict(f))
    assert StepKind.PARTNER_LETTER not in kinds
    assert StepKind.GEMEENTE_STOP_TAXES in kinds


# identity_mismatch -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reported", "brp", "voorvoegsel", "fires"),
    [
        ("Jansen", "Jansen", None, False),
        ("  jansen ", "Jansen", None, False),
        ("Berg", "Berg", "van den", False),
        ("van den Berg", "Berg", "van den", False),
        ("Janssen", "Jansen", None, True),
    ],
)
def test_identity_mismatch_on_the_surname(reported, brp, voorvoegsel, fires) -> None:
    from workflows.death.domain import Deceased

    req = request(deceased=Deceased(geslachtsnaam=reported, geboortedatum=date(1946, 3, 2)))
    deceased = person(DECEASED, geslachtsnaam=brp, voorvoegsel=voorvoegsel, partners=[PARTNER])
    result = _verdict(facts(req=req, deceased=deceased))
    assert (Rule.IDENTITY_MISMATCH in result.rules_fired) is fires


def test_identity_mismatch_on_the_date_of_birth_needs_two_caseworkers() -> None:
    deceased = person(DECEASED, born=date(1946, 3, 3), partners=[PARTNER])
    result = _verdict(facts(deceased=deceased))
    gate = next(g for g in result.gates if g.rule == Rule.IDENTITY_MISMATCH)
    assert gate.risk is Risk.HIGH and "date of birth" in gate.description
    assert gate.evidence["brp"]["geboortedatum"] == "1946-03-03"


# non_natural -------------------------------------------------------------------------------


def test_a_death_that_is_not_natural_needs_two_caseworkers() -> None:
    from workflows.death.domain import Documents

    req = request(manner=Manner.NON_NATURAL, documents=Documents(verklaring_van_geen_bezwaar=True))
    result = _verdict(facts(req=req))
    assert result.rules_fired == [Rule.DEED, Rule.NON_NATURAL]
    assert result.gates[1].risk is Risk.HIGH


# disposal_date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("died_at", "day", "at", "fires"),
    [
        (time(22, 0), DIED + timedelta(days=2), time(10, 0), False),  # exactly 36 hours
        (time(22, 0), DIED + timedelta(days=2), time(9, 59), True),  # 35 h 59
        (time(8, 0), DIED + timedelta(days=1), time(20, 0), False),  # 36 hours, next day
        (None, DIED + timedelta(days=1), time(20, 0), True),  # no time of death: by the day
        (time(8, 0), DIED + timedelta(days=1), None, True),  # no time of disposal
        (None, DIED + timedelta(days=2), None, False),
        (None, DIED, None, True),
    ],
)
def test_disposal_no_sooner_than_36_hours(died_at, day, at, fires) -> None:
    req = request(time_of_death=died_at, disposal=disposal(day, at))
    result = _verdict(facts(req=req))
    assert (Rule.DISPOSAL_DATE in result.rules_fired) is fires


def test_disposal_by_the_sixth_working_day_across_a_weekend() -> None:
    thursday = date(2026, 3, 5)
    sixth = date(2026, 3, 13)  # Fri 6, Mon 9, Tue 10, Wed 11, Thu 12, Fri 13
    on_time = _verdict(facts(req=request(date_of_death=thursday, disposal=disposal(sixth))))
    assert Rule.DISPOSAL_DATE not in on_time.rules_fired
    weekend_after = sixth + timedelta(days=1)
    late = _verdict(facts(req=request(date_of_death=thursday, disposal=disposal(weekend_after))))
    gate = next(g for g in late.gates if g.rule == Rule.DISPOSAL_DATE)
    assert gate.evidence["zesde_werkdag"] == sixth.isoformat()
    assert "after the sixth working day" in gate.description and gate.risk is Risk.NORMAL


def test_public_holidays_do_not_count_as_working_days() -> None:
    # Died on the Thursday before Easter: Good Friday counts, Easter Monday does not.
    died = date(2026, 4, 2)
    req = request(date_of_death=died, disposal=disposal(date(2026, 4, 13), kind="begraven"))
    result = _verdict(facts(req=req))
    assert Rule.DISPOSAL_DATE not in result.rules_fired
    req = request(date_of_death=died, disposal=disposal(date(2026, 4, 14), kind="begraven"))
    gate = next(g for g in _verdict(facts(req=req)).gates if g.rule == Rule.DISPOSAL_DATE)
    assert gate.evidence["feestdagen"] == {"2026-04-06": "Tweede paasdag"}


# minor_without_custody -----------------------------------------------------------------------


def test_sole_custody_of_a_minor_needs_two_caseworkers() -> None:
    deceased = person(DECEASED, gezag=[sole_custody(CHILD, DECEASED)])
    result = _verdict(facts(deceased=deceased, relatives=[], household=[person(CHILD)]))
    gate = next(g for g in result.gates if g.rule == Rule.MINOR_WITHOUT_CUSTODY)
    assert gate.risk is Risk.HIGH
    assert gate.evidence["minderjarigen"] == [{"minderjarige": CHILD, "andere_gezagsdragers": []}]


def test_joint_custody_with_a_living_parent_raises_nothing() -> None:
    deceased = person(DECEASED, gezag=[joint_custody(CHILD, DECEASED, OTHER_PARENT)])
    f = facts(deceased=deceased, relatives=[person(OTHER_PARENT)], household=[person(CHILD)])
    assert Rule.MINOR_WITHOUT_CUSTODY not in _verdict(f).rules_fired


@pytest.mark.parametrize("other", ["deceased", "not in BRP"])
def test_joint_custody_without_a_living_other_parent(other: str) -> None:
    deceased = person(DECEASED, gezag=[joint_custody(CHILD, DECEASED, OTHER_PARENT)])
    relatives = [person(OTHER_PARENT, died=date(2024, 5, 1))] if other == "deceased" else []
    f = facts(deceased=deceased, relatives=relatives, household=[person(CHILD)])
    assert Rule.MINOR_WITHOUT_CUSTODY in _verdict(f).rules_fired


# already_deceased, person_not_found, in_onderzoek ------------------------------------------


def test_a_death_brp_already_records_is_not_passed_on_again() -> None:
    deceased = person(DECEASED, partners=[PARTNER], died=DIED)
    result = _verdict(facts(deceased=deceased))
    assert result.rules_fired == [Rule.DEED, Rule.ALREADY_DECEASED]
    assert _kinds(result) == [
        StepKind.DRAW_UP_DEED,
        StepKind.ISSUE_DISPOSAL_PERMIT,
        StepKind.UNDERTAKER_MESSAGE,
    ]
    assert result.gates[1].evidence["datum_overlijden_brp"] == DIED.isoformat()


def test_a_deceased_brp_does_not_know() -> None:
    result = _verdict(facts(found=False, relatives=[]))
    assert result.rules_fired == [Rule.DEED, Rule.PERSON_NOT_FOUND]
    assert _kinds(result) == [
        StepKind.DRAW_UP_DEED,
        StepKind.ISSUE_DISPOSAL_PERMIT,
        StepKind.UNDERTAKER_MESSAGE,
    ]


def test_data_under_investigation() -> None:
    deceased = person(DECEASED, partners=[PARTNER], in_onderzoek=True)
    assert _verdict(facts(deceased=deceased)).rules_fired == [Rule.DEED, Rule.IN_ONDERZOEK]


# The agent ---------------------------------------------------------------------------------


def test_a_plan_with_a_step_left_out_raises_agent_flag() -> None:
    f = facts(kentekens=["AB123C"])
    steps = [s for s in expected_steps(f) if s.kind is not StepKind.NOTIFY_RDW]
    plan = plan_of([(s.kind, s.subject, dict(s.params)) for s in steps])
    result = _verdict(f, plan=plan)
    gate = next(g for g in result.gates if g.rule == Rule.AGENT_FLAG)
    assert gate.evidence["missing"] == [f"notify_rdw:{DECEASED}"]
    assert compare_plan(expected_steps(f), plan.steps)["unexpected"] == []


def test_a_concern_raises_agent_flag() -> None:
    f = facts()
    plan = _plan_for(f).model_copy(
        update={"concerns": [Concern(topic="lookup_failed", rationale="RDW refused.")]}
    )
    assert Rule.AGENT_FLAG in _verdict(f, plan=plan).rules_fired


def test_no_plan_raises_agent_failure_and_the_policy_still_plans() -> None:
    f = facts()
    result = evaluate(f, None, reported_on=REPORTED, agent_failure="turn_budget_exhausted")
    assert result.rules_fired == [Rule.DEED, Rule.AGENT_FAILURE]
    assert result.gates[-1].evidence["failure"] == "turn_budget_exhausted"
    assert StepKind.BRP_RECORD_DEATH in _kinds(result)


def test_facts_left_ungathered_raise_agent_failure() -> None:
    f = facts()
    f.voertuigen = None
    result = _verdict(f, plan=_plan_for(f))
    gate = next(g for g in result.gates if g.rule == Rule.AGENT_FAILURE)
    assert gate.evidence["missing_facts"] == ["lookup_voertuigen"]


# late_report and the order of the gates ----------------------------------------------------


def test_a_report_after_six_days_is_flagged_late() -> None:
    f = facts()
    assert _verdict(f, reported=DIED + timedelta(days=6)).flags == []
    assert _verdict(f, reported=DIED + timedelta(days=7)).flags == ["late_report"]


def test_gates_come_in_the_rule_tables_order() -> None:
    from workflows.death.domain import Deceased, Documents

    req = request(
        deceased=Deceased(geslachtsnaam="Other", geboortedatum=date(1946, 3, 2)),
        manner=Manner.NON_NATURAL,
        documents=Documents(verklaring_van_geen_bezwaar=True),
        disposal=disposal(DIED),
    )
    deceased = person(DECEASED, gezag=[sole_custody(CHILD, DECEASED)], died=DIED)
    result = _verdict(facts(req=req, deceased=deceased, relatives=[]), plan=None)
    order = RULES.ids()
    assert result.rules_fired == sorted(result.rules_fired, key=order.index)
    assert result.rules_fired == [
        Rule.DEED,
        Rule.IDENTITY_MISMATCH,
        Rule.NON_NATURAL,
        Rule.DISPOSAL_DATE,
        Rule.MINOR_WITHOUT_CUSTODY,
        Rule.ALREADY_DECEASED,
        Rule.AGENT_FAILURE,
    ]


def test_high_risk_rules() -> None:
    high = {r.id for r in RULES if r.risk is Risk.HIGH}
    assert high == {Rule.IDENTITY_MISMATCH, Rule.NON_NATURAL, Rule.MINOR_WITHOUT_CUSTODY}


# The calendar ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)),
     (2027, date(2027, 3, 28)), (2038, date(2038, 4, 25)), (2285, date(2285, 3, 22))],
)  # fmt: skip
def test_easter(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_the_public_holidays() -> None:
    assert sorted(public_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 6),  # Easter Monday
        date(2026, 4, 27),  # King's Day
        date(2026, 5, 5),
        date(2026, 5, 14),  # Ascension Day
        date(2026, 5, 25),  # Whit Monday
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]
    assert holiday(date(2025, 4, 26)) == "Koningsdag", "27 April 2025 is a Sunday"
    assert holiday(date(2026, 4, 3)) is None, "Good Friday is a working day"
    assert not is_working_day(date(2026, 3, 7)) and is_working_day(date(2026, 3, 9))


def test_working_days_skip_weekends_and_christmas() -> None:
    assert working_day_after(date(2026, 12, 22), 6) == date(2026, 12, 31)
    assert working_day_after(date(2026, 3, 6), 1) == date(2026, 3, 9)
    with pytest.raises(ValueError):
        working_day_after(date(2026, 3, 6), 0)
