"""Unit tests of change-of-address policy v1: gates, steps, flags, determinism.

Facts are built directly from the registry wire models (`tests.unit.factories`); no HTTP and
no Temporal. Unless a test is about the agent, the plan given to the policy is the one the
policy itself expects, so each test sees only the rule it is about.
"""

from datetime import timedelta
from typing import Any, Literal

import pytest

from workflows.case.models import Risk
from workflows.change_of_address.domain import LookupFailure, MoveFacts, MovePlan, StepKind
from workflows.change_of_address.policy import (
    POLICY_VERSION,
    GateDraft,
    PolicyConfig,
    PolicyResult,
    Rule,
    evaluate,
    expected_steps,
)

from .factories import (
    CHILD,
    CHILD_2,
    HOUSEMATE,
    JOINT,
    MOVE_DATE,
    NEW_GEMEENTE,
    NEW_OBJECT,
    OLD_GEMEENTE,
    OLD_OBJECT,
    OTHER_OBJECT,
    OTHER_PARENT,
    PARTNER,
    REPORTER,
    RESIDENT,
    SOLE,
    UNKNOWN,
    address,
    belasting,
    concern,
    facts,
    joint_custody,
    partner,
    person,
    plan,
    request,
    sole_custody,
    step,
    toeslag,
    vergunning,
)


def policy_plan(f: MoveFacts) -> MovePlan:
    """A plan with exactly the steps the policy expects (no concerns)."""
    return plan(*(step(s.kind, s.subject, **s.params) for s in expected_steps(f)))


def run(
    f: MoveFacts,
    agent_plan: MovePlan | None | Literal["matching"] = "matching",
    *,
    reported_on=MOVE_DATE,
    config: PolicyConfig | None = None,
    agent_failure: str | None = None,
) -> PolicyResult:
    """Evaluate the policy; by default with a plan that matches its own expectation."""
    return evaluate(
        f,
        policy_plan(f) if agent_plan == "matching" else agent_plan,
        reported_on=reported_on,
        config=config or PolicyConfig(),
        agent_failure=agent_failure,
    )


def only_gate(result: PolicyResult, rule: str) -> GateDraft:
    """The one gate of `rule`, after checking it is the only rule that fired."""
    assert result.rules_fired == [rule], result.gates
    assert [g.rule for g in result.gates] == [rule]
    return result.gates[0]


def gate_of(result: PolicyResult, rule: str) -> GateDraft:
    """The one gate of `rule` among others."""
    gates = [g for g in result.gates if g.rule == rule]
    assert len(gates) == 1, result.gates
    return gates[0]


StepRow = tuple[str, str | None, dict[str, Any]]


def steps_of(result: PolicyResult, *kinds: StepKind) -> list[StepRow]:
    """`(kind, subject, params)` of the result's steps, only `kinds` when given."""
    return [(s.kind, s.subject, s.params) for s in result.steps if not kinds or s.kind in kinds]


def alone() -> MoveFacts:
    """A single adult moving alone to a roomy, in-use, empty home in another municipality."""
    return facts(request(), [person(REPORTER)])


# --- The plain case ---------------------------------------------------------------------


def test_single_adult_to_a_roomy_home_needs_no_gate():
    result = run(alone())

    assert result.gates == []
    assert result.rules_fired == []
    assert result.flags == []
    assert result.municipality == NEW_GEMEENTE
    assert result.version == POLICY_VERSION
    assert steps_of(result) == [
        (
            StepKind.BRP_REGISTER_ADDRESS,
            REPORTER,
            {"adresseerbaar_object_identificatie": NEW_OBJECT},
        ),
        (StepKind.NOTIFY_BELASTINGDIENST, REPORTER, {}),
        (StepKind.CITIZEN_MESSAGE, REPORTER, {}),
    ]
    assert all(s.rationale for s in result.steps)


def test_steps_register_everyone_first_and_message_the_reporter_last():
    f = facts(
        request(REPORTER, [PARTNER]),
        [person(REPORTER, partners=[partner(PARTNER)]), person(PARTNER, age=34)],
        toeslagen={REPORTER: [toeslag()]},
        voertuigen={PARTNER: ["AB-123-C"]},
    )

    result = run(f)

    assert result.gates == []
    assert [(s.kind, s.subject) for s in result.steps] == [
        (StepKind.BRP_REGISTER_ADDRESS, REPORTER),
        (StepKind.BRP_REGISTER_ADDRESS, PARTNER),
        (StepKind.NOTIFY_BELASTINGDIENST, REPORTER),
        (StepKind.NOTIFY_BELASTINGDIENST, PARTNER),
        (StepKind.NOTIFY_TOESLAGEN, REPORTER),
        (StepKind.NOTIFY_RDW, PARTNER),
        (StepKind.CITIZEN_MESSAGE, REPORTER),
    ]
    # The workflow keys each step's idempotency on its position and kind: a step must be
    # planned once, so a retried or replayed case never does the same thing twice.
    identities = [(s.kind, s.subject, tuple(sorted(s.params.items()))) for s in result.steps]
    assert len(identities) == len(set(identities))


