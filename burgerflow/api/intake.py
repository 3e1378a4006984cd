"""Intake validation of life-event reports: BSN 11-proef, postcode, move date."""

import re
from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from burgerflow.core.bsn import is_valid_bsn

POSTCODE_RE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
"""A postcode as burgerflow stores it (use `fullmatch`)."""
_POSTCODE_INPUT_RE = re.compile(r"[1-9][0-9]{3}[A-Za-z]{2}")
MAX_DAYS_AHEAD = 28
"""A move is reported at most four weeks ahead."""
LATE_AFTER_DAYS = 5
"""A move reported more than five days after the fact is a late report."""


def _check_bsn(value: str) -> str:
    if not is_valid_bsn(value):
        raise ValueError("not a valid BSN (nine digits passing the 11-proef)")
    return value


Bsn = Annotated[str, AfterValidator(_check_bsn)]

_ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date_only(value: object) -> object:
    # Pydantic would also read "0" or 1700000000 as a Unix time and "...T00:00" as a date:
    # a report names the day of the move, written YYYY-MM-DD.
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE_RE.fullmatch(value):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]


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
        compact = value.replace(" ", "")
        # Checked before upper-casing, with fullmatch: `"ß".upper()` is "SS" and `$` lets a
        # trailing newline through, and neither belongs in a postcode.
        if not _POSTCODE_INPUT_RE.fullmatch(compact):
            raise ValueError(
                "a Dutch postcode is four digits (not starting with 0) and two letters"
            )
        return compact.upper()

    @field_validator("huisletter")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.upper() if value else value


class ChangeOfAddressReport(BaseModel):
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
