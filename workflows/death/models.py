"""Inputs and outputs of the report of a death: its start input, state and step input.

The models every case shares (gates, decisions, steps, the timeline) are in
`workflows.case.models`; these add what a death is about, named as in the report.
"""

from datetime import date, time

from pydantic import BaseModel, Field

from workflows.case.models import CaseInput, CaseState, Step
from workflows.death.domain import DeathRequest, Deceased, Disposal, Documents, Manner

LIFE_EVENT = "death"
"""The life event's `type` in reports, cases and projections."""


class ReportDeathInput(CaseInput):
    """Start input of a death case (`bsn` is the deceased's; `reported_by` the undertaker)."""

    deceased: Deceased
    date_of_death: date
    time_of_death: time | None = None
    place_of_death: str
    manner: Manner
    documents: Documents = Field(default_factory=Documents)
    disposal: Disposal

    def request(self) -> DeathRequest:
        """The reported death, as the agent and the policy read it."""
        return DeathRequest(
            bsn=self.bsn,
            deceased=self.deceased,
            date_of_death=self.date_of_death,
            time_of_death=self.time_of_death,
            place_of_death=self.place_of_death,
            manner=self.manner,
            documents=self.documents,
            disposal=self.disposal,
        )

    @property
    def undertaker(self) -> str:
        """Whom the municipality answers: the undertaker's organisation, else the reporter."""
        return self.reported_by.organisation or self.reported_by.sub


class DeathCaseState(CaseState):
    """A death case as it stands (the `state` query's answer).

    Attributes:
        deceased: Who died, as reported.
        date_of_death: The day of death.
        place_of_death: The municipality of death, whose case it is.
        manner: Natural or not.
        disposal: The burial or cremation.
        surviving_partners: The partners who get the letter.
        deed_number: The deed of death's number, once drawn up.
        permit_number: The disposal permit's number, once issued.
        undertaker_message: The last message to the undertaker.
    """

    type: str = LIFE_EVENT
    deceased: Deceased
    date_of_death: date
    place_of_death: str
    manner: Manner
    disposal: Disposal
    surviving_partners: list[str] = Field(default_factory=list)
    deed_number: str | None = None
    permit_number: str | None = None
    undertaker_message: str | None = None


class DeathStepInput(BaseModel):
    """Activity input: execute one step of a death case.

    Attributes:
        case_id: The case.
        step: The step, with its idempotency key.
        bsn: The deceased.
        request: The reported death.
        undertaker: Whom the undertaker's message goes to.
        deed_number: The deed's number, once drawn up (the permit and BRP cite it).
        permit_number: The permit's number, once issued.
    """

    case_id: str
    step: Step
    bsn: str
    request: DeathRequest
    undertaker: str
    deed_number: str | None = None
    permit_number: str | None = None