# --- address_not_found ------------------------------------------------------------------


def test_address_not_looked_up_is_address_not_found():
    f = facts(request(), [person(REPORTER)], new_address=None)

    result = run(f)

    gate = gate_of(result, Rule.ADDRESS_NOT_FOUND)
    assert gate.risk is Risk.NORMAL
    assert gate.evidence == {
        "postcode": "1011AA",
        "huisnummer": 1,
        "huisletter": None,
        "huisnummertoevoeging": None,
    }
    # Not looked up at all is also incomplete facts.
    assert result.rules_fired == [Rule.ADDRESS_NOT_FOUND, Rule.AGENT_FAILURE]
    assert gate_of(result, Rule.AGENT_FAILURE).evidence["missing_facts"] == ["lookup_address"]
    assert result.municipality == OLD_GEMEENTE


def test_address_not_in_bag_is_address_not_found():
    f = facts(
        request(),
        [person(REPORTER)],
        new_address=address().model_copy(update={"found": False, "adres": None, "object": None}),
    )

    gate = only_gate(run(f), Rule.ADDRESS_NOT_FOUND)

    assert gate.risk is Risk.NORMAL
    assert gate.evidence["postcode"] == "1011AA"
    assert gate.evidence["huisnummer"] == 1
    assert run(f).municipality == OLD_GEMEENTE


def test_address_without_an_object_is_address_not_found():
    f = facts(
        request(), [person(REPORTER)], new_address=address().model_copy(update={"object": None})
    )

    gate = only_gate(run(f), Rule.ADDRESS_NOT_FOUND)

    assert gate.risk is Risk.NORMAL
    assert gate.evidence == {"adresseerbaar_object_identificatie": NEW_OBJECT}


# --- non_residential --------------------------------------------------------------------


def test_an_object_without_woonfunctie_is_non_residential_and_high_risk():
    f = facts(request(), [person(REPORTER)], new_address=address(gebruiksdoelen=["kantoorfunctie"]))

    gate = only_gate(run(f), Rule.NON_RESIDENTIAL)

    assert gate.risk is Risk.HIGH
    assert gate.evidence == {
        "adresseerbaar_object_identificatie": NEW_OBJECT,
        "gebruiksdoelen": ["kantoorfunctie"],
    }


def test_woonfunctie_among_other_uses_is_residential():
    f = facts(
        request(),
        [person(REPORTER)],
        new_address=address(gebruiksdoelen=["winkelfunctie", "woonfunctie"]),
    )

    assert run(f).gates == []


# --- object_status ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", ["Verblijfsobject gevormd", "Verblijfsobject buiten gebruik", None]
)
def test_an_object_not_in_use_fires_object_status(status):
    f = facts(request(), [person(REPORTER)], new_address=address(status=status))

    gate = only_gate(run(f), Rule.OBJECT_STATUS)

    assert gate.risk is Risk.NORMAL
    assert gate.evidence == {"adresseerbaar_object_identificatie": NEW_OBJECT, "status": status}


def test_in_use_but_not_measured_is_in_use():
    f = facts(
        request(),
        [person(REPORTER)],
        new_address=address(status="Verblijfsobject in gebruik (niet ingemeten)"),
    )

    assert run(f).gates == []


# --- occupancy --------------------------------------------------------------------------


def test_below_12_m2_per_person_fires_occupancy_high_risk():
    f = facts(
        request(),
        [person(REPORTER)],
        new_address=address(oppervlakte=23, residents=[person(RESIDENT, object_id=NEW_OBJECT)]),
    )

    gate = only_gate(run(f), Rule.OCCUPANCY)

    assert gate.risk is Risk.HIGH
    assert gate.evidence == {
        "adresseerbaar_object_identificatie": NEW_OBJECT,
        "oppervlakte": 23,
        "residents_now": 1,
        "movers": 1,
        "m2_per_person": 11.5,
        "threshold": 12.0,
    }


def test_exactly_12_m2_per_person_does_not_fire():
    f = facts(
        request(),
        [person(REPORTER)],
        new_address=address(oppervlakte=24, residents=[person(RESIDENT, object_id=NEW_OBJECT)]),
    )

    assert run(f).gates == []


