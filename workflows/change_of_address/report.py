"""The change-of-address report: the `POST /v1/life-events` body and its intake checks."""

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from workflows.case.intake import Bsn, InvalidParam, IsoDate, ReportBase, normalise_postcode

MAX_DAYS_AHEAD = 28
"""A move is reported at most four weeks ahead."""


class NewAddressIn(BaseModel):
    """The new address as reported: postcode and house number with optional additions."""

    model_config = ConfigDict(extra="forbid")

    postcode: str = Field(examples=["1012AB"])
    huisnummer: int = Field(ge=1, le=99999)
    huisletter: str | None = Field(default=None, pattern=r"^[A-Za-z]$")
    huisnummertoevoeging: str | None = Field(default=None, pattern=r"^[A-Za-z0-9]{1,4}$")

    @field_validator("postcode")
    @classmethod
    def _normalise_postcode(cls, value: str) -> str:
        return normalise_postcode(value)

    @field_validator("huisletter")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.upper() if value else value


class ChangeOfAddressReport(ReportBase):
    """`POST /v1/life-events` body for a change of address."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["change_of_address"]
    bsn: Bsn = Field(examples=["999993653"])
    new_address: NewAddressIn
    move_date: IsoDate = Field(examples=["2026-12-01"])
    co_movers: list[Bsn] = Field(default_factory=list, max_length=15)

    @field_validator("co_movers")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a co-mover is listed twice")
        return value

    @model_validator(mode="after")
    def _reporter_not_co_mover(self) -> "ChangeOfAddressReport":
        if self.bsn in self.co_movers:
            raise ValueError("co_movers: the reporter is not also a co-mover")
        return self


def move_date_problem(move_date: date, today: date) -> str | None:
    """Why `move_date` cannot be accepted today, or None when it can."""
    if move_date > today + timedelta(days=MAX_DAYS_AHEAD):
        return f"a move can be reported at most {MAX_DAYS_AHEAD} days ahead"
    return None


def check_report(report: ChangeOfAddressReport, today: date) -> list[InvalidParam]:
    """What of `report` cannot be accepted on `today` (the move date's window)."""
    reason = move_date_problem(report.move_date, today)
    return [InvalidParam("move_date", reason)] if reason else []
