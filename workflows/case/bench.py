"""What a life event gives `burgerflow bench`: cases of three kinds, ready to report.

A benchmark runs cases that take one of three paths through the gated case (`CaseKind`):
no gate, a gate one caseworker approves, a high-risk gate two caseworkers approve. A life
event with a benchmark puts a `Bench` in its `extras["bench"]`: it makes, through a
`Population`, one `BenchCase` per requested kind (the people and homes that make the case
take that path, and the report's body), and names the municipality whose caseworkers
decide the gates.
"""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from workflows.case.population import Population


class CaseKind(StrEnum):
    """The path a benchmark case takes."""

    UNGATED = "ungated"
    GATED = "gated"
    FOUR_EYES = "four_eyes"


APPROVALS: dict[CaseKind, int] = {CaseKind.UNGATED: 0, CaseKind.GATED: 1, CaseKind.FOUR_EYES: 2}
"""Caseworker decisions each kind of case needs."""


@dataclass(frozen=True)
class BenchCase:
    """A prepared case: who reports what, and which path it will take.

    Attributes:
        kind: The path the case will take.
        bsn: The reporter's BSN (the case is about them).
        body: The report's body (`POST /v1/life-events`) without its day.
        day_field: The body's field that takes the day of the run (the event's date).
    """

    kind: CaseKind
    bsn: str
    body: Mapping[str, Any]
    day_field: str | None = None

    def report(self, day: date) -> dict[str, Any]:
        """The body of `POST /v1/life-events` for this case, reported on `day`."""
        dated = {self.day_field: day.isoformat()} if self.day_field else {}
        return {**self.body, **dated}


@dataclass(frozen=True, slots=True)
class Bench:
    """A life event's part in `burgerflow bench` (its `extras["bench"]`).

    Attributes:
        municipality: The gemeentecode whose caseworkers decide the bench cases' gates.
        prepare: Makes one case per kind, in order, through the population; the cases'
            reporters have no other open case.
        approvals: Caseworker decisions each kind of case takes in all (over all its
            gates); a life event whose every case waits for a person (the death's deed)
            says so here.
    """

    municipality: str
    prepare: Callable[[Population, Sequence[CaseKind]], Awaitable[list[BenchCase]]]
    approvals: Mapping[CaseKind, int] = field(default_factory=lambda: dict(APPROVALS))
