"""Types every report body shares: a BSN passing the 11-proef, a date, a postcode; problems.

A life event's report model builds on these, so a bad field gets the same words whichever
life event it is reported in.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from burgerflow.core.bsn import is_valid_bsn

POSTCODE_RE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
"""A postcode as burgerflow stores it (use `fullmatch`)."""
_POSTCODE_INPUT_RE = re.compile(r"[1-9][0-9]{3}[A-Za-z]{2}")


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


def normalise_postcode(value: str) -> str:
    """A reported postcode in the stored form (`1012 ab` → `1012AB`); ValueError otherwise."""
    compact = value.replace(" ", "")
    # Checked before upper-casing, with fullmatch: `"ß".upper()` is "SS" and `$` lets a
    # trailing newline through, and neither belongs in a postcode.
    if not _POSTCODE_INPUT_RE.fullmatch(compact):
        raise ValueError("a Dutch postcode is four digits (not starting with 0) and two letters")
    return compact.upper()


@dataclass(frozen=True, slots=True)
class InvalidParam:
    """One field of a report that cannot be accepted (an `invalid_params` entry of a 422)."""

    name: str
    reason: str


class ReportBase(BaseModel):
    """What every `POST /v1/life-events` body has: its `type` and the BSN it is about.

    A life event's report subclasses it, narrowing `type` to its own `Literal`.
    """

    model_config = ConfigDict(extra="forbid")

    type: str
    bsn: Bsn = Field(examples=["999993653"])
