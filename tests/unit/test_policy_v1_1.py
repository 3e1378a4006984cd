"""Unit tests of change-of-address policy v1.1: the reporter's authority, the household, no change.

The same facts under v1.0 still give v1.0's answers: a case keeps the version it started under.
"""

import pytest

from burgerflow.registry.schemas.brp import KindPublic, OuderPublic, PersoonPublic
from workflows.case.models import Risk
from workflows.change_of_address.domain import MoveFacts, MovePlan
from workflows.change_of_address.policy import (
    CURRENT_POLICY_VERSION,
    POLICY_VERSION,
    POLICY_VERSION_1_1,
    PolicyConfig,
    PolicyResult,
    Rule,
    evaluate,
    expected_steps,
)
from workflows.change_of_address.rules import RULES, RULES_1_0

from .factories import (
    CHILD,
    HOUSEMATE,
    MOVE_DATE,
    NEW_OBJECT,
    OTHER_OBJECT,
    PARTNER,
    REPORTER,
    address,
    facts,
    partner,
    person,
    plan,
    request,
    sole_custody,
    step,
)

PARENT = HOUSEMATE


def _plan(f: MoveFacts) -> MovePlan:
    return plan(*(step(s.kind, s.subject, **s.params) for s in expected_steps(f)))


def run(f: MoveFacts, version: str = POLICY_VERSION_1_1) -> PolicyResult:
    """The policy of `version` with a plan that matches its own expectation."""
    return evaluate(f, _plan(f), reported_on=MOVE_DATE, config=PolicyConfig(), version=version)


def with_children(p: PersoonPublic, *children: str) -> PersoonPublic:
    return p.model_copy(update={"kinderen": [KindPublic(burgerservicenummer=c) for c in children]})


def with_parents(p: PersoonPublic, *parents: str) -> PersoonPublic:
    return p.model_copy(update={"ouders": [OuderPublic(burgerservicenummer=o) for o in parents]})


def test_new_cases_start_under_v1_1_and_the_tables_differ_where_the_texts_do():
    assert CURRENT_POLICY_VERSION == POLICY_VERSION_1_1 == "change_of_address/v1.1"
    assert POLICY_VERSION == "change_of_address/v1.0"
    assert Rule.NO_CHANGE in RULES and Rule.NO_CHANGE not in RULES_1_0
    assert RULES[Rule.NOT_AUTHORISED].nl != RULES_1_0[Rule.NOT_AUTHORISED].nl
    assert "16" in RULES[Rule.NOT_AUTHORISED].nl and "ouder" in RULES[Rule.NOT_AUTHORISED].nl
    assert RULES.risk(Rule.NO_CHANGE) is Risk.NORMAL
    assert run(facts(request(), [person(REPORTER)])).version == POLICY_VERSION_1_1
    with pytest.raises(ValueError):
        run(facts(request(), [person(REPORTER)]), version="change_of_address/v9")


# --- not_authorised: the reporter ---------------------------------------------------------


@pytest.mark.parametrize("age", [12, 15])
def test_a_reporter_under_16_is_not_authorised(age):
    result = run(facts(request(), [person(REPORTER, age=age)]))

    assert result.rules_fired == [Rule.NOT_AUTHORISED]
    [gate] = result.gates
    assert gate.evidence == {"melder": {"burgerservicenummer": REPORTER, "leeftijd": age}}
    assert "under 16" in gate.description


def test_a_reporter_of_16_may_report_and_v1_0_never_asked():
    assert run(facts(request(), [person(REPORTER, age=16)])).gates == []
    assert run(facts(request(), [person(REPORTER, age=15)]), POLICY_VERSION).gates == []


def test_a_young_reporter_and_an_unauthorised_co_mover_make_one_gate():
    f = facts(
        request(REPORTER, [HOUSEMATE]),
        [person(REPORTER, age=15), person(HOUSEMATE, age=30)],
    )

    [gate] = run(f).gates

    assert gate.rule == Rule.NOT_AUTHORISED
    assert gate.evidence["melder"]["leeftijd"] == 15
    assert gate.evidence["co_movers"] == [{"burgerservicenummer": HOUSEMATE, "leeftijd": 30}]


