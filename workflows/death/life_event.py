"""The report of a death as a life event of the list: everything shared reads it from here."""

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from agents.death.graph import build_death_graph
from agents.death.scripted import ScriptedPlanner
from agents.death.state import GRAPH_NAME
from burgerflow.core.constants import Role
from burgerflow.registry.client import RegistryClient
from burgerflow.registry.schemas.burgerlijke_stand import DisposalKind
from workflows.case.life_event import AgentSpec, Intake, LifeEvent
from workflows.death.activities import FactActivities, StepActivities
from workflows.death.bench import BENCH
from workflows.death.domain import Deceased, Disposal, Documents
from workflows.death.labels import RULE_LABELS
from workflows.death.models import LIFE_EVENT, DeathCaseState, ReportDeathInput
from workflows.death.policy import POLICY_VERSION
from workflows.death.register import DEATH_REGISTER
from workflows.death.report import DeathReport, check_report
from workflows.death.rules import RULES
from workflows.death.trail import DEATH_TRAIL
from workflows.death.trials import EVALUATION
from workflows.death.workflow import ReportOfDeath


def case_input(report: DeathReport, intake: Intake) -> ReportDeathInput:
    """The workflow's start input for a valid report."""
    return ReportDeathInput(
        **intake.base_fields(),
        bsn=report.bsn,
        deceased=Deceased.model_validate(report.deceased.model_dump()),
        date_of_death=report.date_of_death,
        time_of_death=report.time_of_death,
        place_of_death=report.place_of_death,
        manner=report.manner,
        documents=Documents.model_validate(report.documents.model_dump()),
        disposal=Disposal(
            kind=DisposalKind(report.disposal.kind),
            date=report.disposal.date,
            time=report.disposal.time,
        ),
    )


def example(today: date) -> dict[str, Any]:
    """Kees van den Heuvel of Rotterdam (seeded, married) died in Amsterdam yesterday."""
    return {
        "type": LIFE_EVENT,
        "bsn": "999909964",
        "deceased": {"geslachtsnaam": "van den Heuvel", "geboortedatum": "1951-11-02"},
        "date_of_death": (today - timedelta(days=1)).isoformat(),
        "place_of_death": "0363",
        "manner": "natural",
        "documents": {"verklaring_van_overlijden": True},
        "disposal": {"kind": "cremeren", "date": (today + timedelta(days=3)).isoformat()},
    }


def other_subjects(report: DeathReport) -> list[str]:
    """None: a death is about the deceased."""
    return []


def activities(registry: RegistryClient) -> Sequence[Callable[..., Any]]:
    """The look-up and step activities, bound to the worker's registry client."""
    return [FactActivities(registry).complete_facts, *StepActivities(registry).all()]


DEATH = LifeEvent(
    type=LIFE_EVENT,
    case_id_prefix="dth",
    title={"nl": "Aangifte van overlijden", "en": "Report of a death"},
    report=DeathReport,
    reporters=frozenset({Role.FUNERAL_DIRECTOR, Role.SERVICE}),
    workflow=ReportOfDeath,
    state=DeathCaseState,
    rules=RULES,
    policy_version=POLICY_VERSION,
    case_input=case_input,
    check_report=check_report,
    other_subjects=other_subjects,
    activities=activities,
    agent=AgentSpec(
        graphs={GRAPH_NAME: build_death_graph},
        scripted_model=lambda model_name: ScriptedPlanner(model_name=model_name),
    ),
    summary="Report of a death",
    example=example,
    extras={
        "trail": DEATH_TRAIL,
        "register": DEATH_REGISTER,
        "rule_labels": RULE_LABELS,
        "evaluation": EVALUATION,
        "bench": BENCH,
    },
)
"""The report of a death (aangifte van overlijden)."""