def test_residents_who_also_move_are_counted_once():
    # PARTNER already lives at the new address and is reported as a co-mover: 3 people, not 4.
    household = [
        person(REPORTER, partners=[partner(PARTNER)]),
        person(PARTNER, object_id=NEW_OBJECT),
    ]
    residents = [person(PARTNER, object_id=NEW_OBJECT), person(RESIDENT, object_id=NEW_OBJECT)]
    move = request(REPORTER, [PARTNER])

    assert (
        run(facts(move, household, new_address=address(oppervlakte=36, residents=residents))).gates
        == []
    )

    crowded = run(facts(move, household, new_address=address(oppervlakte=35, residents=residents)))
    gate = only_gate(crowded, Rule.OCCUPANCY)
    assert gate.evidence["residents_now"] == 1
    assert gate.evidence["movers"] == 2
    assert gate.evidence["m2_per_person"] == 11.7


def test_occupancy_threshold_is_configurable():
    f = facts(
        request(),
        [person(REPORTER)],
        new_address=address(oppervlakte=30, residents=[person(RESIDENT, object_id=NEW_OBJECT)]),
    )

    assert run(f).gates == []
    gate = only_gate(run(f, config=PolicyConfig(min_m2_per_person=20)), Rule.OCCUPANCY)
    assert gate.risk is Risk.HIGH
    assert gate.evidence["m2_per_person"] == 15.0
    assert gate.evidence["threshold"] == 20


def test_an_object_without_a_surface_does_not_fire_occupancy():
    f = facts(request(), [person(REPORTER)], new_address=address(oppervlakte=None))

    assert run(f).gates == []


# --- custody ----------------------------------------------------------------------------


def test_joint_custody_with_the_other_parent_staying_fires_custody():
    f = facts(
        request(REPORTER, [CHILD]),
        [
            person(REPORTER),
            person(CHILD, age=8, gezag=[joint_custody(CHILD, REPORTER, OTHER_PARENT)]),
        ],
    )

    gate = only_gate(run(f), Rule.CUSTODY)

    assert gate.risk is Risk.NORMAL
    assert gate.evidence == {
        "minderjarigen": [
            {"minderjarige": CHILD, "gezag": [JOINT], "gezaghouders_niet_mee": [OTHER_PARENT]}
        ]
    }


def test_joint_custody_with_both_parents_moving_does_not_fire():
    f = facts(
        request(REPORTER, [OTHER_PARENT, CHILD]),
        [
            person(REPORTER, partners=[partner(OTHER_PARENT)]),
            person(OTHER_PARENT, partners=[partner(REPORTER)]),
            person(CHILD, age=8, gezag=[joint_custody(CHILD, REPORTER, OTHER_PARENT)]),
        ],
    )

    assert run(f).gates == []


def test_joint_custody_with_the_other_parent_reporting_does_not_fire():
    # The other parent reports and moves; the parent on the reporter's record moves too.
    f = facts(
        request(OTHER_PARENT, [REPORTER, CHILD]),
        [
            person(OTHER_PARENT, partners=[partner(REPORTER)]),
            person(REPORTER),
            person(CHILD, age=8, gezag=[joint_custody(CHILD, REPORTER, OTHER_PARENT)]),
        ],
    )

    assert run(f).gates == []


def test_the_sole_custody_holder_moving_with_the_child_does_not_fire():
    f = facts(
        request(REPORTER, [CHILD]),
        [person(REPORTER), person(CHILD, age=8, gezag=[sole_custody(CHILD, REPORTER)])],
    )

    assert run(f).gates == []


def test_a_minor_whose_custody_holder_does_not_move_fires_custody():
    # HOUSEMATE reports and takes along a child in the sole custody of someone else.
    f = facts(
        request(HOUSEMATE, [CHILD]),
        [person(HOUSEMATE), person(CHILD, age=8, gezag=[sole_custody(CHILD, OTHER_PARENT)])],
    )

    gate = only_gate(run(f), Rule.CUSTODY)

    assert gate.evidence == {
        "minderjarigen": [
            {"minderjarige": CHILD, "gezag": [SOLE], "gezaghouders_niet_mee": [OTHER_PARENT]}
        ]
    }


def test_a_minor_without_any_custody_record_fires_custody():
    f = facts(request(REPORTER, [CHILD]), [person(REPORTER), person(CHILD, age=8)])

    gate = only_gate(run(f), Rule.CUSTODY)

    assert gate.evidence == {
        "minderjarigen": [{"minderjarige": CHILD, "gezag": [], "gezaghouders_niet_mee": []}]
    }


# --- not_authorised ---------------------------------------------------------------------


