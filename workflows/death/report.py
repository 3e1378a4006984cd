"""The report of a death: the `POST /v1/life-events` body and its intake checks.

An undertaker (or a municipal service) reports a death to the municipality where the person
died, which may differ from where they lived: `place_of_death` names it, and the case is
that municipality's. Times are optional (`HH:MM`, Dutch time); with both the time of death
and of the disposal the policy counts the 36 hours exactly, otherwise by the day.
"""

import re
from datetime import date, time
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from workflows.case.intake import Bsn, InvalidParam, IsoDate, ReportBase
from workflows.death.domain import Manner

_CLOCK_RE = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


def _clock_only(value: object) -> object:
    # A time is written HH:MM: a report names the hour and minute, nothing finer.
    if value is None or isinstance(value, time):
        return value
    if not isinstance(value, str) or not _CLOCK_RE.fullmatch(value):
        raise ValueError("a time is written HH:MM (00:00 to 23:59)")
    return value


Clock = Annotated[time, BeforeValidator(_clock_only)]


class DeceasedIn(BaseModel):
    """Who died, as the undertaker reports them (checked against the BRP by the policy)."""

    model_config = ConfigDict(extra="forbid")

    geslachtsnaam: str = Field(min_length=1, max_length=200, examples=["Jansen"])
    geboortedatum: IsoDate = Field(examples=["1941-03-02"])

    @field_validator("geslachtsnaam")
    @classmethod
    def _stripped(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a surname is not blank")
        return value.strip()


class DocumentsIn(BaseModel):
    """The statements the report rests on."""

    model_config = ConfigDict(extra="forbid")

    verklaring_van_overlijden: bool = False
    verklaring_van_geen_bezwaar: bool = False


class DisposalIn(BaseModel):
    """The burial (`begraven`) or cremation (`cremeren`): its day and, optionally, time."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["begraven", "cremeren"]
    date: IsoDate = Field(examples=["2026-12-04"])
    time: Clock | None = Field(default=None, examples=["11:00"])


class DeathReport(ReportBase):
    """`POST /v1/life-events` body for the report of a death (funeral director or service)."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["death"]
    bsn: Bsn = Field(examples=["999990019"])
    deceased: DeceasedIn
    date_of_death: IsoDate = Field(examples=["2026-11-30"])
    time_of_death: Clock | None = Field(default=None, examples=["22:15"])
    place_of_death: str = Field(pattern=r"^[0-9]{4}$", examples=["0363"])
    manner: Manner
    documents: DocumentsIn = Field(default_factory=DocumentsIn)
    disposal: DisposalIn


def check_report(report: DeathReport, today: date) -> list[InvalidParam]:
    """What of `report` cannot be accepted on `today`, one entry per field at fault.

    The date of death is not in the future nor before the birth; a natural death rests on
    the doctor's statement of death, one that is not natural on the public prosecutor's
    statement of no objection; the burial or cremation is not before the death.
    """
    problems: list[InvalidParam] = []
    if report.date_of_death > today:
        problems.append(InvalidParam("date_of_death", "the date of death is in the future"))
    elif report.date_of_death < report.deceased.geboortedatum:
        problems.append(InvalidParam("date_of_death", "the date of death is before the birth"))
    documents = report.documents
    if report.manner is Manner.NATURAL and not documents.verklaring_van_overlijden:
        problems.append(
            InvalidParam(
                "documents.verklaring_van_overlijden",
                "a natural death needs the doctor's verklaring van overlijden",
            )
        )
    if report.manner is Manner.NON_NATURAL and not documents.verklaring_van_geen_bezwaar:
        problems.append(
            InvalidParam(
                "documents.verklaring_van_geen_bezwaar",
                "a death that is not natural needs the public prosecutor's verklaring van "
                "geen bezwaar",
            )
        )
    if report.disposal.date < report.date_of_death:
        problems.append(
            InvalidParam("disposal.date", "the burial or cremation is before the date of death")
        )
    return problems