# --- not_authorised: the household --------------------------------------------------------


def test_a_parent_may_report_for_an_adult_child_living_with_them():
    f = facts(
        request(REPORTER, [CHILD]),
        [with_children(person(REPORTER, age=50), CHILD), person(CHILD, age=19)],
    )

    assert run(f).gates == []
    assert run(f, POLICY_VERSION).rules_fired == [Rule.NOT_AUTHORISED], "v1.0 stays as it was"


def test_an_adult_child_may_report_for_a_parent_living_with_them():
    f = facts(
        request(REPORTER, [PARENT]),
        [with_parents(person(REPORTER, age=45), PARENT), person(PARENT, age=78)],
    )

    assert run(f).gates == []


def test_a_relative_living_elsewhere_is_not_authorised():
    f = facts(
        request(REPORTER, [CHILD]),
        [
            with_children(person(REPORTER, age=50), CHILD),
            person(CHILD, age=22, object_id=OTHER_OBJECT),
        ],
    )

    [gate] = run(f).gates
    assert gate.rule == Rule.NOT_AUTHORISED
    assert gate.evidence == {"co_movers": [{"burgerservicenummer": CHILD, "leeftijd": 22}]}


@pytest.mark.parametrize("age", [16, 17])
def test_a_child_of_16_or_17_still_reports_for_themselves(age):
    f = facts(
        request(REPORTER, [CHILD]),
        [
            with_children(person(REPORTER), CHILD),
            person(CHILD, age=age, gezag=[sole_custody(CHILD, REPORTER)]),
        ],
    )

    assert run(f).rules_fired == [Rule.NOT_AUTHORISED]


def test_authority_comes_from_the_reporters_own_record():
    # The co-mover names the reporter as their child; the reporter's record names nobody.
    f = facts(
        request(REPORTER, [PARENT]),
        [person(REPORTER), with_children(person(PARENT, age=70), REPORTER)],
    )

    assert run(f).rules_fired == [Rule.NOT_AUTHORISED]


def test_a_partner_stays_authorised_and_a_housemate_does_not():
    partners = facts(
        request(REPORTER, [PARTNER]),
        [person(REPORTER, partners=[partner(PARTNER)]), person(PARTNER, age=40)],
    )
    housemates = facts(
        request(REPORTER, [HOUSEMATE]), [person(REPORTER), person(HOUSEMATE, age=30)]
    )

    assert run(partners).gates == []
    assert run(housemates).rules_fired == [Rule.NOT_AUTHORISED]


# --- no_change ----------------------------------------------------------------------------


def test_a_mover_already_registered_at_the_address_raises_no_change():
    f = facts(request(), [person(REPORTER, object_id=NEW_OBJECT)])

    result = run(f)

    assert result.rules_fired == [Rule.NO_CHANGE]
    assert result.gates[0].evidence == {
        "burgerservicenummers": [REPORTER],
        "adresseerbaar_object_identificatie": NEW_OBJECT,
    }
    assert run(f, POLICY_VERSION).gates == [], "v1.0 runs it as a move"


def test_no_change_names_only_the_movers_who_are_there():
    f = facts(
        request(REPORTER, [PARTNER]),
        [
            person(REPORTER, partners=[partner(PARTNER)]),
            person(PARTNER, age=40, object_id=NEW_OBJECT),
        ],
        new_address=address(residents=[person(PARTNER, object_id=NEW_OBJECT)]),
    )

    [gate] = run(f).gates
    assert gate.rule == Rule.NO_CHANGE
    assert gate.evidence["burgerservicenummers"] == [PARTNER]


def test_no_change_needs_an_address_bag_knows():
    f = facts(request(), [person(REPORTER)], new_address=None)

    assert Rule.NO_CHANGE not in run(f).rules_fired