def test_an_adult_housemate_is_not_authorised():
    f = facts(request(REPORTER, [HOUSEMATE]), [person(REPORTER), person(HOUSEMATE, age=30)])

    gate = only_gate(run(f), Rule.NOT_AUTHORISED)

    assert gate.risk is Risk.NORMAL
    assert gate.evidence == {"co_movers": [{"burgerservicenummer": HOUSEMATE, "leeftijd": 30}]}


@pytest.mark.parametrize("age", [16, 17])
def test_a_child_of_16_or_over_is_not_authorised(age):
    # The reporter holds sole custody, so only the 16+ rule fires.
    f = facts(
        request(REPORTER, [CHILD]),
        [person(REPORTER), person(CHILD, age=age, gezag=[sole_custody(CHILD, REPORTER)])],
    )

    gate = only_gate(run(f), Rule.NOT_AUTHORISED)

    assert gate.evidence == {"co_movers": [{"burgerservicenummer": CHILD, "leeftijd": age}]}


@pytest.mark.parametrize("soort", ["H", "P"])
def test_a_spouse_or_registered_partner_is_authorised(soort):
    f = facts(
        request(REPORTER, [PARTNER]),
        [person(REPORTER, partners=[partner(PARTNER, soort)]), person(PARTNER, age=40)],
    )

    assert run(f).gates == []


def test_a_15_year_old_child_is_authorised():
    f = facts(
        request(REPORTER, [CHILD]),
        [person(REPORTER), person(CHILD, age=15, gezag=[sole_custody(CHILD, REPORTER)])],
    )

    assert run(f).gates == []


def test_a_partner_only_on_the_co_movers_record_is_not_enough():
    # Authority comes from the reporter's own BRP record, not from what the co-mover claims.
    f = facts(
        request(REPORTER, [HOUSEMATE]),
        [person(REPORTER), person(HOUSEMATE, age=30, partners=[partner(REPORTER)])],
    )

    assert only_gate(run(f), Rule.NOT_AUTHORISED).evidence["co_movers"] == [
        {"burgerservicenummer": HOUSEMATE, "leeftijd": 30}
    ]


# --- in_onderzoek -----------------------------------------------------------------------


def test_a_mover_under_investigation_fires_in_onderzoek():
    f = facts(request(), [person(REPORTER, in_onderzoek=True)])

    gate = only_gate(run(f), Rule.IN_ONDERZOEK)

    assert gate.risk is Risk.NORMAL
    assert gate.evidence == {"burgerservicenummers": [REPORTER]}


def test_an_address_under_investigation_fires_in_onderzoek():
    f = facts(request(), [person(REPORTER)], new_address=address(in_onderzoek=True))

    gate = only_gate(run(f), Rule.IN_ONDERZOEK)

    assert gate.risk is Risk.NORMAL
    assert gate.evidence == {"adresseerbaar_object_identificatie": NEW_OBJECT}


def test_a_resident_under_investigation_is_not_a_movers_matter():
    residents = [person(RESIDENT, object_id=NEW_OBJECT, in_onderzoek=True)]
    f = facts(request(), [person(REPORTER)], new_address=address(residents=residents))

    assert run(f).gates == []


# --- person_not_found -------------------------------------------------------------------


def test_a_mover_brp_does_not_know_fires_person_not_found():
    f = facts(request(REPORTER, [UNKNOWN]), [person(REPORTER)])

    result = run(f)

    gate = only_gate(result, Rule.PERSON_NOT_FOUND)
    assert gate.risk is Risk.NORMAL
    assert gate.evidence == {"burgerservicenummers": [UNKNOWN]}
    # Nobody the BRP does not know is registered anywhere.
    assert UNKNOWN not in {s.subject for s in result.steps}


# --- agent_flag -------------------------------------------------------------------------


def test_a_concern_of_the_agent_fires_agent_flag():
    f = alone()
    worry = concern("household", REPORTER)

    gate = only_gate(run(f, plan(*policy_plan(f).steps, concerns=[worry])), Rule.AGENT_FLAG)

    assert gate.risk is Risk.NORMAL
    assert gate.evidence == {
        "concerns": [worry.model_dump()],
        "missing": [],
        "unexpected": [],
    }


def test_a_plan_missing_a_step_fires_agent_flag():
    f = alone()
    short = plan(
        step(
            StepKind.BRP_REGISTER_ADDRESS, REPORTER, adresseerbaar_object_identificatie=NEW_OBJECT
        ),
        step(StepKind.CITIZEN_MESSAGE, REPORTER),
    )

    gate = only_gate(run(f, short), Rule.AGENT_FLAG)

    assert gate.evidence == {
        "concerns": [],
        "missing": [f"{StepKind.NOTIFY_BELASTINGDIENST}:{REPORTER}"],
        "unexpected": [],
    }


