"""The change of address as a life event of the list: everything shared reads it from here."""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from agents.change_of_address.graph import build_change_of_address_graph
from agents.change_of_address.scripted import ScriptedPlanner
from agents.change_of_address.state import GRAPH_NAME
from burgerflow.core.constants import Role
from burgerflow.registry.client import RegistryClient
from workflows.case.life_event import AgentSpec, Intake, LifeEvent
from workflows.change_of_address.activities import FactActivities, StepActivities
from workflows.change_of_address.domain import NewAddress
from workflows.change_of_address.intake import MOVE_INTAKE
from workflows.change_of_address.labels import RULE_LABELS
from workflows.change_of_address.models import LIFE_EVENT, MoveCaseState, ReportMoveInput
from workflows.change_of_address.policy import CURRENT_POLICY_VERSION, POLICY_VERSION
from workflows.change_of_address.register import MOVE_REGISTER
from workflows.change_of_address.report import ChangeOfAddressReport, check_report
from workflows.change_of_address.rules import RULES, RULES_1_0
from workflows.change_of_address.trail import MOVE_TRAIL
from workflows.change_of_address.trials import BENCH, EVALUATION
from workflows.change_of_address.workflow import ChangeOfAddress


def case_input(report: ChangeOfAddressReport, intake: Intake) -> ReportMoveInput:
    """The workflow's start input for a valid report."""
    return ReportMoveInput(
        **intake.base_fields(),
        bsn=report.bsn,
        new_address=NewAddress.model_validate(report.new_address.model_dump()),
        move_date=report.move_date,
        co_movers=report.co_movers,
        min_m2_per_person=intake.settings.min_m2_per_person,
    )


def example(today: date) -> dict[str, Any]:
    """The demo citizen moves to the empty demo home today."""
    return {
        "type": LIFE_EVENT,
        "bsn": "999993653",
        "new_address": {"postcode": "1012AB", "huisnummer": 1},
        "move_date": today.isoformat(),
    }


def other_subjects(report: ChangeOfAddressReport) -> list[str]:
    """The co-movers."""
    return list(report.co_movers)


def activities(registry: RegistryClient) -> Sequence[Callable[..., Any]]:
    """The look-up and step activities, bound to the worker's registry client."""
    return [FactActivities(registry).complete_facts, *StepActivities(registry).all()]


CHANGE_OF_ADDRESS = LifeEvent(
    type=LIFE_EVENT,
    case_id_prefix="coa",
    title={"nl": "Verhuizing", "en": "Change of address"},
    report=ChangeOfAddressReport,
    reporters=frozenset({Role.CITIZEN, Role.SERVICE}),
    workflow=ChangeOfAddress,
    state=MoveCaseState,
    rules=RULES,
    policy_version=CURRENT_POLICY_VERSION,
    case_input=case_input,
    check_report=check_report,
    other_subjects=other_subjects,
    activities=activities,
    agent=AgentSpec(
        graphs={GRAPH_NAME: build_change_of_address_graph},
        scripted_model=lambda model_name: ScriptedPlanner(model_name=model_name),
    ),
    summary="Change of address",
    example=example,
    extras={
        "trail": MOVE_TRAIL,
        "register": MOVE_REGISTER,
        "rule_labels": RULE_LABELS,
        "evaluation": EVALUATION,
        "bench": BENCH,
        "intake": MOVE_INTAKE,
    },
    earlier_rules={POLICY_VERSION: RULES_1_0},
)
"""The change of address (verhuizing)."""
