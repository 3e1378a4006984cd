"""The toy life event's report, input, state and step input."""

from typing import Literal

from pydantic import BaseModel, Field

from workflows.case.intake import ReportBase
from workflows.case.models import CaseInput, CaseState, Step

TOY = "toy_permit"


class ToyReport(ReportBase):
    """`POST /v1/life-events` body of the toy: a permit for a number of cars."""

    type: Literal["toy_permit"]
    gemeentecode: str = Field(pattern=r"^[0-9]{4}$")
    cars: int = Field(ge=1, le=1000)


class ToyInput(CaseInput):
    """Start input of a toy case."""

    gemeentecode: str
    cars: int


class ToyState(CaseState):
    """A toy case as it stands."""

    type: str = TOY
    cars: int


class ToyStepInput(BaseModel):
    """Activity input of the toy's one step."""

    step: Step
    bsn: str