def test_a_plan_with_an_unexpected_step_fires_agent_flag():
    f = alone()
    extra = plan(*policy_plan(f).steps, step(StepKind.NOTIFY_DUO, REPORTER))

    gate = only_gate(run(f, extra), Rule.AGENT_FLAG)

    assert gate.evidence == {
        "concerns": [],
        "missing": [],
        "unexpected": [f"{StepKind.NOTIFY_DUO}:{REPORTER}"],
    }


def test_a_plan_with_the_wrong_municipality_fires_agent_flag():
    f = facts(request(), [person(REPORTER)], belastingen={REPORTER: [belasting(OLD_GEMEENTE)]})
    wrong = plan(
        *(
            s
            if s.kind is not StepKind.GEMEENTE_STOP_TAXES
            else step(StepKind.GEMEENTE_STOP_TAXES, REPORTER, gemeentecode="0344")
            for s in policy_plan(f).steps
        )
    )

    gate = only_gate(run(f, wrong), Rule.AGENT_FLAG)

    assert gate.evidence["missing"] == [
        f"{StepKind.GEMEENTE_STOP_TAXES}:{REPORTER}:gemeentecode={OLD_GEMEENTE}"
    ]
    assert gate.evidence["unexpected"] == [
        f"{StepKind.GEMEENTE_STOP_TAXES}:{REPORTER}:gemeentecode=0344"
    ]


def test_a_plan_written_to_the_agent_contract_gives_no_agent_flag():
    """A plan as the prompt asks for it: any order, extra params (dates, kentekens) allowed."""
    f = facts(
        request(REPORTER, [PARTNER]),
        [person(REPORTER, partners=[partner(PARTNER)]), person(PARTNER, age=34)],
        toeslagen={REPORTER: [toeslag("huurtoeslag")]},
        studiefinanciering=[PARTNER],
        voertuigen={REPORTER: ["AB-123-C"]},
        belastingen={REPORTER: [belasting(OLD_GEMEENTE)]},
        parkeervergunningen={REPORTER: [vergunning("PV-1")]},
    )
    day = MOVE_DATE.isoformat()
    agent = plan(
        step(
            StepKind.BRP_REGISTER_ADDRESS,
            PARTNER,
            adresseerbaar_object_identificatie=NEW_OBJECT,
            datum=day,
        ),
        step(
            StepKind.BRP_REGISTER_ADDRESS,
            REPORTER,
            adresseerbaar_object_identificatie=NEW_OBJECT,
            datum=day,
        ),
        step(StepKind.NOTIFY_BELASTINGDIENST, REPORTER),
        step(StepKind.NOTIFY_BELASTINGDIENST, PARTNER),
        step(StepKind.NOTIFY_TOESLAGEN, REPORTER, toeslagen=["huurtoeslag"]),
        step(StepKind.NOTIFY_DUO, PARTNER),
        step(StepKind.NOTIFY_RDW, REPORTER, kentekens=["AB-123-C"]),
        step(StepKind.GEMEENTE_STOP_TAXES, REPORTER, gemeentecode=OLD_GEMEENTE, einddatum=day),
        step(
            StepKind.GEMEENTE_START_TAXES,
            REPORTER,
            gemeentecode=NEW_GEMEENTE,
            adresseerbaar_object_identificatie=NEW_OBJECT,
            ingangsdatum=day,
        ),
        step(StepKind.END_PARKING_PERMIT, REPORTER, vergunningnummer="PV-1", einddatum=day),
        step(StepKind.CITIZEN_MESSAGE, REPORTER),
    )

    result = run(f, agent)

    assert result.gates == []
    assert len(result.steps) == len(agent.steps)


# --- agent_failure ----------------------------------------------------------------------


def test_no_plan_fires_agent_failure_and_the_policy_still_plans_the_steps():
    f = alone()

    result = run(f, None, agent_failure="turn_budget_exhausted")

    gate = only_gate(result, Rule.AGENT_FAILURE)
    assert gate.risk is Risk.NORMAL
    assert gate.evidence == {"failure": "turn_budget_exhausted", "missing_facts": []}
    assert result.steps == run(f).steps


def test_no_plan_without_a_reason_is_recorded_as_no_plan():
    gate = only_gate(run(alone(), None), Rule.AGENT_FAILURE)

    assert gate.evidence["failure"] == "no plan"


