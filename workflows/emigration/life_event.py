"""The emigration as a life event of the list: everything shared reads it from here."""

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from agents.emigration.graph import build_emigration_graph
from agents.emigration.scripted import ScriptedPlanner
from agents.emigration.state import GRAPH_NAME
from burgerflow.core.constants import Role
from burgerflow.registry.client import RegistryClient
from workflows.case.life_event import AgentSpec, Intake, LifeEvent
from workflows.emigration.activities import FactActivities, StepActivities
from workflows.emigration.domain import ForeignAddress
from workflows.emigration.intake import EMIGRATION_INTAKE
from workflows.emigration.labels import RULE_LABELS
from workflows.emigration.models import LIFE_EVENT, EmigrationCaseState, ReportEmigrationInput
from workflows.emigration.policy import POLICY_VERSION
from workflows.emigration.register import EMIGRATION_REGISTER
from workflows.emigration.report import EmigrationReport, check_report
from workflows.emigration.rules import RULES
from workflows.emigration.trail import EMIGRATION_TRAIL
from workflows.emigration.trials import BENCH, EVALUATION
from workflows.emigration.workflow import Emigration


def case_input(report: EmigrationReport, intake: Intake) -> ReportEmigrationInput:
    """The workflow's start input for a valid report."""
    return ReportEmigrationInput(
        **intake.base_fields(),
        bsn=report.bsn,
        departure_date=report.departure_date,
        country=report.country,
        foreign_address=ForeignAddress.model_validate(report.foreign_address.model_dump()),
        co_movers=report.co_movers,
    )


def example(today: date) -> dict[str, Any]:
    """The demo citizen leaves for Brussels in three days."""
    return {
        "type": LIFE_EVENT,
        "bsn": "999993653",
        "departure_date": (today + timedelta(days=3)).isoformat(),
        "country": "BE",
        "foreign_address": {"regel1": "Rue de la Loi 16", "regel2": "1000 Brussel"},
        "co_movers": [],
    }


def other_subjects(report: EmigrationReport) -> list[str]:
    """The co-movers."""
    return list(report.co_movers)


def activities(registry: RegistryClient) -> Sequence[Callable[..., Any]]:
    """The look-up and step activities, bound to the worker's registry client."""
    return [FactActivities(registry).complete_facts, *StepActivities(registry).all()]


EMIGRATION = LifeEvent(
    type=LIFE_EVENT,
    case_id_prefix="emi",
    title={"nl": "Emigratie", "en": "Emigration"},
    report=EmigrationReport,
    reporters=frozenset({Role.CITIZEN, Role.SERVICE}),
    workflow=Emigration,
    state=EmigrationCaseState,
    rules=RULES,
    policy_version=POLICY_VERSION,
    case_input=case_input,
    check_report=check_report,
    other_subjects=other_subjects,
    activities=activities,
    agent=AgentSpec(
        graphs={GRAPH_NAME: build_emigration_graph},
        scripted_model=lambda model_name: ScriptedPlanner(model_name=model_name),
    ),
    summary="Emigration",
    example=example,
    extras={
        "trail": EMIGRATION_TRAIL,
        "register": EMIGRATION_REGISTER,
        "rule_labels": RULE_LABELS,
        "evaluation": EVALUATION,
        "bench": BENCH,
        "intake": EMIGRATION_INTAKE,
    },
)
"""The emigration (emigratie)."""
