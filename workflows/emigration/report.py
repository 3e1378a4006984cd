"""The emigration report: the `POST /v1/life-events` body and its intake checks."""

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from burgerflow.registry.schemas.landen import LANDEN, NEDERLAND
from workflows.case.intake import Bsn, InvalidParam, IsoDate, ReportBase

MAX_DAYS_AHEAD = 5
"""An emigration is reported in the last five days before departure."""
MAX_DAYS_PAST = 30
"""... and no more than thirty days after it."""


class ForeignAddressIn(BaseModel):
    """The address abroad as reported: at least its first line."""

    model_config = ConfigDict(extra="forbid")

    regel1: str = Field(min_length=1, max_length=40, examples=["Rue de la Loi 16"])
    regel2: str | None = Field(default=None, max_length=50, examples=["1000 Brussel"])
    regel3: str | None = Field(default=None, max_length=35)

    @field_validator("regel1")
    @classmethod
    def _first_line(cls, value: str) -> str:
        trimmed = " ".join(value.split())
        if not trimmed:
            raise ValueError("the first address line (street and number) is required")
        return trimmed

    @field_validator("regel2", "regel3")
    @classmethod
    def _other_lines(cls, value: str | None) -> str | None:
        return " ".join(value.split()) or None if value is not None else None


class EmigrationReport(ReportBase):
    """`POST /v1/life-events` body for an emigration."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["emigration"]
    bsn: Bsn = Field(examples=["999993653"])
    departure_date: IsoDate = Field(examples=["2026-12-04"])
    country: str = Field(
        examples=["BE"], description="ISO 3166-1 alpha-2 code of the country, not NL."
    )
    foreign_address: ForeignAddressIn
    co_movers: list[Bsn] = Field(default_factory=list, max_length=15)

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        code = value.strip().upper()
        if code == NEDERLAND:
            raise ValueError("an emigration leaves the Netherlands: the country is not NL")
        if code not in LANDEN:
            raise ValueError("not an ISO 3166-1 alpha-2 country code")
        return code

    @field_validator("co_movers")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a co-mover is listed twice")
        return value

    @model_validator(mode="after")
    def _reporter_not_co_mover(self) -> "EmigrationReport":
        if self.bsn in self.co_movers:
            raise ValueError("co_movers: the reporter is not also a co-mover")
        return self


def first_report_day(departure: date) -> date:
    """The first day an emigration departing on `departure` can be reported."""
    return departure - timedelta(days=MAX_DAYS_AHEAD)


def departure_date_problem(departure: date, today: date) -> str | None:
    """Why `departure` cannot be reported today, or None when it can."""
    if departure > today + timedelta(days=MAX_DAYS_AHEAD):
        return (
            f"an emigration is reported at most {MAX_DAYS_AHEAD} days before departure: "
            f"report it from {first_report_day(departure).isoformat()}"
        )
    if departure < today - timedelta(days=MAX_DAYS_PAST):
        return (
            f"a departure more than {MAX_DAYS_PAST} days ago is not reported online: "
            "contact the municipality"
        )
    return None


def check_report(report: EmigrationReport, today: date) -> list[InvalidParam]:
    """What of `report` cannot be accepted on `today` (the departure date's window)."""
    reason = departure_date_problem(report.departure_date, today)
    return [InvalidParam("departure_date", reason)] if reason else []