def test_incomplete_facts_fire_agent_failure_even_with_a_plan():
    f = alone()
    agent = policy_plan(f)
    del f.toeslagen[REPORTER]

    gate = only_gate(run(f, agent), Rule.AGENT_FAILURE)

    assert gate.evidence == {"missing_facts": [f"lookup_toeslagen:{REPORTER}"]}


def test_a_refused_look_up_counts_as_done():
    f = alone()
    del f.voertuigen[REPORTER]
    f.failures.append(
        LookupFailure(tool="lookup_voertuigen", subject=REPORTER, status=403, detail="Refused.")
    )

    assert run(f).gates == []


def test_no_plan_and_incomplete_facts_give_one_agent_failure_gate():
    f = alone()
    del f.studiefinanciering[REPORTER]

    gate = only_gate(run(f, None, agent_failure="boom"), Rule.AGENT_FAILURE)

    assert gate.evidence == {
        "failure": "boom",
        "missing_facts": [f"lookup_studiefinanciering:{REPORTER}"],
    }


# --- the agent adds gates, never removes them -------------------------------------------


def test_the_agents_concerns_add_to_the_policy_gates():
    f = facts(request(), [person(REPORTER)], new_address=address(gebruiksdoelen=["kantoorfunctie"]))

    result = run(f, plan(*policy_plan(f).steps, concerns=[concern()]))

    assert result.rules_fired == [Rule.NON_RESIDENTIAL, Rule.AGENT_FLAG]
    assert gate_of(result, Rule.NON_RESIDENTIAL).risk is Risk.HIGH
    assert gate_of(result, Rule.AGENT_FLAG).risk is Risk.NORMAL


def test_a_plan_cannot_talk_a_gate_away():
    f = facts(request(), [person(REPORTER)], new_address=address(gebruiksdoelen=["kantoorfunctie"]))
    reassuring = plan(*policy_plan(f).steps, concerns=[])

    gate = only_gate(run(f, reassuring), Rule.NON_RESIDENTIAL)

    assert gate.risk is Risk.HIGH


# --- steps from the facts ---------------------------------------------------------------


def test_toeslagen_is_notified_only_for_running_benefits():
    f = facts(
        request(REPORTER, [PARTNER]),
        [person(REPORTER, partners=[partner(PARTNER)]), person(PARTNER)],
        toeslagen={
            REPORTER: [toeslag("zorgtoeslag", "lopend")],
            PARTNER: [toeslag("huurtoeslag", "beeindigd")],
        },
    )

    assert steps_of(run(f), StepKind.NOTIFY_TOESLAGEN) == [
        (StepKind.NOTIFY_TOESLAGEN, REPORTER, {})
    ]


def test_duo_is_notified_only_for_student_finance():
    f = facts(
        request(REPORTER, [PARTNER]),
        [person(REPORTER, partners=[partner(PARTNER)]), person(PARTNER, age=20)],
        studiefinanciering=[PARTNER],
    )

    assert steps_of(run(f), StepKind.NOTIFY_DUO) == [(StepKind.NOTIFY_DUO, PARTNER, {})]


def test_rdw_is_notified_only_for_registered_vehicles():
    f = facts(
        request(REPORTER, [PARTNER]),
        [person(REPORTER, partners=[partner(PARTNER)]), person(PARTNER)],
        voertuigen={REPORTER: ["AB-123-C", "12-XYZ-3"]},
    )

    assert steps_of(run(f), StepKind.NOTIFY_RDW) == [(StepKind.NOTIFY_RDW, REPORTER, {})]


def test_nothing_beyond_the_basics_when_the_facts_show_nothing():
    kinds = {s.kind for s in run(alone()).steps}

    assert kinds.isdisjoint(
        {
            StepKind.NOTIFY_TOESLAGEN,
            StepKind.NOTIFY_DUO,
            StepKind.NOTIFY_RDW,
            StepKind.GEMEENTE_STOP_TAXES,
            StepKind.GEMEENTE_START_TAXES,
            StepKind.END_PARKING_PERMIT,
        }
    )


def test_taxes_stop_at_the_old_and_start_at_the_new_municipality():
    f = facts(request(), [person(REPORTER)], belastingen={REPORTER: [belasting(OLD_GEMEENTE)]})

    result = run(f)

    assert steps_of(result, StepKind.GEMEENTE_STOP_TAXES, StepKind.GEMEENTE_START_TAXES) == [
        (StepKind.GEMEENTE_STOP_TAXES, REPORTER, {"gemeentecode": OLD_GEMEENTE}),
        (
            StepKind.GEMEENTE_START_TAXES,
            REPORTER,
            {"gemeentecode": NEW_GEMEENTE, "adresseerbaar_object_identificatie": NEW_OBJECT},
        ),
    ]
    assert result.steps[-1].kind is StepKind.CITIZEN_MESSAGE


