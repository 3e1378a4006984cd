"""Inputs and outputs of the emigration case: its start input, state and step input.

The models every case shares (gates, decisions, steps, the timeline) are in
`workflows.case.models`; these add what an emigration is about.
"""

from datetime import date

from pydantic import BaseModel, Field

from workflows.case.models import CaseInput, CaseState, Step
from workflows.emigration.domain import ForeignAddress

LIFE_EVENT = "emigration"
"""The life event's `type` in reports, cases and projections."""


class ReportEmigrationInput(CaseInput):
    """Start input of an emigration case (`bsn` is the reporter's)."""

    departure_date: date
    country: str
    foreign_address: ForeignAddress
    co_movers: list[str] = Field(default_factory=list)


class EmigrationCaseState(CaseState):
    """An emigration case as it stands (the `state` query's answer)."""

    type: str = LIFE_EVENT
    co_movers: list[str]
    departure_date: date
    deregistration_date: date
    country: str
    foreign_address: ForeignAddress

    def subjects(self) -> list[str]:
        """The reporter, then the co-movers."""
        return [self.bsn, *self.co_movers]


class StepInput(BaseModel):
    """Activity input: execute one step."""

    case_id: str
    step: Step
    citizen_bsn: str
    country: str
    foreign_address: ForeignAddress
    deregistration_date: date
    """The day every registry records: the departure, or the report when it came later."""
