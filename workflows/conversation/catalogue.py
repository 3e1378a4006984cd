"""The intake assistant's catalogue: the life events of the list that citizens may report in
the chat, each with its `IntakeSpec` and the intake check of `POST /v1/life-events`.

Read from the list of life events each time it is asked, so a life event added later (or
for a while, by a test) is in it.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError

from agents.intake.spec import INTAKE_EXTRA, CatalogueEntry, IntakeSpec, ReportCheck
from burgerflow.core.constants import Role
from workflows.case.life_event import LifeEvent
from workflows.life_events import LIFE_EVENTS


def report_check(event: LifeEvent) -> ReportCheck:
    """A check of a report body as intake does it: the life event's report model, then its
    checks that depend on the day."""

    def check(body: dict[str, Any], today: date) -> Sequence[tuple[str, str]]:
        try:
            report = event.report.model_validate(body)
        except ValidationError as error:
            return [
                (".".join(str(p) for p in e["loc"]) or "body", str(e["msg"]))
                for e in error.errors()
            ]
        return [(p.name, p.reason) for p in event.check_report(report, today)]

    return check


def intake_spec(event: LifeEvent) -> IntakeSpec | None:
    """The life event's spec for the chat, when citizens may report it there."""
    spec = event.extras.get(INTAKE_EXTRA)
    if not isinstance(spec, IntakeSpec) or Role.CITIZEN not in event.reporters:
        return None
    return spec


def intake_catalogue() -> list[CatalogueEntry]:
    """Every life event of the list a citizen may report in the chat, in the list's order."""
    return [
        CatalogueEntry(spec=spec, title=dict(event.title), check=report_check(event))
        for event in LIFE_EVENTS
        if (spec := intake_spec(event)) is not None
    ]