def test_ended_taxes_need_no_tax_steps():
    f = facts(
        request(),
        [person(REPORTER)],
        belastingen={REPORTER: [belasting(OLD_GEMEENTE, status="beeindigd")]},
    )

    assert steps_of(run(f), StepKind.GEMEENTE_STOP_TAXES, StepKind.GEMEENTE_START_TAXES) == []


def test_a_move_within_the_municipality_needs_no_tax_steps():
    f = facts(
        request(),
        [person(REPORTER, gemeente=NEW_GEMEENTE, object_id="0363010000000099")],
        belastingen={REPORTER: [belasting(NEW_GEMEENTE, object_id="0363010000000099")]},
    )

    assert steps_of(run(f), StepKind.GEMEENTE_STOP_TAXES, StepKind.GEMEENTE_START_TAXES) == []


def test_taxes_elsewhere_do_not_count_as_a_change_of_municipality():
    # Registered in 0363 and moving within 0363; a running liability in 0344 (say a second
    # home) is not the old municipality's and must be left alone.
    f = facts(
        request(),
        [person(REPORTER, gemeente=NEW_GEMEENTE, object_id="0363010000000099")],
        belastingen={
            REPORTER: [
                belasting(NEW_GEMEENTE, object_id="0363010000000099"),
                belasting("0344", object_id="0344010000000001"),
            ]
        },
    )

    assert steps_of(run(f), StepKind.GEMEENTE_STOP_TAXES, StepKind.GEMEENTE_START_TAXES) == []


def test_an_active_permit_at_the_old_address_is_ended():
    f = facts(request(), [person(REPORTER)], parkeervergunningen={REPORTER: [vergunning("PV-1")]})

    assert steps_of(run(f), StepKind.END_PARKING_PERMIT) == [
        (StepKind.END_PARKING_PERMIT, REPORTER, {"vergunningnummer": "PV-1"})
    ]


@pytest.mark.parametrize(
    "permit",
    [
        vergunning("PV-2", object_id=OTHER_OBJECT),
        vergunning("PV-3", status="beeindigd"),
    ],
    ids=["other_address", "ended"],
)
def test_a_permit_elsewhere_or_ended_is_left_alone(permit):
    f = facts(request(), [person(REPORTER)], parkeervergunningen={REPORTER: [permit]})

    assert steps_of(run(f), StepKind.END_PARKING_PERMIT) == []


def test_a_permit_at_someone_elses_old_address_is_left_alone():
    # PARTNER lived elsewhere; the permit on PARTNER's name is for the reporter's old object.
    f = facts(
        request(REPORTER, [PARTNER]),
        [person(REPORTER, partners=[partner(PARTNER)]), person(PARTNER, object_id=OTHER_OBJECT)],
        parkeervergunningen={PARTNER: [vergunning("PV-4", object_id=OLD_OBJECT)]},
    )

    assert steps_of(run(f), StepKind.END_PARKING_PERMIT) == []


# --- one gate per rule ------------------------------------------------------------------


def test_several_findings_of_one_rule_make_one_gate():
    f = facts(
        request(REPORTER, [HOUSEMATE, RESIDENT, CHILD, CHILD_2]),
        [
            person(REPORTER),
            person(HOUSEMATE, age=30),
            person(RESIDENT, age=19),
            person(CHILD, age=5, gezag=[joint_custody(CHILD, REPORTER, OTHER_PARENT)]),
            person(CHILD_2, age=3, gezag=[joint_custody(CHILD_2, REPORTER, OTHER_PARENT)]),
        ],
    )

    result = run(f)

    assert result.rules_fired == [Rule.CUSTODY, Rule.NOT_AUTHORISED]
    assert [m["minderjarige"] for m in gate_of(result, Rule.CUSTODY).evidence["minderjarigen"]] == [
        CHILD,
        CHILD_2,
    ]
    assert gate_of(result, Rule.NOT_AUTHORISED).evidence["co_movers"] == [
        {"burgerservicenummer": HOUSEMATE, "leeftijd": 30},
        {"burgerservicenummer": RESIDENT, "leeftijd": 19},
    ]


def test_person_and_address_under_investigation_merge_into_one_gate():
    f = facts(
        request(), [person(REPORTER, in_onderzoek=True)], new_address=address(in_onderzoek=True)
    )

    gate = only_gate(run(f), Rule.IN_ONDERZOEK)

    assert gate.evidence == {
        "adresseerbaar_object_identificatie": NEW_OBJECT,
        "burgerservicenummers": [REPORTER],
    }
    assert "new address" in gate.description and "mover" in gate.description


