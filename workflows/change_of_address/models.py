"""Inputs and outputs of the change-of-address case: its start input, state and step input.

The models every case shares (gates, decisions, steps, the timeline) are in
`workflows.case.models`; these add what a move is about.
"""

from datetime import date

from pydantic import BaseModel, Field

from workflows.case.models import CaseInput, CaseState, Step
from workflows.change_of_address.domain import NewAddress

LIFE_EVENT = "change_of_address"
"""The life event's `type` in reports, cases and projections."""


class ReportMoveInput(CaseInput):
    """Start input of a change-of-address case (`bsn` is the reporter's)."""

    new_address: NewAddress
    move_date: date
    co_movers: list[str] = Field(default_factory=list)
    min_m2_per_person: float = 12.0


class MoveCaseState(CaseState):
    """A change-of-address case as it stands (the `state` query's answer)."""

    type: str = LIFE_EVENT
    co_movers: list[str]
    move_date: date
    new_address: NewAddress
    new_object_id: str | None = None

    def subjects(self) -> list[str]:
        """The reporter, then the co-movers."""
        return [self.bsn, *self.co_movers]


class StepInput(BaseModel):
    """Activity input: execute one step."""

    case_id: str
    step: Step
    citizen_bsn: str
    move_date: date
    new_object_id: str | None = None
    """BAG id of the new address's object (the target of every address change)."""
