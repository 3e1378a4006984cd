"""The toy as a life event: what the test adds to the list."""

from datetime import date

from burgerflow.core.constants import Role
from tests.integration.toy_event import policy
from tests.integration.toy_event.models import TOY, ToyInput, ToyReport, ToyState
from tests.integration.toy_event.workflow import ToyActivities, ToyPermit
from workflows.case.intake import InvalidParam
from workflows.case.life_event import Intake, LifeEvent


def case_input(report: ToyReport, intake: Intake) -> ToyInput:
    """The toy's start input."""
    return ToyInput(
        **intake.base_fields(), bsn=report.bsn, gemeentecode=report.gemeentecode, cars=report.cars
    )


def check_report(report: ToyReport, today: date) -> list[InvalidParam]:
    """Nothing depends on the day."""
    return []


TOY_PERMIT = LifeEvent(
    type=TOY,
    case_id_prefix="toy",
    title={"nl": "Parkeervergunning", "en": "Parking permit"},
    report=ToyReport,
    reporters=frozenset({Role.CITIZEN}),
    workflow=ToyPermit,
    state=ToyState,
    rules=policy.RULES,
    policy_version=policy.POLICY_VERSION,
    case_input=case_input,
    check_report=check_report,
    other_subjects=lambda report: [],
    activities=lambda registry: [ToyActivities(registry).notify],
)