def test_every_rule_at_once_still_gives_one_gate_per_rule():
    f = facts(
        request(REPORTER, [HOUSEMATE, CHILD, UNKNOWN]),
        [
            person(REPORTER, in_onderzoek=True),
            person(HOUSEMATE, age=30),
            person(CHILD, age=5, gezag=[joint_custody(CHILD, REPORTER, OTHER_PARENT)]),
        ],
        new_address=address(
            gebruiksdoelen=["kantoorfunctie"],
            status="Verblijfsobject gevormd",
            oppervlakte=20,
            in_onderzoek=True,
        ),
    )
    del f.toeslagen[REPORTER]

    result = run(f, plan(step(StepKind.CITIZEN_MESSAGE, REPORTER), concerns=[concern()]))

    assert result.rules_fired == [
        Rule.NON_RESIDENTIAL,
        Rule.OBJECT_STATUS,
        Rule.OCCUPANCY,
        Rule.IN_ONDERZOEK,
        Rule.PERSON_NOT_FOUND,
        Rule.CUSTODY,
        Rule.NOT_AUTHORISED,
        Rule.AGENT_FLAG,
        Rule.AGENT_FAILURE,
    ]
    assert {g.rule: g.risk for g in result.gates if g.risk is Risk.HIGH} == {
        Rule.NON_RESIDENTIAL: Risk.HIGH,
        Rule.OCCUPANCY: Risk.HIGH,
    }


# --- late_report ------------------------------------------------------------------------


def test_a_move_more_than_5_days_ago_is_flagged_late_but_not_gated():
    f = alone()

    result = run(f, reported_on=MOVE_DATE + timedelta(days=6))

    assert result.flags == ["late_report"]
    assert result.gates == []


@pytest.mark.parametrize("days", [5, 0, -14], ids=["exactly_5", "same_day", "future_move"])
def test_a_move_within_5_days_or_ahead_is_not_late(days):
    assert run(alone(), reported_on=MOVE_DATE + timedelta(days=days)).flags == []


# --- determinism ------------------------------------------------------------------------


def _busy_case() -> MoveFacts:
    return facts(
        request(REPORTER, [PARTNER, CHILD, HOUSEMATE]),
        [
            person(REPORTER, partners=[partner(PARTNER)], in_onderzoek=True),
            person(PARTNER),
            person(CHILD, age=4, gezag=[joint_custody(CHILD, REPORTER, OTHER_PARENT)]),
            person(HOUSEMATE, age=22),
        ],
        new_address=address(oppervlakte=40, residents=[person(RESIDENT, object_id=NEW_OBJECT)]),
        toeslagen={REPORTER: [toeslag()]},
        studiefinanciering=[HOUSEMATE],
        voertuigen={PARTNER: ["AB-123-C"]},
        belastingen={REPORTER: [belasting(OLD_GEMEENTE)], PARTNER: [belasting(OLD_GEMEENTE)]},
        parkeervergunningen={REPORTER: [vergunning("PV-1")]},
    )


def test_the_same_facts_give_the_same_result():
    f = _busy_case()
    agent = plan(step(StepKind.CITIZEN_MESSAGE, REPORTER), concerns=[concern()])
    before = f.model_dump()

    first = run(f, agent, reported_on=MOVE_DATE + timedelta(days=9))
    second = run(_busy_case(), agent, reported_on=MOVE_DATE + timedelta(days=9))

    assert first == second
    assert first.model_dump_json() == second.model_dump_json()
    assert f.model_dump() == before, "the policy must not change the facts"
    assert first.version == POLICY_VERSION == "change_of_address/v1.0"
    assert first.model_dump()["version"] == POLICY_VERSION


def test_the_result_does_not_share_state_with_the_facts():
    f = facts(request(), [person(REPORTER)], new_address=address(gebruiksdoelen=["kantoorfunctie"]))

    result = run(f)
    result.gates[0].evidence["gebruiksdoelen"].append("woonfunctie")

    assert f.address is not None and f.address.object is not None
    assert f.address.object.gebruiksdoelen == ["kantoorfunctie"]
    assert run(f).rules_fired == [Rule.NON_RESIDENTIAL]


def test_a_co_mover_of_unknown_age_is_not_authorised():
    f = facts(request(REPORTER, [HOUSEMATE]), [person(REPORTER), person(HOUSEMATE, age=None)])

    gate = only_gate(run(f), Rule.NOT_AUTHORISED)

    assert gate.evidence == {"co_movers": [{"burgerservicenummer": HOUSEMATE, "leeftijd": None}]}
